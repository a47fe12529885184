# METADATA
# title: App Service apps accept HTTPS only
# description: |
#   The web or function app redirects every HTTP request to HTTPS (`httpsOnly`), so no
#   session, credential or PHI travels to it unencrypted. The check judges the app's ARM
#   properties; it has no read of its own that can fail.
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

results contains result.pass(r, "HTTP requests are redirected to HTTPS", _evidence(r)) if {
	some r in inventory.resources(_type)
	_compliant(r)
}

results contains result.fail(r, "the app answers plain HTTP requests", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _compliant(r)
}

_compliant(r) if object.get(r.config, ["properties", "httpsOnly"], null) == true

_evidence(r) := {"properties.httpsOnly": object.get(r.config, ["properties", "httpsOnly"], null)}
