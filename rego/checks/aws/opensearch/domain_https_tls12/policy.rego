# METADATA
# title: OpenSearch domains require HTTPS with TLS 1.2 or later
# description: |
#   The domain endpoint refuses plain HTTP (DomainEndpointOptions.EnforceHTTPS true) and its
#   TLSSecurityPolicy accepts TLS 1.2 or later only (a Policy-Min-TLS-1-2-* policy), so PHI
#   in requests and search results is never sent in clear or over TLS 1.0/1.1. A domain
#   whose DescribeDomain call failed is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html
# custom:
#   id: aws.opensearch.domain_https_tls12
#   severity: high
#   resource_types: [AWS::OpenSearchService::Domain]
#   remediation: |
#     aws opensearch update-domain-config --domain-name NAME --domain-endpoint-options
#     EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10
package attestkit.checks.aws.opensearch.domain_https_tls12

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

_compliant(d) if {
	d.config.DomainStatus.DomainEndpointOptions.EnforceHTTPS == true
	startswith(d.config.DomainStatus.DomainEndpointOptions.TLSSecurityPolicy, "Policy-Min-TLS-1-2")
}

_pass_message(d) := sprintf("HTTPS enforced with %s", [d.config.DomainStatus.DomainEndpointOptions.TLSSecurityPolicy])

_fail_message(d) := "plain HTTP accepted" if {
	not d.config.DomainStatus.DomainEndpointOptions.EnforceHTTPS == true
} else := sprintf("HTTPS enforced but TLS policy %v allows TLS older than 1.2", [_policy(d)])

_policy(d) := object.get(d.config, ["DomainStatus", "DomainEndpointOptions", "TLSSecurityPolicy"], null)

_evidence(d) := {
	"DomainStatus.DomainEndpointOptions.EnforceHTTPS": object.get(d.config, ["DomainStatus", "DomainEndpointOptions", "EnforceHTTPS"], null),
	"DomainStatus.DomainEndpointOptions.TLSSecurityPolicy": _policy(d),
}
