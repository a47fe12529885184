"""Identity, compute platform and detection: IAM users, policies and the password policy,
Lambda, ECS, ECR, ACM, CloudTrail, GuardDuty, AWS Config and Security Hub."""

from __future__ import annotations

from typing import Any

from attestkit.collectors.terraform import aws_common as c
from attestkit.collectors.terraform.draft import Context, Draft
from attestkit.collectors.terraform.plan import Planned
from attestkit.collectors.terraform.values import UNKNOWN, compact, parse_json, strings, text

reg = c.registry


# IAM -------------------------------------------------------------------------------------------
@reg.translator(
    "aws_iam_user",
    produces="AWS::IAM::User",
    children=("aws_iam_user_login_profile", "aws_iam_access_key"),
)
def user(ctx: Context, r: Planned) -> list[Draft]:
    """A user the plan creates has no MFA device and fresh credentials (created at apply); for
    an existing user, MFA devices, password use and key use are not in a plan."""
    d = c.new(ctx, r, "AWS::IAM::User", {}, global_=True)
    d.config.update(
        compact(
            {
                "UserName": r.get("name"),
                "UserId": r.get("unique_id"),
                "Arn": r.get("arn"),
                "Path": r.get("path", default="/"),
            }
        )
    )
    if r.created:
        d.config["MFADevices"] = []
    else:
        d.not_in_plan("iam:ListMFADevices", "the user's MFA devices are not in a Terraform plan")
    profiles = d.join(ctx.children(r, "aws_iam_user_login_profile", "user", ("name", "id")))
    if profiles:
        p = profiles[0]
        if p.created:
            d.config["LoginProfile"] = {
                "CreateDate": ctx.now,
                "PasswordResetRequired": p.get("password_reset_required") is True,
            }
            d.derive("LoginProfile.CreateDate")
        else:
            d.config["LoginProfile"] = {"PasswordResetRequired": p.get("password_reset_required") is True}
            d.not_in_plan(
                "iam:GetLoginProfile", "when the console password was created and last used is not in a Terraform plan"
            )
    elif r.created:
        d.config["LoginProfile"] = None
    keys = []
    for k in d.join(ctx.children(r, "aws_iam_access_key", "user", ("name", "id"))):
        status = k.get("status", default="Active")
        key: dict[str, Any] = {"AccessKeyId": k.get("id"), "Status": status}
        if k.created:
            key["CreateDate"] = ctx.now
            key["AccessKeyLastUsed"] = {"ServiceName": "N/A", "Region": "N/A"}
            d.derive(f"AccessKeys[{k.address}].CreateDate")
        else:
            key["CreateDate"] = k.get("create_date")
            d.not_in_plan("iam:GetAccessKeyLastUsed", f"when {k.address} was last used is not in a Terraform plan")
        keys.append(key)
    d.config["AccessKeys"] = keys
    return [d]


