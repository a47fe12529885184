package attestkit.checks.aws.opensearch.domain_node_to_node_encryption_test

import data.attestkit.checks.aws.opensearch.domain_node_to_node_encryption as check

_id(name) := sprintf("arn:aws:es:us-east-1:111122223333:domain/%s", [name])

_domain(name, status, errors) := {
	"id": _id(name),
	"type": "AWS::OpenSearchService::Domain",
	"account": "111122223333",
	"region": "us-east-1",
	"config": _config(name, status, errors),
	"errors": errors,
}

# A failed DescribeDomain leaves DomainStatus absent.
_config(name, status, errors) := {"DomainName": name, "EngineType": "OpenSearch"} if {
	count(errors) > 0
} else := {"DomainName": name, "EngineType": "OpenSearch", "DomainStatus": object.union({"DomainName": name, "ARN": _id(name)}, status)}

_input(domains) := {"resources": {"AWS::OpenSearchService::Domain": domains}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_good := {"NodeToNodeEncryptionOptions": {"Enabled": true}}

_denied := [{"api": "opensearch:DescribeDomain", "code": "AccessDeniedException", "message": "denied"}]

test_pass_configured if {
	rs := check.results with input as _input([_domain("search", _good, [])])
	_status(rs, _id("search")) == {"pass"}
}

test_fail_disabled if {
	rs := check.results with input as _input([_domain("search", {"NodeToNodeEncryptionOptions": {"Enabled": false}}, [])])
	_status(rs, _id("search")) == {"fail"}
}

test_fail_options_missing if {
	rs := check.results with input as _input([_domain("search", {}, [])])
	_status(rs, _id("search")) == {"fail"}
}

test_error_describe_denied if {
	rs := check.results with input as _input([_domain("search", {}, _denied)])
	_status(rs, _id("search")) == {"error"}
}

test_each_domain_gets_exactly_one_status if {
	domains := [_domain("good", _good, []), _domain("bad", {}, []), _domain("unreadable", {}, _denied)]
	rs := check.results with input as _input(domains)
	expected := {"good": "pass", "bad": "fail", "unreadable": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

test_no_result_without_domains if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
