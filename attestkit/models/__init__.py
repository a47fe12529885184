"""Pydantic models for every contract between the stages (docs/design.md).

Their JSON Schemas live in `attestkit/schemas/`; regenerate with `make schemas`.
"""

from attestkit.models.base import StrictModel, UtcDateTime, utc_now
from attestkit.models.bundle import (
    BundleManifest,
    CollectionError,
    CollectionScope,
    CollectorInfo,
    FileDigest,
    ToolInfo,
)
from attestkit.models.catalog import Catalog, CatalogControl, CatalogGroup, CatalogSource
from attestkit.models.check import CheckCustom, CheckInfo, CheckMetadata, RelatedResource, Severity
from attestkit.models.mapping import CheckLink, FrameworkMapping, MappingEntry
from attestkit.models.report import (
    BaselineChange,
    BaselineChangeKind,
    BaselineInfo,
    BundleRef,
    ControlCheck,
    ControlState,
    ControlStatus,
    EvaluationManifest,
    FrameworkReport,
    GateControl,
    GateInfo,
    PolicySetInfo,
    Report,
    ResultCounts,
    ResultTotals,
)
from attestkit.models.resource import KNOWN_AFTER_APPLY, ReadError, Resource
from attestkit.models.result import PolicyResult, Result, SourceLocation, Status
from attestkit.models.waiver import (
    AcceptedRisk,
    AppliedWaiver,
    Waiver,
    WaiverControl,
    WaiverFile,
    WaiverOutcome,
    WaiverReport,
    WaiverState,
)

__all__ = [
    "KNOWN_AFTER_APPLY",
    "AcceptedRisk",
    "AppliedWaiver",
    "BaselineChange",
    "BaselineChangeKind",
    "BaselineInfo",
    "BundleManifest",
    "BundleRef",
    "Catalog",
    "CatalogControl",
    "CatalogGroup",
    "CatalogSource",
    "CheckCustom",
    "CheckInfo",
    "CheckLink",
    "CheckMetadata",
    "CollectionError",
    "CollectionScope",
    "CollectorInfo",
    "ControlCheck",
    "ControlState",
    "ControlStatus",
    "EvaluationManifest",
    "FileDigest",
    "FrameworkMapping",
    "FrameworkReport",
    "GateControl",
    "GateInfo",
    "MappingEntry",
    "PolicyResult",
    "PolicySetInfo",
    "ReadError",
    "RelatedResource",
    "Report",
    "Resource",
    "Result",
    "ResultCounts",
    "ResultTotals",
    "Severity",
    "SourceLocation",
    "Status",
    "StrictModel",
    "ToolInfo",
    "UtcDateTime",
    "Waiver",
    "WaiverControl",
    "WaiverFile",
    "WaiverOutcome",
    "WaiverReport",
    "WaiverState",
    "utc_now",
]
