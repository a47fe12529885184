package attestkit.checks.aws.ecs.task_definition_secrets_not_in_environment_test

import data.attestkit.checks.aws.ecs.task_definition_secrets_not_in_environment as check

_id(family) := sprintf("arn:aws:ecs:us-east-1:111122223333:task-definition/%s", [family])

_task(family, containers, errors) := {
	"id": _id(family),
	"type": "AWS::ECS::TaskDefinition",
	"account": "111122223333",
	"region": "us-east-1",
	"config": _config(family, containers, errors),
	"errors": errors,
}

# A failed DescribeTaskDefinition leaves taskDefinition absent.
_config(family, containers, errors) := {"family": family} if {
	count(errors) > 0
} else := {"family": family, "taskDefinition": {
	"taskDefinitionArn": sprintf("arn:aws:ecs:us-east-1:111122223333:task-definition/%s:3", [family]),
	"family": family,
	"revision": 3,
	"status": "ACTIVE",
	"containerDefinitions": containers,
}}

_container(name, env, secrets) := {
	"name": name,
	"image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1",
	"environment": [{"name": n} | some n in env],
	"secrets": [{"name": n, "valueFrom": sprintf("arn:aws:secretsmanager:us-east-1:111122223333:secret:%s", [n])} | some n in secrets],
}

_input(tasks) := {"resources": {"AWS::ECS::TaskDefinition": tasks}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "ecs:DescribeTaskDefinition", "code": "AccessDeniedException", "message": "denied"}]

test_pass_secrets_from_references if {
	containers := [_container("app", ["LOG_LEVEL", "DB_HOST", "KMS_KEY_ID"], ["DB_PASSWORD"])]
	rs := check.results with input as _input([_task("portal", containers, [])])
	_status(rs, _id("portal")) == {"pass"}
}

test_pass_no_environment_at_all if {
	rs := check.results with input as _input([_task("portal", [{"name": "app", "image": "i"}], [])])
	_status(rs, _id("portal")) == {"pass"}
}

test_fail_password_in_environment if {
	containers := [_container("app", ["DB_PASSWORD"], [])]
	rs := check.results with input as _input([_task("legacy", containers, [])])
	_status(rs, _id("legacy")) == {"fail"}
	some r in rs
	r.message == "secret-looking variable(s) in plain environment: app/DB_PASSWORD"
}

test_fail_token_in_sidecar if {
	containers := [_container("app", ["LOG_LEVEL"], ["DB_PASSWORD"]), _container("sidecar", ["datadog_api_key"], [])]
	rs := check.results with input as _input([_task("portal", containers, [])])
	_status(rs, _id("portal")) == {"fail"}
	some r in rs
	r.evidence["containerDefinitions[].environment[].name (secret-looking)"] == [{"container": "sidecar", "name": "datadog_api_key"}]
}

test_error_describe_denied if {
	rs := check.results with input as _input([_task("hidden", [], _denied)])
	_status(rs, _id("hidden")) == {"error"}
}

test_each_task_definition_gets_exactly_one_status if {
	tasks := [
		_task("good", [_container("app", ["LOG_LEVEL"], ["TOKEN"])], []),
		_task("bad", [_container("app", ["API_TOKEN"], [])], []),
		_task("hidden", [], _denied),
	]
	rs := check.results with input as _input(tasks)
	expected := {"good": "pass", "bad": "fail", "hidden": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

test_no_result_without_task_definitions if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
