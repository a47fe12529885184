"""Evaluate a verified bundle: build the engine input, run every check, join the results.

What this adds to the engine's raw results:
- each result joined with its check (severity) and resource (type, account, region);
- an `error` result for every scope a collection error left unread, for each check that
  judges one of the types it left unread: missing evidence never reads as a pass;
- a check whose resource types the collector did not cover at all ("not collected") gets
  an `error` result too, so its controls are incomplete rather than silently satisfied.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from attestkit.bundle import Bundle
from attestkit.engine.interface import Engine, EvaluationInput
from attestkit.engine.policy_set import Check, PolicySet
from attestkit.errors import BundleError, PolicyError
from attestkit.models import KNOWN_AFTER_APPLY, BundleManifest, CollectionError, Result, Status

ScopeState = Literal["in_scope", "not_collected", "out_of_scope"]
_STATUSES = {s.value for s in Status}


def provider_of_type(resource_type: str) -> str | None:
    """The provider a resource type belongs to, from its naming convention."""
    if resource_type.startswith("AWS::"):
        return "aws"
    if ".googleapis.com/" in resource_type:
        return "gcp"
    if resource_type.startswith("Microsoft."):
        return "azure"
    return None


@dataclass(frozen=True)
class CheckScope:
    state: ScopeState
    missing_types: tuple[str, ...] = ()


def check_scope(check: Check, manifest: BundleManifest, present_types: set[str]) -> CheckScope:
    """Whether a bundle can judge a check: all its types covered, some missing, or none of its provider."""
    covered = set(manifest.scope.resource_types) | present_types
    types = set(check.info.resource_types)
    missing = tuple(sorted(types - covered))
    if not missing:
        return CheckScope("in_scope")
    if not manifest.scope.inventory:
        return CheckScope("out_of_scope", missing)  # a change set holds what changes, nothing more
    if types & covered or any(provider_of_type(t) == manifest.collector.provider for t in types):
        return CheckScope("not_collected", missing)
    return CheckScope("out_of_scope", missing)


@dataclass
class Evaluation:
    manifest: BundleManifest
    results: list[Result]
    scopes: dict[str, CheckScope]
    resource_count: int
    checks: list[Check] = field(default_factory=list)

    @property
    def judged_checks(self) -> list[Check]:
        return [c for c in self.checks if self.scopes[c.id].state != "out_of_scope"]


def _scope_id(provider: str, account: str | None, region: str, service: str) -> str:
    return f"scope:{provider}/{account or '-'}/{region}/{service}"


def _collection_error_results(check: Check, errors: Iterable[CollectionError], provider: str) -> list[Result]:
    types = set(check.info.resource_types)
    out: dict[str, Result] = {}
    for e in errors:
        unread = types & set(e.resource_types)
        if not unread:
            continue
        rid = _scope_id(provider, e.account, e.region, e.service)
        if rid in out:
            continue
        out[rid] = Result(
            check_id=check.id,
            resource_id=rid,
            resource_type=None,
            provider=provider,
            account=e.account,
            region=e.region,
            status=Status.ERROR,
            severity=check.info.severity,
            message=f"could not read {e.api} in {e.region}: {e.code}: {e.message}",
            evidence={"unread_types": sorted(unread), "api": e.api, "code": e.code},
        )
    return list(out.values())


def build_input(bundle: Bundle, needed_types: set[str]) -> tuple[EvaluationInput, dict[str, tuple[Any, ...]], set[str]]:
    """The engine input plus an index id -> (type, provider, account, region, name, values
    unknown until apply) of every resource.

    Only the resources of `needed_types` go to the engine, and they go as the bundle's own
    canonical JSON lines, joined into the input text: no resource is held as Python objects
    beyond its index entry, so memory stays close to the input's size.
    """
    lines_by_type: dict[str, list[str]] = defaultdict(list)
    index: dict[str, tuple[Any, ...]] = {}
    for line, raw in bundle.lines():
        rtype = raw.get("type")
        rid = raw.get("id")
        if not isinstance(rtype, str) or not isinstance(rid, str):
            raise BundleError(f"{bundle.path}: a resource without type or id; re-collect the bundle")
        facts = (rtype, raw.get("provider"), raw.get("account"), raw.get("region"), raw.get("name"))
        if not all(f is None or isinstance(f, str) for f in facts):
            raise BundleError(f"{bundle.path}: resource {rid!r} has a non-text provider, account, region or name")
        index[rid] = (*facts, _unknown_until_apply(raw))
        if rtype in needed_types:
            lines_by_type[rtype].append(line)
    expected = sum(bundle.manifest.resource_counts.values())
    if len(index) != expected:
        raise BundleError(
            f"{bundle.path}: holds {len(index)} resources but its manifest counts {expected}; re-collect the bundle"
        )
    manifest = bundle.manifest
    resources = {t: f"[{','.join(lines)}]" for t, lines in sorted(lines_by_type.items())}
    lines_by_type.clear()
    data = EvaluationInput(
        resources=resources,
        collection_errors=json.dumps([e.model_dump(mode="json") for e in manifest.errors], separators=(",", ":")),
        collected_at=manifest.model_dump(mode="json")["finished_at"],
    )
    present = {entry[0] for entry in index.values()}
    return data, index, present


UNKNOWN_UNTIL_APPLY_API = "terraform:after_unknown"
"""The read error a plan collector records for a value Terraform knows only after apply."""


def _unknown_until_apply(raw: dict[str, Any]) -> tuple[str, ...]:
    errors = raw.get("errors") or []
    return tuple(
        str(e.get("message", "")) for e in errors if isinstance(e, dict) and e.get("api") == UNKNOWN_UNTIL_APPLY_API
    )


def _holds_placeholder(value: Any) -> bool:
    """The evidence a check returned shows it judged a value known only after apply."""
    if isinstance(value, dict):
        return any(_holds_placeholder(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_placeholder(v) for v in value)
    return value == KNOWN_AFTER_APPLY


def evaluate_bundle(bundle: Bundle, policies: PolicySet, engine: Engine) -> Evaluation:
    manifest = bundle.manifest
    # first pass over the manifest only, to know which types the checks need
    declared_present = set(manifest.resource_counts)
    scopes = {c.id: check_scope(c, manifest, declared_present) for c in policies.checks}
    runnable = [c for c in policies.checks if scopes[c.id].state == "in_scope"]
    needed = {t for c in runnable for t in c.info.resource_types}
    data, index, _present = build_input(bundle, needed)

    raw = engine.evaluate(dataclasses.replace(policies, checks=runnable), data) if runnable else {}
    provider = manifest.collector.provider
    results: list[Result] = []
    for check in runnable:
        seen: dict[str, str] = {}
        for item in raw.get(check.id, []):
            results.append(_join(check, item, index, seen))
        results.extend(_collection_error_results(check, manifest.errors, provider))
    for check in policies.checks:
        scope = scopes[check.id]
        if scope.state != "not_collected":
            continue
        for account in manifest.scope.accounts or [None]:
            results.append(
                Result(
                    check_id=check.id,
                    resource_id=f"scope:{provider}/{account or '-'}",
                    provider=provider,
                    account=account,
                    status=Status.ERROR,
                    severity=check.info.severity,
                    message=(
                        f"not collected: the bundle's collector ({manifest.collector.name} {manifest.collector.version}) "
                        f"did not cover {', '.join(scope.missing_types)}; collect them to judge this check"
                    ),
                    evidence={"missing_types": list(scope.missing_types)},
                )
            )
    results.sort(key=lambda r: (r.check_id, r.resource_id))
    return Evaluation(
        manifest=manifest, results=results, scopes=scopes, resource_count=len(index), checks=list(policies.checks)
    )


def _join(check: Check, item: Any, index: dict[str, tuple[Any, ...]], seen: dict[str, str]) -> Result:
    where = f"{check.module.path}: check {check.id}"
    if not isinstance(item, dict) or set(item) - {"resource", "status", "message", "evidence"}:
        raise PolicyError(f"{where}: a result is not {{resource, status, message, evidence}}; build it with data.attestkit.lib.result")
    rid, status, message = item.get("resource"), item.get("status"), item.get("message")
    evidence = item.get("evidence", {})
    if not isinstance(rid, str) or status not in _STATUSES or not isinstance(message, str) or not isinstance(evidence, dict):
        raise PolicyError(f"{where}: malformed result {json.dumps(item)[:200]}; build it with data.attestkit.lib.result")
    if rid not in index:
        raise PolicyError(f"{where}: result for {rid!r}, which is not a resource of the bundle; use the resource's id")
    if rid in seen:
        raise PolicyError(
            f"{where}: two results ({seen[rid]} and {status}) for {rid}; each resource must land in exactly one branch"
        )
    seen[rid] = status
    rtype, provider, account, region, name, unknown = index[rid]
    if (
        status == Status.PASS.value
        and unknown
        and not check.tests_values_known_after_apply
        and _holds_placeholder(evidence)
    ):
        # A planned resource with values known only after apply, and a check that judged one
        # of the placeholders without testing for it (rego/lib/inventory.rego): never let that
        # read as a pass.
        status = Status.ERROR.value
        evidence = {**evidence, "known_after_apply": list(unknown)}
        message = f"would pass, but {'; '.join(unknown)}: judge the applied resource"
    # every field was checked above; construct without validating each of what can be
    # hundreds of thousands of results again
    return Result.model_construct(
        check_id=check.id,
        resource_id=rid,
        resource_type=rtype,
        resource_name=name,
        provider=provider,
        account=account,
        region=region,
        status=Status(status),
        severity=check.info.severity,
        message=message,
        evidence=evidence,
    )
