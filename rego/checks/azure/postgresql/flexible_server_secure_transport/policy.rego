# METADATA
# title: PostgreSQL flexible servers require encrypted connections
# description: |
#   The server parameter `require_secure_transport` is on, so the Azure Database for
#   PostgreSQL flexible server refuses client connections that do not use TLS. The parameter
#   is read per server (configurations/require_secure_transport); when it could not be read
#   the server is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/postgresql/flexible-server/security-tls
# custom:
#   id: azure.postgresql.flexible_server_secure_transport
#   severity: high
#   resource_types: [Microsoft.DBforPostgreSQL/flexibleServers]
#   remediation: |
#     az postgres flexible-server parameter set --server-name SERVER --resource-group RG --name require_secure_transport --value on
package attestkit.checks.azure.postgresql.flexible_server_secure_transport

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.DBforPostgreSQL/flexibleServers"

_apis := ["postgresql:Configurations_Get"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, "require_secure_transport is on: connections must use TLS", _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, sprintf("require_secure_transport is %v: unencrypted connections are accepted", [_value(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_value(r) := object.get(r.config, ["configurations", "require_secure_transport", "value"], null)

_compliant(r) if {
	is_string(_value(r))
	lower(_value(r)) == "on"
}

_evidence(r) := {"configurations.require_secure_transport.value": _value(r)}
