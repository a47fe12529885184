"""Values known only after apply, Azure and AWS: the translation records each value a check
needs (a read error, and its live-vocabulary path in `_terraform.unknown`), and the check then
answers `error`, not `fail` on the placeholder, unless the known values decide."""

from __future__ import annotations

from typing import Any

from attestkit.collectors.terraform.values import UNKNOWN
from tests.collectors.terraform_unknowns import built, errors, judged, unknown_paths
from tests.fixtures.terraform.azure_plan import PLANS as REQUIRED
from tests.fixtures.terraform.planjson import Plan as PlanBuilder
from tests.fixtures.terraform.planjson import const, ref

U = True
SUB = "9a7d6c5b-4e3f-4a2b-8c1d-0e9f8a7b6c5d"


AFTER_UNKNOWN = ("terraform:after_unknown", "KnownAfterApply")


# Azure ------------------------------------------------------------------------------------------
def azure_plan() -> PlanBuilder:
    plan = PlanBuilder(default_provider="azurerm")
    plan.provider("azurerm", {"subscription_id": const(SUB), "features": [{}]})
    plan.resource(
        "azurerm_subscription.this",
        {"subscription_name": "clinical", "subscription_id": SUB, "alias": "clinical", "id": None},
        unknown={"id": U},
    )
    return plan


def pricing(plan: PlanBuilder, address: str, resource_type: str | None, tier: str = "Standard") -> None:
    values = {"tier": tier, "resource_type": resource_type, "subplan": None, "extension": [], "id": None}
    if resource_type is None:
        plan.resource(address, values, unknown={"id": U, "resource_type": U}, exprs={"resource_type": ref("var.plan")})
    else:
        plan.resource(address, values, unknown={"id": U})


def test_a_defender_plan_known_after_apply_is_listed_and_the_subscription_is_error() -> None:
    plan = azure_plan()
    for name in REQUIRED:
        if name != "KeyVaults":
            pricing(plan, f'azurerm_security_center_subscription_pricing.p["{name}"]', name)
    pricing(plan, "azurerm_security_center_subscription_pricing.extra", None)
    out = built(plan)
    extra = out["azurerm_security_center_subscription_pricing.extra"]
    assert extra.name == UNKNOWN  # the plan is the pricing's name, as the live resource has it
    assert unknown_paths(extra) == ["name"] and AFTER_UNKNOWN in errors(extra)
    result = judged(out, "azure.defender.plans_enabled")["azurerm_subscription.this"]
    assert result["status"] == "error"
    assert result["evidence"]["known_after_apply"] == ["azurerm_security_center_subscription_pricing.extra: name"]


def test_a_defender_plan_known_after_apply_does_not_hide_plans_known_to_be_off() -> None:
    plan = azure_plan()
    for name in REQUIRED:
        if name not in ("KeyVaults", "Arm"):
            pricing(plan, f'azurerm_security_center_subscription_pricing.p["{name}"]', name)
    pricing(plan, "azurerm_security_center_subscription_pricing.extra", None)
    out = built(plan)
    # two plans lack a pricing, one pricing of unknown plan can be only one of them
    assert judged(out, "azure.defender.plans_enabled")["azurerm_subscription.this"]["status"] == "fail"
    plan = azure_plan()
    for name in REQUIRED:
        pricing(plan, f'azurerm_security_center_subscription_pricing.p["{name}"]', name)
    pricing(plan, "azurerm_security_center_subscription_pricing.extra", None)
    assert judged(built(plan), "azure.defender.plans_enabled")["azurerm_subscription.this"]["status"] == "pass"


def diagnostic_setting(plan: PlanBuilder, logs: list[dict[str, Any]], unknown_logs: Any) -> None:
    plan.resource(
        "azurerm_monitor_diagnostic_setting.activity",
        {
            "name": "activity-log",
            "target_resource_id": f"/subscriptions/{SUB}",
            "log_analytics_workspace_id": f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law",
            "storage_account_id": None,
            "eventhub_authorization_rule_id": None,
            "partner_solution_id": None,
            "enabled_log": logs,
            "metric": [],
            "id": None,
        },
        unknown={"id": U, "enabled_log": unknown_logs},
        exprs={"target_resource_id": ref("azurerm_subscription.this.subscription_id")},
    )


