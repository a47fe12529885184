# METADATA
# title: App Service apps accept HTTPS only
# description: |
#   The web or function app redirects every HTTP request to HTTPS (`httpsOnly`), so no
#   session, credential or PHI travels to it unencrypted. The check judges the app's ARM
#   properties; it has no read of its own that can fail. In a Terraform plan that leaves `httpsOnly`
#   to be known only after apply, the app is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https
# custom:
#   id: azure.appservice.https_only
#   severity: high
#   resource_types: [Microsoft.Web/sites]
#   remediation: |
#     az webapp update --name APP --resource-group RG --https-only true
#     (function apps: az functionapp update --name APP --resource-group RG --set httpsOnly=true)
package attestkit.checks.azure.appservice.https_only

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Web/sites"

_paths := ["properties.httpsOnly"]

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, "HTTP requests are redirected to HTTPS", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, "the app answers plain HTTP requests", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_compliant(r) if object.get(r.config, ["properties", "httpsOnly"], null) == true

_evidence(r) := {"properties.httpsOnly": object.get(r.config, ["properties", "httpsOnly"], null)}

# A Terraform plan leaves the value to be known only after apply: neither pass nor fail.
_undecided(r) if inventory.known_after_apply(r, _paths)
