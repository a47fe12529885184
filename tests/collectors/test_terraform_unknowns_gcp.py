"""Values known only after apply, GCP: the translation records each value a check needs (a
`terraform:after_unknown` read error, and its live-vocabulary path in `_terraform.unknown`)
and keeps the placeholder, and the check then answers `error`, not `fail` on the placeholder,
unless the known values decide. A value the configuration leaves to the provider or the API
takes its default instead, and is no error."""

from __future__ import annotations

from typing import Any

from attestkit.collectors.terraform.values import UNKNOWN
from tests.collectors.terraform_unknowns import built, errors, judged, status, unknown_paths
from tests.fixtures.terraform.planjson import Plan as PlanBuilder
from tests.fixtures.terraform.planjson import const, ref

U = True
PROJECT = "carebridge-intake"
ORG = "615243789012"
AFTER_UNKNOWN = ("terraform:after_unknown", "KnownAfterApply")


def gcp_plan() -> PlanBuilder:
    plan = PlanBuilder(default_provider="google")
    plan.provider("google", {"project": const(PROJECT), "region": const("us-east1")})
    return plan


# Firewall -------------------------------------------------------------------------------------------
def test_a_firewall_disabled_flag_set_unknown_is_listed_and_the_rule_is_error_not_fail() -> None:
    plan = gcp_plan()
    rule = {
        "name": "ssh",
        "network": "clinical-vpc",
        "direction": "INGRESS",
        "priority": 1000,
        "source_ranges": ["0.0.0.0/0"],
        "allow": [{"protocol": "tcp", "ports": ["22"]}],
        "deny": [],
        "disabled": None,
        "id": None,
    }
    plan.resource(
        "google_compute_firewall.ssh", rule, unknown={"disabled": U, "id": U}, exprs={"disabled": ref("var.off")}
    )
    plan.resource("google_compute_firewall.open", {**rule, "name": "open", "disabled": False}, unknown={"id": U})
    out = built(plan)
    ssh, open_ = out["google_compute_firewall.ssh"], out["google_compute_firewall.open"]
    assert ssh.config["disabled"] == UNKNOWN
    assert unknown_paths(ssh) == ["disabled"]
    assert errors(ssh) == {AFTER_UNKNOWN}
    assert ssh.errors[0].message == "google_compute_firewall.ssh.disabled is known only after apply"
    assert open_.config["disabled"] is False and open_.errors == []
    results = judged(out, "gcp.compute.firewall_no_public_admin_ports")
    assert results["google_compute_firewall.ssh"]["status"] == "error"
    assert results["google_compute_firewall.ssh"]["evidence"]["known_after_apply"] == ["disabled"]
    assert results["google_compute_firewall.open"]["status"] == "fail"


