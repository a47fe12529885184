"""The Azure collector: subscriptions through Azure Resource Manager and Resource Graph.

What it writes, type by type, is docs/resources/azure.md; the role it needs is the built-in
Reader, or exactly `attestkit.collectors.azure.permissions.role_definition()`.
"""

from attestkit.collectors.azure.collector import AzureCollector

__all__ = ["AzureCollector"]
