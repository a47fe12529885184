"""Plugin registry: collectors, engines and report formats, all through entry points.

Built-ins register the same way as third-party plugins (see pyproject.toml), so a separate
distribution adds a collector without touching attestkit. Duplicate names are an error; a
plugin is imported only when it is used, and one that fails to import is reported with its
distribution's name (so a broken third-party plugin never breaks the others).
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
def names(group: str) -> dict[str, EntryPoint]:
    """Every plugin of `group` by name, not yet imported; two distributions claiming one name is an error."""
    found: dict[str, EntryPoint] = {}
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        if ep.name in found:
            if _distribution(found[ep.name]) == _distribution(ep):
                continue  # the same distribution seen twice on sys.path
            raise PluginError(
                f"two plugins named {ep.name!r} in {group}: from {_distribution(found[ep.name])} and from "
                f"{_distribution(ep)}; uninstall one of them"
            )
        found[ep.name] = ep
    return found


@lru_cache(maxsize=None)
def plugin(group: str, name: str) -> Any:
    """The plugin `name` of `group`, imported."""
    available = names(group)
    if name not in available:
        kind = group.rsplit(".", 1)[-1].rstrip("s")
        raise PluginError(f"no {kind} named {name!r}; available: {', '.join(sorted(available)) or 'none installed'}")
    ep = available[name]
    try:
        return ep.load()
    except Exception as exc:  # a broken plugin must name itself, not crash the CLI
        raise PluginError(
            f"plugin {name!r} ({group}) from {_distribution(ep)} failed to import: {exc.__class__.__name__}: {exc}; "
            "reinstall or uninstall that distribution"
        ) from exc


def plugins(group: str) -> dict[str, Any]:
    """Every plugin of `group`, imported (raises on the first that fails)."""
    return {name: plugin(group, name) for name in names(group)}
