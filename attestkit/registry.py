"""Plugin registry: collectors, engines and report formats, all through entry points.

Built-ins register the same way as third-party plugins (see pyproject.toml), so a separate
distribution adds a collector without touching attestkit. Duplicate names are an error; a
plugin that fails to import is reported with its distribution's name.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from attestkit.errors import PluginError

COLLECTORS = "attestkit.collectors"
ENGINES = "attestkit.engines"
FORMATS = "attestkit.formats"


def _distribution(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return f"{dist.name} {dist.version}" if dist is not None else "an unknown distribution"


@lru_cache(maxsize=None)
def plugins(group: str) -> dict[str, Any]:
    """Every plugin of `group`, by name, loaded."""
    found: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        where = _distribution(ep)
        if ep.name in found:
            if origin[ep.name] == where:
                continue  # the same distribution seen twice on sys.path
            raise PluginError(
                f"two plugins named {ep.name!r} in {group}: from {origin[ep.name]} and from {where}; "
                "uninstall one of them"
            )
        try:
            found[ep.name] = ep.load()
        except Exception as exc:  # a broken plugin must name itself, not crash the CLI
            raise PluginError(
                f"plugin {ep.name!r} ({group}) from {where} failed to import: {exc.__class__.__name__}: {exc}; "
                "reinstall or uninstall that distribution"
            ) from exc
        origin[ep.name] = where
    return found


def plugin(group: str, name: str) -> Any:
    found = plugins(group)
    if name not in found:
        known = ", ".join(sorted(found)) or "none installed"
        raise PluginError(f"no {group.rsplit('.', 1)[-1][:-1]} named {name!r}; available: {known}")
    return found[name]