def test_a_log_category_known_after_apply_is_listed_and_the_subscription_is_error() -> None:
    plan = azure_plan()
    logs = [{"category": c, "category_group": ""} for c in ("Administrative", "Policy", "Alert", None)]
    diagnostic_setting(plan, logs, [{}, {}, {}, {"category": U}])
    out = built(plan)
    sub = out["azurerm_subscription.this"]
    setting = sub.config["diagnosticSettings"][0]["properties"]
    assert setting["logs"][3] == {"category": UNKNOWN, "enabled": True}
    assert unknown_paths(sub) == ["diagnosticSettings[].properties.logs[].category"]
    assert AFTER_UNKNOWN in errors(sub)
    result = judged(out, "azure.monitor.activity_log_diagnostic_setting")["azurerm_subscription.this"]
    assert result["status"] == "error"
    assert result["message"].startswith("cannot judge before apply: diagnosticSettings[].properties.logs[].category")


def test_log_blocks_known_after_apply_as_a_whole_are_a_log_of_unknown_category() -> None:
    plan = azure_plan()
    diagnostic_setting(plan, None, U)  # dynamic "enabled_log" over a value known after apply
    out = built(plan)
    sub = out["azurerm_subscription.this"]
    assert sub.config["diagnosticSettings"][0]["properties"]["logs"] == [
        {"category": UNKNOWN, "categoryGroup": UNKNOWN, "enabled": True}
    ]
    assert unknown_paths(sub) == [
        "diagnosticSettings[].properties.logs[].category",
        "diagnosticSettings[].properties.logs[].categoryGroup",
    ]
    result = judged(out, "azure.monitor.activity_log_diagnostic_setting")["azurerm_subscription.this"]
    assert result["status"] == "error"


def test_known_log_categories_are_not_listed() -> None:
    plan = azure_plan()
    logs = [{"category": c, "category_group": ""} for c in ("Administrative", "Security", "Policy", "Alert")]
    diagnostic_setting(plan, logs, [{}, {}, {}, {}])
    out = built(plan)
    assert "unknown" not in out["azurerm_subscription.this"].config["_terraform"]
    result = judged(out, "azure.monitor.activity_log_diagnostic_setting")["azurerm_subscription.this"]
    assert result["status"] == "pass"


def vm_plan(public_nic: bool) -> PlanBuilder:
    plan = azure_plan()
    plan.resource(
        "azurerm_network_interface.app",
        {
            "name": "nic-app",
            "resource_group_name": "rg",
            "location": "eastus",
            "ip_configuration": [
                {
                    "name": "ipconfig1",
                    "subnet_id": "/subscriptions/x/subnets/app",
                    "private_ip_address_allocation": "Dynamic",
                    "private_ip_address": None,
                    "public_ip_address_id": "/subscriptions/x/publicIPAddresses/pip" if public_nic else None,
                }
            ],
            "id": None,
        },
        unknown={"id": U, "ip_configuration": [{"private_ip_address": U}]},
    )
    plan.resource(
        "azurerm_linux_virtual_machine.app",
        {
            "name": "vm-app",
            "resource_group_name": "rg",
            "location": "eastus",
            "size": "Standard_D2s_v5",
            "network_interface_ids": [None, None],
            "os_disk": [{"name": "os", "caching": "ReadWrite", "storage_account_type": "Premium_LRS"}],
            "encryption_at_host_enabled": True,
            "id": None,
            "virtual_machine_id": None,
        },
        unknown={"id": U, "virtual_machine_id": U},
        exprs={"network_interface_ids": ref("azurerm_network_interface.app.id", "var.shared_nic_id")},
    )
    return plan


