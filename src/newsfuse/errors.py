"""One exception tree for the failures a user can act on.

Everything newsfuse raises on purpose derives from :class:`NewsfuseError`, and its message says
what went wrong and what to do. The CLI prints such an error as one line (``newsfuse: error:
…``); any other exception that escapes is a bug and keeps its traceback. ``EvidenceError``
(offsets that do not match the text) is deliberately outside the tree: it is always a bug.

    NewsfuseError
    ├── UsageError          the command line asks for something impossible
    ├── BadInput            one input cannot be read as an article (it is skipped, not fatal)
    │   └── FetchError      a URL was not read: refused address, robots.txt, timeout, too large, …
    ├── OutputError         a report cannot be written where it was asked for
    ├── StoreError          the store is missing, is not a store, or lacks what was asked for
    │   └── SchemaError     the store was written by a newer newsfuse
    ├── ConfigError         an unsafe server setting (no token off loopback, …)
    └── ModelNotInstalled   a model package is missing from the environment
"""

from __future__ import annotations

from typing import Literal


class NewsfuseError(Exception):
    """A failure the user can act on; ``str(error)`` is the message shown to them."""


class UsageError(NewsfuseError):
    """The command line asks for something impossible (both INPUT and --db, …)."""


class BadInput(NewsfuseError, ValueError):
    """An input that cannot be read as an article; the message is the reason shown to the user."""


FetchFailure = Literal["refused", "robots", "timeout", "too-large", "not-html", "not-a-feed", "http-status", "network"]


class FetchError(BadInput):
    """A URL that was not read (inputs/fetch.py); ``kind`` says why, for counts and for what to
    retry (a timeout or an HTTP 503 may pass, a refused address or robots.txt will not);
    ``retry_after`` is the server's Retry-After, in seconds, when it gave one."""

    def __init__(
        self, message: str, kind: FetchFailure, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.kind: FetchFailure = kind
        self.status = status
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        """Whether trying again later may succeed (a timeout, a network error, a 429 or a 5xx)."""
        if self.kind in ("timeout", "network"):
            return True
        return self.kind == "http-status" and self.status is not None and (self.status == 429 or self.status >= 500)


class OutputError(NewsfuseError):
    """A report cannot be written where it was asked for (a directory, no permission, disk full)."""


class StoreError(NewsfuseError):
    """The store is missing, is not a newsfuse store, or lacks the story asked for."""


class SchemaError(StoreError):
    """The store's schema is newer than this version of newsfuse understands."""


class ConfigError(NewsfuseError, ValueError):
    """An unsafe or impossible server configuration."""


class WorkerError(NewsfuseError):
    """A worker process extracting facts died (killed for memory, or it could not start)."""


class ModelNotInstalled(NewsfuseError):
    """A model package (spaCy pipeline, sentence encoder) is not installed."""
