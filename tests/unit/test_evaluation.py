"""Evaluation: results joined with checks and resources; missing evidence becomes `error`."""

from __future__ import annotations

from pathlib import Path

import pytest

from attestkit.bundle import Bundle
from attestkit.engine.policy_set import load_policy_set
from attestkit.engine.regorus_engine import RegorusEngine
from attestkit.errors import BundleError, PolicyError
from attestkit.evaluation import evaluate_bundle
from attestkit.models import CollectionError, Status
from tests.factories import ACCOUNT, bucket, resource, write_bundle

ENCRYPTED = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}
POLICIES = load_policy_set()


def _statuses(evaluation, check_id: str) -> dict[str, Status]:
    return {r.resource_id: r.status for r in evaluation.results if r.check_id == check_id}


def _evaluate(path: Path, policies=POLICIES):
    return evaluate_bundle(Bundle.open(path), policies, RegorusEngine())


def test_results_carry_check_and_resource_facts(tmp_path: Path) -> None:
    path = write_bundle(
        tmp_path,
        [bucket("enc", ServerSideEncryptionConfiguration=ENCRYPTED), bucket("plain", ServerSideEncryptionConfiguration=None)],
    )
    evaluation = _evaluate(path)
    got = _statuses(evaluation, "aws.s3.bucket_encryption_at_rest")
    assert got == {"arn:aws:s3:::enc": Status.PASS, "arn:aws:s3:::plain": Status.FAIL}
    r = next(r for r in evaluation.results if r.resource_id == "arn:aws:s3:::plain" and r.check_id == "aws.s3.bucket_encryption_at_rest")
    assert (r.resource_type, r.account, r.region, r.severity.value) == ("AWS::S3::Bucket", ACCOUNT, "us-east-1", "high")
    assert r.evidence == {"ServerSideEncryptionConfiguration": None}
    assert evaluation.results == sorted(evaluation.results, key=lambda x: (x.check_id, x.resource_id))


