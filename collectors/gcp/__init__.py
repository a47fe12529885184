"""The GCP collector: projects, folders and organizations through Cloud Asset Inventory.

What it writes, type by type, is docs/resources/gcp.md; the roles and permissions it needs
are `attestkit.collectors.gcp.permissions` (`attest permissions gcp`).

`GcpCollector` is imported on first use, so modules without the Google SDK behind them (the
Terraform translation reads `sanitize`) stay cheap to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from attestkit.collectors.gcp.collector import GcpCollector

__all__ = ["GcpCollector"]


def __getattr__(name: str) -> Any:
    if name == "GcpCollector":
        from attestkit.collectors.gcp.collector import GcpCollector

        return GcpCollector
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
