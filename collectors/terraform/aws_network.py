"""EC2 and networking: security groups and their rules, VPCs and flow logs, instances, volumes,
snapshots, images, load balancers and listeners, CloudFront distributions."""

from __future__ import annotations

from typing import Any

from attestkit.collectors.terraform import aws_common as c
from attestkit.collectors.terraform import elb_policies
from attestkit.collectors.terraform.draft import Context, Draft
from attestkit.collectors.terraform.plan import Planned
from attestkit.collectors.terraform.values import UNKNOWN, compact, strings, text

reg = c.registry

SG = "AWS::EC2::SecurityGroup"
SG_TYPES = ("aws_security_group", "aws_default_security_group")
RULE_TYPES = ("aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule")


# Security groups ------------------------------------------------------------------------------
@reg.translator(*SG_TYPES, produces=SG, children=RULE_TYPES)
def security_group(ctx: Context, r: Planned) -> list[Draft]:
    default = r.type == "aws_default_security_group"
    d = c.new(
        ctx,
        r,
        SG,
        compact(
            {
                "GroupId": r.get("id"),
                "GroupName": "default" if default else r.get("name"),
                "Description": r.get("description"),
                "VpcId": r.get("vpc_id"),
                "OwnerId": r.get("owner_id"),
            }
        ),
    )
    ingress = _inline(d, r, "ingress")
    egress = _inline(d, r, "egress")
    rules = d.join(ctx.children(r, RULE_TYPES, "security_group_id"))
    for rule in rules:
        direction, perm = _rule_permission(d, rule)
        (ingress if direction == "ingress" else egress).append(perm)
    d.config["IpPermissions"] = ingress
    d.config["IpPermissionsEgress"] = egress
    return [d]


def _inline(d: Draft, r: Planned, key: str) -> list[dict[str, Any]]:
    value = r.get(key)
    live = "IpPermissions" if key == "ingress" else "IpPermissionsEgress"
    if value == UNKNOWN and r.configured(key):
        # set to a value known only after apply: rules of any protocol, port and range
        d.need(UNKNOWN, key, None, path=live)
        return [{"IpProtocol": UNKNOWN, "IpRanges": [{"CidrIp": UNKNOWN}], "Ipv6Ranges": [], "UserIdGroupPairs": []}]
    if value == UNKNOWN:
        # Omitted: Terraform manages none of these rules inline (a new group has none; Terraform
        # removes the default egress rule of the groups it creates and every rule of a default group).
        return []
    return [_permission(d, r, rule, f"{key}[{i}]", live) for i, rule in enumerate(r.blocks(key))]


def _protocol(value: Any) -> Any:
    if isinstance(value, str):
        v = value.lower()
        return "-1" if v in ("all", "-1") else v
    if isinstance(value, int):
        return str(value)
    return value


def _permission(
    d: Draft, holder: Planned, rule: dict[str, Any], path: str, live: str = "IpPermissions"
) -> dict[str, Any]:
    protocol = _protocol(rule.get("protocol"))
    for key in ("protocol", "from_port", "to_port"):
        d.need(rule.get(key), _path(path, key), None, where=holder, path=live)
    for key in ("cidr_blocks", "ipv6_cidr_blocks"):
        if UNKNOWN in strings(rule.get(key)):
            d.need(UNKNOWN, _path(path, key), None, where=holder, path=live)
    perm: dict[str, Any] = {"IpProtocol": protocol}
    if protocol != "-1":
        perm["FromPort"] = rule.get("from_port")
        perm["ToPort"] = rule.get("to_port")
    perm["IpRanges"] = [{"CidrIp": x} for x in strings(rule.get("cidr_blocks"))]
    perm["Ipv6Ranges"] = [{"CidrIpv6": x} for x in strings(rule.get("ipv6_cidr_blocks"))]
    groups = [
        {"GroupId": g} for g in strings(rule.get("security_groups")) + strings(rule.get("source_security_group_id"))
    ]
    if rule.get("self") is True:
        groups.append({"GroupId": holder.get("security_group_id") or holder.get("id") or "self"})
    perm["UserIdGroupPairs"] = groups
    perm["PrefixListIds"] = [{"PrefixListId": p} for p in strings(rule.get("prefix_list_ids"))]
    return perm


