# METADATA
# title: Customer managed KMS keys rotate their key material
# description: |
#   Automatic rotation is on for every customer managed symmetric encryption key whose key
#   material KMS generated (KeySpec SYMMETRIC_DEFAULT, Origin AWS_KMS): KMS creates new key
#   material on the key's rotation period (yearly by default), limiting how much data one
#   key material protects. Asymmetric and HMAC keys, imported key material and custom key
#   stores cannot rotate automatically and are not judged, nor are keys pending deletion
#   (aws.kms.key_not_pending_deletion). A key that could not be described, or whose rotation
#   status could not be read, is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
# custom:
#   id: aws.kms.key_rotation_enabled
#   severity: medium
#   resource_types: [AWS::KMS::Key]
#   remediation: |
#     aws kms enable-key-rotation --key-id KEY_ID (optionally --rotation-period-in-days 90 to 2560)
package attestkit.checks.aws.kms.key_rotation_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_describe_api := "kms:DescribeKey"

_rotation_api := "kms:GetKeyRotationStatus"

_apis := [_describe_api, _rotation_api]

_leaving := {"PendingDeletion", "PendingReplicaDeletion"}

results contains result.error(k, inventory.read_error_message(k, _apis), {"errors": inventory.read_errors(k, _apis)}) if {
	some k in inventory.resources("AWS::KMS::Key")
	_may_apply(k)
	inventory.any_read_failed(k, _apis)
}

results contains result.pass(k, sprintf("automatic rotation on (every %v days)", [_period(k)]), _evidence(k)) if {
	some k in inventory.resources("AWS::KMS::Key")
	_applies(k)
	not inventory.any_read_failed(k, _apis)
	_compliant(k)
}

results contains result.fail(k, "automatic rotation off", _evidence(k)) if {
	some k in inventory.resources("AWS::KMS::Key")
	_applies(k)
	not inventory.any_read_failed(k, _apis)
	not _compliant(k)
}

_applies(k) if {
	not inventory.read_failed(k, _describe_api)
	m := k.config.KeyMetadata
	m.KeyManager == "CUSTOMER"
	m.KeySpec == "SYMMETRIC_DEFAULT"
	m.Origin == "AWS_KMS"
	not m.KeyState in _leaving
}

# Without its description the check cannot tell whether the key can rotate.
_may_apply(k) if _applies(k)

_may_apply(k) if inventory.read_failed(k, _describe_api)

_compliant(k) if k.config.KeyRotationStatus.KeyRotationEnabled == true

# AWS reports the period since 2024; keys rotated yearly before that report none.
_period(k) := object.get(k.config, ["KeyRotationStatus", "RotationPeriodInDays"], 365)

_evidence(k) := {
	"KeyMetadata.KeySpec": object.get(k.config, ["KeyMetadata", "KeySpec"], null),
	"KeyMetadata.Origin": object.get(k.config, ["KeyMetadata", "Origin"], null),
	"KeyMetadata.KeyState": object.get(k.config, ["KeyMetadata", "KeyState"], null),
	"KeyRotationStatus.KeyRotationEnabled": object.get(k.config, ["KeyRotationStatus", "KeyRotationEnabled"], null),
	"KeyRotationStatus.RotationPeriodInDays": object.get(k.config, ["KeyRotationStatus", "RotationPeriodInDays"], null),
}
