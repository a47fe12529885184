"""Reading `terraform show -json PLAN` output: validation, addresses, configuration and references.

The plan JSON format is Terraform's documented "JSON Output Format" (format_version 1.x).
Nothing here is provider specific: `Plan` indexes the resource changes by address, finds
each one's configuration block (module-local, so `module.a["x"].aws_s3_bucket.b` is
configured at `module_calls.a.module.resources[aws_s3_bucket.b]`), and resolves the
`references` of its expressions to absolute addresses, through module outputs and input
variables, so a child resource can be joined onto the parent it points at.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from attestkit.collectors.terraform.values import UNKNOWN, merge_unknown
from attestkit.errors import InputError

SUPPORTED_MAJORS = (0, 1)
"""0.x (Terraform 0.12 to 1.0) and 1.x: the same representation, declared stable at 1.0."""
HOW = "write it with `terraform plan -out plan.tfplan && terraform show -json plan.tfplan > plan.json`"

ANY = object()
"""A module instance key that matches every instance (a reference that does not name one)."""


# Loading ------------------------------------------------------------------------------------
def load_plan(source: str) -> tuple[dict[str, Any], str]:
    """The parsed plan and a label for it (`-` reads stdin). Bad input is one InputError line."""
    if source == "-":
        label = "<stdin>"
        text = sys.stdin.read()
    else:
        label = source
        path = Path(source)
        if not path.exists():
            raise InputError(f"{label}: no such file; {HOW}")
        if path.is_dir():
            raise InputError(f"{label}: is a directory, not a plan file; {HOW}")
        raw = path.read_bytes()
        if raw[:2] == b"PK":
            raise InputError(
                f"{label}: a binary Terraform plan file, not its JSON; convert it with "
                f"`terraform show -json {path.name} > plan.json`"
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{label}: not UTF-8 JSON; {HOW}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{label}: not JSON ({exc.msg} at line {exc.lineno}); {HOW}") from None
    validate_plan(doc, label)
    return doc, label


def validate_plan(doc: Any, label: str) -> None:
    if not isinstance(doc, dict) or "format_version" not in doc:
        raise InputError(f"{label}: not a Terraform plan (no format_version); {HOW}")
    version = str(doc.get("format_version"))
    major = version.split(".", 1)[0]
    if not major.isdigit() or int(major) not in SUPPORTED_MAJORS:
        raise InputError(
            f"{label}: plan JSON format_version {version} is not supported (attestkit reads 0.x and 1.x); "
            "produce the plan with Terraform 0.12 to 1.x (`terraform show -json`)"
        )
    if "resource_changes" not in doc and "planned_values" not in doc:
        what = "a state file" if "values" in doc else "not a plan"
        raise InputError(f"{label}: {what}, no resource_changes or planned_values; {HOW}")
    changes = doc.get("resource_changes", [])
    if not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
        raise InputError(f"{label}: resource_changes is not a list of objects; {HOW}")
    for c in changes:
        if not isinstance(c.get("address"), str) or not isinstance(c.get("change"), dict):
            raise InputError(f"{label}: a resource change without address or change; {HOW}")
        actions = c["change"].get("actions")
        if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
            raise InputError(f"{label}: {c['address']}: change.actions is not a list of strings; {HOW}")
    if not isinstance(doc.get("configuration", {}), dict):
        raise InputError(f"{label}: configuration is not an object; {HOW}")


# Addresses -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Address:
    """`module.a["x"].module.b[0].aws_s3_bucket.c["k"]` split into its steps."""

    modules: tuple[tuple[str, Any], ...]
    """(call name, instance key or None) per module step."""
    mode: str
    type: str
    name: str
    key: Any = None

    @property
    def module_names(self) -> tuple[str, ...]:
        return tuple(m for m, _ in self.modules)

    @property
    def module_address(self) -> str | None:
        if not self.modules:
            return None
        return ".".join(f"module.{m}{key_repr(k)}" for m, k in self.modules)

    @property
    def local(self) -> str:
        prefix = "data." if self.mode == "data" else ""
        return f"{prefix}{self.type}.{self.name}"

    @property
    def display_name(self) -> str:
        """The resource's name and index, after its innermost module call when it has one:
        `lab_results[1]`, `phi_bucket["records"].this`."""
        own = f"{self.name}{key_repr(self.key)}"
        if not self.modules:
            return own
        call, key = self.modules[-1]
        return f"{call}{key_repr(key)}.{own}"


def key_repr(key: Any) -> str:
    if key is None:
        return ""
    if isinstance(key, int):
        return f"[{key}]"
    return "[" + json.dumps(key) + "]"


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def ident(self) -> str:
        m = _IDENT.match(self.text, self.pos)
        if not m:
            raise ValueError(f"expected a name at {self.pos} in {self.text!r}")
        self.pos = m.end()
        return m.group(0)

    def dot(self) -> bool:
        if self.text.startswith(".", self.pos):
            self.pos += 1
            return True
        return False

    def key(self) -> Any:
        """An optional `[0]` or `["k"]` (None when absent); `[each.key]`-like keys are ANY."""
        if not self.text.startswith("[", self.pos):
            return None
        self.pos += 1
        if self.text.startswith('"', self.pos):
            decoder = json.JSONDecoder()
            value, end = decoder.raw_decode(self.text, self.pos)
            self.pos = end
        else:
            end = self.text.find("]", self.pos)
            if end < 0:
                raise ValueError(f"unterminated index in {self.text!r}")
            raw = self.text[self.pos : end]
            self.pos = end
            value = int(raw) if raw.isdigit() else ANY
        if not self.text.startswith("]", self.pos):
            raise ValueError(f"unterminated index in {self.text!r}")
        self.pos += 1
        return value

    def done(self) -> bool:
        return self.pos >= len(self.text)


def parse_address(address: str) -> Address:
    r = _Reader(address)
    modules: list[tuple[str, Any]] = []
    while True:
        word = r.ident()
        if word == "module" and r.dot():
            name = r.ident()
            modules.append((name, r.key()))
            if not r.dot():
                raise ValueError(f"address ends after a module: {address!r}")
            continue
        mode = "managed"
        if word == "data" and r.dot():
            mode = "data"
            word = r.ident()
        if not r.dot():
            raise ValueError(f"not a resource address: {address!r}")
        name = r.ident()
        key = r.key()
        return Address(tuple(modules), mode, word, name, key)


@dataclass(frozen=True)
class Ref:
    """A resolved reference: a resource (`kind` managed or data) or nothing resolvable."""

    modules: tuple[tuple[str, Any], ...]
    mode: str
    type: str
    name: str
    key: Any
    attr: tuple[str, ...]

    def matches(self, address: Address) -> bool:
        if (address.mode, address.type, address.name) != (self.mode, self.type, self.name):
            return False
        if len(address.modules) != len(self.modules):
            return False
        for (name, key), (want, want_key) in zip(address.modules, self.modules):
            if name != want or (want_key is not ANY and want_key != key):
                return False
        return self.key is ANY or self.key is None or self.key == address.key


# Resource changes ---------------------------------------------------------------------------
class Planned:
    """One resource instance of the plan with its change, merged values and configuration."""

    def __init__(self, plan: Plan, raw: dict[str, Any]) -> None:
        self.plan = plan
        self.raw = raw
        self.address: str = raw["address"]
        self.addr = parse_address(self.address)
        self.type: str = raw.get("type") or self.addr.type
        self.name: str = raw.get("name") or self.addr.name
        self.mode: str = raw.get("mode") or self.addr.mode
        self.provider_name: str = raw.get("provider_name", "")
        change = raw["change"]
        self.actions: list[str] = list(change.get("actions", []))
        self.before: Any = change.get("before")
        after = change.get("after")
        self.values: dict[str, Any] = merge_unknown(after, change.get("after_unknown") or {}) or {}
        if not isinstance(self.values, dict):
            self.values = {}
        self.cfg: dict[str, Any] | None = plan.config_of(self.addr)

    # what happens to it
    @property
    def gone(self) -> bool:
        """Deleted and not recreated: it will not exist after apply."""
        return "delete" in self.actions and "create" not in self.actions

    @property
    def judged(self) -> bool:
        """Created, updated or replaced: the resource whose future state a gate judges."""
        return "create" in self.actions or "update" in self.actions

    @property
    def changed(self) -> bool:
        return any(a in ("create", "update", "delete") for a in self.actions)

    @property
    def created(self) -> bool:
        return "create" in self.actions

    @property
    def module(self) -> str | None:
        return self.raw.get("module_address") or self.addr.module_address

    @property
    def display_name(self) -> str:
        return self.addr.display_name

    # values
    def get(self, *path: Any, default: Any = None) -> Any:
        """The planned value at `path` (UNKNOWN when known only after apply), or `default`."""
        value: Any = self.values
        for step in path:
            if isinstance(step, int):
                if not isinstance(value, list) or step >= len(value):
                    return default
                value = value[step]
            else:
                if not isinstance(value, dict) or step not in value:
                    return default
                value = value[step]
        return default if value is None else value

    def unknown(self, *path: Any) -> bool:
        return self.get(*path) == UNKNOWN

    def block(self, *path: Any) -> dict[str, Any]:
        """The first object of a nested block (Terraform writes blocks as lists), or {}."""
        value = self.get(*path)
        if isinstance(value, list):
            value = value[0] if value else None
        return value if isinstance(value, dict) else {}

    def blocks(self, *path: Any) -> list[dict[str, Any]]:
        value = self.get(*path)
        if isinstance(value, dict):
            return [value]
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    def before_get(self, *path: str) -> Any:
        value: Any = self.before
        for step in path:
            if not isinstance(value, dict):
                return None
            value = value.get(step)
        return value

    # configuration
    def expression(self, *path: Any) -> dict[str, Any] | None:
        """The configuration expression at `path` (attribute, or block index then attribute)."""
        value: Any = (self.cfg or {}).get("expressions", {})
        for step in path:
            if isinstance(value, list):
                if isinstance(step, int) and step < len(value):
                    value = value[step]
                    continue
                if not value:
                    return None
                value = value[0]
            if not isinstance(value, dict) or step not in value:
                return None
            value = value[step]
        return value if isinstance(value, dict) else None

    def configured(self, *path: Any) -> bool:
        """The configuration sets the attribute (a constant or an expression)."""
        return self.expression(*path) is not None

    def refs(self, *path: Any) -> list[Ref]:
        """The resources the expression at `path` refers to, resolved to absolute module instances."""
        expr = self.expression(*path)
        if not expr:
            return []
        return self.plan.resolve(self.addr.modules, expr.get("references") or [])

    def __repr__(self) -> str:
        return f"Planned({self.address} {self.actions})"


class Plan:
    """The whole plan: resource instances by address, configuration, provider configurations."""

    def __init__(self, doc: dict[str, Any], label: str = "plan") -> None:
        self.doc = doc
        self.label = label
        self.configuration: dict[str, Any] = doc.get("configuration") or {}
        self.variables: dict[str, Any] = {
            k: (v or {}).get("value") for k, v in (doc.get("variables") or {}).items() if isinstance(v, dict)
        }
        self.timestamp: str | None = doc.get("timestamp") if isinstance(doc.get("timestamp"), str) else None
        self._config_cache: dict[tuple[tuple[str, ...], str], dict[str, Any] | None] = {}
        self.resources: list[Planned] = []
        self.skipped: list[str] = []
        for raw in doc.get("resource_changes") or []:
            if raw.get("deposed") or raw.get("mode", "managed") != "managed":
                continue
            try:
                self.resources.append(Planned(self, raw))
            except ValueError:
                self.skipped.append(str(raw.get("address")))
        self.by_address = {r.address: r for r in self.resources}
        self.by_type: dict[str, list[Planned]] = defaultdict(list)
        for r in self.resources:
            self.by_type[r.type].append(r)
        self._data = self._data_values()

    # configuration --------------------------------------------------------------------------
    def module_config(self, names: Iterable[str]) -> dict[str, Any] | None:
        module = self.configuration.get("root_module") or {}
        for name in names:
            call = (module.get("module_calls") or {}).get(name)
            if not isinstance(call, dict):
                return None
            module = call.get("module") or {}
        return module

    def module_source(self, names: tuple[str, ...]) -> str | None:
        """The module's directory relative to the root module, when every step is a local path."""
        module = self.configuration.get("root_module") or {}
        parts: list[str] = []
        for name in names:
            call = (module.get("module_calls") or {}).get(name) or {}
            source = call.get("source") or call.get("resolved_source")
            if not isinstance(source, str) or not source.startswith(("./", "../")):
                return None
            parts.append(source)
            module = call.get("module") or {}
        if not parts:
            return None
        return posixpath.normpath(posixpath.join(*parts))

    def config_of(self, addr: Address) -> dict[str, Any] | None:
        key = (addr.module_names, addr.local)
        if key not in self._config_cache:
            found = None
            module = self.module_config(addr.module_names)
            for res in (module or {}).get("resources") or []:
                if isinstance(res, dict) and res.get("address") == addr.local:
                    found = res
                    break
                if (
                    isinstance(res, dict)
                    and res.get("type") == addr.type
                    and res.get("name") == addr.name
                    and res.get("mode", "managed") == addr.mode
                ):
                    found = res
                    break
            self._config_cache[key] = found
        return self._config_cache[key]

    def provider_expressions(self, r: Planned) -> dict[str, Any]:
        key = (r.cfg or {}).get("provider_config_key")
        providers = self.configuration.get("provider_config") or {}
        if key is None:
            # the default configuration of the resource's provider
            short = r.provider_name.rsplit("/", 1)[-1] if r.provider_name else r.type.split("_", 1)[0]
            key = short
        conf = providers.get(key)
        if conf is None and ":" in str(key):
            conf = providers.get(str(key).rsplit(":", 1)[-1])
        return (conf or {}).get("expressions") or {}

    def constant(self, expr: Any) -> Any:
        """An expression's constant value, or a root variable it names alone; UNKNOWN otherwise."""
        if not isinstance(expr, dict):
            return None
        if "constant_value" in expr:
            return expr["constant_value"]
        refs = expr.get("references") or []
        for ref in refs:
            if ref.startswith("var."):
                name = ref[4:].split(".", 1)[0].split("[", 1)[0]
                if name in self.variables:
                    return self.variables[name]
        return UNKNOWN if refs else None

    # references -----------------------------------------------------------------------------
    def resolve(self, modules: tuple[tuple[str, Any], ...], references: list[str], depth: int = 0) -> list[Ref]:
        out: list[Ref] = []
        seen: set[Ref] = set()
        for ref in references:
            for resolved in self._resolve_one(modules, ref, depth):
                if resolved not in seen:
                    seen.add(resolved)
                    out.append(resolved)
        # "a.b.c" is listed with its prefixes "a.b" and "a": keep the most specific reference of
        # each resource instance, and drop an any-instance one when an instance is named
        groups: dict[tuple[Any, ...], list[Ref]] = defaultdict(list)
        for r in out:
            groups[(r.modules, r.mode, r.type, r.name)].append(r)
        kept: list[Ref] = []
        for refs in groups.values():
            keyed = [r for r in refs if r.key is not ANY]
            pool = keyed or refs
            by_key: dict[Any, Ref] = {}
            for r in pool:
                k = repr(r.key)
                if k not in by_key or len(r.attr) > len(by_key[k].attr):
                    by_key[k] = r
            kept.extend(by_key.values())
        return kept

    def _resolve_one(self, modules: tuple[tuple[str, Any], ...], ref: str, depth: int) -> list[Ref]:
        if depth > 8:
            return []
        try:
            r = _Reader(ref)
            head = r.ident()
            if head in ("count", "each", "path", "terraform", "self", "local"):
                return []
            if head == "var":
                if not r.dot():
                    return []
                return self._through_variable(modules, r.ident(), depth)
            if head == "module":
                if not r.dot():
                    return []
                call = r.ident()
                key = r.key()
                child = (*modules, (call, ANY if key is None else key))
                if not r.dot():
                    return []
                output = r.ident()
                return self._through_output(child, output, depth)
            mode = "managed"
            if head == "data":
                if not r.dot():
                    return []
                mode = "data"
                head = r.ident()
            if not r.dot():
                return []
            name = r.ident()
            key = r.key()
            attr: list[str] = []
            while r.dot():
                attr.append(r.ident())
                r.key()
            return [Ref(modules, mode, head, name, ANY if key is None else key, tuple(attr))]
        except (ValueError, json.JSONDecodeError):
            return []

    def _through_output(self, child: tuple[tuple[str, Any], ...], output: str, depth: int) -> list[Ref]:
        module = self.module_config([m for m, _ in child]) or {}
        expr = ((module.get("outputs") or {}).get(output) or {}).get("expression") or {}
        return self.resolve(child, expr.get("references") or [], depth + 1)

    def _through_variable(self, modules: tuple[tuple[str, Any], ...], var: str, depth: int) -> list[Ref]:
        if not modules:
            return []
        parent = modules[:-1]
        call_name = modules[-1][0]
        parent_module = self.module_config([m for m, _ in parent]) or {}
        call = (parent_module.get("module_calls") or {}).get(call_name) or {}
        expr = (call.get("expressions") or {}).get(var) or {}
        return self.resolve(parent, expr.get("references") or [], depth + 1)

    def referenced(self, refs: list[Ref], types: Iterable[str] | None = None) -> list[Planned]:
        """The planned resources a list of resolved references points at."""
        wanted = set(types) if types is not None else None
        out: list[Planned] = []
        for ref in refs:
            if ref.mode != "managed" or (wanted is not None and ref.type not in wanted):
                continue
            for r in self.by_type.get(ref.type, []):
                if ref.matches(r.addr) and r not in out:
                    out.append(r)
        return out

    # data sources ---------------------------------------------------------------------------
    def _data_values(self) -> dict[str, dict[str, Any]]:
        """Values of data sources read during planning (prior_state), by address."""
        out: dict[str, dict[str, Any]] = {}

        def walk(module: dict[str, Any]) -> None:
            for res in module.get("resources") or []:
                if isinstance(res, dict) and res.get("mode") == "data":
                    out[str(res.get("address"))] = res.get("values") or {}
            for child in module.get("child_modules") or []:
                if isinstance(child, dict):
                    walk(child)

        state = (self.doc.get("prior_state") or {}).get("values") or {}
        walk(state.get("root_module") or {})
        return out

    def data_config(self, ref: Ref) -> dict[str, Any] | None:
        if ref.mode != "data":
            return None
        return self.config_of(Address(tuple((m, None) for m, _ in ref.modules), "data", ref.type, ref.name))

    def data_values(self, ref: Ref) -> dict[str, Any] | None:
        for address, values in self._data.items():
            try:
                addr = parse_address(address)
            except ValueError:
                continue
            if ref.matches(addr):
                return values
        return None

    def __iter__(self) -> Iterator[Planned]:
        return iter(self.resources)
