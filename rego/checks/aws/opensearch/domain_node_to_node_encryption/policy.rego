# METADATA
# title: OpenSearch domains encrypt traffic between nodes
# description: |
#   The domain has NodeToNodeEncryptionOptions.Enabled true, so traffic between its nodes
#   inside the VPC is TLS-encrypted, not only traffic from clients. A domain whose
#   DescribeDomain call failed is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DescribeDomain.html
# custom:
#   id: aws.opensearch.domain_node_to_node_encryption
#   severity: high
#   resource_types: [AWS::OpenSearchService::Domain]
#   remediation: |
#     aws opensearch update-domain-config --domain-name NAME --node-to-node-encryption-options
#     Enabled=true (domains on OpenSearch or Elasticsearch 6.7+; a blue/green deployment follows).
package attestkit.checks.aws.opensearch.domain_node_to_node_encryption

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

_compliant(d) if d.config.DomainStatus.NodeToNodeEncryptionOptions.Enabled == true

_pass_message(_) := "node-to-node encryption on"

_fail_message(_) := "node-to-node encryption off"

_evidence(d) := {"DomainStatus.NodeToNodeEncryptionOptions.Enabled": object.get(d.config, ["DomainStatus", "NodeToNodeEncryptionOptions", "Enabled"], null)}
