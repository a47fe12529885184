# METADATA
# title: ECS task definitions take secrets from Secrets Manager or Parameter Store
# description: |
#   No container of the family's latest ACTIVE task definition revision has a plain
#   `environment` variable whose name looks like a secret; such values belong in `secrets`
#   (valueFrom a Secrets Manager secret or SSM SecureString parameter), which ECS injects at
#   start without writing them into the task definition, where anyone allowed
#   ecs:DescribeTaskDefinition can read them. A name looks like a secret when it matches
#   _sensitive_name below and is not a reference or property (_reference_name), the same
#   rule as aws.ssm.sensitive_parameter_secure_string. Only variable names are collected,
#   never values. A family whose DescribeTaskDefinition call failed is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
# custom:
#   id: aws.ecs.task_definition_secrets_not_in_environment
#   severity: high
#   resource_types: [AWS::ECS::TaskDefinition]
#   remediation: |
#     Store each value in Secrets Manager (aws secretsmanager create-secret --name NAME
#     --secret-string ...) or as an SSM SecureString, replace the environment entry with
#     "secrets": [{"name": "VAR", "valueFrom": "SECRET_ARN"}], give the task execution role
#     secretsmanager:GetSecretValue on it, register the new revision with aws ecs
#     register-task-definition, then deregister the old revisions (aws ecs
#     deregister-task-definition): they still hold the value.
package attestkit.checks.aws.ecs.task_definition_secrets_not_in_environment

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::ECS::TaskDefinition"

_apis := ["ecs:DescribeTaskDefinition"]

# Kept identical to the pattern of aws.ssm.sensitive_parameter_secure_string.
_sensitive_name := `(?i)(passw(or)?d|passphrase|secret|token|credential|private[-_.]?key|api[-_.]?key|access[-_.]?key|(^|[^a-z0-9])key([^a-z0-9]|$))`

_reference_name := `(?i)(key|token|secret|password|credentials?)[-_.]?(id|arn|alias|name|url|uri|endpoint|type|length|ttl)$`

results contains result.error(t, inventory.read_error_message(t, _apis), {"errors": inventory.read_errors(t, _apis)}) if {
	some t in inventory.resources(_type)
	inventory.any_read_failed(t, _apis)
}

results contains result.pass(t, _pass_message(t), _evidence(t)) if {
	some t in inventory.resources(_type)
	not inventory.any_read_failed(t, _apis)
	_compliant(t)
}

results contains result.fail(t, sprintf("secret-looking variable(s) in plain environment: %s", [concat(", ", [sprintf("%s/%s", [x.container, x.name]) | some x in _exposed(t)])]), _evidence(t)) if {
	some t in inventory.resources(_type)
	not inventory.any_read_failed(t, _apis)
	not _compliant(t)
}

_compliant(t) if count(_exposed(t)) == 0

_containers(t) := inventory.array_at(t.config, ["taskDefinition", "containerDefinitions"])

_exposed(t) := [{"container": object.get(c, "name", null), "name": v.name} |
	some c in _containers(t)
	some v in inventory.array_at(c, "environment")
	is_string(v.name)
	_sensitive(v.name)
]

_secrets(t) := [{"container": object.get(c, "name", null), "name": object.get(s, "name", null)} |
	some c in _containers(t)
	some s in inventory.array_at(c, "secrets")
]

_sensitive(name) if {
	regex.match(_sensitive_name, name)
	not regex.match(_reference_name, name)
}

_pass_message(t) := sprintf("no secret-looking plain environment variable; %d secret(s) injected from references", [count(_secrets(t))])

_evidence(t) := {
	"taskDefinition.taskDefinitionArn": object.get(t.config, ["taskDefinition", "taskDefinitionArn"], null),
	"containerDefinitions[].environment[].name (secret-looking)": _exposed(t),
	"containerDefinitions[].secrets[].name": _secrets(t),
}
