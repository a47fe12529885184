"""attestkit: policy-as-code evidence for HIPAA, SOC 2 and HITRUST.

Stages (see docs/design.md): collectors -> evidence bundle -> Rego engine -> results
-> mapping to controls -> reports and the pipeline gate.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("attestkit")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
