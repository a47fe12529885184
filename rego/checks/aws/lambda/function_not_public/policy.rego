# METADATA
# title: Lambda functions are not invocable by anyone
# description: |
#   No statement of the function's resource-based policy allows a public principal
#   (Principal "*" or {"AWS": "*"}) without a condition restricting the caller, such as
#   aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID. A condition on
#   lambda:FunctionUrlAuthType alone restricts nothing: with the value NONE it is how a
#   public function URL is granted, so it is treated as no condition. A function without a
#   resource-based policy passes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
#   - ref: https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html
# custom:
#   id: aws.lambda.function_not_public
#   severity: critical
#   resource_types: [AWS::Lambda::Function]
#   remediation: |
#     Remove the public statement with aws lambda remove-permission --function-name NAME
#     --statement-id SID, and grant the caller it was meant for instead, e.g. aws lambda
#     add-permission --function-name NAME --statement-id SID --action lambda:InvokeFunction
#     --principal s3.amazonaws.com --source-arn BUCKET_ARN --source-account ACCOUNT
package attestkit.checks.aws.lambda.function_not_public

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::Lambda::Function"

_apis := ["lambda:GetPolicy"]

results contains result.error(f, inventory.read_error_message(f, _apis), {"errors": inventory.read_errors(f, _apis)}) if {
	some f in inventory.resources(_type)
	inventory.any_read_failed(f, _apis)
}

results contains result.pass(f, _pass_message(f), _evidence(f)) if {
	some f in inventory.resources(_type)
	not inventory.any_read_failed(f, _apis)
	_compliant(f)
}

results contains result.fail(f, sprintf("resource policy lets anyone invoke it: %s", [concat(", ", sort([s.Sid | some s in _public(f)]))]), _evidence(f)) if {
	some f in inventory.resources(_type)
	not inventory.any_read_failed(f, _apis)
	not _compliant(f)
}

_compliant(f) if count(_public(f)) == 0

# The policy's statements (a single statement may be written as an object).
_statements(f) := s if {
	s := f.config.Policy.Statement
	is_array(s)
} else := [s] if {
	s := f.config.Policy.Statement
	is_object(s)
} else := []

_public(f) := [{"Sid": object.get(s, "Sid", "(no Sid)"), "Action": object.get(s, "Action", null), "Condition": object.get(s, "Condition", null)} |
	some s in _statements(f)
	s.Effect == "Allow"
	_public_principal(s.Principal)
	not _restricted(s)
]

_public_principal(p) if p == "*"

_public_principal(p) if p.AWS == "*"

_public_principal(p) if {
	is_array(p.AWS)
	"*" in p.AWS
}

# Some condition key other than lambda:FunctionUrlAuthType narrows who may call.
_restricted(s) if {
	some keys in _conditions(s)
	is_object(keys)
	some key, _ in keys
	lower(key) != "lambda:functionurlauthtype"
}

_conditions(s) := c if {
	c := s.Condition
	is_object(c)
} else := {}

_pass_message(f) := "no resource-based policy" if {
	f.config.Policy == null
} else := sprintf("resource policy has no public statement (%d statement(s))", [count(_statements(f))])

_evidence(f) := {
	"Policy": null,
} if {
	f.config.Policy == null
} else := {
	"Policy.Statement (public, unconditioned)": _public(f),
	"Policy.Statement[].Principal": [object.get(s, "Principal", null) | some s in _statements(f)],
}
