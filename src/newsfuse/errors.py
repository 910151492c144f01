"""One exception tree for the failures a user can act on.

Everything newsfuse raises on purpose derives from :class:`NewsfuseError`, and its message says
what went wrong and what to do. The CLI prints such an error as one line (``newsfuse: error:
…``); any other exception that escapes is a bug and keeps its traceback. ``EvidenceError``
(offsets that do not match the text) is deliberately outside the tree: it is always a bug.

    NewsfuseError
    ├── UsageError          the command line asks for something impossible
    ├── BadInput            one input cannot be read as an article (it is skipped, not fatal)
    ├── OutputError         a report cannot be written where it was asked for
    ├── StoreError          the store is missing, is not a store, or lacks what was asked for
    │   └── SchemaError     the store was written by a newer newsfuse
    ├── ConfigError         an unsafe server setting (no token off loopback, …)
    └── ModelNotInstalled   a model package is missing from the environment
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """A failure the user can act on; ``str(error)`` is the message shown to them."""


class UsageError(NewsfuseError):
    """The command line asks for something impossible (both INPUT and --db, …)."""


class BadInput(NewsfuseError, ValueError):
    """An input that cannot be read as an article; the message is the reason shown to the user."""


class OutputError(NewsfuseError):
    """A report cannot be written where it was asked for (a directory, no permission, disk full)."""


class StoreError(NewsfuseError):
    """The store is missing, is not a newsfuse store, or lacks the story asked for."""


class SchemaError(StoreError):
    """The store's schema is newer than this version of newsfuse understands."""


class ConfigError(NewsfuseError, ValueError):
    """An unsafe or impossible server configuration."""


class ModelNotInstalled(NewsfuseError):
    """A model package (spaCy pipeline, sentence encoder) is not installed."""
