"""Collectors: one subpackage per provider, each snapshotting configuration into a bundle.

The contract is `attestkit.collectors.interface.Collector`; collectors register through the
`attestkit.collectors` entry-point group (see attestkit.registry), built-ins included.
Where do I add an Azure check? The collector lives in `collectors/azure/`, the check in
`rego/checks/azure/<service>/<check>/`, its control links in `mappings/`.
"""
