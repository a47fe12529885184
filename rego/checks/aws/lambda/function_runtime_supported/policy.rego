# METADATA
# title: Lambda functions use a runtime that is not deprecated
# description: |
#   The function's managed runtime has not reached its Lambda deprecation date at the
#   collection time (input.collected_at), so it still receives security patches. The
#   dates are the table _deprecation below, from the Lambda runtimes page (supported
#   runtimes with their announced dates, and the deprecated ones); a runtime missing from
#   the table fails until the table names it, since nothing shows it is supported.
#   Functions packaged as container images have no managed runtime and are not judged.
#   The check judges what ListFunctions returns; it has no read of its own that can fail.
#   In a Terraform plan, a Runtime known only after apply gives `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html
# custom:
#   id: aws.lambda.function_runtime_supported
#   severity: medium
#   resource_types: [AWS::Lambda::Function]
#   remediation: |
#     Test the code on a supported runtime, then aws lambda update-function-configuration
#     --function-name NAME --runtime python3.13 (or the current version of its language).
package attestkit.checks.aws.lambda.function_runtime_supported

import data.attestkit.lib.inventory
import data.attestkit.lib.result

# Runtime identifier -> the date Lambda deprecates (deprecated) it, RFC 3339 UTC.
# Update when AWS announces a new runtime or moves a date.
_deprecation := {
	"dotnet10": "2028-11-14T00:00:00Z",
	"dotnet8": "2026-11-10T00:00:00Z",
	"java25": "2029-06-30T00:00:00Z",
	"java21": "2029-06-30T00:00:00Z",
	"java17": "2026-06-30T00:00:00Z",
	"java11": "2026-06-30T00:00:00Z",
	"java8.al2": "2026-06-30T00:00:00Z",
	"nodejs24.x": "2028-04-30T00:00:00Z",
	"nodejs22.x": "2027-04-30T00:00:00Z",
	"nodejs20.x": "2026-04-30T00:00:00Z",
	"provided.al2023": "2029-06-30T00:00:00Z",
	"provided.al2": "2026-06-30T00:00:00Z",
	"python3.14": "2029-06-30T00:00:00Z",
	"python3.13": "2029-06-30T00:00:00Z",
	"python3.12": "2028-10-31T00:00:00Z",
	"python3.11": "2026-06-30T00:00:00Z",
	"python3.10": "2026-06-30T00:00:00Z",
	"ruby3.4": "2028-03-31T00:00:00Z",
	"ruby3.3": "2027-03-31T00:00:00Z",
	# deprecated
	"ruby3.2": "2026-03-31T00:00:00Z",
	"python3.9": "2025-12-15T00:00:00Z",
	"nodejs18.x": "2025-09-01T00:00:00Z",
	"dotnet6": "2024-11-12T00:00:00Z",
	"python3.8": "2024-10-14T00:00:00Z",
	"nodejs16.x": "2024-06-12T00:00:00Z",
	"dotnet7": "2024-05-14T00:00:00Z",
	"java8": "2024-01-08T00:00:00Z",
	"go1.x": "2024-01-08T00:00:00Z",
	"provided": "2024-01-08T00:00:00Z",
	"nodejs14.x": "2023-12-04T00:00:00Z",
	"python3.7": "2023-12-04T00:00:00Z",
	"ruby2.7": "2023-11-27T00:00:00Z",
	"dotnetcore3.1": "2023-04-03T00:00:00Z",
	"nodejs12.x": "2023-03-31T00:00:00Z",
	"python3.6": "2022-07-18T00:00:00Z",
	"dotnet5.0": "2022-05-10T00:00:00Z",
	"dotnetcore2.1": "2022-01-05T00:00:00Z",
	"nodejs10.x": "2021-07-30T00:00:00Z",
	"ruby2.5": "2021-07-30T00:00:00Z",
	"python2.7": "2021-07-15T00:00:00Z",
	"nodejs8.10": "2020-03-06T00:00:00Z",
	"nodejs4.3": "2020-03-05T00:00:00Z",
	"nodejs4.3-edge": "2020-03-05T00:00:00Z",
	"nodejs6.10": "2019-08-12T00:00:00Z",
	"dotnetcore1.0": "2019-07-27T00:00:00Z",
	"dotnetcore2.0": "2019-05-30T00:00:00Z",
	"nodejs": "2016-10-31T00:00:00Z",
}

_type := "AWS::Lambda::Function"

# Paths a Terraform plan can leave known only after apply.
_paths := ["Runtime"]

results contains result.error(f, inventory.after_apply_message(f, _paths), inventory.with_unknown(f, _paths, _evidence(f))) if {
	some f in inventory.resources(_type)
	_judged(f)
	_undecided(f)
}

results contains result.pass(f, sprintf("runtime %s supported until %s", [f.config.Runtime, _deprecation[f.config.Runtime]]), _evidence(f)) if {
	some f in inventory.resources(_type)
	_judged(f)
	not _undecided(f)
	_compliant(f)
}

results contains result.fail(f, _fail_message(f), _evidence(f)) if {
	some f in inventory.resources(_type)
	_judged(f)
	not _undecided(f)
	not _compliant(f)
}

_judged(f) if is_string(f.config.Runtime)

_undecided(f) if inventory.known_after_apply(f, _paths)

_compliant(f) if inventory.collected_at_ns < time.parse_rfc3339_ns(_deprecation[f.config.Runtime])

_fail_message(f) := sprintf("runtime %s deprecated since %s", [f.config.Runtime, _deprecation[f.config.Runtime]]) if {
	_deprecation[f.config.Runtime]
} else := sprintf("runtime %s is not in attestkit's table of Lambda runtimes", [f.config.Runtime])

_evidence(f) := {
	"Runtime": f.config.Runtime,
	"deprecation_date": object.get(_deprecation, f.config.Runtime, null),
}
