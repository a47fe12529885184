# METADATA
# title: App Service apps allow FTPS only, or no FTP at all
# description: |
#   The app's site configuration (config/web) sets `ftpsState` to FtpsOnly or Disabled, so
#   deployment credentials and content are never sent over plain FTP. The setting is read
#   per app; when it could not be read the app is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps
#   - ref: https://learn.microsoft.com/rest/api/appservice/web-apps/get-configuration
# custom:
#   id: azure.appservice.ftps_only
#   severity: medium
#   resource_types: [Microsoft.Web/sites]
#   remediation: |
#     az webapp config set --name APP --resource-group RG --ftps-state Disabled (or FtpsOnly)
package attestkit.checks.azure.appservice.ftps_only

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Web/sites"

_apis := ["web:WebApps_GetConfiguration"]

_accepted := {"FtpsOnly", "Disabled"}

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, sprintf("FTP state %v", [_state(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, sprintf("FTP state %v: plain FTP is accepted", [_state(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_state(r) := object.get(r.config, ["siteConfig", "ftpsState"], null)

_compliant(r) if _state(r) in _accepted

_evidence(r) := {"siteConfig.ftpsState": _state(r)}
