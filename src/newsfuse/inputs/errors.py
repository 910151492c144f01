"""Why an input was skipped, and the checks every reader applies to raw bytes."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import BadInput

__all__ = ["BadInput", "InputProblem", "check_article_text", "decode"]

# A news article is rarely over 100 kB of text; these limits stop a stray dump or binary from
# eating memory while leaving room for long-form pieces and large JSON Lines batches.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ARTICLE_CHARS = 1_000_000


@dataclass(frozen=True)
class InputProblem:
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"newsfuse: skipped {self.origin}: {self.reason}"


def decode(data: bytes, what: str = "file") -> str:
    """UTF-8 text from bytes, or BadInput saying why not (binary, not UTF-8, too large, empty)."""
    if len(data) > MAX_FILE_BYTES:
        raise BadInput(f"{what} too large ({len(data):,} bytes; limit {MAX_FILE_BYTES:,})")
    if b"\x00" in data[:8192]:
        raise BadInput(f"binary {what} (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); convert it to UTF-8"
        ) from None
    if not text.strip():
        raise BadInput(f"empty {what}")
    return text


def check_article_text(text: str) -> str:
    if not text or not text.strip():
        raise BadInput("no article text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise BadInput(f"article text too large ({len(text):,} characters; limit {MAX_ARTICLE_CHARS:,})")
    return text
