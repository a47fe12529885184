"""Azure: `azurerm_*` resources into ARM types and bodies (`properties` and the child-setting
keys of docs/resources/azure.md).

Ids a resource holds of other resources of the plan (a VM's network interfaces, a flow log's
target, a disk's VM) are written as those resources' plan addresses, which are their
Resource ids in the bundle, so the checks' joins by (lower-cased) id work on a plan as they
do on a live estate. The subscription comes from the provider's `subscription_id`, else from
the resource's own ARM id when it exists already.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.terraform.draft import Context, Draft
from attestkit.collectors.terraform.plan import Planned
from attestkit.collectors.terraform.registry import Registry
from attestkit.collectors.terraform.values import UNKNOWN, compact, enabled_disabled, known, parse_time, strings, text

PROVIDER = "azure"
reg = Registry()


def _subscription(ctx: Context, r: Planned) -> str | None:
    value = ctx.plan.constant(ctx.plan.provider_expressions(r).get("subscription_id"))
    if isinstance(value, str) and known(value) and value:
        return value.lower()
    for key in ("id", "resource_group_id"):
        rid = r.get(key)
        if isinstance(rid, str) and rid.lower().startswith("/subscriptions/"):
            return rid.split("/")[2].lower()
    return None


def _region(r: Planned) -> str:
    location = r.get("location")
    return location.replace(" ", "").lower() if isinstance(location, str) and known(location) else "global"


def new(ctx: Context, r: Planned, rtype: str, properties: dict[str, Any], **envelope: Any) -> Draft:
    tags = r.get("tags")
    config: dict[str, Any] = compact(envelope)
    config["properties"] = properties
    return Draft(
        provider=PROVIDER,
        type=rtype,
        r=r,
        config=config,
        account=_subscription(ctx, r),
        region=_region(r),
        tags={k: v for k, v in tags.items() if isinstance(v, str)} if isinstance(tags, dict) else {},
    )


def _same_name_and_group(name_attr: str) -> Any:
    """A child naming its parent by name and resource group (the older azurerm style)."""

    def match(parent: Planned, child: Planned) -> bool:
        return child.get(name_attr) == parent.get("name") and child.get("resource_group_name") == parent.get(
            "resource_group_name"
        )

    return match


def _access(value: Any) -> Any:
    return enabled_disabled(value)


# Storage -------------------------------------------------------------------------------------------
@reg.translator(
    "azurerm_storage_account",
    produces="Microsoft.Storage/storageAccounts",
    children=("azurerm_storage_account_network_rules",),
)
def storage_account(ctx: Context, r: Planned) -> list[Draft]:
    https = r.get("https_traffic_only_enabled", default=r.get("enable_https_traffic_only", default=True))
    public_blobs = r.get("allow_nested_items_to_be_public", default=r.get("allow_blob_public_access"))
    kind = r.get("account_kind", default="StorageV2")
    rules = r.block("network_rules")
    d = new(
        ctx,
        r,
        "Microsoft.Storage/storageAccounts",
        {},
        kind=kind,
        sku={"name": f"{r.get('account_tier')}_{r.get('account_replication_type')}", "tier": r.get("account_tier")},
    )
    separate = d.join(ctx.children(r, "azurerm_storage_account_network_rules", "storage_account_id"))
    if separate:
        rules = {"default_action": separate[0].get("default_action"), "bypass": separate[0].get("bypass")}
    default_action = rules.get("default_action") if rules else "Allow"
    d.need(default_action, "network_rules.default_action", None, path="properties.networkAcls.defaultAction")
    for key, value, path in (
        ("https_traffic_only_enabled", https, "properties.supportsHttpsTrafficOnly"),
        ("min_tls_version", r.get("min_tls_version"), "properties.minimumTlsVersion"),
    ):
        d.need(value, key, None, path=path)
    d.need(public_blobs, "allow_nested_items_to_be_public", None, path="properties.allowBlobPublicAccess")
    public_access = r.get("public_network_access_enabled", default=True)
    d.need(public_access, "public_network_access_enabled", None, path="properties.publicNetworkAccess")
    d.config["properties"] = compact(
        {
            "supportsHttpsTrafficOnly": https,
            "minimumTlsVersion": r.get("min_tls_version"),
            "allowBlobPublicAccess": public_blobs,
            "networkAcls": compact(
                {"defaultAction": default_action, "bypass": _bypass(rules.get("bypass") if rules else None)}
            ),
            "publicNetworkAccess": _access(public_access),
        }
    )
    if kind != "FileStorage":
        d.config["blobServiceProperties"] = _blob_service(d, r)
    return [d]


def _bypass(value: Any) -> Any:
    items = strings(value)
    return ", ".join(items) if items and UNKNOWN not in items else None


def _blob_service(d: Draft, r: Planned) -> Any:
    api = "storage:BlobServices_GetServiceProperties"
    blob = r.get("blob_properties")
    if blob == UNKNOWN or blob in (None, []):
        if r.created or blob in (None, []):
            d.derive("blobServiceProperties")  # a new account's blob service keeps nothing deleted
            return {"deleteRetentionPolicy": {"enabled": False}, "isVersioningEnabled": False}
        d.need(UNKNOWN, "blob_properties", api)
        return None
    props = r.block("blob_properties")
    retention = props.get("delete_retention_policy")
    retention = (
        retention[0]
        if isinstance(retention, list) and retention
        else retention
        if isinstance(retention, dict)
        else None
    )
    container = props.get("container_delete_retention_policy")
    container = (
        container[0]
        if isinstance(container, list) and container
        else container
        if isinstance(container, dict)
        else None
    )
    if retention is not None:
        d.need(retention.get("days"), "blob_properties.delete_retention_policy.days", api)
    return compact(
        {
            "deleteRetentionPolicy": {"enabled": True, "days": retention.get("days", 7)}
            if retention is not None
            else {"enabled": False},
            "containerDeleteRetentionPolicy": {"enabled": True, "days": container.get("days", 7)}
            if container is not None
            else None,
            "isVersioningEnabled": props.get("versioning_enabled") is True,
            "changeFeed": {"enabled": props.get("change_feed_enabled") is True},
        }
    )


# SQL ------------------------------------------------------------------------------------------------
SQL_SERVER_CHILDREN = (
    "azurerm_mssql_server_extended_auditing_policy",
    "azurerm_mssql_firewall_rule",
    "azurerm_sql_firewall_rule",
    "azurerm_sql_active_directory_administrator",
)


@reg.translator(
    "azurerm_mssql_server", "azurerm_sql_server", produces="Microsoft.Sql/servers", children=SQL_SERVER_CHILDREN
)
def sql_server(ctx: Context, r: Planned) -> list[Draft]:
    public_access = r.get("public_network_access_enabled", default=True)
    d = new(
        ctx,
        r,
        "Microsoft.Sql/servers",
        compact(
            {
                "administratorLogin": r.get("administrator_login"),
                "version": r.get("version"),
                "publicNetworkAccess": _access(public_access),
                "minimalTlsVersion": r.get("minimum_tls_version"),
                "fullyQualifiedDomainName": r.get("fully_qualified_domain_name"),
                "state": "Ready",
            }
        ),
        kind="v12.0",
    )
    d.need(public_access, "public_network_access_enabled", None, path="properties.publicNetworkAccess")
    by_name = _same_name_and_group("server_name")
    audits = d.join(ctx.children(r, "azurerm_mssql_server_extended_auditing_policy", "server_id"))
    if audits:
        a = audits[0]
        enabled = a.get("enabled", default=True)
        d.need(enabled, "enabled", "sql:ServerBlobAuditingPolicies_Get", where=a)
        d.config["auditingSettings"] = compact(
            {
                "state": enabled_disabled(enabled),
                "retentionDays": a.get("retention_in_days"),
                "isAzureMonitorTargetEnabled": a.get("log_monitoring_enabled", default=True),
                "storageEndpoint": text(a.get("storage_endpoint")),
            }
        )
    elif r.created:
        d.config["auditingSettings"] = {"state": "Disabled", "retentionDays": 0, "isAzureMonitorTargetEnabled": False}
        d.derive("auditingSettings")
    else:
        d.not_in_plan("sql:ServerBlobAuditingPolicies_Get", "the server's auditing policy is not in the plan")
    rules = d.join(ctx.children(r, "azurerm_mssql_firewall_rule", "server_id"))
    rules += d.join(ctx.children(r, "azurerm_sql_firewall_rule", "server_name", ("name",), match=by_name))
    firewall = []
    for rule in rules:
        for key in ("start_ip_address", "end_ip_address"):
            d.need(rule.get(key), key, "sql:FirewallRules_ListByServer", where=rule)
        firewall.append(
            {
                "name": rule.get("name"),
                "properties": {
                    "startIpAddress": rule.get("start_ip_address"),
                    "endIpAddress": rule.get("end_ip_address"),
                },
            }
        )
    d.config["firewallRules"] = firewall
    admins = []
    inline = r.block("azuread_administrator")
    if inline:
        admins.append(
            _admin(
                inline.get("login_username"),
                inline.get("object_id"),
                inline.get("tenant_id"),
                inline.get("azuread_authentication_only"),
            )
        )
    for a in d.join(
        ctx.children(r, "azurerm_sql_active_directory_administrator", "server_name", ("name",), match=by_name)
    ):
        admins.append(
            _admin(a.get("login"), a.get("object_id"), a.get("tenant_id"), a.get("azuread_authentication_only"))
        )
    d.config["administrators"] = admins
    return [d]


def _admin(login: Any, sid: Any, tenant: Any, only: Any) -> dict[str, Any]:
    return {
        "name": "ActiveDirectory",
        "properties": compact(
            {
                "administratorType": "ActiveDirectory",
                "login": login,
                "sid": sid,
                "tenantId": tenant,
                "azureADOnlyAuthentication": only,
            }
        ),
    }


@reg.translator("azurerm_mssql_database", produces="Microsoft.Sql/servers/databases")
def sql_database(ctx: Context, r: Planned) -> list[Draft]:
    tde = r.get("transparent_data_encryption_enabled", default=True)
    d = new(
        ctx,
        r,
        "Microsoft.Sql/servers/databases",
        compact({"status": "Online"}),
        kind="v12.0,user",
        sku={"name": r.get("sku_name")},
    )
    server = next(iter(ctx.plan.referenced(r.refs("server_id"), ["azurerm_mssql_server"])), None)
    if server is not None:
        d.region = _region(server)
        d.account = d.account or _subscription(ctx, server)
    d.need(tde, "transparent_data_encryption_enabled", "sql:TransparentDataEncryptions_Get")
    d.config["transparentDataEncryption"] = {"state": enabled_disabled(tde)}
    return [d]


# Networking ----------------------------------------------------------------------------------------
NSG_CHILDREN = (
    "azurerm_network_security_rule",
    "azurerm_subnet_network_security_group_association",
    "azurerm_network_interface_security_group_association",
)


@reg.translator(
    "azurerm_network_security_group", produces="Microsoft.Network/networkSecurityGroups", children=NSG_CHILDREN
)
def nsg(ctx: Context, r: Planned) -> list[Draft]:
    d = new(ctx, r, "Microsoft.Network/networkSecurityGroups", {})
    # Omitted from the configuration, the inline rules are known only after apply and hold
    # none this configuration manages (its rules are separate resources, joined below); set to
    # a value known only after apply, they are not known yet.
    inline_unknown = r.get("security_rule") == UNKNOWN and r.configured("security_rule")
    if inline_unknown:
        d.need(UNKNOWN, "security_rule", None, path="properties.securityRules")
    rules: Any = [_rule(d, r, rule) for rule in r.blocks("security_rule")]
    for rule in d.join(
        ctx.children(
            r,
            "azurerm_network_security_rule",
            "network_security_group_name",
            ("name",),
            match=_same_name_and_group("network_security_group_name"),
        )
    ):
        rules.append(_rule(d, rule, rule.values))
    subnets = [
        {"id": _subnet_id(ctx, a)}
        for a in d.join(
            ctx.children(r, "azurerm_subnet_network_security_group_association", "network_security_group_id")
        )
    ]
    nics = [
        {"id": ctx.resource_id(a, "network_interface_id")}
        for a in d.join(
            ctx.children(r, "azurerm_network_interface_security_group_association", "network_security_group_id")
        )
    ]
    if inline_unknown:
        rules = UNKNOWN
    d.config["properties"] = compact(
        {"securityRules": rules, "subnets": subnets or None, "networkInterfaces": nics or None}
    )
    return [d]


def _rule(d: Draft, holder: Planned, rule: dict[str, Any]) -> dict[str, Any]:
    for key in ("access", "direction", "protocol", "source_address_prefix", "destination_port_range"):
        d.need(rule.get(key), key, None, where=holder, path="properties.securityRules")
    for key in ("source_address_prefixes", "destination_port_ranges"):
        if UNKNOWN in strings(rule.get(key)):
            d.need(UNKNOWN, key, None, where=holder, path="properties.securityRules")
    props = compact(
        {
            "protocol": rule.get("protocol"),
            "access": rule.get("access"),
            "direction": rule.get("direction"),
            "priority": rule.get("priority"),
            "sourcePortRange": text(rule.get("source_port_range")),
            "sourcePortRanges": strings(rule.get("source_port_ranges")) or None,
            "sourceAddressPrefix": text(rule.get("source_address_prefix")),
            "sourceAddressPrefixes": strings(rule.get("source_address_prefixes")) or None,
            "destinationPortRange": text(rule.get("destination_port_range")),
            "destinationPortRanges": strings(rule.get("destination_port_ranges")) or None,
            "destinationAddressPrefix": text(rule.get("destination_address_prefix")),
            "destinationAddressPrefixes": strings(rule.get("destination_address_prefixes")) or None,
        }
    )
    return {"name": rule.get("name"), "properties": props}


def _subnet_id(ctx: Context, holder: Planned) -> Any:
    """A subnet's id, `<its virtual network>/subnets/<name>` for a subnet of the plan, so a flow
    log of the virtual network is seen to cover it (the checks read the network from the id)."""
    targets = ctx.plan.referenced(holder.refs("subnet_id"), ["azurerm_subnet"])
    value = holder.get("subnet_id")
    if not targets and isinstance(value, str) and known(value):
        hit = ctx.id_index().get(value.lower())
        targets = [hit] if hit is not None and hit.type == "azurerm_subnet" else []
        if not targets:
            return value
    if not targets:
        return value
    subnet = targets[0]
    network = next(iter(ctx.plan.referenced(subnet.refs("virtual_network_name"), ["azurerm_virtual_network"])), None)
    if network is None:
        for n in ctx.plan.by_type.get("azurerm_virtual_network", []):
            if n.get("name") == subnet.get("virtual_network_name") and n.get("resource_group_name") == subnet.get(
                "resource_group_name"
            ):
                network = n
                break
    vnet = network.address if network is not None else f"{subnet.address}.virtual_network"
    return f"{vnet}/subnets/{subnet.get('name')}"


@reg.translator("azurerm_network_watcher_flow_log", produces="Microsoft.Network/networkWatchers/flowLogs", context=True)
def flow_log(ctx: Context, r: Planned) -> list[Draft]:
    attr = (
        "target_resource_id"
        if r.get("target_resource_id") is not None or r.configured("target_resource_id")
        else "network_security_group_id"
    )
    target = ctx.resource_id(r, attr)
    if isinstance(target, str) and target != UNKNOWN and "/subnets/" not in target.lower():
        sub = ctx.plan.referenced(r.refs(attr), ["azurerm_subnet"])
        if sub:
            target = _subnet_id_of(ctx, sub[0])
    retention = r.block("retention_policy")
    enabled = r.get("enabled", default=True)
    d = new(
        ctx,
        r,
        "Microsoft.Network/networkWatchers/flowLogs",
        compact(
            {
                "targetResourceId": target,
                "enabled": enabled,
                "retentionPolicy": compact({"enabled": retention.get("enabled"), "days": retention.get("days")})
                if retention
                else None,
                "storageId": ctx.resource_id(r, "storage_account_id"),
            }
        ),
    )
    d.need(target, attr, None, path="properties.targetResourceId")
    d.need(enabled, "enabled", None, path="properties.enabled")
    return [d]


def _subnet_id_of(ctx: Context, subnet: Planned) -> str:
    network = next(iter(ctx.plan.referenced(subnet.refs("virtual_network_name"), ["azurerm_virtual_network"])), None)
    vnet = network.address if network is not None else f"{subnet.address}.virtual_network"
    return f"{vnet}/subnets/{subnet.get('name')}"


@reg.translator("azurerm_network_interface", produces="Microsoft.Network/networkInterfaces", context=True)
def network_interface(ctx: Context, r: Planned) -> list[Draft]:
    configs = []
    for i, ip in enumerate(r.blocks("ip_configuration")):
        public = _public_ip(ctx, r, i, ip)
        configs.append(
            {
                "name": ip.get("name"),
                "properties": compact(
                    {
                        "privateIPAddress": text(ip.get("private_ip_address")),
                        "privateIPAllocationMethod": ip.get("private_ip_address_allocation"),
                        "subnet": {"id": ctx.resource_id(r, "ip_configuration", i, "subnet_id")}
                        if ip.get("subnet_id")
                        else None,
                        "publicIPAddress": {"id": public} if public else None,
                    }
                ),
            }
        )
    d = new(ctx, r, "Microsoft.Network/networkInterfaces", {"ipConfigurations": configs})
    return [d]


def _public_ip(ctx: Context, r: Planned, i: int, ip: dict[str, Any]) -> Any:
    value = ip.get("public_ip_address_id")
    if value in (None, ""):
        return None
    targets = ctx.plan.referenced(r.refs("ip_configuration", i, "public_ip_address_id"), ["azurerm_public_ip"])
    if targets:
        return targets[0].address
    return value


# Key Vault -----------------------------------------------------------------------------------------
VAULT_CHILDREN = ("azurerm_key_vault_key", "azurerm_key_vault_secret", "azurerm_key_vault_access_policy")


@reg.translator("azurerm_key_vault", produces="Microsoft.KeyVault/vaults", children=VAULT_CHILDREN)
def key_vault(ctx: Context, r: Planned) -> list[Draft]:
    rbac = r.get("rbac_authorization_enabled", default=r.get("enable_rbac_authorization", default=False))
    policies = [_access_policy(p) for p in r.blocks("access_policy")]
    d = new(ctx, r, "Microsoft.KeyVault/vaults", {})
    for p in d.join(ctx.children(r, "azurerm_key_vault_access_policy", "key_vault_id")):
        policies.append(_access_policy(p.values))
    purge = r.get("purge_protection_enabled", default=False)
    d.need(purge, "purge_protection_enabled", None, path="properties.enablePurgeProtection")
    d.need(rbac, "enable_rbac_authorization", None, path="properties.enableRbacAuthorization")
    d.config["properties"] = compact(
        {
            "tenantId": r.get("tenant_id"),
            "sku": {"family": "A", "name": r.get("sku_name")},
            "enableSoftDelete": True,  # always on since 2020; azurerm no longer sets it
            "softDeleteRetentionInDays": r.get("soft_delete_retention_days", default=90),
            "enablePurgeProtection": purge if purge is not False else None,
            "enableRbacAuthorization": rbac,
            "accessPolicies": policies,
            "publicNetworkAccess": _access(r.get("public_network_access_enabled", default=True)),
        }
    )
    keys = []
    for k in d.join(ctx.children(r, "azurerm_key_vault_key", "key_vault_id")):
        keys.append(
            _item(
                d,
                k,
                "keyvault:Keys_List",
                {"kty": k.get("key_type"), "keySize": k.get("key_size"), "curveName": text(k.get("curve"))},
            )
        )
    secrets = []
    for s in d.join(ctx.children(r, "azurerm_key_vault_secret", "key_vault_id")):
        secrets.append(_item(d, s, "keyvault:Secrets_List", {"contentType": text(s.get("content_type"))}))
    d.config["keys"] = keys
    d.config["secrets"] = secrets
    return [d]


def _access_policy(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "tenantId": p.get("tenant_id"),
        "objectId": p.get("object_id"),
        "permissions": {
            "keys": p.get("key_permissions") or [],
            "secrets": p.get("secret_permissions") or [],
            "certificates": p.get("certificate_permissions") or [],
        },
    }


def _item(d: Draft, item: Planned, api: str, extra: dict[str, Any]) -> dict[str, Any]:
    expiry = item.get("expiration_date")
    d.need(expiry, "expiration_date", api, where=item)
    attributes: dict[str, Any] = {"enabled": True}
    when = parse_time(expiry)
    if when is not None:
        attributes["exp"] = int(when.timestamp())
    elif expiry == UNKNOWN:
        attributes["exp"] = UNKNOWN
    start = parse_time(item.get("not_before_date"))
    if start is not None:
        attributes["nbf"] = int(start.timestamp())
    return {"name": item.get("name"), "properties": compact({"attributes": attributes, **extra})}


# Compute --------------------------------------------------------------------------------------------
VM_TYPES = ("azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine")
DISK = "Microsoft.Compute/disks"


@reg.translator(*VM_TYPES, produces=("Microsoft.Compute/virtualMachines", DISK))
def virtual_machine(ctx: Context, r: Planned) -> list[Draft]:
    """The VM and its OS disk, which Azure creates with it (a `Microsoft.Compute/disks` resource
    of its own, id `<vm address>.os_disk`)."""
    host = r.get("encryption_at_host_enabled")
    nic_ids = ctx.resource_ids(r, "network_interface_ids", types=["azurerm_network_interface"])
    os_disk = r.block("os_disk") or r.block("storage_os_disk")
    disk_id = f"{r.address}.os_disk"
    des = os_disk.get("disk_encryption_set_id") or os_disk.get("secure_vm_disk_encryption_set_id")
    vm = new(
        ctx,
        r,
        "Microsoft.Compute/virtualMachines",
        compact(
            {
                "vmId": r.get("virtual_machine_id"),
                "securityProfile": compact({"encryptionAtHost": host}) if host is not None else None,
                "networkProfile": {"networkInterfaces": [{"id": i} for i in nic_ids]},
                "storageProfile": {
                    "osDisk": compact(
                        {
                            "name": os_disk.get("name"),
                            "managedDisk": compact(
                                {"id": disk_id, "diskEncryptionSet": {"id": des} if text(des) else None}
                            ),
                        }
                    )
                },
            }
        ),
        zones=[r.get("zone")] if text(r.get("zone")) else None,
    )
    vm.need(host, "encryption_at_host_enabled", None, path="properties.securityProfile.encryptionAtHost")
    if UNKNOWN in nic_ids:
        # an interface id known only after apply that names no interface of the plan
        vm.need(UNKNOWN, "network_interface_ids", None, path="properties.networkProfile.networkInterfaces")
    disk = new(ctx, r, DISK, _encryption(des, None))
    disk.id = disk_id
    disk.name = f"{r.display_name}.os_disk"
    disk.config["managedBy"] = r.address
    disk.config["sku"] = {"name": os_disk.get("storage_account_type")}
    return [vm, disk]


def _encryption(des: Any, ade: Any) -> dict[str, Any]:
    des = text(des)
    return compact(
        {
            "encryption": compact(
                {
                    "type": "EncryptionAtRestWithCustomerKey" if des else "EncryptionAtRestWithPlatformKey",
                    "diskEncryptionSetId": des,
                }
            ),
            "encryptionSettingsCollection": {"enabled": ade} if ade is not None else None,
        }
    )


@reg.translator("azurerm_managed_disk", produces=DISK, children=("azurerm_virtual_machine_data_disk_attachment",))
def managed_disk(ctx: Context, r: Planned) -> list[Draft]:
    ade = r.block("encryption_settings")
    des = r.get("disk_encryption_set_id")
    d = new(
        ctx,
        r,
        DISK,
        _encryption(des, ade.get("enabled", True) if ade else None),
        sku={"name": r.get("storage_account_type")},
    )
    # a disk encryption set known only after apply is still a disk encryption set
    attachments = d.join(ctx.children(r, "azurerm_virtual_machine_data_disk_attachment", "managed_disk_id"))
    d.config["managedBy"] = ctx.resource_id(attachments[0], "virtual_machine_id", types=VM_TYPES) if attachments else ""
    d.config["properties"]["diskState"] = "Attached" if attachments else "Unattached"
    d.config["zones"] = [r.get("zone")] if text(r.get("zone")) else None
    d.config = compact(d.config)
    return [d]


# App Service ------------------------------------------------------------------------------------------
WEB_APPS = {
    "azurerm_linux_web_app": "app,linux",
    "azurerm_windows_web_app": "app",
    "azurerm_linux_function_app": "functionapp,linux",
    "azurerm_windows_function_app": "functionapp",
    "azurerm_app_service": "app",
    "azurerm_function_app": "functionapp",
}


@reg.translator(*WEB_APPS, produces="Microsoft.Web/sites")
def web_app(ctx: Context, r: Planned) -> list[Draft]:
    api = "web:WebApps_GetConfiguration"
    site = r.block("site_config")
    tls = site.get("minimum_tls_version") or site.get("min_tls_version") or "1.2"
    ftps = site.get("ftps_state") or (
        "Disabled" if r.type in ("azurerm_linux_web_app", "azurerm_windows_web_app") else "AllAllowed"
    )
    d = new(
        ctx,
        r,
        "Microsoft.Web/sites",
        compact(
            {
                "httpsOnly": r.get("https_only", default=False),
                "publicNetworkAccess": _access(r.get("public_network_access_enabled", default=True)),
                "clientCertEnabled": r.get("client_certificate_enabled", default=r.get("client_cert_enabled")),
                "serverFarmId": r.get("service_plan_id") or r.get("app_service_plan_id"),
            }
        ),
        kind=WEB_APPS[r.type],
    )
    d.need(r.get("https_only"), "https_only", None, path="properties.httpsOnly")
    d.need(tls, "site_config.minimum_tls_version", api)
    d.need(ftps, "site_config.ftps_state", api)
    d.config["siteConfig"] = compact(
        {
            "minTlsVersion": tls,
            "scmMinTlsVersion": site.get("scm_minimum_tls_version"),
            "ftpsState": ftps,
            "http20Enabled": site.get("http2_enabled"),
            "remoteDebuggingEnabled": site.get("remote_debugging_enabled"),
        }
    )
    return [d]


# Databases ------------------------------------------------------------------------------------------
FLEXIBLE = {
    "azurerm_postgresql_flexible_server": (
        "Microsoft.DBforPostgreSQL/flexibleServers",
        "azurerm_postgresql_flexible_server_configuration",
        "postgresql:Configurations_Get",
        "on",
    ),
    "azurerm_mysql_flexible_server": (
        "Microsoft.DBforMySQL/flexibleServers",
        "azurerm_mysql_flexible_server_configuration",
        "mysql:Configurations_Get",
        "ON",
    ),
}


def _flexible(ctx: Context, r: Planned) -> list[Draft]:
    rtype, config_type, api, default = FLEXIBLE[r.type]
    geo = r.get("geo_redundant_backup_enabled", default=False)
    d = new(
        ctx,
        r,
        rtype,
        compact(
            {
                "version": r.get("version"),
                "state": "Ready",
                "backup": {
                    "backupRetentionDays": r.get("backup_retention_days", default=7),
                    "geoRedundantBackup": enabled_disabled(geo),
                },
                "network": {"publicNetworkAccess": _access(r.get("public_network_access_enabled", default=True))},
            }
        ),
        sku={"name": r.get("sku_name")},
    )
    d.need(geo, "geo_redundant_backup_enabled", None, path="properties.backup.geoRedundantBackup")
    children = d.join(ctx.children(r, config_type, "server_id")) + d.join(
        ctx.children(r, config_type, "server_name", ("name",), match=_same_name_and_group("server_name"))
    )
    configs = [c for c in children if c.get("name") == "require_secure_transport"]
    unnamed = [c for c in children if c.get("name") == UNKNOWN]
    if not configs and unnamed:  # a parameter whose name is known only after apply may be this one
        d.need(UNKNOWN, "name", api, where=unnamed[0])
    elif configs:
        value = configs[0].get("value")
        d.need(value, "value", api, where=configs[0])
        d.config["configurations"] = {"require_secure_transport": {"value": value, "source": "user-override"}}
    elif r.created:
        d.config["configurations"] = {"require_secure_transport": {"value": default, "source": "system-default"}}
        d.derive("configurations.require_secure_transport")
    else:
        d.not_in_plan(api, f"the server parameter require_secure_transport ({config_type}) is not in the plan")
    return [d]


reg.translator(
    "azurerm_postgresql_flexible_server",
    produces=FLEXIBLE["azurerm_postgresql_flexible_server"][0],
    children=("azurerm_postgresql_flexible_server_configuration",),
)(_flexible)
reg.translator(
    "azurerm_mysql_flexible_server",
    produces=FLEXIBLE["azurerm_mysql_flexible_server"][0],
    children=("azurerm_mysql_flexible_server_configuration",),
)(_flexible)


@reg.translator("azurerm_cosmosdb_account", produces="Microsoft.DocumentDB/databaseAccounts")
def cosmosdb(ctx: Context, r: Planned) -> list[Draft]:
    ip_filter = r.get("ip_range_filter")
    ranges = (
        strings(ip_filter)
        if isinstance(ip_filter, list)
        else [x.strip() for x in ip_filter.split(",") if x.strip()]
        if isinstance(ip_filter, str) and ip_filter != UNKNOWN
        else []
    )
    public = r.get("public_network_access_enabled", default=True)
    d = new(
        ctx,
        r,
        "Microsoft.DocumentDB/databaseAccounts",
        compact(
            {
                "publicNetworkAccess": _access(public),
                "ipRules": [{"ipAddressOrRange": x} for x in ranges],
                "isVirtualNetworkFilterEnabled": r.get("is_virtual_network_filter_enabled", default=False),
                "disableLocalAuth": r.get("local_authentication_disabled"),
                "minimalTlsVersion": r.get("minimal_tls_version"),
            }
        ),
        kind=r.get("kind", default="GlobalDocumentDB"),
    )
    d.need(public, "public_network_access_enabled", None, path="properties.publicNetworkAccess")
    return [d]


@reg.translator("azurerm_kubernetes_cluster", produces="Microsoft.ContainerService/managedClusters")
def aks(ctx: Context, r: Planned) -> list[Draft]:
    private = r.get("private_cluster_enabled", default=False)
    profile = r.block("api_server_access_profile")
    ranges = (
        strings(profile.get("authorized_ip_ranges")) if profile else strings(r.get("api_server_authorized_ip_ranges"))
    )
    aad = r.block("azure_active_directory_role_based_access_control")
    rbac = r.get("role_based_access_control_enabled", default=True)
    d = new(
        ctx,
        r,
        "Microsoft.ContainerService/managedClusters",
        compact(
            {
                "kubernetesVersion": r.get("kubernetes_version"),
                "enableRBAC": rbac,
                "aadProfile": compact({"managed": True, "enableAzureRBAC": aad.get("azure_rbac_enabled")})
                if aad
                else None,
                "apiServerAccessProfile": compact(
                    {"enablePrivateCluster": private, "authorizedIPRanges": ranges or None}
                ),
                "disableLocalAccounts": r.get("local_account_disabled", default=False),
            }
        ),
        sku={"name": "Base", "tier": r.get("sku_tier")},
    )
    d.need(private, "private_cluster_enabled", None, path="properties.apiServerAccessProfile.enablePrivateCluster")
    d.need(rbac, "role_based_access_control_enabled", None, path="properties.enableRBAC")
    return [d]


@reg.translator("azurerm_recovery_services_vault", produces="Microsoft.RecoveryServices/vaults")
def recovery_vault(ctx: Context, r: Planned) -> list[Draft]:
    soft = r.get("soft_delete_enabled", default=True)
    d = new(
        ctx,
        r,
        "Microsoft.RecoveryServices/vaults",
        compact({"publicNetworkAccess": _access(r.get("public_network_access_enabled", default=True))}),
        sku={"name": r.get("sku")},
    )
    d.need(soft, "soft_delete_enabled", "recoveryservices:BackupResourceVaultConfigs_Get")
    d.config["backupResourceVaultConfig"] = compact(
        {
            "softDeleteFeatureState": enabled_disabled(soft),
            "softDeleteRetentionPeriodInDays": 14 if soft is True else None,
        }
    )
    return [d]


# Subscriptions and Defender ------------------------------------------------------------------------------
@reg.translator(
    "azurerm_subscription",
    produces="Microsoft.Resources/subscriptions",
    children=("azurerm_monitor_diagnostic_setting",),
)
def subscription(ctx: Context, r: Planned) -> list[Draft]:
    sub = r.get("subscription_id")
    d = new(ctx, r, "Microsoft.Resources/subscriptions", {})
    d.config = compact({"subscriptionId": sub, "displayName": r.get("subscription_name"), "state": "Enabled"})
    if isinstance(sub, str) and known(sub):
        d.account = sub.lower()
    d.region = "global"

    def points_at_subscription(parent: Planned, child: Planned) -> bool:
        target = child.get("target_resource_id")
        return (
            isinstance(target, str)
            and target.lower().rstrip("/") == f"/subscriptions/{str(parent.get('subscription_id')).lower()}"
        )

    settings = []
    for s in d.join(
        ctx.children(
            r,
            "azurerm_monitor_diagnostic_setting",
            "target_resource_id",
            ("subscription_id",),
            match=points_at_subscription,
        )
    ):
        logs = _diagnostic_logs(d, s)
        settings.append(
            {
                "name": s.get("name"),
                "properties": compact(
                    {
                        "workspaceId": text(s.get("log_analytics_workspace_id")),
                        "storageAccountId": text(s.get("storage_account_id")),
                        "eventHubAuthorizationRuleId": text(s.get("eventhub_authorization_rule_id")),
                        "marketplacePartnerId": text(s.get("partner_solution_id")),
                        "logs": logs,
                    }
                ),
            }
        )
    d.config["diagnosticSettings"] = settings
    return [d]


LOGS = "diagnosticSettings[].properties.logs[]"


def _diagnostic_logs(d: Draft, s: Planned) -> list[dict[str, Any]]:
    """A diagnostic setting's log categories (`enabled_log`, and the older `log` blocks). A
    category, category group or `enabled` known only after apply is kept as the placeholder
    and listed; `enabled_log` blocks known only after apply as a whole (a `dynamic` block over
    such a value) are one log of unknown category and group."""
    logs: list[dict[str, Any]] = []
    blocks = [(f"enabled_log[{i}]", x, True) for i, x in enumerate(s.blocks("enabled_log"))]
    blocks += [(f"log[{i}]", x, x.get("enabled", True)) for i, x in enumerate(s.blocks("log"))]
    for at, x, enabled in blocks:
        category, group = text(x.get("category")), text(x.get("category_group"))
        d.need(category, f"{at}.category", None, where=s, path=f"{LOGS}.category")
        d.need(group, f"{at}.category_group", None, where=s, path=f"{LOGS}.categoryGroup")
        d.need(enabled, f"{at}.enabled", None, where=s, path=f"{LOGS}.enabled")
        logs.append(compact({"category": category, "categoryGroup": group, "enabled": enabled}))
    for key in ("enabled_log", "log"):
        if s.get(key) == UNKNOWN:
            d.need(UNKNOWN, key, None, where=s, path=f"{LOGS}.category")
            d.need(UNKNOWN, key, None, where=s, path=f"{LOGS}.categoryGroup")
            logs.append({"category": UNKNOWN, "categoryGroup": UNKNOWN, "enabled": True})
    return logs


@reg.translator("azurerm_security_center_subscription_pricing", produces="Microsoft.Security/pricings", context=True)
def pricing(ctx: Context, r: Planned) -> list[Draft]:
    plan = r.get("resource_type", default="VirtualMachines")
    d = new(
        ctx,
        r,
        "Microsoft.Security/pricings",
        compact({"pricingTier": r.get("tier"), "subPlan": text(r.get("subplan"))}),
    )
    d.name = plan if isinstance(plan, str) else None
    d.region = "global"
    d.need(r.get("tier"), "tier", None, path="properties.pricingTier")
    # The plan is the pricing's name, on which the check joins: a plan known only after apply
    # may be any required plan (the name stays the placeholder, listed as "name"). The argument
    # has a fixed default, so it is unknown only when the configuration sets it.
    d.need(plan, "resource_type", None, path="name")
    return [d]


def aggregate(ctx: Context) -> list[Draft]:
    return []


def finalize(ctx: Context, drafts: list[Draft]) -> None:
    return None


TRANSLATORS = reg.translators
CHILD_TYPES = frozenset(reg.children)
CONTEXT_TYPES = frozenset(reg.context)
TABLE = dict(reg.table)
NO_EQUIVALENT: dict[str, str] = {}