# Cloud SQL ------------------------------------------------------------------------------------------
def _sql(
    plan: PlanBuilder,
    name: str,
    ip: dict[str, Any],
    backup: dict[str, Any],
    *,
    version: str = "POSTGRES_16",
    unknown: dict[str, Any] | None = None,
    exprs: dict[str, Any] | None = None,
) -> None:
    """A Cloud SQL instance; `unknown` marks leaves of settings[0], `exprs` gives the settings
    block's configuration (constants of `ip` / `backup` unless given)."""
    ip = {"ipv4_enabled": False, "private_network": "clinical-vpc", "authorized_networks": [], **ip}
    backup = {"enabled": True, "start_time": "03:00", **backup}

    def constants(values: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
        out = {k: const(v) for k, v in values.items() if v not in (None, [], "")}
        out.update(given)
        return out

    given = exprs or {}
    plan.resource(
        f"google_sql_database_instance.{name}",
        {
            "name": name,
            "database_version": version,
            "region": "us-east1",
            "master_instance_name": None,
            "settings": [{"tier": "db-custom-2-7680", "ip_configuration": [ip], "backup_configuration": [backup]}],
            "id": None,
        },
        unknown={"id": U, "settings": [unknown or {}]},
        exprs={
            "settings": [
                {
                    "tier": const("db-custom-2-7680"),
                    "ip_configuration": [constants(ip, given.get("ip", {}))],
                    "backup_configuration": [constants(backup, given.get("backup", {}))],
                }
            ]
        },
    )


def test_cloud_sql_tls_settings_set_unknown_are_listed_and_one_left_to_the_api_is_not() -> None:
    plan = gcp_plan()
    _sql(
        plan,
        "mode_from_var",
        {"ssl_mode": None},
        {"point_in_time_recovery_enabled": True},
        unknown={"ip_configuration": [{"ssl_mode": U}]},
        exprs={"ip": {"ssl_mode": ref("var.ssl_mode")}},
    )
    _sql(
        plan,
        "legacy_from_var",
        {"ssl_mode": None, "require_ssl": None},
        {"point_in_time_recovery_enabled": True},
        unknown={"ip_configuration": [{"ssl_mode": U, "require_ssl": U}]},
        exprs={"ip": {"require_ssl": ref("var.require_ssl")}},
    )
    _sql(
        plan,
        "mode_left_to_api",
        {"ssl_mode": None},
        {"point_in_time_recovery_enabled": True},
        unknown={"ip_configuration": [{"ssl_mode": U}]},
    )
    out = built(plan)
    by_var = out["google_sql_database_instance.mode_from_var"]
    assert by_var.config["settings"]["ipConfiguration"]["sslMode"] == UNKNOWN
    assert unknown_paths(by_var) == ["settings.ipConfiguration.sslMode"]
    legacy = out["google_sql_database_instance.legacy_from_var"]
    assert "sslMode" not in legacy.config["settings"]["ipConfiguration"]
    assert legacy.config["settings"]["ipConfiguration"]["requireSsl"] == UNKNOWN
    assert unknown_paths(legacy) == ["settings.ipConfiguration.requireSsl"]
    left = out["google_sql_database_instance.mode_left_to_api"]
    assert "sslMode" not in left.config["settings"]["ipConfiguration"] and left.errors == []
    assert status(out, "gcp.sql.instance_requires_tls") == {
        "google_sql_database_instance.mode_from_var": "error",
        "google_sql_database_instance.legacy_from_var": "error",
        "google_sql_database_instance.mode_left_to_api": "fail",
    }


def test_cloud_sql_log_recovery_flags_set_unknown_are_listed_and_the_instance_is_error() -> None:
    plan = gcp_plan()
    _sql(
        plan,
        "pitr_from_var",
        {"ssl_mode": "ENCRYPTED_ONLY"},
        {"point_in_time_recovery_enabled": None},
        unknown={"backup_configuration": [{"point_in_time_recovery_enabled": U}]},
        exprs={"backup": {"point_in_time_recovery_enabled": ref("var.pitr")}},
    )
    _sql(
        plan,
        "binlog_from_var",
        {"ssl_mode": "ENCRYPTED_ONLY"},
        {"binary_log_enabled": None},
        version="MYSQL_8_0",
        unknown={"backup_configuration": [{"binary_log_enabled": U}]},
        exprs={"backup": {"binary_log_enabled": ref("var.binlog")}},
    )
    _sql(
        plan,
        "no_backups",
        {"ssl_mode": "ENCRYPTED_ONLY"},
        {"enabled": False, "point_in_time_recovery_enabled": None},
        unknown={"backup_configuration": [{"point_in_time_recovery_enabled": U}]},
        exprs={"backup": {"point_in_time_recovery_enabled": ref("var.pitr")}},
    )
    out = built(plan)
    pitr = out["google_sql_database_instance.pitr_from_var"]
    assert pitr.config["settings"]["backupConfiguration"]["pointInTimeRecoveryEnabled"] == UNKNOWN
    assert unknown_paths(pitr) == ["settings.backupConfiguration.pointInTimeRecoveryEnabled"]
    binlog = out["google_sql_database_instance.binlog_from_var"]
    assert unknown_paths(binlog) == ["settings.backupConfiguration.binaryLogEnabled"]
    assert status(out, "gcp.sql.instance_point_in_time_recovery") == {
        "google_sql_database_instance.pitr_from_var": "error",
        "google_sql_database_instance.binlog_from_var": "error",
        "google_sql_database_instance.no_backups": "fail",  # backups off decide
    }


# GKE ------------------------------------------------------------------------------------------------
def _cluster(
    plan: PlanBuilder, name: str, values: dict[str, Any], unknown: dict[str, Any], exprs: dict[str, Any]
) -> None:
    base = {
        "name": name,
        "location": "us-east1",
        "remove_default_node_pool": True,
        "node_pool": [],
        "enable_legacy_abac": False,
        "datapath_provider": None,
        "enable_autopilot": None,
        "master_authorized_networks_config": [],
        "id": None,
    }
    plan.resource(
        f"google_container_cluster.{name}",
        {**base, **values},
        unknown={"id": U, "datapath_provider": U, "enable_autopilot": U, **unknown},
        exprs=exprs,
        omit=("datapath_provider", "enable_autopilot"),
    )


def test_gke_private_cluster_and_network_policy_flags_set_unknown_are_listed() -> None:
    plan = gcp_plan()
    _cluster(
        plan,
        "clinical",
        {
            "private_cluster_config": [{"enable_private_nodes": None, "enable_private_endpoint": True}],
            "network_policy": [{"enabled": None, "provider": "CALICO"}],
        },
        {"private_cluster_config": [{"enable_private_nodes": U}], "network_policy": [{"enabled": U}]},
        {
            "private_cluster_config": [
                {"enable_private_nodes": ref("var.private"), "enable_private_endpoint": const(True)}
            ],
            "network_policy": [{"enabled": ref("var.policy"), "provider": const("CALICO")}],
        },
    )
    _cluster(
        plan,
        "public",
        {
            "private_cluster_config": [{"enable_private_nodes": False, "enable_private_endpoint": None}],
            "network_policy": [{"enabled": False, "provider": "PROVIDER_UNSPECIFIED"}],
        },
        {"private_cluster_config": [{"enable_private_endpoint": U}]},
        {
            "private_cluster_config": [
                {"enable_private_nodes": const(False), "enable_private_endpoint": ref("var.endpoint")}
            ]
        },
    )
    out = built(plan)
    clinical, public = out["google_container_cluster.clinical"], out["google_container_cluster.public"]
    assert clinical.config["privateClusterConfig"] == {"enablePrivateNodes": UNKNOWN, "enablePrivateEndpoint": True}
    assert clinical.config["networkPolicy"]["enabled"] == UNKNOWN
    assert unknown_paths(clinical) == ["networkPolicy.enabled", "privateClusterConfig.enablePrivateNodes"]
    # datapath_provider and enable_autopilot left to GKE: not written, not an error
    assert "networkConfig" not in clinical.config and "autopilot" not in clinical.config
    assert unknown_paths(public) == ["privateClusterConfig.enablePrivateEndpoint"]
    assert status(out, "gcp.container.cluster_private") == {
        "google_container_cluster.clinical": "error",
        "google_container_cluster.public": "fail",  # public nodes decide
    }
    assert status(out, "gcp.container.cluster_network_policy") == {
        "google_container_cluster.clinical": "error",
        "google_container_cluster.public": "fail",
    }


# Compute instances and project metadata ---------------------------------------------------------------
INSTANCE = {
    "machine_type": "n2-standard-2",
    "zone": "us-east1-b",
    "project": PROJECT,
    "network_interface": [{"network": "clinical-vpc", "access_config": [], "ipv6_access_config": []}],
    "service_account": [],
    "id": None,
}


def test_shielded_vm_flags_set_unknown_are_listed_and_defaults_are_not() -> None:
    plan = gcp_plan()
    plan.resource(
        "google_compute_instance.vtpm_from_var",
        {
            **INSTANCE,
            "name": "a",
            "metadata": {"enable-oslogin": "TRUE"},
            "shielded_instance_config": [
                {"enable_secure_boot": True, "enable_vtpm": None, "enable_integrity_monitoring": True}
            ],
        },
        unknown={"id": U, "shielded_instance_config": [{"enable_vtpm": U}]},
        exprs={
            "shielded_instance_config": [
                {
                    "enable_secure_boot": const(True),
                    "enable_vtpm": ref("var.vtpm"),
                    "enable_integrity_monitoring": const(True),
                }
            ]
        },
    )
    plan.resource(
        "google_compute_instance.defaults",
        {
            **INSTANCE,
            "name": "b",
            "metadata": {"enable-oslogin": "TRUE"},
            "shielded_instance_config": [
                {"enable_secure_boot": True, "enable_vtpm": True, "enable_integrity_monitoring": True}
            ],
        },
        unknown={"id": U},
        exprs={"shielded_instance_config": [{"enable_secure_boot": const(True)}]},
    )
    out = built(plan)
    by_var = out["google_compute_instance.vtpm_from_var"]
    assert by_var.config["shieldedInstanceConfig"]["enableVtpm"] == UNKNOWN
    assert unknown_paths(by_var) == ["shieldedInstanceConfig.enableVtpm"]
    assert out["google_compute_instance.defaults"].errors == []
    assert status(out, "gcp.compute.instance_shielded_vm") == {
        "google_compute_instance.vtpm_from_var": "error",
        "google_compute_instance.defaults": "pass",
    }


def test_an_oslogin_value_known_after_apply_in_a_known_metadata_map_is_listed() -> None:
    plan = gcp_plan()
    plan.resource(
        "google_compute_instance.intake",
        {**INSTANCE, "name": "intake", "metadata": {"enable-oslogin": None, "startup-script": "echo"}},
        unknown={"id": U, "metadata": {"enable-oslogin": U}},
        exprs={"metadata": ref("local.metadata")},
    )
    plan.resource(
        "google_compute_project_metadata.this",
        {"project": PROJECT, "metadata": {"enable-oslogin": "TRUE"}, "id": None},
        unknown={"id": U},
    )
    out = built(plan)
    intake = out["google_compute_instance.intake"]
    assert intake.config["metadata"]["items"] == [
        {"key": "enable-oslogin", "value": UNKNOWN},
        {"key": "startup-script", "value": "***"},
    ]
    assert unknown_paths(intake) == ["metadata.items[enable-oslogin].value"]
    assert (
        intake.errors[0].message
        == 'google_compute_instance.intake.metadata["enable-oslogin"] is known only after apply'
    )
    result = judged(out, "gcp.compute.instance_os_login")["google_compute_instance.intake"]
    assert result["status"] == "error"
    assert result["evidence"]["known_after_apply"] == ["metadata.items[enable-oslogin].value"]


def test_project_metadata_known_only_after_apply_makes_instances_without_their_own_setting_error() -> None:
    plan = gcp_plan()
    plan.resource("google_compute_instance.plain", {**INSTANCE, "name": "plain", "metadata": {}}, unknown={"id": U})
    plan.resource(
        "google_compute_instance.own",
        {**INSTANCE, "name": "own", "metadata": {"enable-oslogin": "TRUE"}},
        unknown={"id": U},
    )
    plan.resource(
        "google_compute_project_metadata.this",
        {"project": PROJECT, "metadata": None, "id": None},
        unknown={"id": U, "metadata": U},
        exprs={"metadata": ref("local.project_metadata")},
    )
    out = built(plan)
    project = out[f"//compute.googleapis.com/projects/{PROJECT}"]
    assert project.config["commonInstanceMetadata"] == {"items": []}
    assert unknown_paths(project) == ["commonInstanceMetadata"]
    assert status(out, "gcp.compute.instance_os_login") == {
        "google_compute_instance.plain": "error",
        "google_compute_instance.own": "pass",
    }
    result = judged(out, "gcp.compute.instance_os_login")["google_compute_instance.plain"]
    assert result["evidence"]["known_after_apply"] == [
        f"//compute.googleapis.com/projects/{PROJECT}: commonInstanceMetadata"
    ]


def test_project_metadata_items_with_a_value_or_key_known_only_after_apply_are_listed() -> None:
    plan = gcp_plan()
    plan.resource(
        "google_compute_project_metadata_item.oslogin",
        {"project": PROJECT, "key": "enable-oslogin", "value": None, "id": None},
        unknown={"id": U, "value": U},
        exprs={"value": ref("var.oslogin")},
    )
    plan.resource(
        "google_compute_project_metadata_item.other",
        {"project": "carebridge-other", "key": None, "value": "TRUE", "id": None},
        unknown={"id": U, "key": U},
        exprs={"key": ref("var.key")},
    )
    plan.resource("google_compute_instance.a", {**INSTANCE, "name": "a", "metadata": {}}, unknown={"id": U})
    plan.resource(
        "google_compute_instance.b",
        {**INSTANCE, "name": "b", "project": "carebridge-other", "metadata": {}},
        unknown={"id": U},
    )
    out = built(plan)
    value = out[f"//compute.googleapis.com/projects/{PROJECT}"]
    assert value.config["commonInstanceMetadata"] == {"items": [{"key": "enable-oslogin", "value": UNKNOWN}]}
    assert unknown_paths(value) == ["commonInstanceMetadata.items[enable-oslogin].value"]
    assert value.errors[0].message == "google_compute_project_metadata_item.oslogin.value is known only after apply"
    key = out["//compute.googleapis.com/projects/carebridge-other"]
    assert key.config["commonInstanceMetadata"] == {"items": []}
    assert unknown_paths(key) == ["commonInstanceMetadata.items[].key"]
    assert status(out, "gcp.compute.instance_os_login") == {
        "google_compute_instance.a": "error",
        "google_compute_instance.b": "error",
    }


# Storage -----------------------------------------------------------------------------------------------
def test_bucket_versioning_and_retention_period_set_unknown_are_listed() -> None:
    plan = gcp_plan()
    bucket = {
        "location": "US",
        "uniform_bucket_level_access": True,
        "public_access_prevention": "enforced",
        "id": None,
    }
    plan.resource(
        "google_storage_bucket.versioned_by_var",
        {**bucket, "name": "a", "versioning": [{"enabled": None}]},
        unknown={"id": U, "versioning": [{"enabled": U}]},
        exprs={"versioning": [{"enabled": ref("var.versioning")}]},
    )
    plan.resource(
        "google_storage_bucket.retained_by_var",
        {**bucket, "name": "b", "retention_policy": [{"retention_period": None, "is_locked": False}]},
        unknown={"id": U, "retention_policy": [{"retention_period": U}]},
        exprs={"retention_policy": [{"retention_period": ref("var.period"), "is_locked": const(False)}]},
    )
    plan.resource(
        "google_storage_bucket.both",
        {
            **bucket,
            "name": "c",
            "versioning": [{"enabled": True}],
            "retention_policy": [{"retention_period": None, "is_locked": False}],
        },
        unknown={"id": U, "retention_policy": [{"retention_period": U}]},
        exprs={"retention_policy": [{"retention_period": ref("var.period"), "is_locked": const(False)}]},
    )
    out = built(plan)
    versioned = out["google_storage_bucket.versioned_by_var"]
    assert versioned.config["versioning"] == {"enabled": UNKNOWN}
    assert unknown_paths(versioned) == ["versioning.enabled"]
    retained = out["google_storage_bucket.retained_by_var"]
    assert retained.config["retentionPolicy"]["retentionPeriod"] == UNKNOWN
    assert unknown_paths(retained) == ["retentionPolicy.retentionPeriod"]
    results = judged(out, "gcp.storage.bucket_versioning_or_retention")
    assert {rid: r["status"] for rid, r in results.items()} == {
        "google_storage_bucket.versioned_by_var": "error",
        "google_storage_bucket.retained_by_var": "error",
        "google_storage_bucket.both": "pass",  # versioning decides
    }
    assert results["google_storage_bucket.both"]["evidence"]["known_after_apply"] == ["retentionPolicy.retentionPeriod"]


# Logging sinks ------------------------------------------------------------------------------------------
def _project(plan: PlanBuilder) -> None:
    plan.resource(
        "google_project.intake",
        {"project_id": PROJECT, "name": "intake", "org_id": ORG, "number": None, "id": None},
        unknown={"id": U, "number": U},
    )


def test_sink_flags_set_unknown_keep_the_placeholder_and_are_listed() -> None:
    plan = gcp_plan()
    _project(plan)
    sink = {"destination": "storage.googleapis.com/archive", "filter": "", "writer_identity": None, "id": None}
    plan.resource(
        "google_logging_organization_sink.children_by_var",
        {**sink, "name": "all", "org_id": ORG, "include_children": None, "disabled": False, "exclusions": []},
        unknown={"id": U, "writer_identity": U, "include_children": U},
        exprs={"include_children": ref("var.children")},
    )
    plan.resource(
        "google_logging_project_sink.exclusion_by_var",
        {
            **sink,
            "name": "project-all",
            "project": PROJECT,
            "disabled": None,
            "exclusions": [{"name": "debug", "filter": "severity<INFO", "disabled": None, "description": ""}],
        },
        unknown={"id": U, "writer_identity": U, "disabled": U, "exclusions": [{"disabled": U}]},
        exprs={
            "disabled": ref("var.off"),
            "exclusions": [
                {"name": const("debug"), "filter": const("severity<INFO"), "disabled": ref("var.exclusion_off")}
            ],
        },
    )
    out = built(plan)
    org_sink = out["google_logging_organization_sink.children_by_var"]
    assert org_sink.config["includeChildren"] == UNKNOWN
    assert unknown_paths(org_sink) == ["includeChildren"]
    project_sink = out["google_logging_project_sink.exclusion_by_var"]
    assert project_sink.config["disabled"] == UNKNOWN
    assert project_sink.config["exclusions"] == [{"name": "debug", "filter": "severity<INFO", "disabled": UNKNOWN}]
    assert unknown_paths(project_sink) == ["disabled", "exclusions[].disabled"]
    result = judged(out, "gcp.logging.sink_exports_all_logs")["google_project.intake"]
    assert result["status"] == "error"
    assert result["evidence"]["known_after_apply"] == [
        "google_logging_organization_sink.children_by_var: includeChildren",
        "google_logging_project_sink.exclusion_by_var: disabled",
        "google_logging_project_sink.exclusion_by_var: exclusions[].disabled",
    ]


def test_sink_flags_left_out_are_false_and_not_listed() -> None:
    plan = gcp_plan()
    _project(plan)
    plan.resource(
        "google_logging_organization_sink.plain",
        {
            "name": "all",
            "org_id": ORG,
            "destination": "storage.googleapis.com/archive",
            "filter": "",
            "include_children": False,
            "disabled": False,
            "exclusions": [],
            "writer_identity": None,
            "id": None,
        },
        unknown={"id": U, "writer_identity": U},
    )
    out = built(plan)
    sink = out["google_logging_organization_sink.plain"]
    assert (sink.config["includeChildren"], sink.config["disabled"]) == (False, False)
    assert sink.errors == [] and "unknown" not in sink.config["_terraform"]
    assert status(out, "gcp.logging.sink_exports_all_logs") == {"google_project.intake": "fail"}
