"""A read that failed, as every collector records it: which API, the provider's error code
and a message safe to keep in evidence (one line, credential-like text masked by the
provider's own `redact`, cut to MAX_MESSAGE). Each provider's `calls` module raises it (or a
subclass that knows the provider's codes) and callers turn it into a `ReadError` on a
resource or a `CollectionError` for a whole scope."""

from __future__ import annotations

from collections.abc import Iterable

from attestkit.models import CollectionError, ReadError

MAX_MESSAGE = 500
"""Error messages are cut to this many characters (some services echo whole requests)."""


def one_line(text: str) -> str:
    """`text` on one line, cut to MAX_MESSAGE: the last step of every provider's `redact`."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


class ApiFailure(Exception):
    """A read that failed: which API, the provider's error code, a safe message."""

    def __init__(self, api: str, code: str, message: str) -> None:
        super().__init__(f"{api}: {code}: {message}")
        self.api = api
        self.code = code
        self.message = message

    def read_error(self) -> ReadError:
        return ReadError(api=self.api, code=self.code, message=self.message)

    def collection_error(
        self, *, service: str, region: str, account: str | None, resource_types: Iterable[str]
    ) -> CollectionError:
        return CollectionError(
            service=service,
            region=region,
            account=account,
            api=self.api,
            code=self.code,
            message=self.message,
            resource_types=sorted(set(resource_types)),
        )
