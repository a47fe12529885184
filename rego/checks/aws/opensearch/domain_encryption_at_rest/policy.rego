# METADATA
# title: OpenSearch domains are encrypted at rest
# description: |
#   The domain has EncryptionAtRestOptions.Enabled true, so its indices, logs, swap and
#   automated snapshots are encrypted with a KMS key. A domain whose DescribeDomain call
#   failed is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DescribeDomain.html
# custom:
#   id: aws.opensearch.domain_encryption_at_rest
#   severity: high
#   resource_types: [AWS::OpenSearchService::Domain]
#   remediation: |
#     aws opensearch update-domain-config --domain-name NAME --encryption-at-rest-options
#     Enabled=true,KmsKeyId=KEY (domains on OpenSearch or Elasticsearch 6.7+); older domains need a
#     new encrypted domain and a snapshot restore.
package attestkit.checks.aws.opensearch.domain_encryption_at_rest

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::OpenSearchService::Domain"

_apis := ["opensearch:DescribeDomain"]

results contains result.error(d, inventory.read_error_message(d, _apis), {"errors": inventory.read_errors(d, _apis)}) if {
	some d in inventory.resources(_type)
	inventory.any_read_failed(d, _apis)
}

results contains result.pass(d, _pass_message(d), _evidence(d)) if {
	some d in inventory.resources(_type)
	not inventory.any_read_failed(d, _apis)
	_compliant(d)
}

results contains result.fail(d, _fail_message(d), _evidence(d)) if {
	some d in inventory.resources(_type)
	not inventory.any_read_failed(d, _apis)
	not _compliant(d)
}

_compliant(d) if d.config.DomainStatus.EncryptionAtRestOptions.Enabled == true

_pass_message(_) := "encrypted at rest"

_fail_message(_) := "not encrypted at rest"

_evidence(d) := {
	"DomainStatus.EncryptionAtRestOptions.Enabled": object.get(d.config, ["DomainStatus", "EncryptionAtRestOptions", "Enabled"], null),
	"DomainStatus.EncryptionAtRestOptions.KmsKeyId": object.get(d.config, ["DomainStatus", "EncryptionAtRestOptions", "KmsKeyId"], null),
}