def _path(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _rule_permission(d: Draft, rule: Planned) -> tuple[str, dict[str, Any]]:
    if rule.type == "aws_security_group_rule":
        direction = rule.get("type") or "ingress"
        live = "IpPermissions" if direction == "ingress" else "IpPermissionsEgress"
        return direction, _permission(d, rule, rule.values, "", live)
    direction = "ingress" if rule.type.endswith("ingress_rule") else "egress"
    protocol = _protocol(rule.get("ip_protocol"))
    for key in ("ip_protocol", "from_port", "to_port", "cidr_ipv4", "cidr_ipv6"):
        d.need(
            rule.get(key),
            key,
            None,
            where=rule,
            path="IpPermissions" if direction == "ingress" else "IpPermissionsEgress",
        )
    perm: dict[str, Any] = {"IpProtocol": protocol}
    if protocol != "-1":
        perm["FromPort"] = rule.get("from_port")
        perm["ToPort"] = rule.get("to_port")
    perm["IpRanges"] = [{"CidrIp": x} for x in strings(rule.get("cidr_ipv4"))]
    perm["Ipv6Ranges"] = [{"CidrIpv6": x} for x in strings(rule.get("cidr_ipv6"))]
    perm["UserIdGroupPairs"] = [{"GroupId": g} for g in strings(rule.get("referenced_security_group_id"))]
    perm["PrefixListIds"] = [{"PrefixListId": p} for p in strings(rule.get("prefix_list_id"))]
    return direction, perm


@reg.translator(*RULE_TYPES, produces=SG)
def lone_rule(ctx: Context, r: Planned) -> list[Draft]:
    """A rule added to a group the plan does not hold is judged on its own: a partial group
    holding only this rule (no GroupName, so the default-group check does not apply)."""
    if ctx.parents(r, "security_group_id", SG_TYPES):
        return []
    ctx.consumed.add(r.address)
    d = c.new(ctx, r, SG, compact({"GroupId": r.get("security_group_id")}))
    direction, perm = _rule_permission(d, r)
    if direction == "ingress":
        d.config["IpPermissions"] = [perm]
    else:
        d.config["IpPermissions"] = []
    return [d]


# VPCs and flow logs ---------------------------------------------------------------------------
@reg.translator("aws_vpc", "aws_default_vpc", produces="AWS::EC2::VPC", children=("aws_flow_log",))
def vpc(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(
        ctx,
        r,
        "AWS::EC2::VPC",
        compact(
            {
                "VpcId": r.get("id"),
                "CidrBlock": r.get("cidr_block"),
                "IsDefault": r.type == "aws_default_vpc",
                "OwnerId": r.get("owner_id"),
            }
        ),
    )
    logs = []
    for f in d.join(ctx.children(r, "aws_flow_log", "vpc_id")):
        traffic = f.get("traffic_type")
        d.need(traffic, "traffic_type", "ec2:DescribeFlowLogs", where=f)
        destination = text(f.get("log_destination")) or text(f.get("log_group_name"))
        logs.append(
            compact(
                {
                    "FlowLogId": f.get("id"),
                    "ResourceId": r.get("id"),
                    "FlowLogStatus": "ACTIVE",
                    "TrafficType": traffic,
                    "LogDestinationType": f.get("log_destination_type") or "cloud-watch-logs",
                    "LogDestination": destination,
                    "MaxAggregationInterval": f.get("max_aggregation_interval"),
                }
            )
        )
    d.config["FlowLogs"] = logs
    return [d]


# Instances ---------------------------------------------------------------------------------------
@reg.translator("aws_instance", produces="AWS::EC2::Instance", children=("aws_eip", "aws_eip_association"))
def instance(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(
        ctx,
        r,
        "AWS::EC2::Instance",
        compact(
            {
                "InstanceId": r.get("id"),
                "InstanceType": r.get("instance_type"),
                "ImageId": r.get("ami"),
                "SubnetId": r.get("subnet_id"),
                "State": {"Name": "pending" if r.created else "running"},
            }
        ),
    )
    meta = r.block("metadata_options")
    tokens = meta.get("http_tokens") if meta else r.get("metadata_options")
    endpoint = meta.get("http_endpoint") if meta else None
    d.need(tokens, "metadata_options.http_tokens", None, path="MetadataOptions.HttpTokens")
    d.config["MetadataOptions"] = compact(
        {
            "HttpTokens": tokens,
            "HttpEndpoint": endpoint,
            "HttpPutResponseHopLimit": meta.get("http_put_response_hop_limit"),
        }
    )
    profile = r.get("iam_instance_profile")
    if text(profile):
        d.config["IamInstanceProfile"] = {"Arn": profile}
    public = _public_ip(ctx, d, r)
    if public is not None:
        d.config["PublicIpAddress"] = public
    return [d]


def _public_ip(ctx: Context, d: Draft, r: Planned) -> Any:
    eips = d.join(ctx.children(r, "aws_eip", "instance")) + d.join(
        ctx.children(r, "aws_eip_association", "instance_id")
    )
    if eips:
        return next((e.get("public_ip") for e in eips if text(e.get("public_ip"))), UNKNOWN)
    ip = r.get("public_ip")
    if text(ip) and ip != UNKNOWN:
        return ip
    associate = r.get("associate_public_ip_address")
    if associate is False:
        return None
    if associate is True:
        return UNKNOWN  # an address AWS assigns at launch
    subnet = next(iter(ctx.plan.referenced(r.refs("subnet_id"), ["aws_subnet", "aws_default_subnet"])), None)
    if subnet is not None and subnet.get("map_public_ip_on_launch") in (True, False):
        d.derive("PublicIpAddress")
        return UNKNOWN if subnet.get("map_public_ip_on_launch") else None
    if ip == UNKNOWN or associate == UNKNOWN:
        # the subnet's map_public_ip_on_launch decides, and the plan does not say: counted as public
        d.need(UNKNOWN, "associate_public_ip_address", None, path="PublicIpAddress")
        return UNKNOWN
    return None


# EBS ------------------------------------------------------------------------------------------
@reg.translator("aws_ebs_volume", produces="AWS::EC2::Volume")
def volume(ctx: Context, r: Planned) -> list[Draft]:
    encrypted = r.get("encrypted")
    d = c.new(ctx, r, "AWS::EC2::Volume", {})
    if encrypted in (None, UNKNOWN):
        default = _ebs_default(ctx, r)
        if default is not None:
            encrypted = default
            d.derive("Encrypted")
        else:
            d.need(UNKNOWN, "encrypted", None, path="Encrypted")
            encrypted = UNKNOWN
    d.config.update(
        compact(
            {
                "VolumeId": r.get("id"),
                "Encrypted": encrypted,
                "KmsKeyId": text(r.get("kms_key_id")),
                "Size": r.get("size"),
                "VolumeType": r.get("type"),
                "AvailabilityZone": r.get("availability_zone"),
                "State": "creating" if r.created else "in-use",
            }
        )
    )
    return [d]


def _ebs_default(ctx: Context, r: Planned) -> bool | None:
    for e in ctx.plan.by_type.get("aws_ebs_encryption_by_default", []):
        if not e.gone and c.same_place(ctx, e, r) and e.get("enabled") in (True, False):
            return bool(e.get("enabled"))
    return None


@reg.translator("aws_ebs_encryption_by_default", produces="AWS::EC2::EBSEncryptionByDefault")
def ebs_default(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::EC2::EBSEncryptionByDefault", {})
    enabled = r.get("enabled")
    if enabled is None:
        enabled = True  # the resource's documented default
        d.derive("EbsEncryptionByDefault")
    d.need(enabled, "enabled", "ec2:GetEbsEncryptionByDefault")
    d.config["EbsEncryptionByDefault"] = enabled
    return [d]


@reg.translator(
    "aws_ebs_snapshot",
    "aws_ebs_snapshot_copy",
    produces="AWS::EC2::Snapshot",
    children=("aws_snapshot_create_volume_permission",),
)
def snapshot(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(
        ctx,
        r,
        "AWS::EC2::Snapshot",
        compact(
            {
                "SnapshotId": r.get("id"),
                "VolumeId": r.get("volume_id") or r.get("source_snapshot_id"),
                "Encrypted": r.get("encrypted"),
                "KmsKeyId": text(r.get("kms_key_id")),
                "OwnerId": r.get("owner_id"),
                "State": "pending" if r.created else "completed",
            }
        ),
    )
    permissions = []
    for p in d.join(ctx.children(r, "aws_snapshot_create_volume_permission", "snapshot_id")):
        account = p.get("account_id")
        d.need(account, "account_id", "ec2:DescribeSnapshotAttribute", where=p)
        permissions.append({"Group": "all"} if account == "all" else {"UserId": account})
    d.config["CreateVolumePermissions"] = permissions
    return [d]


@reg.translator(
    "aws_ami",
    "aws_ami_copy",
    "aws_ami_from_instance",
    produces="AWS::EC2::Image",
    children=("aws_ami_launch_permission",),
)
def image(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(
        ctx,
        r,
        "AWS::EC2::Image",
        compact({"ImageId": r.get("id"), "Name": r.get("name"), "State": "pending" if r.created else "available"}),
    )
    public: Any = False
    for p in d.join(ctx.children(r, "aws_ami_launch_permission", "image_id")):
        group = p.get("group")
        if group == UNKNOWN:
            d.need(UNKNOWN, "group", None, where=p, path="Public")
            public = UNKNOWN if public is False else public
        elif group == "all":
            public = True
    d.config["Public"] = public
    return [d]


# Load balancers ------------------------------------------------------------------------------
LISTENERS = ("aws_lb_listener", "aws_alb_listener")


@reg.translator("aws_lb", "aws_alb", produces="AWS::ElasticLoadBalancingV2::LoadBalancer", children=LISTENERS)
def load_balancer(ctx: Context, r: Planned) -> list[Draft]:
    lb_type = r.get("load_balancer_type") or "application"
    d = c.new(
        ctx,
        r,
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        compact(
            {
                "LoadBalancerName": r.get("name"),
                "LoadBalancerArn": r.get("arn"),
                "Type": lb_type,
                "Scheme": "internal" if r.get("internal") is True else "internet-facing",
                "VpcId": r.get("vpc_id"),
            }
        ),
    )
    logs = r.block("access_logs")
    enabled = logs.get("enabled") if logs else False
    d.need(enabled, "access_logs.enabled", "elbv2:DescribeLoadBalancerAttributes")
    attributes = [
        {"Key": "access_logs.s3.enabled", "Value": _bool_text(enabled)},
        {"Key": "access_logs.s3.bucket", "Value": logs.get("bucket") or ""},
        {"Key": "access_logs.s3.prefix", "Value": logs.get("prefix") or ""},
        {"Key": "deletion_protection.enabled", "Value": _bool_text(r.get("enable_deletion_protection") is True)},
    ]
    if lb_type == "application":
        attributes.append(
            {
                "Key": "routing.http.drop_invalid_header_fields.enabled",
                "Value": _bool_text(r.get("drop_invalid_header_fields") is True),
            }
        )
    d.config["Attributes"] = attributes
    listeners = []
    policies: dict[str, Any] = {}
    for listener in d.join(ctx.children(r, LISTENERS, "load_balancer_arn", ("arn", "id"))):
        listeners.append(_listener(d, listener, lb_type, policies))
    d.config["Listeners"] = listeners
    d.config["SslPolicies"] = [{"Name": name, "SslProtocols": protos} for name, protos in sorted(policies.items())]
    return [d]


def _listener(d: Draft, listener: Planned, lb_type: str, policies: dict[str, Any]) -> dict[str, Any]:
    protocol = listener.get("protocol")
    if protocol is None or (
        protocol == UNKNOWN and lb_type == "application" and not text(listener.get("certificate_arn"))
    ):
        protocol = "HTTP" if lb_type == "application" else "TCP"
        d.derive(f"Listeners[{listener.address}].Protocol")
    d.need(protocol, "protocol", "elbv2:DescribeListeners", where=listener)
    out: dict[str, Any] = {"ListenerArn": listener.get("arn"), "Port": listener.get("port"), "Protocol": protocol}
    if protocol in ("HTTPS", "TLS"):
        policy = listener.get("ssl_policy")
        d.need(policy, "ssl_policy", "elbv2:DescribeSSLPolicies", where=listener)
        if isinstance(policy, str) and policy not in ("", UNKNOWN):
            out["SslPolicy"] = policy
            protos = elb_policies.protocols(policy)
            if protos is None:
                d.error(
                    "elbv2:DescribeSSLPolicies",
                    "UnknownPolicy",
                    f"{listener.address}.ssl_policy {policy} is not a predefined policy attestkit knows",
                )
            else:
                policies[policy] = protos
        cert = listener.get("certificate_arn")
        if text(cert):
            out["Certificates"] = [{"CertificateArn": cert}]
    actions = []
    for a in listener.blocks("default_action"):
        action: dict[str, Any] = compact({"Type": a.get("type"), "TargetGroupArn": text(a.get("target_group_arn"))})
        redirect = a.get("redirect")
        redirect = redirect[0] if isinstance(redirect, list) and redirect else redirect
        if isinstance(redirect, dict):
            action["RedirectConfig"] = compact(
                {
                    "Protocol": redirect.get("protocol") or "#{protocol}",
                    "Port": redirect.get("port") or "#{port}",
                    "StatusCode": redirect.get("status_code"),
                }
            )
        actions.append(action)
    out["DefaultActions"] = actions
    return compact(out)


def _bool_text(value: Any) -> Any:
    if value is True:
        return "true"
    if value is False or value is None:
        return "false"
    return value


# CloudFront ---------------------------------------------------------------------------------
@reg.translator("aws_cloudfront_distribution", produces="AWS::CloudFront::Distribution")
def distribution(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::CloudFront::Distribution", {}, global_=True)
    aliases = strings(r.get("aliases"))
    origins = []
    for i, o in enumerate(r.blocks("origin")):
        item: dict[str, Any] = {"Id": o.get("origin_id"), "DomainName": o.get("domain_name")}
        custom = o.get("custom_origin_config")
        custom = custom[0] if isinstance(custom, list) and custom else custom
        if custom == UNKNOWN:
            # the whole block known only after apply (a `dynamic` block over such a value): the
            # origin may be a custom origin, reached over a protocol not known yet
            d.need(
                custom,
                f"origin[{i}].custom_origin_config",
                None,
                path="Origins.Items[].CustomOriginConfig",
            )
            item["CustomOriginConfig"] = {"OriginProtocolPolicy": UNKNOWN}
        elif isinstance(custom, dict):
            policy = custom.get("origin_protocol_policy")
            d.need(
                policy,
                f"origin[{i}].custom_origin_config.origin_protocol_policy",
                None,
                path="Origins.Items[].CustomOriginConfig.OriginProtocolPolicy",
            )
            ssl = strings(custom.get("origin_ssl_protocols"))
            item["CustomOriginConfig"] = {
                "HTTPPort": custom.get("http_port"),
                "HTTPSPort": custom.get("https_port"),
                "OriginProtocolPolicy": policy,
                "OriginSslProtocols": {"Quantity": len(ssl), "Items": ssl},
            }
        else:
            s3 = o.get("s3_origin_config")
            s3 = s3[0] if isinstance(s3, list) and s3 else s3
            item["S3OriginConfig"] = {"OriginAccessIdentity": (s3 or {}).get("origin_access_identity") or ""}
        origins.append(item)
    default = r.block("default_cache_behavior")
    d.need(
        default.get("viewer_protocol_policy"),
        "default_cache_behavior.viewer_protocol_policy",
        None,
        path="DefaultCacheBehavior.ViewerProtocolPolicy",
    )
    behaviors = []
    for i, b in enumerate(r.blocks("ordered_cache_behavior")):
        d.need(
            b.get("viewer_protocol_policy"),
            f"ordered_cache_behavior[{i}].viewer_protocol_policy",
            None,
            path="CacheBehaviors.Items[].ViewerProtocolPolicy",
        )
        behaviors.append(
            {
                "PathPattern": b.get("path_pattern"),
                "TargetOriginId": b.get("target_origin_id"),
                "ViewerProtocolPolicy": b.get("viewer_protocol_policy"),
            }
        )
    cert = r.block("viewer_certificate")
    default_cert = cert.get("cloudfront_default_certificate") is True
    minimum = cert.get("minimum_protocol_version") or ("TLSv1" if default_cert else None)
    d.need(
        minimum, "viewer_certificate.minimum_protocol_version", None, path="ViewerCertificate.MinimumProtocolVersion"
    )
    d.config.update(
        {
            "Id": r.get("id"),
            "ARN": r.get("arn"),
            "DomainName": r.get("domain_name"),
            "Aliases": {"Quantity": len(aliases), "Items": aliases} if aliases else {"Quantity": 0},
            "Enabled": r.get("enabled"),
            "Comment": r.get("comment") or "",
            "Origins": {"Quantity": len(origins), "Items": origins},
            "DefaultCacheBehavior": compact(
                {
                    "TargetOriginId": default.get("target_origin_id"),
                    "ViewerProtocolPolicy": default.get("viewer_protocol_policy"),
                }
            ),
            "CacheBehaviors": {"Quantity": len(behaviors), "Items": behaviors} if behaviors else {"Quantity": 0},
            "ViewerCertificate": compact(
                {
                    "CloudFrontDefaultCertificate": default_cert,
                    "ACMCertificateArn": text(cert.get("acm_certificate_arn")),
                    "IAMCertificateId": text(cert.get("iam_certificate_id")),
                    "SSLSupportMethod": text(cert.get("ssl_support_method")),
                    "MinimumProtocolVersion": minimum,
                }
            ),
        }
    )
    d.config = compact(d.config)
    return [d]