def test_a_scope_that_could_not_be_read_is_an_error_for_every_check_of_its_types(tmp_path: Path) -> None:
    error = CollectionError(
        service="ec2", region="eu-west-1", account=ACCOUNT, api="ec2:DescribeVolumes", code="UnauthorizedOperation",
        message="not authorized", resource_types=["AWS::EC2::Volume"],
    )
    volume = resource("AWS::EC2::Volume", f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/vol-1", {"Encrypted": True})
    path = write_bundle(tmp_path, [volume], errors=[error], resource_types=["AWS::EC2::Volume"])
    evaluation = _evaluate(path)
    got = _statuses(evaluation, "aws.ec2.ebs_volume_encrypted")
    assert got == {volume.id: Status.PASS, f"scope:aws/{ACCOUNT}/eu-west-1/ec2": Status.ERROR}
    scope = next(r for r in evaluation.results if r.resource_id == f"scope:aws/{ACCOUNT}/eu-west-1/ec2")
    assert "ec2:DescribeVolumes" in scope.message and "UnauthorizedOperation" in scope.message
    # checks of other types are untouched by this error
    assert not any(r.resource_id.endswith("/ec2") for r in evaluation.results if r.check_id != "aws.ec2.ebs_volume_encrypted")


def test_an_empty_region_that_failed_is_not_compliant(tmp_path: Path) -> None:
    error = CollectionError(
        service="ec2", region="us-east-1", account=ACCOUNT, api="ec2:DescribeSecurityGroups", code="AccessDenied",
        message="denied", resource_types=["AWS::EC2::SecurityGroup"],
    )
    path = write_bundle(tmp_path, [], errors=[error], resource_types=["AWS::EC2::SecurityGroup"])
    got = _statuses(_evaluate(path), "aws.ec2.security_group_no_public_admin_ports")
    assert set(got.values()) == {Status.ERROR}


def test_types_of_the_provider_not_collected_make_the_check_error(tmp_path: Path) -> None:
    path = write_bundle(tmp_path, [bucket("b", ServerSideEncryptionConfiguration=ENCRYPTED)])
    evaluation = _evaluate(path)
    assert evaluation.scopes["aws.ec2.ebs_volume_encrypted"].state == "not_collected"
    assert _statuses(evaluation, "aws.ec2.ebs_volume_encrypted") == {f"scope:aws/{ACCOUNT}": Status.ERROR}
    assert evaluation.scopes["aws.s3.bucket_encryption_at_rest"].state == "in_scope"


def test_checks_of_other_providers_are_out_of_scope(tmp_path: Path) -> None:
    user = tmp_path / "policies"
    (user / "gcp").mkdir(parents=True)
    (user / "gcp" / "policy.rego").write_text(
        "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: gcp.storage.x\n#   severity: low\n"
        "#   resource_types: [storage.googleapis.com/Bucket]\n#   remediation: r\npackage acme.gcp\n\n"
        "import data.attestkit.lib.result\n\nresults contains result.pass(b, \"ok\", {}) if {\n"
        "\tsome b in input.resources[\"storage.googleapis.com/Bucket\"]\n}\n"
    )
    path = write_bundle(tmp_path, [bucket("b")])
    evaluation = _evaluate(path, load_policy_set([user]))
    assert evaluation.scopes["gcp.storage.x"].state == "out_of_scope"
    assert not any(r.check_id == "gcp.storage.x" for r in evaluation.results)


def _user_check(tmp_path: Path, body: str) -> Path:
    user = tmp_path / "policies"
    (user / "bad").mkdir(parents=True)
    (user / "bad" / "policy.rego").write_text(
        "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: acme.s3.bad\n#   severity: low\n"
        "#   resource_types: [AWS::S3::Bucket]\n#   remediation: r\npackage acme.s3.bad\n\n"
        "import data.attestkit.lib.inventory\nimport data.attestkit.lib.result\n\n" + body
    )
    return user


def test_two_results_for_one_resource_is_a_policy_error(tmp_path: Path) -> None:
    user = _user_check(
        tmp_path,
        'results contains result.pass(b, "a", {}) if {\n\tsome b in inventory.resources("AWS::S3::Bucket")\n}\n\n'
        'results contains result.fail(b, "b", {}) if {\n\tsome b in inventory.resources("AWS::S3::Bucket")\n}\n',
    )
    path = write_bundle(tmp_path, [bucket("b")])
    with pytest.raises(PolicyError, match="exactly one branch"):
        _evaluate(path, load_policy_set([user]))


def test_result_for_an_unknown_resource_is_a_policy_error(tmp_path: Path) -> None:
    user = _user_check(tmp_path, 'results contains result.pass({"id": "made-up"}, "a", {}) if {\n\ttrue\n}\n')
    path = write_bundle(tmp_path, [bucket("b")])
    with pytest.raises(PolicyError, match="not a resource of the bundle"):
        _evaluate(path, load_policy_set([user]))


def test_malformed_result_is_a_policy_error(tmp_path: Path) -> None:
    user = _user_check(
        tmp_path, 'results contains {"resource": b.id, "status": "ok"} if {\n\tsome b in inventory.resources("AWS::S3::Bucket")\n}\n'
    )
    path = write_bundle(tmp_path, [bucket("b")])
    with pytest.raises(PolicyError, match="malformed result"):
        _evaluate(path, load_policy_set([user]))


def test_resource_count_must_match_manifest(tmp_path: Path) -> None:
    import gzip
    import json

    from attestkit.bundle.files import MANIFEST, RESOURCES, digest

    path = write_bundle(tmp_path, [bucket("a"), bucket("b")])
    # re-sign a bundle with a dropped line: hashes match, counts do not
    with gzip.open(path / RESOURCES, "rt") as f:
        first = f.readline()
    with gzip.open(path / RESOURCES, "wt") as f:
        f.write(first)
    data = json.loads((path / MANIFEST).read_text())
    data["files"][RESOURCES] = json.loads(digest(path / RESOURCES).model_dump_json())
    (path / MANIFEST).write_text(json.dumps(data))
    with pytest.raises(BundleError, match="manifest counts 2"):
        _evaluate(path)


def test_a_pass_on_a_value_known_only_after_apply_is_an_error(tmp_path: Path) -> None:
    """A planned security group whose SSH rule's CIDR is unknown must not pass (docs/terraform.md)."""
    from attestkit.models import ReadError

    group = resource(
        "AWS::EC2::SecurityGroup",
        "aws_security_group.web",
        {"GroupName": "web", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                                                "IpRanges": [{"CidrIp": "(known after apply)"}]}],
         "_terraform": {"address": "aws_security_group.web", "unknown": ["IpPermissions"]}},
        errors=[ReadError(api="terraform:after_unknown", code="KnownAfterApply",
                          message="aws_security_group.web.ingress[0].cidr_blocks is known only after apply")],
    )  # fmt: skip
    path = write_bundle(tmp_path, [group], resource_types=["AWS::EC2::SecurityGroup"])
    evaluation = _evaluate(path)
    (result,) = [r for r in evaluation.results if r.check_id == "aws.ec2.security_group_no_public_admin_ports"]
    assert result.status is Status.ERROR
    assert "known only after apply" in result.message
    assert result.evidence["known_after_apply"]


def test_a_pass_judged_on_a_placeholder_is_an_error_and_one_that_did_not_read_it_stands(tmp_path: Path) -> None:
    """The safety net for checks that do not answer `error` themselves (docs/terraform.md): a pass whose
    evidence holds the placeholder becomes `error`; a pass that never read the unknown value stays a pass."""
    from attestkit.models import KNOWN_AFTER_APPLY, ReadError

    user = _user_check(
        tmp_path,
        'results contains result.pass(b, "versioned", {"Owner": object.get(b.config, "Owner", null)}) if {\n'
        '\tsome b in inventory.resources("AWS::S3::Bucket")\n}\n',
    )
    unknown = ReadError(
        api="terraform:after_unknown", code="KnownAfterApply", message="aws_s3_bucket.b.owner is known only after apply"
    )
    placeholder = bucket("placeholder", Owner=KNOWN_AFTER_APPLY)
    placeholder = placeholder.model_copy(update={"errors": [unknown]})
    unread = bucket("unread").model_copy(update={"errors": [unknown]})
    live = bucket("live", Owner=KNOWN_AFTER_APPLY)  # the text alone, without the plan's read error
    path = write_bundle(tmp_path, [placeholder, unread, live])
    evaluation = _evaluate(path, load_policy_set([user]))
    got = {r.resource_id: r for r in evaluation.results if r.check_id == "acme.s3.bad"}
    assert got["arn:aws:s3:::placeholder"].status is Status.ERROR
    assert got["arn:aws:s3:::placeholder"].evidence["known_after_apply"] == [unknown.message]
    assert got["arn:aws:s3:::unread"].status is Status.PASS
    assert got["arn:aws:s3:::live"].status is Status.PASS