def vm_plan_doc(public_nic: bool) -> dict[str, Any]:
    """`network_interface_ids = [azurerm_network_interface.app.id, var.shared_nic_id]`, both ids
    known only after apply: Terraform marks each list element (the builder marks whole values)."""
    doc = vm_plan(public_nic).build()
    (change,) = [c for c in doc["resource_changes"] if c["address"] == "azurerm_linux_virtual_machine.app"]
    change["change"]["after_unknown"]["network_interface_ids"] = [True, True]
    return doc


def test_a_vm_interface_id_known_after_apply_outside_the_plan_is_listed_not_missing() -> None:
    out = built(vm_plan_doc(public_nic=False))
    vm = out["azurerm_linux_virtual_machine.app"]
    assert vm.config["properties"]["networkProfile"]["networkInterfaces"] == [
        {"id": "azurerm_network_interface.app"},
        {"id": UNKNOWN},
    ]
    assert unknown_paths(vm) == ["properties.networkProfile.networkInterfaces"]
    result = judged(out, "azure.compute.vm_no_public_ip")["azurerm_linux_virtual_machine.app"]
    assert result["status"] == "error"
    assert result["message"] == (
        "cannot judge before apply: properties.networkProfile.networkInterfaces known only after apply; "
        "judge the applied resource"
    )
    assert result["evidence"]["missing network interfaces"] == []
    # a public IP on the interface the plan holds decides
    out = built(vm_plan_doc(public_nic=True))
    assert judged(out, "azure.compute.vm_no_public_ip")["azurerm_linux_virtual_machine.app"]["status"] == "fail"


# AWS --------------------------------------------------------------------------------------------
def aws_plan() -> PlanBuilder:
    plan = PlanBuilder()
    plan.provider("aws", {"region": const("us-east-1"), "allowed_account_ids": const(["111111111111"])})
    return plan


ALL_OUT = {
    "protocol": "-1",
    "from_port": 0,
    "to_port": 0,
    "cidr_blocks": ["0.0.0.0/0"],
    "ipv6_cidr_blocks": [],
    "prefix_list_ids": [],
    "security_groups": [],
    "self": False,
    "description": "",
}


def default_group(egress: list[dict[str, Any]]) -> PlanBuilder:
    plan = aws_plan()
    plan.resource(
        "aws_default_security_group.this",
        {"vpc_id": "vpc-1", "ingress": None, "egress": egress, "id": None, "name": None},
        unknown={"ingress": U, "id": U, "name": U},
        exprs={"ingress": ref("local.rules")},
    )
    return plan


def test_default_group_inline_rules_known_after_apply_are_error_unless_a_known_rule_decides() -> None:
    out = built(default_group([]))
    group = out["aws_default_security_group.this"]
    assert group.config["GroupName"] == "default"
    assert group.config["IpPermissions"][0]["IpProtocol"] == UNKNOWN
    assert group.config["IpPermissionsEgress"] == []
    assert unknown_paths(group) == ["IpPermissions"]
    result = judged(out, "aws.vpc.default_security_group_restricts_all")["aws_default_security_group.this"]
    assert result["status"] == "error"
    assert result["evidence"]["known_after_apply"] == ["IpPermissions"]
    out = built(default_group([ALL_OUT]))
    result = judged(out, "aws.vpc.default_security_group_restricts_all")["aws_default_security_group.this"]
    assert result["status"] == "fail"


def ecr_plan(filter_: str, name_known: bool) -> PlanBuilder:
    plan = aws_plan()
    plan.resource(
        "aws_ecr_registry_scanning_configuration.main",
        {
            "scan_type": "BASIC",
            "rule": [
                {
                    "scan_frequency": "SCAN_ON_PUSH",
                    "repository_filter": [{"filter": filter_, "filter_type": "WILDCARD"}],
                }
            ],
            "id": None,
            "registry_id": None,
        },
        unknown={"id": U, "registry_id": U},
    )
    plan.resource(
        "aws_ecr_repository.app",
        {
            "name": "prod-app" if name_known else None,
            "image_tag_mutability": "IMMUTABLE",
            "image_scanning_configuration": [{"scan_on_push": False}],
            "encryption_configuration": [{"encryption_type": "AES256", "kms_key": ""}],
            "id": None,
            "arn": None,
            "registry_id": None,
            "repository_url": None,
        },
        unknown={"id": U, "arn": U, "registry_id": U, "repository_url": U, **({} if name_known else {"name": U})},
        exprs={} if name_known else {"name": ref("random_pet.app.id")},
    )
    return plan


