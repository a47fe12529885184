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
