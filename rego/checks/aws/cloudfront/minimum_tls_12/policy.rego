# METADATA
# title: CloudFront distributions accept viewers on TLS 1.2 or newer only
# description: |
#   The distribution serves its own certificate (ViewerCertificate.CloudFrontDefaultCertificate
#   not true) with a security policy whose MinimumProtocolVersion is TLSv1.2 or TLSv1.3
#   (e.g. TLSv1.2_2021), so viewers cannot negotiate TLS 1.0 or 1.1. With the default
#   *.cloudfront.net certificate CloudFront always accepts TLSv1, so such a distribution fails.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
# custom:
#   id: aws.cloudfront.minimum_tls_12
#   severity: medium
#   resource_types: [AWS::CloudFront::Distribution]
#   remediation: |
#     Use an ACM certificate (us-east-1) for the distribution's alternate domain name and set
#     ViewerCertificate to {"ACMCertificateArn": CERT, "SSLSupportMethod": "sni-only",
#     "MinimumProtocolVersion": "TLSv1.2_2021"} with aws cloudfront update-distribution.
package attestkit.checks.aws.cloudfront.minimum_tls_12

import data.attestkit.lib.inventory
import data.attestkit.lib.result

# Paths a Terraform plan can leave known only after apply.
_paths := ["ViewerCertificate.MinimumProtocolVersion"]

results contains result.error(d, inventory.after_apply_message(d, _paths), inventory.with_unknown(d, _paths, _evidence(d))) if {
	some d in inventory.resources("AWS::CloudFront::Distribution")
	_undecided(d)
}

results contains result.pass(d, sprintf("minimum viewer protocol %v", [_minimum(d)]), _evidence(d)) if {
	some d in inventory.resources("AWS::CloudFront::Distribution")
	not _undecided(d)
	_compliant(d)
}

results contains result.fail(d, _fail_message(d), _evidence(d)) if {
	some d in inventory.resources("AWS::CloudFront::Distribution")
	not _undecided(d)
	not _compliant(d)
}

# The default certificate fails whatever the minimum version turns out to be.
_undecided(d) if {
	inventory.known_after_apply(d, _paths)
	not _default_certificate(d)
}

_certificate(d) := object.get(d.config, "ViewerCertificate", {})

_default_certificate(d) if _certificate(d).CloudFrontDefaultCertificate == true

_minimum(d) := object.get(_certificate(d), "MinimumProtocolVersion", null)

_compliant(d) if {
	not _default_certificate(d)
	is_string(_minimum(d))
	_modern(_minimum(d))
}

_modern(version) if startswith(version, "TLSv1.2")

_modern(version) if startswith(version, "TLSv1.3")

_fail_message(d) := "default CloudFront certificate: viewers may use TLSv1" if {
	_default_certificate(d)
} else := sprintf("minimum viewer protocol %v allows TLS older than 1.2", [_minimum(d)])

_evidence(d) := {
	"ViewerCertificate.CloudFrontDefaultCertificate": object.get(_certificate(d), "CloudFrontDefaultCertificate", null),
	"ViewerCertificate.MinimumProtocolVersion": _minimum(d),
}
