package attestkit.checks.aws.elbv2.tls_policy_tls12_test

import data.attestkit.checks.aws.elbv2.tls_policy_tls12 as check

_modern := "ELBSecurityPolicy-TLS13-1-2-2021-06"

_old := "ELBSecurityPolicy-2016-08"

_described := {
	_modern: {"Name": _modern, "SslProtocols": ["TLSv1.3", "TLSv1.2"], "Ciphers": []},
	_old: {"Name": _old, "SslProtocols": ["TLSv1.2", "TLSv1.1", "TLSv1"], "Ciphers": []},
}

_listener(protocol, port, policy) := {"Port": port, "Protocol": protocol, "SslPolicy": policy, "DefaultActions": []}

_lb(name, type, listeners, errors) := {
	"id": sprintf("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/%s", [name]),
	"type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": {
		"LoadBalancerName": name,
		"Type": type,
		"Listeners": listeners,
		"SslPolicies": [_described[p] | some p in {l.SslPolicy | some l in listeners; l.Protocol in {"HTTPS", "TLS"}}; _described[p]],
	},
	"errors": errors,
}

_id(name) := sprintf("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/%s", [name])

_input(lbs) := {"resources": {"AWS::ElasticLoadBalancingV2::LoadBalancer": lbs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_tls13_policy if {
	rs := check.results with input as _input([_lb("portal", "application", [_listener("HTTPS", 443, _modern)], [])])
	_status(rs, _id("portal")) == {"pass"}
}

test_pass_network_tls_listener if {
	rs := check.results with input as _input([_lb("hl7", "network", [_listener("TLS", 6661, _modern)], [])])
	_status(rs, _id("hl7")) == {"pass"}
}

test_pass_http_listener_policy_ignored if {
	listeners := [_listener("HTTPS", 443, _modern), _listener("HTTP", 80, _old)]
	rs := check.results with input as _input([_lb("portal", "application", listeners, [])])
	_status(rs, _id("portal")) == {"pass"}
}

test_fail_old_policy if {
	rs := check.results with input as _input([_lb("admin", "application", [_listener("HTTPS", 443, _old)], [])])
	_status(rs, _id("admin")) == {"fail"}
	some r in rs
	r.evidence == {"Listeners[HTTPS,TLS]": [{"Port": 443, "Protocol": "HTTPS", "SslPolicy": _old, "SslProtocols": ["TLSv1.2", "TLSv1.1", "TLSv1"]}]}
}

test_fail_one_old_listener_among_modern if {
	listeners := [_listener("HTTPS", 443, _modern), _listener("HTTPS", 8443, _old)]
	rs := check.results with input as _input([_lb("mixed", "application", listeners, [])])
	_status(rs, _id("mixed")) == {"fail"}
}

test_fail_policy_not_described if {
	rs := check.results with input as _input([_lb("odd", "application", [_listener("HTTPS", 443, "ELBSecurityPolicy-Unknown")], [])])
	_status(rs, _id("odd")) == {"fail"}
}

test_error_policies_unreadable if {
	lb := json.patch(_lb("portal", "application", [_listener("HTTPS", 443, _modern)], [{"api": "elbv2:DescribeSSLPolicies", "code": "AccessDenied", "message": "denied"}]), [{"op": "remove", "path": "/config/SslPolicies"}])
	rs := check.results with input as _input([lb])
	_status(rs, _id("portal")) == {"error"}
}

test_error_listeners_unreadable if {
	lb := {
		"id": _id("unknown"), "type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "account": "111122223333",
		"region": "us-east-1", "config": {"LoadBalancerName": "unknown", "Type": "application"},
		"errors": [{"api": "elbv2:DescribeListeners", "code": "AccessDenied", "message": "denied"}],
	}
	rs := check.results with input as _input([lb])
	_status(rs, _id("unknown")) == {"error"}
}

test_no_result_without_tls_listeners if {
	rs := check.results with input as _input([_lb("gw", "gateway", [{"Port": 6081, "Protocol": "GENEVE", "DefaultActions": []}], [])])
	count(rs) == 0
}
