# METADATA
# title: EC2 instances require IMDSv2
# description: |
#   The instance metadata service accepts session-token (IMDSv2) requests only
#   (MetadataOptions.HttpTokens required), or is switched off (HttpEndpoint disabled), so a
#   server-side request forgery in an application cannot read the instance role's
#   credentials with a plain GET. Terminated instances are not collected. The check judges
#   what DescribeInstances returns; it has no read of its own that can fail.
#   In a Terraform plan, HttpTokens known only after apply gives `error` unless the metadata
#   service is disabled.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html
# custom:
#   id: aws.ec2.instance_imdsv2_required
#   severity: medium
#   resource_types: [AWS::EC2::Instance]
#   remediation: |
#     aws ec2 modify-instance-metadata-options --instance-id ID --http-tokens required
#     --http-endpoint enabled (after checking the software on it uses IMDSv2); make it the
#     default for new instances with aws ec2 modify-instance-metadata-defaults --http-tokens required
package attestkit.checks.aws.ec2.instance_imdsv2_required

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::EC2::Instance"

# Paths a Terraform plan can leave known only after apply.
_paths := ["MetadataOptions.HttpTokens"]

results contains result.error(i, inventory.after_apply_message(i, _paths), inventory.with_unknown(i, _paths, _evidence(i))) if {
	some i in inventory.resources(_type)
	_undecided(i)
}

results contains result.pass(i, _pass_message(i), _evidence(i)) if {
	some i in inventory.resources(_type)
	not _undecided(i)
	_compliant(i)
}

results contains result.fail(i, sprintf("IMDSv1 allowed (HttpTokens %v)", [_tokens(i)]), _evidence(i)) if {
	some i in inventory.resources(_type)
	not _undecided(i)
	not _compliant(i)
}

# A disabled metadata service passes whatever HttpTokens turns out to be.
_undecided(i) if {
	inventory.known_after_apply(i, _paths)
	not _endpoint_disabled(i)
}

_compliant(i) if i.config.MetadataOptions.HttpTokens == "required"

_compliant(i) if _endpoint_disabled(i)

_endpoint_disabled(i) if i.config.MetadataOptions.HttpEndpoint == "disabled"

_tokens(i) := object.get(i.config, ["MetadataOptions", "HttpTokens"], null)

_pass_message(i) := "instance metadata service disabled" if {
	_endpoint_disabled(i)
} else := "IMDSv2 session tokens required"

_evidence(i) := {
	"MetadataOptions.HttpTokens": _tokens(i),
	"MetadataOptions.HttpEndpoint": object.get(i.config, ["MetadataOptions", "HttpEndpoint"], null),
}
