"""The Terraform plan translation, resource by resource: live-twin shapes, joins of split
resources, values known only after apply, what is and is not judged, addresses."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from attestkit.collectors.terraform import catalog
from attestkit.collectors.terraform.plan import ANY, Plan, parse_address
from attestkit.collectors.terraform.translate import translate
from attestkit.collectors.terraform.values import UNKNOWN, merge_unknown
from attestkit.engine.policy_set import load_policy_set
from attestkit.models import Resource
from tests.fixtures.terraform import generate
from tests.fixtures.terraform.planjson import Plan as PlanBuilder
from tests.fixtures.terraform.planjson import const, ref

FIXTURES = Path(__file__).parents[1] / "fixtures" / "terraform"
DOCS = Path(__file__).parents[2] / "docs" / "terraform.md"
U = True


@cache
def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


@cache
def translated(name: str) -> dict[str, Resource]:
    result = translate(Plan(fixture(name), name))
    return {r.id: r for r in result.resources}


def built(plan: PlanBuilder) -> dict[str, Resource]:
    return {r.id: r for r in translate(Plan(plan.build(), "test")).resources}


def api_codes(r: Resource) -> set[tuple[str, str]]:
    return {(e.api, e.code) for e in r.errors}


# Plan JSON mechanics ----------------------------------------------------------------------------------
def test_merge_unknown_marks_each_unknown_leaf_and_keeps_absent_absent() -> None:
    after = {"a": 1, "rule": [{"key": None, "alg": "aws:kms"}], "tags": {"x": "y"}, "gone": None}
    unknown = {"b": True, "rule": [{"key": True}], "tags": {}}
    merged = merge_unknown(after, unknown)
    assert merged == {
        "a": 1,
        "b": UNKNOWN,
        "rule": [{"key": UNKNOWN, "alg": "aws:kms"}],
        "tags": {"x": "y"},
        "gone": None,
    }
    assert merge_unknown(None, True) == UNKNOWN
    assert merge_unknown({"x": 1}, {}) == {"x": 1}


@pytest.mark.parametrize(
    ("address", "modules", "type_", "name", "key"),
    [
        ("aws_s3_bucket.b", (), "aws_s3_bucket", "b", None),
        ("aws_sqs_queue.lab_results[1]", (), "aws_sqs_queue", "lab_results", 1),
        (
            'module.records["eu.west-1"].module.bucket.aws_s3_bucket.this',
            (("records", "eu.west-1"), ("bucket", None)),
            "aws_s3_bucket",
            "this",
            None,
        ),
        ('module.q[0].aws_sqs_queue.this["a]b"]', (("q", 0),), "aws_sqs_queue", "this", "a]b"),
    ],
)
def test_addresses_parse_into_modules_type_name_and_instance_key(address, modules, type_, name, key) -> None:
    addr = parse_address(address)
    assert (addr.modules, addr.type, addr.name, addr.key) == (modules, type_, name, key)
    assert addr.display_name.endswith(f"{name}{'' if key is None else json.dumps([key])}")


def test_references_resolve_through_module_variables_and_outputs() -> None:
    plan = Plan(fixture("scenarios"), "scenarios")
    child = plan.by_address[
        'module.records["us"].module.bucket.aws_s3_bucket_server_side_encryption_configuration.this'
    ]
    # var.kms_key_arn (inner module) -> var.kms_key_arn (outer module) -> aws_kms_key.records.arn (root)
    refs = child.refs("rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id")
    assert [r.type + "." + r.name for r in refs] == ["aws_kms_key.records"]
    assert plan.referenced(refs) == [plan.by_address["aws_kms_key.records"]]
    (bucket_ref,) = child.refs("bucket")
    assert (bucket_ref.modules, bucket_ref.type, bucket_ref.key) == (
        (("records", "us"), ("bucket", None)),
        "aws_s3_bucket",
        ANY,
    )
    assert plan.referenced([bucket_ref]) == [plan.by_address['module.records["us"].module.bucket.aws_s3_bucket.this']]


def test_resource_types_are_every_type_the_checks_judge_that_terraform_can_express() -> None:
    judged = {t for c in load_policy_set().checks for t in c.info.resource_types}
    assert judged, "no checks loaded"
    assert set(catalog.RESOURCE_TYPES) == judged - set(catalog.NO_EQUIVALENT)
    assert set(catalog.NO_EQUIVALENT) <= judged
    assert "AWS::Account" in catalog.NO_EQUIVALENT
    for rtype, tf_types in catalog.TABLE.items():
        assert tf_types, rtype
        provider = "aws_" if rtype.startswith("AWS::") else "azurerm_" if rtype.startswith("Microsoft.") else "google_"
        assert all(t.startswith(provider) for t in tf_types), (rtype, tf_types)


def test_docs_table_names_every_type_and_its_terraform_resources() -> None:
    text = DOCS.read_text()
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([^`]+)` \| (.+?) \|$", text, re.MULTILINE)}
    for rtype, tf_types in catalog.TABLE.items():
        assert rtype in rows, f"docs/terraform.md has no row for {rtype}"
        for t in tf_types:
            assert f"`{t}`" in rows[rtype], f"{t} missing from the {rtype} row"
    for rtype in catalog.NO_EQUIVALENT:
        assert rtype in rows and "none" in rows[rtype].lower()


def test_fixtures_are_what_the_generator_writes() -> None:
    for name, content in generate.files().items():
        assert (FIXTURES / name).read_text() == content, f"{name} is stale: python -m tests.fixtures.terraform.generate"


# Live-twin vocabulary ----------------------------------------------------------------------------------
def test_bucket_joins_its_split_resources_in_the_boto3_vocabulary() -> None:
    b = translated("aws_telehealth")['module.phi_bucket["records"].aws_s3_bucket.this']
    assert (b.type, b.provider, b.source, b.name) == (
        "AWS::S3::Bucket",
        "aws",
        "terraform-plan",
        'phi_bucket["records"].this',
    )
    assert b.config["Name"] == "carebridge-phi-records"
    rule = b.config["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule == {
        "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": UNKNOWN},
        "BucketKeyEnabled": True,
    }
    assert b.config["PublicAccessBlockConfiguration"] == dict.fromkeys(
        ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"), True
    )
    assert b.config["Versioning"] == {"Status": "Enabled"}
    assert b.config["LoggingEnabled"] == {
        "TargetBucket": "carebridge-access-logs",
        "TargetPrefix": "carebridge-phi-records/",
    }
    # the TLS-only policy, rebuilt from its aws_iam_policy_document configuration, is not public
    assert b.config["PolicyStatus"] == {"IsPublic": False}
    assert b.errors == []
    meta = b.config["_terraform"]
    assert meta["address"] == b.id and meta["module"] == 'module.phi_bucket["records"]'
    assert meta["module_source"] == "modules/phi-bucket" and meta["type"] == "aws_s3_bucket"
    assert meta["provider_name"] == "registry.terraform.io/hashicorp/aws" and meta["actions"] == ["create"]
    assert {j["address"].rsplit(".", 2)[-2] for j in meta["joined"]} == {
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_logging",
        "aws_s3_bucket_policy",
    }
    # each instance of the for_each module joins its own children, not its sibling's
    other = translated("aws_telehealth")['module.phi_bucket["imaging"].aws_s3_bucket.this']
    assert all('["imaging"]' in j["address"] for j in other.config["_terraform"]["joined"])


def test_public_bucket_acl_and_policy() -> None:
    m = translated("aws_telehealth")["aws_s3_bucket.marketing"]
    assert {
        "Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"},
        "Permission": "READ",
    } in m.config["Grants"]
    assert m.config["PolicyStatus"] == {"IsPublic": True}
    assert m.config["Versioning"] == {"Status": "Suspended"}
    assert m.config["LoggingEnabled"] is None


def test_security_group_rules_join_and_a_rule_on_an_unmanaged_group_is_judged_alone() -> None:
    r = translated("aws_telehealth")
    bastion = r["aws_security_group.bastion"]
    assert bastion.config["IpPermissions"] == [
        {
            "IpProtocol": "tcp",
            "FromPort": 22,
            "ToPort": 22,
            "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
            "Ipv6Ranges": [],
            "UserIdGroupPairs": [],
            "PrefixListIds": [],
        }
    ]
    assert bastion.config["IpPermissionsEgress"] == []  # Terraform removes the default egress rule
    lone = r["aws_security_group_rule.vendor_rdp"]
    assert lone.type == "AWS::EC2::SecurityGroup" and "GroupName" not in lone.config
    assert lone.config["GroupId"] == "sg-0a1b2c3d4e5f60718"
    assert lone.config["IpPermissions"][0]["Ipv6Ranges"] == [{"CidrIpv6": "::/0"}]
    default = r["aws_default_security_group.legacy"]
    assert default.config["GroupName"] == "default"
    assert (
        default.config["IpPermissions"][0]["IpProtocol"] == "-1"
        and "FromPort" not in default.config["IpPermissions"][0]
    )


def test_load_balancer_listeners_attributes_and_tls_policy_definitions() -> None:
    lb = translated("aws_telehealth")["aws_lb.portal"]
    ports = {(listener["Port"], listener["Protocol"]) for listener in lb.config["Listeners"]}
    assert ports == {(443, "HTTPS"), (80, "HTTP")}
    redirect = next(x for x in lb.config["Listeners"] if x["Port"] == 80)["DefaultActions"][0]
    assert redirect["RedirectConfig"]["Protocol"] == "HTTPS"
    assert {"Key": "access_logs.s3.enabled", "Value": "true"} in lb.config["Attributes"]
    assert lb.config["SslPolicies"] == [
        {"Name": "ELBSecurityPolicy-TLS13-1-2-2021-06", "SslProtocols": ["TLSv1.3", "TLSv1.2"]}
    ]


def test_accounts_and_regions_come_from_the_provider_configuration() -> None:
    r = translated("aws_telehealth")
    assert (r["aws_guardduty_detector.west"].account, r["aws_guardduty_detector.west"].region) == (
        "111111111111",
        "us-west-2",
    )
    assert (
        r["aws_s3_account_public_access_block.audit"].account,
        r["aws_s3_account_public_access_block.audit"].region,
    ) == ("222222222222", "global")
    assert r["aws_kms_key.phi"].region == "us-east-1"  # from var.region
    g = translated("gcp_telehealth")["google_compute_instance.ehr_api"]
    assert (g.account, g.region, g.config["ancestors"][0]) == (
        "carebridge-telehealth",
        "us-east1-b",
        "projects/carebridge-telehealth",
    )
    a = translated("azure_telehealth")["azurerm_storage_account.phi"]
    assert (a.account, a.region) == ("9a7d6c5b-4e3f-4a2b-8c1d-0e9f8a7b6c5d", "eastus")


def test_count_and_for_each_instances_keep_their_address_and_index() -> None:
    r = translated("aws_telehealth")
    queue = r["aws_sqs_queue.lab_results[1]"]
    assert queue.name == "lab_results[1]" and queue.config["Attributes"]["SqsManagedSseEnabled"] == "false"
    pricing = translated("azure_telehealth")['azurerm_security_center_subscription_pricing.clinical["KeyVaults"]']
    assert pricing.name == "KeyVaults"  # the Defender plan, as the live resource names it
    nested = translated("scenarios")['module.records["eu.west-1"].module.bucket.aws_s3_bucket.this']
    assert nested.config["_terraform"]["module"] == 'module.records["eu.west-1"].module.bucket'
    assert nested.config["_terraform"]["module_source"] == "modules/records/bucket"


def test_gcp_iam_members_audit_configs_and_org_policies_join_onto_the_project() -> None:
    p = translated("gcp_telehealth")["google_project.telehealth"]
    assert p.config["iamPolicy"]["bindings"] == [
        {"role": "roles/viewer", "members": ["group:clinical-ops@carebridge.health"]}
    ]
    assert p.config["iamPolicy"]["auditConfigs"][0]["service"] == "allServices"
    assert p.config["orgPolicy"] == [
        {"constraint": "constraints/storage.publicAccessPrevention", "booleanPolicy": {"enforced": True}}
    ]
    assert p.config["ancestors"] == ["projects/carebridge-telehealth", "folders/301122334455"]
    bucket = translated("gcp_telehealth")["module.phi_storage.google_storage_bucket.this"]
    assert bucket.config["iamPolicy"]["bindings"][0]["members"] == ["group:clinical-ops@carebridge.health"]
    assert bucket.config["iamConfiguration"] == {
        "uniformBucketLevelAccess": {"enabled": True},
        "publicAccessPrevention": "enforced",
    }
    cluster = translated("gcp_telehealth")["google_container_cluster.clinical"]
    assert cluster.config["nodePools"] == [
        {"name": "general", "config": {"workloadMetadataConfig": {"mode": "GKE_METADATA"}}}
    ]


def test_gcp_default_service_account_is_recognised_without_its_project_number() -> None:
    debug = translated("gcp_telehealth")["google_compute_instance.debug"]
    (sa,) = debug.config["serviceAccounts"]
    assert re.fullmatch(r"[0-9]+-compute@developer\.gserviceaccount\.com", sa["email"])
    assert sa["scopes"] == ["https://www.googleapis.com/auth/cloud-platform"]
    assert "serviceAccounts[].email" in debug.config["_terraform"]["derived"]
    assert debug.config["networkInterfaces"][0]["accessConfigs"][0]["natIP"] == UNKNOWN


def test_azure_children_and_ids_of_other_resources_use_plan_addresses() -> None:
    r = translated("azure_telehealth")
    sql = r["azurerm_mssql_server.legacy"]
    assert sql.config["firewallRules"] == [
        {"name": "AllowAll", "properties": {"startIpAddress": "0.0.0.0", "endIpAddress": "255.255.255.255"}}
    ]
    assert (
        sql.config["auditingSettings"]["state"] == "Disabled"
        and "auditingSettings" in sql.config["_terraform"]["derived"]
    )
    assert sql.config["administrators"] == []
    assert (
        r["azurerm_mssql_server.ehr"].config["administrators"][0]["properties"]["administratorType"]
        == "ActiveDirectory"
    )
    vm = r["azurerm_linux_virtual_machine.jump"]
    assert vm.config["properties"]["networkProfile"]["networkInterfaces"] == [{"id": "azurerm_network_interface.jump"}]
    nic = r["azurerm_network_interface.jump"]
    assert nic.config["properties"]["ipConfigurations"][0]["properties"]["publicIPAddress"] == {
        "id": "azurerm_public_ip.jump"
    }
    data = r["azurerm_managed_disk.ehr_data"]
    assert data.config["managedBy"] == "azurerm_linux_virtual_machine.ehr"
    os_disk = r["azurerm_linux_virtual_machine.ehr.os_disk"]
    assert (
        os_disk.type == "Microsoft.Compute/disks" and os_disk.config["managedBy"] == "azurerm_linux_virtual_machine.ehr"
    )
    nsg = r["azurerm_network_security_group.app"]
    assert nsg.config["properties"]["subnets"] == [{"id": "azurerm_virtual_network.core/subnets/app"}]
    flow = r["azurerm_network_watcher_flow_log.core"]
    assert flow.config["properties"]["targetResourceId"] == "azurerm_virtual_network.core"
    jump = r["azurerm_network_security_group.jump"]
    assert [x["name"] for x in jump.config["properties"]["securityRules"]] == ["allow-ssh-anywhere"]
    vault = r["azurerm_key_vault.phi"]
    (key,) = vault.config["keys"]
    assert key["name"] == "phi-cmk" and key["properties"]["attributes"]["exp"] == 1814313600


# Values known only after apply ---------------------------------------------------------------------------
def test_unknown_key_id_is_still_encryption_and_unset_is_absent() -> None:
    r = translated("aws_telehealth")
    assert r["aws_cloudtrail.org"].config["KmsKeyId"] == UNKNOWN
    assert "KmsKeyId" not in r["aws_cloudtrail.legacy"].config
    assert r["aws_cloudtrail.org"].errors == []


@pytest.mark.parametrize(
    ("address", "api", "code"),
    [
        ("aws_ecs_task_definition.worker", "ecs:DescribeTaskDefinition", "KnownAfterApply"),
        ("aws_s3_bucket.uploads", "s3:GetBucketPolicyStatus", "KnownAfterApply"),
        ("aws_lb.api", "elbv2:DescribeSSLPolicies", "KnownAfterApply"),
        ("aws_acm_certificate.api", "acm:DescribeCertificate", "KnownAfterApply"),
        ("aws_iam_policy.uploader", "iam:GetPolicyVersion", "KnownAfterApply"),
        ("azurerm_key_vault.research", "keyvault:Keys_List", "KnownAfterApply"),
        ("aws_ecr_repository.scratch", "ecr:GetRegistryScanningConfiguration", "NotInPlan"),
        ("aws_s3_bucket.scratch", "s3:GetPublicAccessBlock", "NotInPlan"),
        ("aws_backup_vault.shared", "kms:DescribeKey", "NotInPlan"),
    ],
)
def test_a_value_a_check_needs_is_a_read_error_naming_the_attribute(address: str, api: str, code: str) -> None:
    r = translated("scenarios")[address]
    errors = [e for e in r.errors if (e.api, e.code) == (api, code)]
    assert errors, r.errors
    if code == "KnownAfterApply":
        assert re.search(r" is known only after apply$", errors[0].message) and "." in errors[0].message


def test_values_known_only_after_apply_without_a_read_are_recorded_too() -> None:
    plan = PlanBuilder()
    plan.provider("aws", {"region": const("us-east-1")})
    plan.resource(
        "aws_ebs_volume.data",
        {"availability_zone": "us-east-1a", "size": 10, "encrypted": None, "id": None},
        unknown={"encrypted": U, "id": U},
        exprs={"encrypted": ref("var.encrypt")},
    )
    volume = built(plan)["aws_ebs_volume.data"]
    assert volume.config["Encrypted"] == UNKNOWN
    assert api_codes(volume) == {("terraform:after_unknown", "KnownAfterApply")}
    assert volume.errors[0].message == "aws_ebs_volume.data.encrypted is known only after apply"
    assert volume.config["_terraform"]["unknown"] == ["Encrypted"]


def test_a_public_address_assigned_at_launch_is_known_to_exist_unlike_one_the_subnet_decides() -> None:
    plan = PlanBuilder()
    plan.provider("aws", {"region": const("us-east-1")})
    base = {
        "ami": "ami-1",
        "instance_type": "t3.micro",
        "metadata_options": [{"http_tokens": "required"}],
        "id": None,
        "public_ip": None,
    }
    plan.resource(
        "aws_instance.assigned", {**base, "associate_public_ip_address": True}, unknown={"id": U, "public_ip": U}
    )
    plan.resource(
        "aws_instance.subnet_decides",
        {**base, "associate_public_ip_address": None},
        unknown={"id": U, "public_ip": U, "associate_public_ip_address": U},
        omit=("associate_public_ip_address",),
    )
    plan.resource(
        "aws_instance.private", {**base, "associate_public_ip_address": False}, unknown={"id": U, "public_ip": U}
    )
    out = built(plan)
    assigned, decides, private = (
        out["aws_instance.assigned"],
        out["aws_instance.subnet_decides"],
        out["aws_instance.private"],
    )
    assert assigned.config["PublicIpAddress"] == UNKNOWN and "unknown" not in assigned.config["_terraform"]
    assert decides.config["PublicIpAddress"] == UNKNOWN and decides.config["_terraform"]["unknown"] == [
        "PublicIpAddress"
    ]
    assert "PublicIpAddress" not in private.config and private.errors == []


# What is judged -------------------------------------------------------------------------------------------
def test_deleted_unchanged_deposed_and_read_changes_are_not_judged() -> None:
    r = translated("scenarios")
    expected = json.loads((FIXTURES / "scenarios.expected.json").read_text())
    for address in expected["absent"]:
        assert address not in r
    assert not any(x.id.startswith("data.") for x in r.values())


def test_a_replaced_resource_is_judged_as_what_replaces_it() -> None:
    r = translated("scenarios")
    assert r["aws_db_instance.reporting"].config["StorageEncrypted"] is True
    assert r["aws_db_instance.reporting"].config["_terraform"]["actions"] == ["delete", "create"]
    assert r["aws_instance.batch"].config["MetadataOptions"]["HttpTokens"] == "required"


def test_an_unchanged_parent_whose_child_is_deleted_is_judged_without_it() -> None:
    scratch = translated("scenarios")["aws_s3_bucket.scratch"]
    assert scratch.config["PublicAccessBlockConfiguration"] is None
    assert scratch.config["_terraform"]["actions"] == ["no-op"]
    assert scratch.config["_terraform"]["joined"] == [
        {"address": "aws_s3_bucket_public_access_block.scratch", "actions": ["delete"]}
    ]


def test_unchanged_resources_a_change_is_judged_against_are_written() -> None:
    r = translated("scenarios")
    assert r["aws_kms_key.backup"].config["_terraform"]["actions"] == ["no-op"]
    assert r["aws_backup_vault.research"].config["EncryptionKeyArn"] == "aws_kms_key.backup"
    plan = PlanBuilder()
    plan.provider("azurerm", {"subscription_id": const("9a7d6c5b-4e3f-4a2b-8c1d-0e9f8a7b6c5d")})
    nic = {
        "name": "nic-a",
        "location": "eastus",
        "resource_group_name": "rg",
        "ip_configuration": [
            {
                "name": "ip",
                "subnet_id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
                "public_ip_address_id": "",
            }
        ],
        "id": "/subscriptions/9a7d/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic-a",
    }
    plan.resource("azurerm_network_interface.a", nic, actions=("no-op",), provider="azurerm")
    plan.resource(
        "azurerm_storage_account.unchanged",
        {
            "name": "sa",
            "location": "eastus",
            "account_tier": "Standard",
            "account_replication_type": "LRS",
            "id": "/subscriptions/9a7d/x",
        },
        actions=("no-op",),
        provider="azurerm",
    )
    out = built(plan)
    assert "azurerm_network_interface.a" in out  # context: no check reports on network interfaces
    assert "azurerm_storage_account.unchanged" not in out


def test_a_child_whose_parent_is_not_in_the_plan_is_reported_not_judged(caplog) -> None:
    result = translate(Plan(fixture("scenarios"), "scenarios"))
    assert result.unjoined == ["aws_s3_bucket_versioning.shared_logs"]


def test_gcp_organization_and_project_metadata_are_assembled_as_context() -> None:
    r = translated("scenarios")
    org = r["//cloudresourcemanager.googleapis.com/organizations/615243789012"]
    assert org.config["iamPolicy"]["auditConfigs"][0]["service"] == "allServices"
    assert org.config["_terraform"]["addresses"] == [
        "google_org_policy_policy.org_public_access_prevention",
        "google_organization_iam_audit_config.all_services",
    ]
    compute = r["//compute.googleapis.com/projects/carebridge-research"]
    assert compute.config["commonInstanceMetadata"] == {"items": [{"key": "enable-oslogin", "value": "TRUE"}]}
    sink = r["google_logging_organization_sink.audit_archive"]
    assert sink.config["ancestors"] == ["organizations/615243789012"] and sink.config["includeChildren"] is True


def test_secret_values_never_reach_a_resource() -> None:
    for name in ("aws_telehealth", "gcp_telehealth", "azure_telehealth"):
        assert "SECRET-MUST-NOT-APPEAR" in json.dumps(fixture(name))  # the plans do carry secrets
    for name in ("aws_telehealth", "gcp_telehealth", "azure_telehealth", "scenarios"):
        text = json.dumps([r.model_dump() for r in translated(name).values()])
        assert "SECRET-MUST-NOT-APPEAR" not in text, name
    fn = translated("aws_telehealth")["aws_lambda_function.intake"]
    assert fn.config["Environment"] == {"VariableNames": ["INTAKE_QUEUE", "SMS_API_TOKEN"]}
    meta = translated("gcp_telehealth")["google_compute_instance.ehr_api"].config["metadata"]
    assert meta == {"items": [{"key": "enable-oslogin", "value": "TRUE"}, {"key": "startup-script", "value": "***"}]}


def test_rds_flags_left_to_the_provider_take_the_api_default_and_set_unknown_ones_are_listed() -> None:
    plan = PlanBuilder(variables={"ha": None})
    plan.provider("aws", {"region": const("us-east-1")})
    base = {"identifier": "ehr", "engine": "postgres", "storage_encrypted": True, "id": None}
    plan.resource(
        "aws_db_instance.defaults",
        {**base, "multi_az": None, "backup_retention_period": None},
        unknown={"id": U, "multi_az": U, "backup_retention_period": U},
        omit=("multi_az", "backup_retention_period"),
    )
    plan.resource(
        "aws_db_instance.from_vars",
        {**base, "identifier": "ehr-2", "multi_az": None, "backup_retention_period": None},
        unknown={"id": U, "multi_az": U, "backup_retention_period": U},
        exprs={"multi_az": ref("var.ha"), "backup_retention_period": ref("var.retention")},
    )
    out = built(plan)
    defaults, from_vars = out["aws_db_instance.defaults"], out["aws_db_instance.from_vars"]
    assert (defaults.config["MultiAZ"], defaults.config["BackupRetentionPeriod"]) == (False, 1)
    assert defaults.config["_terraform"]["derived"] == ["BackupRetentionPeriod", "MultiAZ"]
    assert "unknown" not in defaults.config["_terraform"]
    assert from_vars.config["MultiAZ"] == UNKNOWN
    assert from_vars.config["_terraform"]["unknown"] == ["BackupRetentionPeriod", "MultiAZ"]


def test_inline_rules_set_to_a_value_known_after_apply_are_not_read_as_none() -> None:
    plan = PlanBuilder()
    plan.provider("aws", {"region": const("us-east-1")})
    plan.provider("azurerm", {"subscription_id": const("9a7d6c5b-4e3f-4a2b-8c1d-0e9f8a7b6c5d"), "features": [{}]})
    group = {"name": "partners", "vpc_id": "vpc-1", "ingress": None, "egress": [], "id": None}
    plan.resource(
        "aws_security_group.partners",
        group,
        unknown={"ingress": U, "id": U},
        exprs={"ingress": ref("local.partner_rules")},
    )
    plan.resource("aws_security_group.separate", {**group, "name": "separate"}, unknown={"ingress": U, "id": U}, omit=("ingress",))
    nsg = {"name": "nsg-partners", "resource_group_name": "rg", "location": "eastus", "security_rule": None, "id": None}
    plan.resource(
        "azurerm_network_security_group.partners",
        nsg,
        unknown={"security_rule": U, "id": U},
        exprs={"security_rule": ref("local.partner_rules")},
        provider="azurerm",
    )
    plan.resource(
        "azurerm_network_security_group.separate",
        {**nsg, "name": "nsg-separate"},
        unknown={"security_rule": U, "id": U},
        omit=("security_rule",),
        provider="azurerm",
    )
    out = built(plan)
    partners = out["aws_security_group.partners"]
    assert partners.config["IpPermissions"][0]["IpProtocol"] == UNKNOWN
    assert partners.config["_terraform"]["unknown"] == ["IpPermissions"]
    assert out["aws_security_group.separate"].config["IpPermissions"] == []
    azure = out["azurerm_network_security_group.partners"]
    assert azure.config["properties"]["securityRules"] == UNKNOWN
    assert azure.config["_terraform"]["unknown"] == ["properties.securityRules"]
    assert out["azurerm_network_security_group.separate"].config["properties"]["securityRules"] == []


def test_azure_public_network_access_and_an_unnamed_server_parameter_known_after_apply() -> None:
    plan = PlanBuilder(default_provider="azurerm")
    plan.provider("azurerm", {"subscription_id": const("9a7d6c5b-4e3f-4a2b-8c1d-0e9f8a7b6c5d"), "features": [{}]})
    common = {"resource_group_name": "rg", "location": "eastus", "public_network_access_enabled": None, "id": None}
    plan.resource(
        "azurerm_storage_account.intake",
        {**common, "name": "stintake", "account_tier": "Standard", "account_replication_type": "GRS"},
        unknown={"public_network_access_enabled": U, "id": U},
        exprs={"public_network_access_enabled": ref("var.public")},
    )
    plan.resource(
        "azurerm_mssql_server.intake",
        {**common, "name": "sql-intake", "version": "12.0"},
        unknown={"public_network_access_enabled": U, "id": U},
        exprs={"public_network_access_enabled": ref("var.public")},
    )
    plan.resource(
        "azurerm_postgresql_flexible_server.intake",
        {"name": "pg-intake", "resource_group_name": "rg", "location": "eastus", "version": "16", "id": None},
        unknown={"id": U},
    )
    plan.resource(
        "azurerm_postgresql_flexible_server_configuration.tls",
        {"name": None, "server_id": None, "value": "off", "id": None},
        unknown={"name": U, "server_id": U, "id": U},
        exprs={"name": ref("var.parameter"), "server_id": ref("azurerm_postgresql_flexible_server.intake.id")},
    )
    out = built(plan)
    for address in ("azurerm_storage_account.intake", "azurerm_mssql_server.intake"):
        assert out[address].config["properties"]["publicNetworkAccess"] == UNKNOWN
        assert out[address].config["_terraform"]["unknown"] == ["properties.publicNetworkAccess"]
    server = out["azurerm_postgresql_flexible_server.intake"]
    assert ("postgresql:Configurations_Get", "KnownAfterApply") in api_codes(server)
    assert "configurations" not in server.config
