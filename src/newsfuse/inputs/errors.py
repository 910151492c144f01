"""Why an input was skipped, and the checks every reader applies to raw bytes and to the
fields of an article."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass

from ..errors import BadInput
from ..model import Article

__all__ = [
    "BadInput",
    "InputProblem",
    "check_article",
    "check_article_text",
    "check_published",
    "check_string",
    "decode",
]

# A news article is rarely over 100 kB of text; these limits stop a stray dump or binary from
# eating memory while leaving room for long-form pieces and large JSON Lines batches. A file's
# size is checked (stat) before it is read, and the read is bounded too (the file may grow).
MAX_FILE_BYTES = 20 * 1024 * 1024
# The longest text in the dev corpora is under 100,000 characters (a gva-dev page dump); spaCy's
# parse of one text costs about 3.5 kB of memory per character, so 200,000 characters (about
# 40,000 words, a short book) keep one article under a gigabyte.
MAX_ARTICLE_CHARS = 200_000
# One JSON Lines line is one article: the largest article, each character escaped as \uXXXX
# (6 bytes), and its other fields fit with room to spare. A longer line is skipped unread.
MAX_LINE_BYTES = 8 * 1024 * 1024
# A NUL in the first bytes of a file marks it binary (one skip for the file); later, it is a
# NUL in a text (a skip too, with its position).
BINARY_SNIFF_BYTES = 8192
# An article is a flat object (depth 1); nothing legitimate nests deeper than a few levels, and
# CPython's parser raises RecursionError near a thousand.
MAX_JSON_DEPTH = 32
# Publication dates outside this range are typing or conversion errors (0001-01-01 and
# 9999-12-31 are the "no date" sentinels of many systems); the range leaves every date
# arithmetic of the pipeline (relative dates, windows, horizons) far from date.min/date.max.
MIN_PUBLISHED = dt.date(1800, 1, 1)
MAX_PUBLISHED = dt.date(2200, 12, 31)

# UTF-16 and UTF-32 text is full of NUL bytes: named for what it is, not called binary. (UTF-32
# first: its little-endian mark starts with UTF-16's.)
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)

# NUL is no text (and truncates strings in C libraries); a lone surrogate (JSON "\ud800") cannot
# be encoded as UTF-8, so it could be neither stored, hashed nor printed.
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class InputProblem:
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"newsfuse: skipped {self.origin}: {self.reason}"


def too_large(size: int, what: str = "file") -> BadInput:
    return BadInput(f"{what} too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})")


def wide_encoding(data: bytes) -> str | None:
    """Why ``data`` is not UTF-8 if it starts with a UTF-16 or UTF-32 byte-order mark, else None."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return f"{name} text (byte-order mark); convert it to UTF-8"
    return None


def decode(data: bytes, what: str = "file") -> str:
    """UTF-8 text from bytes, or BadInput saying why not (binary, not UTF-8, too large, empty)."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(len(data), what)
    wide = wide_encoding(data)
    if wide is not None:
        raise BadInput(wide)
    nul = data.find(b"\x00")
    if 0 <= nul < BINARY_SNIFF_BYTES:
        raise BadInput(f"binary {what} (contains NUL bytes), not text")
    if nul >= 0:
        raise BadInput(f"{what} contains a NUL byte (at byte {nul:,}); NUL is not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); convert it to UTF-8"
        ) from None
    if not text.strip():
        raise BadInput(f"empty {what}")
    return text


def check_string(value: str, what: str) -> str:
    """``value`` unless it holds a NUL or a lone surrogate (BadInput naming ``what``)."""
    bad = _NOT_TEXT.search(value)
    if bad is not None:
        char = bad.group()
        kind = "a NUL character" if char == "\x00" else f"a lone surrogate (\\u{ord(char):04x})"
        raise BadInput(f"{what} contains {kind} at character {bad.start():,}; not valid text")
    return value


def check_article_text(text: str) -> str:
    if not text or not text.strip():
        raise BadInput("no article text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise BadInput(
            f"article text too long ({len(text):,} characters; limit {MAX_ARTICLE_CHARS:,}, longer than any news article)"
        )
    return check_string(text, "text")


def check_published(day: dt.date, what: str = "published") -> dt.date:
    """``day`` if it is a plausible publication date (see MIN_PUBLISHED, MAX_PUBLISHED)."""
    if not MIN_PUBLISHED <= day <= MAX_PUBLISHED:
        raise BadInput(
            f"{what} date {day.isoformat()} is outside {MIN_PUBLISHED.isoformat()}..{MAX_PUBLISHED.isoformat()}"
        )
    return day


def check_article(article: Article) -> Article:
    """The checks of the readers, for an Article built elsewhere (the Python API): the store
    takes nothing a reader would have refused."""
    check_article_text(article.text)
    for name in ("id", "title", "source", "url", "story"):
        value = getattr(article, name)
        if value is not None:
            check_string(value, f"field {name!r}")
    if article.published is not None:
        check_published(article.published)
    return article
