# METADATA
# title: SSM parameters with secret-looking names are SecureStrings
# description: |
#   A Parameter Store parameter whose name looks like a secret is of Type SecureString, so
#   its value is encrypted with KMS and readable only with kms:Decrypt on its key, not
#   shown in clear to anyone allowed to read parameters. A name looks like a secret when it
#   matches _sensitive_name below (password, passwd, passphrase, secret, token, credential,
#   private key, API key, access key, or "key" as a whole word such as signing-key), unless
#   it names a reference or a property instead (_reference_name: ...-key-id, ...-secret-arn,
#   ...-token-url, ...-password-length). Other parameters are not judged. Values are never
#   collected; the check reads DescribeParameters metadata only and has no read of its own
#   that can fail. In a Terraform plan, a parameter whose Name or Type is known only after
#   apply is `error`, unless it is known to be a SecureString.
# related_resources:
#   - ref: https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html
#   - ref: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ParameterMetadata.html
# custom:
#   id: aws.ssm.sensitive_parameter_secure_string
#   severity: high
#   resource_types: [AWS::SSM::Parameter]
#   remediation: |
#     Store it again as a SecureString with aws ssm put-parameter --name NAME --type SecureString
#     --key-id KEY --value VALUE --overwrite (or delete it and put it back), or move it to Secrets
#     Manager; then rotate the secret, since it was readable in clear.
package attestkit.checks.aws.ssm.sensitive_parameter_secure_string

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::SSM::Parameter"

# Names that look like secrets, and names that only point at one or describe one.
# Kept identical to the pattern of aws.ecs.task_definition_secrets_not_in_environment.
_sensitive_name := `(?i)(passw(or)?d|passphrase|secret|token|credential|private[-_.]?key|api[-_.]?key|access[-_.]?key|(^|[^a-z0-9])key([^a-z0-9]|$))`

_reference_name := `(?i)(key|token|secret|password|credentials?)[-_.]?(id|arn|alias|name|url|uri|endpoint|type|length|ttl)$`

# Paths a Terraform plan can leave known only after apply.
_paths := ["Name", "Type"]

results contains result.error(p, inventory.after_apply_message(p, _paths), inventory.with_unknown(p, _paths, _evidence(p))) if {
	some p in inventory.resources(_type)
	_judged(p)
	_undecided(p)
}

results contains result.pass(p, _pass_message(p), _evidence(p)) if {
	some p in inventory.resources(_type)
	_judged(p)
	not _undecided(p)
	_compliant(p)
}

results contains result.fail(p, sprintf("secret-looking name stored as %v, not SecureString", [object.get(p.config, "Type", null)]), _evidence(p)) if {
	some p in inventory.resources(_type)
	_judged(p)
	not _undecided(p)
	not _compliant(p)
}

# A secret-looking name, or a name known only after apply: not dropped unjudged.
_judged(p) if _sensitive(p.config.Name)

_judged(p) if _name_unknown(p)

_name_unknown(p) if inventory.known_after_apply(p, ["Name"])

# A SecureString passes whatever its name turns out to be.
_undecided(p) if {
	inventory.known_after_apply(p, _paths)
	not _compliant(p)
}

_compliant(p) if p.config.Type == "SecureString"

_pass_message(p) := "stored as SecureString (name known only after apply)" if {
	_name_unknown(p)
} else := "secret-looking name, stored as SecureString"

_sensitive(name) if {
	regex.match(_sensitive_name, name)
	not regex.match(_reference_name, name)
}

_evidence(p) := {
	"Name": p.config.Name,
	"Type": object.get(p.config, "Type", null),
	"KeyId": object.get(p.config, "KeyId", null),
}
