# METADATA
# title: Application load balancers serve only HTTPS
# description: |
#   Every listener of the application load balancer either terminates TLS (Protocol HTTPS)
#   or answers plain HTTP only with a redirect to HTTPS (a default action of Type redirect
#   with RedirectConfig.Protocol HTTPS), so no request or response travels unencrypted
#   between clients and the load balancer. Network and gateway load balancers are not judged:
#   their TCP and UDP listeners may carry TLS end to end, which the listener cannot show. A
#   load balancer whose listeners could not be read is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
# custom:
#   id: aws.elbv2.listeners_use_tls
#   severity: high
#   resource_types: [AWS::ElasticLoadBalancingV2::LoadBalancer]
#   remediation: |
#     Add an HTTPS listener (aws elbv2 create-listener --protocol HTTPS --port 443 --certificates
#     CertificateArn=CERT --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 ...), then make each HTTP
#     listener redirect: aws elbv2 modify-listener --listener-arn ARN --default-actions
#     'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'
package attestkit.checks.aws.elbv2.listeners_use_tls

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["elbv2:DescribeListeners"]

results contains result.error(lb, inventory.read_error_message(lb, _apis), {"errors": inventory.read_errors(lb, _apis)}) if {
	some lb in _albs
	inventory.any_read_failed(lb, _apis)
}

results contains result.pass(lb, _pass_message(lb), _evidence(lb)) if {
	some lb in _albs
	not inventory.any_read_failed(lb, _apis)
	_compliant(lb)
}

results contains result.fail(lb, msg, _evidence(lb)) if {
	some lb in _albs
	not inventory.any_read_failed(lb, _apis)
	not _compliant(lb)
	msg := sprintf("plain HTTP served on port(s) %s", [concat(", ", [sprintf("%v", [l.Port]) | some l in _listeners(lb); not _secure(l)])])
}

_albs := [lb | some lb in inventory.resources("AWS::ElasticLoadBalancingV2::LoadBalancer"); lb.config.Type == "application"]

_listeners(lb) := inventory.array_at(lb.config, "Listeners")

_secure(l) if l.Protocol == "HTTPS"

_secure(l) if _redirects_to_https(l)

_redirects_to_https(l) if {
	some a in inventory.array_at(l, "DefaultActions")
	a.Type == "redirect"
	a.RedirectConfig.Protocol == "HTTPS"
}

_redirect_fact(l) := true if _redirects_to_https(l) else := false

_compliant(lb) if {
	every l in _listeners(lb) {
		_secure(l)
	}
}

_pass_message(lb) := "no listeners" if {
	count(_listeners(lb)) == 0
} else := "every listener is HTTPS or redirects to HTTPS"

_evidence(lb) := {"Listeners": [{
	"Port": object.get(l, "Port", null),
	"Protocol": object.get(l, "Protocol", null),
	"redirects_to_https": _redirect_fact(l),
} |
	some l in _listeners(lb)
]}
