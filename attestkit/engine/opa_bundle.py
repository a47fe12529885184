"""`attest policy bundle`: the policy set as an OPA bundle, for teams that load policies into OPA.

The bundle (OPA's format: a .tar.gz) holds
- `.manifest`: `revision` = the policy set's SHA-256 (the hash results.json records), `roots` =
  `attestkit` plus the package path of every user module outside it (so the bundle owns exactly
  what it ships), `rego_version` 1 (the modules are Rego v1), and who built it;
- every check and library module at the path attestkit's OPA engine uploads it under (`rego/...`
  for built-ins, `user/<n>/...` for the n-th `--policies` directory); tests are left out;
- `attestkit/meta/data.json`: the document the OPA engine publishes after an upload. An OPA
  serving this bundle therefore answers `attest evaluate --engine opa` without any upload (it
  could not accept one: a bundle's roots are read-only through the REST API).

The archive is deterministic: entries sorted, times zero, owners cleared, gzip without a name
or time, so the same policies always give the same bytes.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path

from attestkit import __version__
from attestkit.engine.opa_engine import META_PATH, meta_document, policy_path
from attestkit.engine.policy_set import PolicySet
from attestkit.errors import InputError

ROOT = "attestkit"


@dataclass(frozen=True)
class BundleInfo:
    path: Path
    revision: str
    roots: list[str]
    files: list[str]


def bundle_roots(policies: PolicySet) -> list[str]:
    """`attestkit` and the package of every module outside it, none inside another."""
    candidates = sorted({tuple(m.package.split(".")) for m in policies.policy_modules} | {(ROOT,)})
    roots: list[tuple[str, ...]] = []
    for candidate in candidates:
        if not any(candidate[: len(root)] == root for root in roots):
            roots.append(candidate)
    return ["/".join(root) for root in roots]


def bundle_files(policies: PolicySet) -> dict[str, bytes]:
    """Every file of the bundle, by its path inside, `.manifest` included."""
    files: dict[str, bytes] = {}
    for module in policies.policy_modules:
        files[policy_path(module, policies.sources)] = module.text.encode("utf-8")
    meta = meta_document(policies, tests=False, policy_ids=[])
    files[f"{META_PATH}/data.json"] = (json.dumps(meta, indent=2, sort_keys=True) + "\n").encode()
    manifest = {
        "revision": policies.sha256,
        "roots": bundle_roots(policies),
        "rego_version": 1,
        "metadata": {"generator": f"attestkit {__version__}", "policy_set_sha256": policies.sha256},
    }
    files[".manifest"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    return files


def write_bundle(policies: PolicySet, out: Path) -> BundleInfo:
    """Write the bundle to `out` (atomically: a temporary file renamed into place)."""
    if out.is_dir():
        raise InputError(f"-o {out}: is a directory; give the bundle's file name, e.g. {out / 'attestkit-bundle.tar.gz'}")
    if not out.parent.is_dir():
        raise InputError(f"-o {out}: directory {out.parent} does not exist")
    files = bundle_files(policies)
    raw = io.BytesIO()
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for name in sorted(files):
            data = files[name]
            info = tarfile.TarInfo(f"/{name}")
            info.size = len(data)
            info.mtime = 0
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    tmp.write_bytes(raw.getvalue())
    os.replace(tmp, out)
    manifest = json.loads(files[".manifest"])
    return BundleInfo(path=out, revision=manifest["revision"], roots=manifest["roots"], files=sorted(files))
