# METADATA
# title: App Service apps require TLS 1.2 or later
# description: |
#   The app's site configuration (config/web) sets the minimum inbound TLS version
#   (`minTlsVersion`) to 1.2 or later, so clients cannot connect with TLS 1.0 or 1.1. The
#   setting lives in the app's configuration, read per app; when it could not be read the app
#   is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-tls-versions
#   - ref: https://learn.microsoft.com/rest/api/appservice/web-apps/get-configuration
# custom:
#   id: azure.appservice.minimum_tls_1_2
#   severity: high
#   resource_types: [Microsoft.Web/sites]
#   remediation: |
#     az webapp config set --name APP --resource-group RG --min-tls-version 1.2
package attestkit.checks.azure.appservice.minimum_tls_1_2

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Web/sites"

_apis := ["web:WebApps_GetConfiguration"]

_accepted := {"1.2", "1.3"}

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, sprintf("minimum TLS version %v", [_version(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, sprintf("minimum TLS version %v: older than 1.2", [_version(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_version(r) := object.get(r.config, ["siteConfig", "minTlsVersion"], null)

_compliant(r) if _version(r) in _accepted

_evidence(r) := {"siteConfig.minTlsVersion": _version(r)}
