package attestkit.checks.aws.acm.certificate_not_expiring_30_days_test

import data.attestkit.checks.aws.acm.certificate_not_expiring_30_days as check

# input.collected_at is 2026-11-28T00:00:00Z: 2026-12-28T00:00:00Z is exactly 30 days after it.
_collected_at := "2026-11-28T00:00:00Z"

_id(name) := sprintf("arn:aws:acm:us-east-1:111122223333:certificate/%s", [name])

_cert(name, certificate, errors) := {
	"id": _id(name),
	"type": "AWS::CertificateManager::Certificate",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"CertificateArn": _id(name), "DomainName": "portal.example.com"}, certificate),
	"errors": errors,
}

_described(status, not_after) := {"Certificate": {
	"CertificateArn": "arn",
	"Status": status,
	"Type": "IMPORTED",
	"NotBefore": "2026-01-01T00:00:00Z",
	"NotAfter": not_after,
	"InUseBy": ["arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/portal/1"],
	"RenewalEligibility": "INELIGIBLE",
}}

_input(certs) := {
	"resources": {"AWS::CertificateManager::Certificate": certs},
	"collection_errors": [],
	"collected_at": _collected_at,
}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_valid_for_a_year if {
	rs := check.results with input as _input([_cert("c1", _described("ISSUED", "2027-11-28T00:00:00Z"), [])])
	_status(rs, _id("c1")) == {"pass"}
}

test_pass_exactly_30_days_left if {
	rs := check.results with input as _input([_cert("c1", _described("ISSUED", "2026-12-28T00:00:00Z"), [])])
	_status(rs, _id("c1")) == {"pass"}
}

test_fail_29_days_left if {
	rs := check.results with input as _input([_cert("c2", _described("ISSUED", "2026-12-27T23:59:59Z"), [])])
	_status(rs, _id("c2")) == {"fail"}
}

test_fail_expired if {
	rs := check.results with input as _input([_cert("c3", _described("EXPIRED", "2026-11-01T00:00:00Z"), [])])
	_status(rs, _id("c3")) == {"fail"}
	some r in rs
	r.message == "expired 27 days ago (2026-11-01T00:00:00Z)"
}

test_fail_issued_without_not_after if {
	described := {"Certificate": {"Status": "ISSUED", "Type": "AMAZON_ISSUED"}}
	rs := check.results with input as _input([_cert("c4", described, [])])
	_status(rs, _id("c4")) == {"fail"}
}

test_fail_evidence_has_days_and_users if {
	rs := check.results with input as _input([_cert("c2", _described("ISSUED", "2026-12-10T12:00:00Z"), [])])
	some r in rs
	r.evidence["days_until_expiry"] == 12
	count(r.evidence["Certificate.InUseBy"]) == 1
}

test_no_result_pending_validation if {
	described := {"Certificate": {"Status": "PENDING_VALIDATION", "Type": "AMAZON_ISSUED"}}
	rs := check.results with input as _input([_cert("c5", described, [])])
	_status(rs, _id("c5")) == set()
}

test_error_describe_denied if {
	errors := [{"api": "acm:DescribeCertificate", "code": "AccessDeniedException", "message": "denied"}]
	rs := check.results with input as _input([_cert("c6", {}, errors)])
	_status(rs, _id("c6")) == {"error"}
}

test_each_certificate_gets_at_most_one_status if {
	certs := [
		_cert("ok", _described("ISSUED", "2027-06-01T00:00:00Z"), []),
		_cert("soon", _described("ISSUED", "2026-12-01T00:00:00Z"), []),
		_cert("pending", {"Certificate": {"Status": "PENDING_VALIDATION"}}, []),
		_cert("denied", {}, [{"api": "acm:DescribeCertificate", "code": "AccessDenied", "message": "denied"}]),
	]
	rs := check.results with input as _input(certs)
	expected := {"ok": {"pass"}, "soon": {"fail"}, "pending": set(), "denied": {"error"}}
	every name, statuses in expected {
		_status(rs, _id(name)) == statuses
	}
}

test_no_result_without_certificates if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
