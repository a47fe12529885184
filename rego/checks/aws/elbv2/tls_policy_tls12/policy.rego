# METADATA
# title: Load balancer TLS listeners accept only TLS 1.2 or newer
# description: |
#   Every HTTPS or TLS listener of the load balancer uses a security policy whose protocols
#   (SslPolicies[].SslProtocols, from DescribeSSLPolicies) are only TLSv1.2 and TLSv1.3, so
#   no client can negotiate TLS 1.0 or 1.1, which have known weaknesses. Load balancers
#   without HTTPS or TLS listeners are not judged. A load balancer whose listeners or policy
#   definitions could not be read is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
# custom:
#   id: aws.elbv2.tls_policy_tls12
#   severity: medium
#   resource_types: [AWS::ElasticLoadBalancingV2::LoadBalancer]
#   remediation: |
#     aws elbv2 modify-listener --listener-arn LISTENER_ARN --ssl-policy
#     ELBSecurityPolicy-TLS13-1-2-2021-06 (or another policy allowing only TLS 1.2 and 1.3)
package attestkit.checks.aws.elbv2.tls_policy_tls12

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_listeners_api := "elbv2:DescribeListeners"

_apis := [_listeners_api, "elbv2:DescribeSSLPolicies"]

_tls_protocols := {"HTTPS", "TLS"}

_modern := {"TLSv1.2", "TLSv1.3"}

results contains result.error(lb, inventory.read_error_message(lb, _apis), {"errors": inventory.read_errors(lb, _apis)}) if {
	some lb in inventory.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	_may_apply(lb)
	inventory.any_read_failed(lb, _apis)
}

results contains result.pass(lb, sprintf("TLS listeners use %s", [concat(", ", _policies(lb))]), _evidence(lb)) if {
	some lb in inventory.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	_applies(lb)
	not inventory.any_read_failed(lb, _apis)
	_compliant(lb)
}

results contains result.fail(lb, msg, _evidence(lb)) if {
	some lb in inventory.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	_applies(lb)
	not inventory.any_read_failed(lb, _apis)
	not _compliant(lb)
	msg := sprintf("policy allows protocols older than TLS 1.2: %s", [concat(", ", [p | some p in _policies(lb); not _modern_policy(lb, p)])])
}

_tls_listeners(lb) := [l | some l in inventory.array_at(lb.config, "Listeners"); l.Protocol in _tls_protocols]

_applies(lb) if {
	not inventory.read_failed(lb, _listeners_api)
	count(_tls_listeners(lb)) > 0
}

# Without its listeners the check cannot tell whether the load balancer terminates TLS.
_may_apply(lb) if _applies(lb)

_may_apply(lb) if inventory.read_failed(lb, _listeners_api)

_policies(lb) := sort({object.get(l, "SslPolicy", "none") | some l in _tls_listeners(lb)})

_protocols(lb, name) := protocols if {
	some p in inventory.array_at(lb.config, "SslPolicies")
	p.Name == name
	protocols := inventory.array_at(p, "SslProtocols")
}

# A policy is modern when it is described and allows nothing older than TLS 1.2.
_modern_policy(lb, name) if {
	protocols := _protocols(lb, name)
	count(protocols) > 0
	every protocol in protocols {
		protocol in _modern
	}
}

_compliant(lb) if {
	every name in _policies(lb) {
		_modern_policy(lb, name)
	}
}

_evidence(lb) := {"Listeners[HTTPS,TLS]": [{
	"Port": object.get(l, "Port", null),
	"Protocol": l.Protocol,
	"SslPolicy": object.get(l, "SslPolicy", null),
	"SslProtocols": _described(lb, object.get(l, "SslPolicy", null)),
} |
	some l in _tls_listeners(lb)
]}

_described(lb, name) := _protocols(lb, name) if {
	_protocols(lb, name)
} else := null
