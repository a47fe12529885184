package attestkit.checks.aws.ec2.ami_not_public_test

import data.attestkit.checks.aws.ec2.ami_not_public as check

_id(name) := sprintf("arn:aws:ec2:us-east-1:111122223333:image/%s", [name])

_image(name, config) := {
	"id": _id(name),
	"type": "AWS::EC2::Image",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"ImageId": name, "OwnerId": "111122223333", "State": "available"}, config),
	"errors": [],
}

_input(images) := {"resources": {"AWS::EC2::Image": images}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_private if {
	rs := check.results with input as _input([_image("ami-1", {"Public": false})])
	_status(rs, _id("ami-1")) == {"pass"}
}

test_fail_public if {
	rs := check.results with input as _input([_image("ami-2", {"Public": true})])
	_status(rs, _id("ami-2")) == {"fail"}
	some r in rs
	r.evidence == {"Public": true}
}

test_fail_flag_missing if {
	rs := check.results with input as _input([_image("ami-3", {})])
	_status(rs, _id("ami-3")) == {"fail"}
}

test_each_image_gets_exactly_one_status if {
	rs := check.results with input as _input([_image("a", {"Public": false}), _image("b", {"Public": true})])
	_status(rs, _id("a")) == {"pass"}
	_status(rs, _id("b")) == {"fail"}
	count(rs) == 2
}

test_no_result_without_images if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path
# (a launch permission whose group is known only after apply).
test_error_public_known_after_apply if {
	planned := {"Public": "(known after apply)", "_terraform": {"unknown": ["Public"]}}
	rs := check.results with input as _input([_image("golden", planned)])
	_status(rs, _id("golden")) == {"error"}
	some r in rs
	r.evidence == {"Public": "(known after apply)", "known_after_apply": ["Public"]}
	startswith(r.message, "cannot judge before apply: Public")
}

test_fail_permission_for_all_decides_before_apply if {
	# one launch permission is for "all"; another one's group is known only after apply
	planned := {"Public": true, "_terraform": {"unknown": ["Public"]}}
	rs := check.results with input as _input([_image("golden", planned)])
	_status(rs, _id("golden")) == {"fail"}
}
