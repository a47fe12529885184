# METADATA
# title: CloudFront distributions require HTTPS from viewers
# description: |
#   Every cache behaviour of the distribution, the default one and each path pattern,
#   has a ViewerProtocolPolicy of https-only or redirect-to-https, so no viewer request or
#   response travels unencrypted between browsers and CloudFront.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
# custom:
#   id: aws.cloudfront.viewer_https
#   severity: high
#   resource_types: [AWS::CloudFront::Distribution]
#   remediation: |
#     aws cloudfront get-distribution-config --id ID > config.json, set ViewerProtocolPolicy to
#     redirect-to-https in DefaultCacheBehavior and every CacheBehaviors item, then
#     aws cloudfront update-distribution --id ID --if-match ETAG --distribution-config file://config.json
package attestkit.checks.aws.cloudfront.viewer_https

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_https := {"https-only", "redirect-to-https"}

# Paths a Terraform plan can leave known only after apply.
_paths := ["DefaultCacheBehavior.ViewerProtocolPolicy", "CacheBehaviors.Items[].ViewerProtocolPolicy"]

results contains result.error(d, inventory.after_apply_message(d, _paths), inventory.with_unknown(d, _paths, _evidence(d))) if {
	some d in inventory.resources("AWS::CloudFront::Distribution")
	_undecided(d)
}

results contains result.pass(d, "every cache behaviour requires HTTPS", _evidence(d)) if {
	some d in inventory.resources("AWS::CloudFront::Distribution")
	not _undecided(d)
	_compliant(d)
}

results contains result.fail(d, msg, _evidence(d)) if {
	some d in inventory.resources("AWS::CloudFront::Distribution")
	not _undecided(d)
	not _compliant(d)
	msg := sprintf("HTTP allowed for %s", [concat(", ", [b.path | some b in _behaviours(d); _allows_http(b)])])
}

# The default behaviour (path "*") and every ordered one, with their viewer protocol policy.
_behaviours(d) := array.concat(
	[{"path": "*", "policy": object.get(d.config, ["DefaultCacheBehavior", "ViewerProtocolPolicy"], null)}],
	[{"path": object.get(b, "PathPattern", null), "policy": object.get(b, "ViewerProtocolPolicy", null)} |
		some b in inventory.array_at(object.get(d.config, "CacheBehaviors", null), "Items")
	],
)

_compliant(d) if {
	every b in _behaviours(d) {
		b.policy in _https
	}
}

# A behaviour known to allow HTTP; one whose policy is known only after apply may not.
_allows_http(b) if {
	not b.policy in _https
	not inventory.unknown_until_apply(b.policy)
}

# A behaviour known to allow HTTP fails whatever the others turn out to be.
_undecided(d) if {
	inventory.known_after_apply(d, _paths)
	not _compliant(d)
	every b in _behaviours(d) {
		not _allows_http(b)
	}
}

_evidence(d) := {"CacheBehaviors[].ViewerProtocolPolicy": {b.path: b.policy | some b in _behaviours(d)}}
