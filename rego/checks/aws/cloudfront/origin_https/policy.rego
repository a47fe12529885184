# METADATA
# title: CloudFront distributions reach custom origins over HTTPS
# description: |
#   Every custom origin of the distribution (an origin with CustomOriginConfig: a load
#   balancer, an API, a web server) is fetched over HTTPS: OriginProtocolPolicy https-only,
#   or match-viewer when every cache behaviour already requires HTTPS from viewers. Requests
#   and responses then stay encrypted on the leg between CloudFront and the origin, which
#   crosses the internet. S3 bucket origins are not judged (CloudFront reaches them over
#   the viewer's protocol, judged by aws.cloudfront.viewer_https); distributions with no
#   custom origin get no result. S3 website endpoints are custom origins and support HTTP
#   only, so they fail. In a Terraform plan, an origin whose policy (or whose whole
#   CustomOriginConfig) is known only after apply makes the distribution `error`, unless
#   another origin is known to be reached over HTTP.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html
# custom:
#   id: aws.cloudfront.origin_https
#   severity: medium
#   resource_types: [AWS::CloudFront::Distribution]
#   remediation: |
#     Give the origin a certificate, then set its CustomOriginConfig.OriginProtocolPolicy to
#     https-only (and OriginSslProtocols to TLSv1.2) with aws cloudfront update-distribution.
package attestkit.checks.aws.cloudfront.origin_https

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_viewer_https := {"https-only", "redirect-to-https"}

# Paths a Terraform plan can leave known only after apply (the viewer policies decide for
# match-viewer origins). An origin whose whole CustomOriginConfig is known only after apply
# may be a custom origin: it is written as one whose policy is known only after apply.
_paths := [
	"Origins.Items[].CustomOriginConfig",
	"Origins.Items[].CustomOriginConfig.OriginProtocolPolicy",
	"DefaultCacheBehavior.ViewerProtocolPolicy",
	"CacheBehaviors.Items[].ViewerProtocolPolicy",
]

results contains result.error(d, inventory.after_apply_message(d, _paths), inventory.with_unknown(d, _paths, _evidence(d))) if {
	some d in _judged
	_undecided(d)
}

results contains result.pass(d, "custom origins reached over HTTPS", _evidence(d)) if {
	some d in _judged
	not _undecided(d)
	_compliant(d)
}

results contains result.fail(d, msg, _evidence(d)) if {
	some d in _judged
	not _undecided(d)
	not _compliant(d)
	msg := sprintf("origin reached over HTTP: %s", [concat(", ", [_origin_name(o) | some o in _custom_origins(d); _insecure(d, o)])])
}

_judged := [d |
	some d in inventory.resources("AWS::CloudFront::Distribution")
	count(_custom_origins(d)) > 0
]

_custom_origins(d) := [o |
	some o in inventory.array_at(object.get(d.config, "Origins", null), "Items")
	is_object(o.CustomOriginConfig)
]

_origin_name(o) := sprintf("%v (%v)", [object.get(o, "DomainName", o.Id), o.CustomOriginConfig.OriginProtocolPolicy])

_secure(_, o) if o.CustomOriginConfig.OriginProtocolPolicy == "https-only"

_secure(d, o) if {
	o.CustomOriginConfig.OriginProtocolPolicy == "match-viewer"
	_viewers_use_https(d)
}

_viewers_use_https(d) if {
	every p in _viewer_policies(d) {
		p in _viewer_https
	}
}

_viewer_policies(d) := array.concat(
	[object.get(d.config, ["DefaultCacheBehavior", "ViewerProtocolPolicy"], null)],
	[object.get(b, "ViewerProtocolPolicy", null) | some b in inventory.array_at(object.get(d.config, "CacheBehaviors", null), "Items")],
)

_compliant(d) if {
	every o in _custom_origins(d) {
		_secure(d, o)
	}
}

# An origin known to be reached over HTTP; not one whose policy, or whose viewers' policies
# for match-viewer, are known only after apply.
_insecure(d, o) if {
	not _secure(d, o)
	not _unsure(d, o)
}

_unsure(_, o) if inventory.unknown_until_apply(o.CustomOriginConfig.OriginProtocolPolicy)

_unsure(d, o) if {
	o.CustomOriginConfig.OriginProtocolPolicy == "match-viewer"
	some p in _viewer_policies(d)
	inventory.unknown_until_apply(p)
	every q in _viewer_policies(d) {
		_viewer_may_use_https(q)
	}
}

_viewer_may_use_https(p) if p in _viewer_https

_viewer_may_use_https(p) if inventory.unknown_until_apply(p)

# An origin known to be reached over HTTP fails whatever the others turn out to be.
_undecided(d) if {
	inventory.known_after_apply(d, _paths)
	not _compliant(d)
	every o in _custom_origins(d) {
		not _insecure(d, o)
	}
}

_evidence(d) := {"Origins[].CustomOriginConfig.OriginProtocolPolicy": {o.Id: object.get(o.CustomOriginConfig, "OriginProtocolPolicy", null) | some o in _custom_origins(d)}}
