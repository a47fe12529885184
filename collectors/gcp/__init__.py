"""The GCP collector: projects, folders and organizations through Cloud Asset Inventory.

What it writes, type by type, is docs/resources/gcp.md; the roles and permissions it needs
are `attestkit.collectors.gcp.permissions` (`attest permissions gcp`).
"""

from attestkit.collectors.gcp.collector import GcpCollector

__all__ = ["GcpCollector"]
