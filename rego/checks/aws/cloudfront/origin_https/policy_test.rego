package attestkit.checks.aws.cloudfront.origin_https_test

import data.attestkit.checks.aws.cloudfront.origin_https as check

_custom(id, policy) := {"Id": id, "DomainName": sprintf("%s.example.com", [id]), "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": policy}}

_s3(id) := {"Id": id, "DomainName": sprintf("%s.s3.amazonaws.com", [id]), "S3OriginConfig": {"OriginAccessIdentity": ""}}

_distribution(id, origins, viewer) := {
	"id": sprintf("arn:aws:cloudfront::111122223333:distribution/%s", [id]),
	"type": "AWS::CloudFront::Distribution",
	"account": "111122223333",
	"region": "global",
	"name": id,
	"config": {
		"Id": id,
		"Origins": {"Quantity": count(origins), "Items": origins},
		"DefaultCacheBehavior": {"TargetOriginId": origins[0].Id, "ViewerProtocolPolicy": viewer},
		"CacheBehaviors": {"Quantity": 0},
	},
	"errors": [],
}

_id(id) := sprintf("arn:aws:cloudfront::111122223333:distribution/%s", [id])

_input(ds) := {"resources": {"AWS::CloudFront::Distribution": ds}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_https_only if {
	rs := check.results with input as _input([_distribution("E1", [_custom("alb", "https-only")], "redirect-to-https")])
	_status(rs, _id("E1")) == {"pass"}
}

test_pass_match_viewer_when_viewers_use_https if {
	rs := check.results with input as _input([_distribution("E2", [_custom("api", "match-viewer")], "https-only")])
	_status(rs, _id("E2")) == {"pass"}
}

test_fail_http_only if {
	rs := check.results with input as _input([_distribution("E3", [_custom("site", "http-only")], "allow-all")])
	_status(rs, _id("E3")) == {"fail"}
	some r in rs
	r.evidence == {"Origins[].CustomOriginConfig.OriginProtocolPolicy": {"site": "http-only"}}
}

test_fail_match_viewer_when_viewers_may_use_http if {
	rs := check.results with input as _input([_distribution("E4", [_custom("api", "match-viewer")], "allow-all")])
	_status(rs, _id("E4")) == {"fail"}
}

test_fail_one_of_two_origins if {
	rs := check.results with input as _input([_distribution("E5", [_custom("alb", "https-only"), _custom("legacy", "http-only")], "https-only")])
	_status(rs, _id("E5")) == {"fail"}
	some r in rs
	r.message == "origin reached over HTTP: legacy.example.com (http-only)"
}

test_no_result_s3_origins_only if {
	rs := check.results with input as _input([_distribution("E6", [_s3("video")], "allow-all")])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(origins, viewer, unknown) := object.union(_distribution("cdn", origins, viewer), {"config": {"_terraform": {"unknown": unknown}}})

_origin_path := "Origins.Items[].CustomOriginConfig.OriginProtocolPolicy"

test_error_origin_policy_known_after_apply if {
	d := _planned([_custom("api", "(known after apply)")], "https-only", [_origin_path])
	rs := check.results with input as _input([d])
	_status(rs, _id("cdn")) == {"error"}
	some r in rs
	r.evidence == {
		"Origins[].CustomOriginConfig.OriginProtocolPolicy": {"api": "(known after apply)"},
		"known_after_apply": [_origin_path],
	}
	startswith(r.message, "cannot judge before apply: Origins.Items[].CustomOriginConfig.OriginProtocolPolicy")
}

test_error_match_viewer_viewer_policy_known_after_apply if {
	d := _planned([_custom("api", "match-viewer")], "(known after apply)", ["DefaultCacheBehavior.ViewerProtocolPolicy"])
	rs := check.results with input as _input([d])
	_status(rs, _id("cdn")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["DefaultCacheBehavior.ViewerProtocolPolicy"]
}

test_pass_https_only_whatever_viewer_policy if {
	d := _planned([_custom("api", "https-only")], "(known after apply)", ["DefaultCacheBehavior.ViewerProtocolPolicy"])
	rs := check.results with input as _input([d])
	_status(rs, _id("cdn")) == {"pass"}
}

test_fail_known_http_origin_decides_before_apply if {
	d := _planned([_custom("api", "(known after apply)"), _custom("legacy", "http-only")], "https-only", [_origin_path])
	rs := check.results with input as _input([d])
	_status(rs, _id("cdn")) == {"fail"}
	some r in rs
	r.message == "origin reached over HTTP: legacy.example.com (http-only)"
}

# An origin whose whole custom_origin_config block Terraform knows only after apply (a dynamic
# block over such a value) may be a custom origin: written with an unknown policy, listed.
_config_path := "Origins.Items[].CustomOriginConfig"

_maybe_custom(id) := {"Id": id, "DomainName": sprintf("%s.example.com", [id]), "CustomOriginConfig": {"OriginProtocolPolicy": "(known after apply)"}}

test_error_custom_origin_config_known_after_apply if {
	d := _planned([_maybe_custom("api")], "https-only", [_config_path])
	rs := check.results with input as _input([d])
	_status(rs, _id("cdn")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == [_config_path]
	r.message == sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [_config_path])
}

test_error_custom_origin_config_known_after_apply_beside_an_s3_origin if {
	d := _planned([_s3("assets"), _maybe_custom("api")], "https-only", [_config_path])
	rs := check.results with input as _input([d])
	_status(rs, _id("cdn")) == {"error"}
}

test_fail_known_http_origin_decides_despite_custom_origin_config_known_after_apply if {
	d := _planned([_maybe_custom("api"), _custom("legacy", "http-only")], "https-only", [_config_path])
	rs := check.results with input as _input([d])
	_status(rs, _id("cdn")) == {"fail"}
}
