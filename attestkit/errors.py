"""Exit codes and the one error type the CLI turns into a one-line message.

Every error a user can cause or meet derives from `AttestError`, carries the exit code
the pipeline gate documents, and says what went wrong, where, and how to fix it.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of every `attest` command.

    Errors outrank findings: incomplete evidence exits 3 even when failures were found,
    so a 1 always means a complete judgement.
    """

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INCOMPLETE = 3
    INTERRUPTED = 130


class AttestError(Exception):
    """An error with an actionable one-line message and the exit code it maps to."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, exit_code: ExitCode | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class InputError(AttestError):
    """A file or flag the user gave is invalid (exit 2)."""

    exit_code = ExitCode.USAGE


class BundleError(InputError):
    """An evidence bundle is missing, malformed or fails verification (exit 2)."""


class PolicyError(InputError):
    """A Rego policy does not parse, compile or follow the check contract (exit 2)."""


class MappingError(InputError):
    """A catalog or mapping file is invalid or references an unknown id (exit 2)."""


class PluginError(InputError):
    """A collector, engine or report plugin could not be loaded (exit 2)."""


class CollectionFailed(AttestError):
    """Collection could not run at all, e.g. no credentials (exit 3: no evidence)."""

    exit_code = ExitCode.INCOMPLETE


class EngineError(AttestError):
    """The policy engine failed while evaluating (exit 3: results are incomplete)."""

    exit_code = ExitCode.INCOMPLETE