def test_an_ecr_repository_name_known_after_apply_is_error_when_registry_filters_may_match_it() -> None:
    out = built(ecr_plan("prod-*", name_known=False))
    repo = out["aws_ecr_repository.app"]
    assert repo.config["repositoryName"] == UNKNOWN
    assert unknown_paths(repo) == ["repositoryName"] and AFTER_UNKNOWN in errors(repo)
    result = judged(out, "aws.ecr.repository_scan_on_push")["aws_ecr_repository.app"]
    assert result["status"] == "error"
    assert result["evidence"]["known_after_apply"] == ["repositoryName"]
    # a filter matching every name decides; a known name is matched as before
    every_name = judged(built(ecr_plan("*", name_known=False)), "aws.ecr.repository_scan_on_push")
    assert every_name["aws_ecr_repository.app"]["status"] == "pass"
    known = built(ecr_plan("prod-*", name_known=True))
    assert "unknown" not in known["aws_ecr_repository.app"].config["_terraform"]
    assert judged(known, "aws.ecr.repository_scan_on_push")["aws_ecr_repository.app"]["status"] == "pass"


def distribution_plan(second_origin_http: bool) -> PlanBuilder:
    plan = aws_plan()
    origins = [
        {
            "domain_name": "api.example.com",
            "origin_id": "api",
            "custom_origin_config": None,
            "s3_origin_config": [],
            "origin_path": "",
        }
    ]
    unknown_origins: list[dict[str, Any]] = [{"custom_origin_config": U}]
    if second_origin_http:
        origins.append(
            {
                "domain_name": "legacy.example.com",
                "origin_id": "legacy",
                "custom_origin_config": [
                    {
                        "http_port": 80,
                        "https_port": 443,
                        "origin_protocol_policy": "http-only",
                        "origin_ssl_protocols": ["TLSv1.2"],
                    }
                ],
                "s3_origin_config": [],
                "origin_path": "",
            }
        )
        unknown_origins.append({})
    plan.resource(
        "aws_cloudfront_distribution.cdn",
        {
            "enabled": True,
            "aliases": [],
            "comment": "",
            "origin": origins,
            "default_cache_behavior": [{"target_origin_id": "api", "viewer_protocol_policy": "redirect-to-https"}],
            "ordered_cache_behavior": [],
            "viewer_certificate": [{"cloudfront_default_certificate": True, "minimum_protocol_version": "TLSv1"}],
            "id": None,
            "arn": None,
            "domain_name": None,
        },
        unknown={"id": U, "arn": U, "domain_name": U, "origin": unknown_origins},
    )
    return plan


def test_a_cloudfront_custom_origin_config_known_after_apply_is_not_an_s3_origin() -> None:
    out = built(distribution_plan(second_origin_http=False))
    d = out["aws_cloudfront_distribution.cdn"]
    (origin,) = d.config["Origins"]["Items"]
    assert origin["CustomOriginConfig"] == {"OriginProtocolPolicy": UNKNOWN}
    assert "S3OriginConfig" not in origin
    assert unknown_paths(d) == ["Origins.Items[].CustomOriginConfig"] and AFTER_UNKNOWN in errors(d)
    result = judged(out, "aws.cloudfront.origin_https")["aws_cloudfront_distribution.cdn"]
    assert result["status"] == "error"
    assert result["evidence"]["known_after_apply"] == ["Origins.Items[].CustomOriginConfig"]
    out = built(distribution_plan(second_origin_http=True))
    assert judged(out, "aws.cloudfront.origin_https")["aws_cloudfront_distribution.cdn"]["status"] == "fail"