@reg.translator("aws_iam_policy", produces="AWS::IAM::ManagedPolicy")
def managed_policy(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::IAM::ManagedPolicy", {}, global_=True)
    document = c.document(ctx, r, "policy")
    version: dict[str, Any] = {"VersionId": "v1" if r.created else r.get("policy_id"), "IsDefaultVersion": True}
    if document == UNKNOWN or c.grants_all(document) is None:
        d.need(UNKNOWN, "policy", "iam:GetPolicyVersion")
    elif isinstance(document, dict):
        version["Document"] = document
    d.config.update(
        compact(
            {
                "PolicyName": r.get("name"),
                "Arn": r.get("arn"),
                "Path": r.get("path", default="/"),
                "DefaultVersionId": "v1" if r.created else None,
                "IsAttachable": True,
                "PolicyVersion": compact(version),
            }
        )
    )
    return [d]


@reg.translator("aws_iam_account_password_policy", produces="AWS::IAM::AccountPasswordPolicy")
def password_policy(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::IAM::AccountPasswordPolicy", {}, global_=True)
    api = "iam:GetAccountPasswordPolicy"
    values = {
        "MinimumPasswordLength": r.get("minimum_password_length"),
        "RequireSymbols": r.get("require_symbols"),
        "RequireNumbers": r.get("require_numbers"),
        "RequireUppercaseCharacters": r.get("require_uppercase_characters"),
        "RequireLowercaseCharacters": r.get("require_lowercase_characters"),
        "AllowUsersToChangePassword": r.get("allow_users_to_change_password"),
        "MaxPasswordAge": r.get("max_password_age") or None,
        "PasswordReusePrevention": r.get("password_reuse_prevention") or None,
        "HardExpiry": r.get("hard_expiry"),
    }
    for key, tf in (
        ("MinimumPasswordLength", "minimum_password_length"),
        ("RequireSymbols", "require_symbols"),
        ("RequireNumbers", "require_numbers"),
        ("RequireUppercaseCharacters", "require_uppercase_characters"),
        ("RequireLowercaseCharacters", "require_lowercase_characters"),
        ("PasswordReusePrevention", "password_reuse_prevention"),
    ):
        d.need(values[key], tf, api)
    policy = compact(values)
    policy["ExpirePasswords"] = isinstance(values["MaxPasswordAge"], int) and values["MaxPasswordAge"] > 0
    d.config["PasswordPolicy"] = policy
    return [d]


# Lambda -----------------------------------------------------------------------------------------
@reg.translator("aws_lambda_function", produces="AWS::Lambda::Function", children=("aws_lambda_permission",))
def function(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::Lambda::Function", {})
    package = r.get("package_type", default="Zip")
    runtime = r.get("runtime") if package != "Image" else None
    d.need(runtime, "runtime", None, path="Runtime")
    config: dict[str, Any] = compact(
        {
            "FunctionName": r.get("function_name"),
            "FunctionArn": r.get("arn"),
            "Runtime": text(runtime),
            "PackageType": package,
            "Role": r.get("role"),
            "KMSKeyArn": text(r.get("kms_key_arn")),
        }
    )
    env = r.block("environment")
    variables = env.get("variables") if env else None
    if variables == UNKNOWN:
        d.need(UNKNOWN, "environment.variables", None, path="Environment.VariableNames")
    elif isinstance(variables, dict) and variables:
        config["Environment"] = {"VariableNames": sorted(variables)}  # names only, never values
    statements = []
    for p in d.join(
        ctx.children(
            r,
            "aws_lambda_permission",
            "function_name",
            ("function_name", "arn", "id"),
            match=c.named_here(ctx, "function_name", "arn", "id", attr="function_name"),
        )
    ):
        statements.append(_permission_statement(d, p))
    config["Policy"] = {"Version": "2012-10-17", "Statement": statements} if statements else None
    d.config.update(config)
    return [d]


def _permission_statement(d: Draft, p: Planned) -> dict[str, Any]:
    principal = p.get("principal")
    d.need(principal, "principal", "lambda:GetPolicy", where=p)
    if principal == "*":
        who: Any = "*"
    elif isinstance(principal, str) and principal.endswith(".amazonaws.com"):
        who = {"Service": principal}
    elif isinstance(principal, str) and principal.isdigit():
        who = {"AWS": f"arn:aws:iam::{principal}:root"}
    else:
        who = {"AWS": principal}
    condition: dict[str, dict[str, Any]] = {}
    for tf, op, key in (
        ("source_arn", "ArnLike", "AWS:SourceArn"),
        ("source_account", "StringEquals", "AWS:SourceAccount"),
        ("principal_org_id", "StringEquals", "aws:PrincipalOrgID"),
        ("function_url_auth_type", "StringEquals", "lambda:FunctionUrlAuthType"),
        ("event_source_token", "StringEquals", "lambda:EventSourceToken"),
    ):
        value = p.get(tf)
        if text(value):
            condition.setdefault(op, {})[key] = value
    statement: dict[str, Any] = {
        "Sid": p.get("statement_id"),
        "Effect": "Allow",
        "Principal": who,
        "Action": p.get("action"),
        "Resource": p.get("function_name"),
    }
    if condition:
        statement["Condition"] = condition
    return statement


# ECS, ECR, ACM -----------------------------------------------------------------------------------
@reg.translator("aws_ecs_task_definition", produces="AWS::ECS::TaskDefinition")
def task_definition(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::ECS::TaskDefinition", {})
    raw = r.get("container_definitions")
    containers = parse_json(raw)
    task: dict[str, Any] = compact(
        {
            "taskDefinitionArn": r.get("arn"),
            "family": r.get("family"),
            "revision": r.get("revision"),
            "status": "ACTIVE",
            "executionRoleArn": text(r.get("execution_role_arn")),
            "taskRoleArn": text(r.get("task_role_arn")),
            "networkMode": r.get("network_mode"),
        }
    )
    if containers == UNKNOWN:
        d.need(UNKNOWN, "container_definitions", "ecs:DescribeTaskDefinition")
    else:
        task["containerDefinitions"] = [_container(x) for x in containers or [] if isinstance(x, dict)]
    d.config.update({"family": r.get("family"), "taskDefinition": task})
    return [d]


def _container(x: dict[str, Any]) -> dict[str, Any]:
    """A container definition with environment values dropped (names kept), as the live collector."""
    out = {k: v for k, v in x.items() if k not in ("environment", "secrets", "environmentFiles")}
    out["environment"] = [{"name": e.get("name")} for e in x.get("environment") or [] if isinstance(e, dict)]
    out["secrets"] = [
        compact({"name": s.get("name"), "valueFrom": s.get("valueFrom")})
        for s in x.get("secrets") or []
        if isinstance(s, dict)
    ]
    if x.get("environmentFiles"):
        out["environmentFiles"] = x["environmentFiles"]
    return out


@reg.translator(
    "aws_ecr_repository",
    produces="AWS::ECR::Repository",
    children=("aws_ecr_registry_scanning_configuration",),
)
def repository(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::ECR::Repository", {})
    scan = r.block("image_scanning_configuration")
    encryption = r.block("encryption_configuration")
    on_push = scan.get("scan_on_push", False) if scan else False
    d.need(on_push, "image_scanning_configuration.scan_on_push", None, path="imageScanningConfiguration.scanOnPush")
    mutability = r.get("image_tag_mutability", default="MUTABLE")
    d.need(mutability, "image_tag_mutability", None, path="imageTagMutability")
    # the registry's scanning rules select repositories by name
    d.need(r.get("name"), "name", None, path="repositoryName")
    d.config.update(
        compact(
            {
                "repositoryName": r.get("name"),
                "repositoryArn": r.get("arn"),
                "repositoryUri": r.get("repository_url"),
                "imageTagMutability": mutability,
                "imageScanningConfiguration": {"scanOnPush": on_push},
                "encryptionConfiguration": compact(
                    {
                        "encryptionType": encryption.get("encryption_type") or "AES256",
                        "kmsKey": text(encryption.get("kms_key")),
                    }
                ),
            }
        )
    )
    registries = [
        g
        for g in ctx.plan.by_type.get("aws_ecr_registry_scanning_configuration", [])
        if not g.gone and c.same_place(ctx, g, r)
    ]
    if registries:
        g = registries[0]
        d.join(([g], []))
        ctx.consumed.add(g.address)
        rules = []
        for rule in g.blocks("rule"):
            rules.append(
                {
                    "scanFrequency": rule.get("scan_frequency"),
                    "repositoryFilters": [
                        {"filter": f.get("filter"), "filterType": f.get("filter_type", "WILDCARD")}
                        for f in (rule.get("repository_filter") or [])
                        if isinstance(f, dict)
                    ],
                }
            )
        d.config["scanningConfiguration"] = {"scanType": g.get("scan_type", default="BASIC"), "rules": rules}
    else:
        d.not_in_plan(
            "ecr:GetRegistryScanningConfiguration",
            "the registry's scanning configuration (aws_ecr_registry_scanning_configuration) is not in the plan",
        )
    return [d]


@reg.translator("aws_acm_certificate", produces="AWS::CertificateManager::Certificate")
def certificate(ctx: Context, r: Planned) -> list[Draft]:
    api = "acm:DescribeCertificate"
    d = c.new(ctx, r, "AWS::CertificateManager::Certificate", {})
    status = r.get("status")
    not_after = r.get("not_after")
    d.need(status, "status", api)
    if status in ("ISSUED", "EXPIRED"):
        d.need(not_after, "not_after", api)
    kind = r.get("type") or ("IMPORTED" if r.get("certificate_body") else "AMAZON_ISSUED")
    d.config.update(
        compact(
            {
                "CertificateArn": r.get("arn"),
                "DomainName": r.get("domain_name"),
                "Status": status,
                "Certificate": compact(
                    {
                        "Status": status,
                        "Type": kind,
                        "NotBefore": text(r.get("not_before")),
                        "NotAfter": text(not_after),
                        "RenewalEligibility": text(r.get("renewal_eligibility")),
                        "KeyAlgorithm": text(r.get("key_algorithm")),
                        "InUseBy": [],
                    }
                ),
            }
        )
    )
    return [d]


# Detection services ------------------------------------------------------------------------------
@reg.translator("aws_cloudtrail", produces="AWS::CloudTrail::Trail")
def trail(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::CloudTrail::Trail", {})
    selectors = [
        compact(
            {
                "ReadWriteType": s.get("read_write_type", "All"),
                "IncludeManagementEvents": s.get("include_management_events", True),
                "DataResources": [
                    {"Type": x.get("type"), "Values": x.get("values") or []}
                    for x in s.get("data_resource") or []
                    if isinstance(x, dict)
                ],
                "ExcludeManagementEventSources": s.get("exclude_management_event_sources") or None,
            }
        )
        for s in r.blocks("event_selector")
    ]
    advanced = [
        {
            "Name": a.get("name"),
            "FieldSelectors": [
                compact(
                    {
                        "Field": f.get("field"),
                        "Equals": f.get("equals") or None,
                        "NotEquals": f.get("not_equals") or None,
                    }
                )
                for f in a.get("field_selector") or []
                if isinstance(f, dict)
            ],
        }
        for a in r.blocks("advanced_event_selector")
    ]
    if not selectors and not advanced:
        selectors = [{"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}]
        d.derive("EventSelectors")
    d.config.update(
        compact(
            {
                "Name": r.get("name"),
                "TrailARN": r.get("arn"),
                "HomeRegion": r.get("home_region") or d.region,
                "IsMultiRegionTrail": r.get("is_multi_region_trail", default=False),
                "IsOrganizationTrail": r.get("is_organization_trail", default=False),
                "LogFileValidationEnabled": r.get("enable_log_file_validation", default=False),
                "KmsKeyId": text(r.get("kms_key_id")),
                "S3BucketName": r.get("s3_bucket_name"),
                "IncludeGlobalServiceEvents": r.get("include_global_service_events", default=True),
                "Status": {"IsLogging": r.get("enable_logging", default=True)},
                "EventSelectors": selectors or None,
                "AdvancedEventSelectors": advanced or None,
            }
        )
    )
    d.config.setdefault("EventSelectors", None)
    d.config.setdefault("AdvancedEventSelectors", None)
    return [d]


@reg.translator("aws_guardduty_detector", produces="AWS::GuardDuty::Detector")
def detector(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::GuardDuty::Detector", {})
    enabled = r.get("enable", default=True)
    d.need(enabled, "enable", "guardduty:GetDetector")
    status = "ENABLED" if enabled is True else "DISABLED" if enabled is False else UNKNOWN
    d.config["Detectors"] = [
        compact(
            {
                "DetectorId": r.get("id"),
                "Status": status,
                "FindingPublishingFrequency": r.get("finding_publishing_frequency"),
            }
        )
    ]
    return [d]


@reg.translator(
    "aws_config_configuration_recorder",
    produces="AWS::Config::ConfigurationRecorder",
    children=("aws_config_configuration_recorder_status",),
)
def recorder(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::Config::ConfigurationRecorder", {})
    name = r.get("name", default="default")
    group = r.block("recording_group")
    if r.get("recording_group") == UNKNOWN or not group:
        all_supported: Any = True  # PutConfigurationRecorder without a recording group records all types
        d.derive("ConfigurationRecorders[].recordingGroup.allSupported")
    else:
        all_supported = group.get("all_supported", True)
    d.need(all_supported, "recording_group.all_supported", "config:DescribeConfigurationRecorders")
    d.config["ConfigurationRecorders"] = [
        compact(
            {
                "name": name,
                "roleARN": r.get("role_arn"),
                "recordingGroup": compact(
                    {
                        "allSupported": all_supported,
                        "includeGlobalResourceTypes": group.get("include_global_resource_types", False)
                        if group
                        else False,
                        "resourceTypes": strings(group.get("resource_types")) if group else [],
                    }
                ),
            }
        )
    ]
    statuses = d.join(
        ctx.children(
            r,
            "aws_config_configuration_recorder_status",
            "name",
            ("name", "id"),
            match=c.named_here(ctx, "name", "id", attr="name"),
        )
    )
    if statuses:
        on = statuses[0].get("is_enabled")
        d.need(on, "is_enabled", "config:DescribeConfigurationRecorderStatus", where=statuses[0])
        d.config["ConfigurationRecordersStatus"] = [{"name": name, "recording": on}]
    elif r.created:
        d.config["ConfigurationRecordersStatus"] = [{"name": name, "recording": False}]  # a new recorder is stopped
    else:
        d.not_in_plan(
            "config:DescribeConfigurationRecorderStatus",
            "whether the recorder is recording (aws_config_configuration_recorder_status) is not in the plan",
        )
    return [d]


@reg.translator("aws_securityhub_account", produces="AWS::SecurityHub::Hub")
def hub(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::SecurityHub::Hub", {})
    arn = r.get("arn")
    if arn is None:
        arn = UNKNOWN
    d.config["Hub"] = compact(
        {
            "HubArn": arn,
            "AutoEnableControls": r.get("auto_enable_controls", default=True),
            "ControlFindingGenerator": r.get("control_finding_generator"),
        }
    )
    return [d]
