package attestkit.checks.aws.cloudfront.minimum_tls_12_test

import data.attestkit.checks.aws.cloudfront.minimum_tls_12 as check

_distribution(id, certificate) := {
	"id": sprintf("arn:aws:cloudfront::111122223333:distribution/%s", [id]),
	"type": "AWS::CloudFront::Distribution",
	"account": "111122223333",
	"region": "global",
	"name": id,
	"config": {"Id": id, "ViewerCertificate": certificate},
	"errors": [],
}

_acm(minimum) := {
	"CloudFrontDefaultCertificate": false,
	"ACMCertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/c",
	"SSLSupportMethod": "sni-only",
	"MinimumProtocolVersion": minimum,
}

_id(id) := sprintf("arn:aws:cloudfront::111122223333:distribution/%s", [id])

_input(ds) := {"resources": {"AWS::CloudFront::Distribution": ds}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_tls12_2021 if {
	rs := check.results with input as _input([_distribution("E1", _acm("TLSv1.2_2021"))])
	_status(rs, _id("E1")) == {"pass"}
}

test_pass_tls13 if {
	rs := check.results with input as _input([_distribution("E2", _acm("TLSv1.3_2025"))])
	_status(rs, _id("E2")) == {"pass"}
}

test_fail_tls1_2016 if {
	rs := check.results with input as _input([_distribution("E3", _acm("TLSv1_2016"))])
	_status(rs, _id("E3")) == {"fail"}
}

test_fail_tls11 if {
	rs := check.results with input as _input([_distribution("E4", _acm("TLSv1.1_2016"))])
	_status(rs, _id("E4")) == {"fail"}
}

test_fail_default_certificate if {
	rs := check.results with input as _input([_distribution("E5", {"CloudFrontDefaultCertificate": true, "MinimumProtocolVersion": "TLSv1"})])
	_status(rs, _id("E5")) == {"fail"}
	some r in rs
	r.message == "default CloudFront certificate: viewers may use TLSv1"
}

test_fail_default_certificate_whatever_minimum_it_reports if {
	rs := check.results with input as _input([_distribution("E6", {"CloudFrontDefaultCertificate": true, "MinimumProtocolVersion": "TLSv1.2_2021"})])
	_status(rs, _id("E6")) == {"fail"}
}

test_fail_certificate_absent if {
	d := json.patch(_distribution("E7", {}), [{"op": "remove", "path": "/config/ViewerCertificate"}])
	rs := check.results with input as _input([d])
	_status(rs, _id("E7")) == {"fail"}
}

test_no_result_without_distributions if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(certificate) := object.union(_distribution("cdn", certificate), {"config": {"_terraform": {"unknown": ["ViewerCertificate.MinimumProtocolVersion"]}}})

test_error_minimum_known_after_apply if {
	rs := check.results with input as _input([_planned(_acm("(known after apply)"))])
	_status(rs, _id("cdn")) == {"error"}
	some r in rs
	r.evidence == {
		"ViewerCertificate.CloudFrontDefaultCertificate": false,
		"ViewerCertificate.MinimumProtocolVersion": "(known after apply)",
		"known_after_apply": ["ViewerCertificate.MinimumProtocolVersion"],
	}
	startswith(r.message, "cannot judge before apply: ViewerCertificate.MinimumProtocolVersion")
}

test_fail_default_certificate_decides_before_apply if {
	certificate := {"CloudFrontDefaultCertificate": true, "MinimumProtocolVersion": "(known after apply)"}
	rs := check.results with input as _input([_planned(certificate)])
	_status(rs, _id("cdn")) == {"fail"}
}
