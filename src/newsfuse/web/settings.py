"""The web app's settings and limits, defined once: ``create_app`` and ``newsfuse serve`` (its
argparse defaults and help) both read :data:`DEFAULT_LIMITS`.

Nothing here imports FastAPI, so the CLI can build its parser without loading the web stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:  # the fetcher brings httpx, which the CLI's parser does without
    from ..inputs.fetch import FetchPolicy

MIB = 1024 * 1024
# The largest offset (and page number) a listing takes; beyond it, 422. SQLite's integers are
# 64-bit (a larger offset was a 500); no store comes near a billion stories.
MAX_OFFSET = 1_000_000_000
# Seconds a client is asked to wait (Retry-After) for the report of a story an ingest is fusing:
# an ingest fuses the stories it changed every 32 batches and at its end, minutes apart.
PENDING_RETRY_AFTER = 60


@dataclass(frozen=True)
class Limits:
    """What one request may ask of the server; beyond them it gets a 413 (page sizes are clamped)."""

    max_body_bytes: int = field(default=10 * MIB, metadata={"what": "the largest request body (bytes)"})
    max_files: int = field(default=20, metadata={"what": "the most files per upload"})
    # each article runs the models, in the server's process
    max_articles: int = field(default=200, metadata={"what": "the most articles per request"})
    # each URL is fetched politely (a second apart per host) while the request waits
    max_urls: int = field(default=20, metadata={"what": "the most URLs per request"})
    page_size: int = field(default=50, metadata={"what": "the stories per page (and the API's default limit)"})
    max_page_size: int = field(default=500, metadata={"what": "the API's largest limit"})

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if type(value) is not int or value < 1:
                raise ConfigError(f"{f.metadata['what']} must be a whole number of 1 or more, not {value!r}")

    @property
    def max_upload_mb(self) -> int:
        """The body limit in whole MiB (what `serve --max-upload-mb` takes)."""
        return self.max_body_bytes // MIB


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Settings:
    db: Path | str  # a path (SQLite) or a postgresql:// URL
    token: str | None = None
    auth: bool = True  # False: anyone who can reach the (loopback) server may write
    limits: Limits = field(default_factory=Limits)
    # How URLs sent to /add and POST /api/articles are fetched: never allow_private (anyone with
    # the token would reach the server's own network); see create_app.
    fetch_policy: FetchPolicy | None = None  # None: inputs.fetch.DEFAULT_POLICY
