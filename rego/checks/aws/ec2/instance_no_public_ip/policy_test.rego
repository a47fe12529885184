package attestkit.checks.aws.ec2.instance_no_public_ip_test

import data.attestkit.checks.aws.ec2.instance_no_public_ip as check

_id(name) := sprintf("arn:aws:ec2:us-east-1:111122223333:instance/%s", [name])

_instance(name, config) := {
	"id": _id(name),
	"type": "AWS::EC2::Instance",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"InstanceId": name, "State": {"Name": "running"}, "PrivateIpAddress": "10.0.1.5"}, config),
	"errors": [],
}

_input(instances) := {"resources": {"AWS::EC2::Instance": instances}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_interface(association) := {"NetworkInterfaceId": "eni-1", "PrivateIpAddress": "10.0.1.5", "Association": association}

test_pass_private_only if {
	rs := check.results with input as _input([_instance("i-1", {"NetworkInterfaces": [_interface({})]})])
	_status(rs, _id("i-1")) == {"pass"}
}

test_pass_no_interfaces_listed if {
	rs := check.results with input as _input([_instance("i-1", {})])
	_status(rs, _id("i-1")) == {"pass"}
}

test_fail_public_ip_on_instance if {
	config := {"PublicIpAddress": "203.0.113.10", "NetworkInterfaces": [_interface({"PublicIp": "203.0.113.10"})]}
	rs := check.results with input as _input([_instance("i-2", config)])
	_status(rs, _id("i-2")) == {"fail"}
	some r in rs
	r.message == "public IPv4 address 203.0.113.10"
}

test_fail_elastic_ip_on_secondary_interface if {
	interfaces := [_interface({}), _interface({"PublicIp": "198.51.100.7", "AllocationId": "eipalloc-1"})]
	rs := check.results with input as _input([_instance("i-3", {"NetworkInterfaces": interfaces})])
	_status(rs, _id("i-3")) == {"fail"}
}

test_each_instance_gets_exactly_one_status if {
	instances := [_instance("a", {}), _instance("b", {"PublicIpAddress": "203.0.113.10"})]
	rs := check.results with input as _input(instances)
	_status(rs, _id("a")) == {"pass"}
	_status(rs, _id("b")) == {"fail"}
	count(rs) == 2
}

test_no_result_without_instances if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel; it lists the path when
# the subnet decides whether there will be an address.
test_error_subnet_decides_public_ip_after_apply if {
	planned := {"PublicIpAddress": "(known after apply)", "_terraform": {"unknown": ["PublicIpAddress"]}}
	rs := check.results with input as _input([_instance("web", planned)])
	_status(rs, _id("web")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["PublicIpAddress"]
	r.evidence.PublicIpAddress == "(known after apply)"
	startswith(r.message, "cannot judge before apply: PublicIpAddress")
}

test_fail_address_assigned_at_launch if {
	# associate_public_ip_address = true: the address is known only after apply, but it exists.
	rs := check.results with input as _input([_instance("web", {"PublicIpAddress": "(known after apply)"})])
	_status(rs, _id("web")) == {"fail"}
}

test_fail_known_public_address_decides_before_apply if {
	planned := {
		"PublicIpAddress": "(known after apply)",
		"NetworkInterfaces": [_interface({"PublicIp": "203.0.113.7"})],
		"_terraform": {"unknown": ["PublicIpAddress"]},
	}
	rs := check.results with input as _input([_instance("web", planned)])
	_status(rs, _id("web")) == {"fail"}
}
