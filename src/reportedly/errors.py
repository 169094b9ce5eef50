"""Every error reportedly raises on purpose derives from :class:`ReportedlyError`.

Each carries a one-line, user-facing message; the CLI prints ``input: message`` and goes on
with the next input.
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "ModelError", "QueryError", "ReportedlyError", "SchemaError", "SpanError", "UsageError",
           "StoreError"]


class ReportedlyError(Exception):
    """Base class of all errors raised by reportedly."""


class InputError(ReportedlyError):
    """An input could not be read or decoded (missing, empty, binary, truncated, too large)."""

    def __init__(self, input: str, reason: str):
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason


class SpanError(ReportedlyError, ValueError):
    """A span does not fit the document text it is attached to."""


class SchemaError(ReportedlyError, ValueError):
    """A serialised document does not follow the documented schema."""


class UsageError(ReportedlyError):
    """The command cannot run as asked (a setting or option value it cannot use); the CLI exits 2."""


class ConfigError(UsageError):
    """A setting is unknown or has a value of the wrong type."""


class ModelError(ReportedlyError):
    """A packaged model is missing or cannot be loaded."""


class StoreError(ReportedlyError):
    """The corpus store cannot be opened, migrated or written."""


class QueryError(UsageError, ValueError):
    """A search query or filter cannot be understood (bad full-text syntax, bad date)."""
