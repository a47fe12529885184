"""The collector plugin axis: the abstract base every collector implements.

A collector reads one provider's configuration and hands each `Resource` to an
`EvidenceSink` as it is read (the bundle writer is the sink), and each read it could not
make for a whole scope as a `CollectionError`. Collectors only read: every API operation
they call is declared in `operations`, and the provider permissions those need in
`permissions`, so users get an exact least-privilege policy and a test can hold the
collector to it.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import Any, ClassVar, Protocol

import click

from attestkit.models import CollectionError, CollectionScope, Resource


class EvidenceSink(Protocol):
    """Where a collector puts what it read. Implementations are thread-safe."""

    def add(self, resource: Resource) -> None: ...

    def error(self, error: CollectionError) -> None: ...


class Progress(Protocol):
    """Progress of long work; the CLI shows it on stderr, tests pass a silent one."""

    def add_total(self, units: int) -> None: ...

    def advance(self, description: str, units: int = 1) -> None: ...


class SilentProgress:
    """A `Progress` that shows nothing."""

    def add_total(self, units: int) -> None:
        pass

    def advance(self, description: str, units: int = 1) -> None:
        pass


class Collector(ABC):
    """One provider's collector. Subclasses declare what they are as class attributes."""

    name: ClassVar[str]
    """CLI name: `attest collect <name>`."""
    provider: ClassVar[str]
    """`Resource.provider` of what it collects: aws, gcp, azure."""
    source: ClassVar[str]
    """`Resource.source` it writes: aws, gcp-asset, azure-arm, terraform-plan."""
    version: ClassVar[str]
    description: ClassVar[str]
    resource_types: ClassVar[tuple[str, ...]]
    """Every resource type it can write."""
    operations: ClassVar[tuple[str, ...]]
    """Every API operation it may call, as `service:Operation`; all of them reads."""
    permissions: ClassVar[tuple[str, ...]]
    """The provider permissions those operations need (IAM actions, GCP permissions, ...)."""

    @classmethod
    def cli_params(cls) -> list[click.Parameter]:
        """Options `attest collect <name>` accepts; passed to `from_cli` by name."""
        return []

    @classmethod
    def cli_example(cls) -> str:
        """One example command line for `--help`."""
        return f"attest collect {cls.name}"

    @classmethod
    def permission_document(cls) -> str:
        """The least-privilege grant for `permissions`, in the provider's own format.

        The default is a JSON list; providers override it (AWS: an IAM policy document).
        """
        return json.dumps(sorted(cls.permissions), indent=2)

    @classmethod
    @abstractmethod
    def from_cli(cls, **options: Any) -> "Collector":
        """Build the collector from its parsed CLI options (credentials resolved here, not at import)."""

    @abstractmethod
    def collect(self, sink: EvidenceSink, progress: Progress) -> CollectionScope:
        """Read everything in scope into `sink` and return the scope covered.

        A failed read is recorded (on the resource or as a CollectionError) and the
        collection goes on; only a failure that leaves nothing to collect (no credentials)
        raises `attestkit.errors.CollectionFailed`.
        """
