package attestkit.checks.aws.elbv2.listeners_use_tls_test

import data.attestkit.checks.aws.elbv2.listeners_use_tls as check

_https := {"Port": 443, "Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "DefaultActions": [{"Type": "forward", "TargetGroupArn": "tg"}]}

_redirect := {"Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]}

_forward := {"Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "forward", "TargetGroupArn": "tg"}]}

_lb(name, type, listeners, errors) := {
	"id": sprintf("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/%s/50dc6c495c0c9188", [name]),
	"type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"LoadBalancerName": name, "Type": type, "Scheme": "internet-facing"}, _listeners(listeners)),
	"errors": errors,
}

_listeners(null) := {}

_listeners(listeners) := {"Listeners": listeners} if listeners != null

_id(name) := sprintf("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/%s/50dc6c495c0c9188", [name])

_input(lbs) := {"resources": {"AWS::ElasticLoadBalancingV2::LoadBalancer": lbs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_https_and_redirect if {
	rs := check.results with input as _input([_lb("portal", "application", [_https, _redirect], [])])
	_status(rs, _id("portal")) == {"pass"}
}

test_pass_https_only if {
	rs := check.results with input as _input([_lb("api", "application", [_https], [])])
	_status(rs, _id("api")) == {"pass"}
}

test_fail_http_forwarded if {
	rs := check.results with input as _input([_lb("admin", "application", [_https, _forward], [])])
	_status(rs, _id("admin")) == {"fail"}
	some r in rs
	r.message == "plain HTTP served on port(s) 80"
	r.evidence == {"Listeners": [
		{"Port": 443, "Protocol": "HTTPS", "redirects_to_https": false},
		{"Port": 80, "Protocol": "HTTP", "redirects_to_https": false},
	]}
}

test_fail_redirect_to_http if {
	listener := json.patch(_redirect, [{"op": "replace", "path": "/DefaultActions/0/RedirectConfig/Protocol", "value": "#{protocol}"}])
	rs := check.results with input as _input([_lb("loop", "application", [listener], [])])
	_status(rs, _id("loop")) == {"fail"}
}

test_error_listeners_unreadable if {
	errors := [{"api": "elbv2:DescribeListeners", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_lb("unknown", "application", null, errors)])
	_status(rs, _id("unknown")) == {"error"}
}

test_no_result_network_load_balancer if {
	rs := check.results with input as _input([_lb("hl7", "network", [{"Port": 2575, "Protocol": "TCP", "DefaultActions": []}], [])])
	count(rs) == 0
}
