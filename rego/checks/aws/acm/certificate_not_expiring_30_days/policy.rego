# METADATA
# title: ACM certificates do not expire within 30 days
# description: |
#   Every issued or expired ACM certificate is valid for at least 30 more days after the
#   collection (Certificate.NotAfter against input.collected_at), so TLS to the services
#   using it does not break or fall back to warnings users click through. ACM renews the
#   certificates it issues about 60 days before expiry; imported ones are never renewed.
#   Certificates pending validation, failed, revoked or inactive are not judged. The
#   resources using each certificate (InUseBy) are part of the evidence.
# related_resources:
#   - ref: https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html
#   - ref: https://docs.aws.amazon.com/acm/latest/userguide/import-reimport.html
#   - ref: https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html
# custom:
#   id: aws.acm.certificate_not_expiring_30_days
#   severity: medium
#   resource_types: [AWS::CertificateManager::Certificate]
#   remediation: |
#     For an imported certificate, obtain a new one and re-import it in place:
#     aws acm import-certificate --certificate-arn ARN --certificate fileb://cert.pem
#     --private-key fileb://key.pem --certificate-chain fileb://chain.pem; for an ACM-issued
#     one, fix what blocks managed renewal (aws acm describe-certificate --certificate-arn ARN
#     shows RenewalSummary) or request a replacement and move its users to it.
package attestkit.checks.aws.acm.certificate_not_expiring_30_days

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::CertificateManager::Certificate"

_apis := ["acm:DescribeCertificate"]

_min_days := 30

_day_ns := ((24 * 60) * 60) * 1000000000

_judged_statuses := {"ISSUED", "EXPIRED"}

results contains result.error(c, inventory.read_error_message(c, _apis), {"errors": inventory.read_errors(c, _apis)}) if {
	some c in inventory.resources(_type)
	inventory.any_read_failed(c, _apis)
}

results contains result.pass(c, sprintf("valid for %d more days (until %s)", [_days_left(c), c.config.Certificate.NotAfter]), _evidence(c)) if {
	some c in inventory.resources(_type)
	not inventory.any_read_failed(c, _apis)
	_judged(c)
	_compliant(c)
}

results contains result.fail(c, _fail_message(c), _evidence(c)) if {
	some c in inventory.resources(_type)
	not inventory.any_read_failed(c, _apis)
	_judged(c)
	not _compliant(c)
}

_judged(c) if c.config.Certificate.Status in _judged_statuses

_compliant(c) if {
	c.config.Certificate.Status == "ISSUED"
	_days_left(c) >= _min_days
}

_remaining_ns(c) := time.parse_rfc3339_ns(c.config.Certificate.NotAfter) - inventory.collected_at_ns

_days_left(c) := floor(_remaining_ns(c) / _day_ns) if {
	is_string(c.config.Certificate.NotAfter)
} else := null

_fail_message(c) := "issued certificate without NotAfter" if {
	_days_left(c) == null
} else := sprintf("expired %d days ago (%s)", [0 - _days_left(c), c.config.Certificate.NotAfter]) if {
	_days_left(c) < 0
} else := sprintf("expires in %d days (%s), less than %d", [_days_left(c), c.config.Certificate.NotAfter, _min_days])

_evidence(c) := {
	"Certificate.Status": object.get(c.config, ["Certificate", "Status"], null),
	"Certificate.Type": object.get(c.config, ["Certificate", "Type"], null),
	"Certificate.NotAfter": object.get(c.config, ["Certificate", "NotAfter"], null),
	"days_until_expiry": _days_left(c),
	"Certificate.RenewalEligibility": object.get(c.config, ["Certificate", "RenewalEligibility"], null),
	"Certificate.InUseBy": inventory.array_at(c.config, ["Certificate", "InUseBy"]),
}
