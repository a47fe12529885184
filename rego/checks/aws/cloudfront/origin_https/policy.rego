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
#   only, so they fail.
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

results contains result.pass(d, "custom origins reached over HTTPS", _evidence(d)) if {
	some d in _judged
	_compliant(d)
}

results contains result.fail(d, msg, _evidence(d)) if {
	some d in _judged
	not _compliant(d)
	msg := sprintf("origin reached over HTTP: %s", [concat(", ", [_origin_name(o) | some o in _custom_origins(d); not _secure(d, o)])])
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
	d.config.DefaultCacheBehavior.ViewerProtocolPolicy in _viewer_https
	every b in inventory.array_at(object.get(d.config, "CacheBehaviors", null), "Items") {
		b.ViewerProtocolPolicy in _viewer_https
	}
}

_compliant(d) if {
	every o in _custom_origins(d) {
		_secure(d, o)
	}
}

_evidence(d) := {"Origins[].CustomOriginConfig.OriginProtocolPolicy": {o.Id: object.get(o.CustomOriginConfig, "OriginProtocolPolicy", null) | some o in _custom_origins(d)}}
