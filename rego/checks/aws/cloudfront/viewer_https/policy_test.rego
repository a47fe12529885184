package attestkit.checks.aws.cloudfront.viewer_https_test

import data.attestkit.checks.aws.cloudfront.viewer_https as check

_distribution(id, default_policy, ordered) := {
	"id": sprintf("arn:aws:cloudfront::111122223333:distribution/%s", [id]),
	"type": "AWS::CloudFront::Distribution",
	"account": "111122223333",
	"region": "global",
	"name": id,
	"config": {
		"Id": id,
		"DefaultCacheBehavior": {"TargetOriginId": "primary", "ViewerProtocolPolicy": default_policy},
		"CacheBehaviors": {"Quantity": count(ordered), "Items": [{"PathPattern": p, "ViewerProtocolPolicy": v} | some [p, v] in ordered]},
	},
	"errors": [],
}

_id(id) := sprintf("arn:aws:cloudfront::111122223333:distribution/%s", [id])

_input(ds) := {"resources": {"AWS::CloudFront::Distribution": ds}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_redirect_and_https_only if {
	rs := check.results with input as _input([_distribution("E1", "redirect-to-https", [["/api/*", "https-only"]])])
	_status(rs, _id("E1")) == {"pass"}
}

test_pass_no_ordered_behaviours if {
	d := json.patch(_distribution("E2", "https-only", []), [{"op": "replace", "path": "/config/CacheBehaviors", "value": {"Quantity": 0}}])
	rs := check.results with input as _input([d])
	_status(rs, _id("E2")) == {"pass"}
}

test_fail_default_allows_http if {
	rs := check.results with input as _input([_distribution("E3", "allow-all", [])])
	_status(rs, _id("E3")) == {"fail"}
	some r in rs
	r.message == "HTTP allowed for *"
}

test_fail_one_path_allows_http if {
	rs := check.results with input as _input([_distribution("E4", "redirect-to-https", [["/static/*", "allow-all"]])])
	_status(rs, _id("E4")) == {"fail"}
	some r in rs
	r.evidence == {"CacheBehaviors[].ViewerProtocolPolicy": {"*": "redirect-to-https", "/static/*": "allow-all"}}
}

test_fail_default_behaviour_absent if {
	d := json.patch(_distribution("E5", "https-only", []), [{"op": "remove", "path": "/config/DefaultCacheBehavior"}])
	rs := check.results with input as _input([d])
	_status(rs, _id("E5")) == {"fail"}
}

test_no_result_without_distributions if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(default_policy, ordered, unknown) := object.union(_distribution("cdn", default_policy, ordered), {"config": {"_terraform": {"unknown": unknown}}})

test_error_ordered_policy_known_after_apply if {
	d := _planned("redirect-to-https", [["/api/*", "(known after apply)"]], ["CacheBehaviors.Items[].ViewerProtocolPolicy"])
	rs := check.results with input as _input([d])
	_status(rs, _id("cdn")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["CacheBehaviors.Items[].ViewerProtocolPolicy"]
	r.evidence["CacheBehaviors[].ViewerProtocolPolicy"] == {"*": "redirect-to-https", "/api/*": "(known after apply)"}
	startswith(r.message, "cannot judge before apply: CacheBehaviors.Items[].ViewerProtocolPolicy")
}

test_error_default_policy_known_after_apply if {
	d := _planned("(known after apply)", [], ["DefaultCacheBehavior.ViewerProtocolPolicy"])
	rs := check.results with input as _input([d])
	_status(rs, _id("cdn")) == {"error"}
}

test_fail_known_http_decides_before_apply if {
	d := _planned("allow-all", [["/api/*", "(known after apply)"]], ["CacheBehaviors.Items[].ViewerProtocolPolicy"])
	rs := check.results with input as _input([d])
	_status(rs, _id("cdn")) == {"fail"}
	some r in rs
	r.message == "HTTP allowed for *"
}
