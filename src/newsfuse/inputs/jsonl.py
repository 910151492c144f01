"""JSON Lines: one article per line, ``{"id", "title", "text", "source", "url", "published", "story"}``.

Only ``text`` is required. Every line is its own input: a bad line (not UTF-8, not JSON, nested
too deeply, not an object, no text, text that is not valid Unicode, a date out of range) is
reported with its line number and skipped; the good lines around it are kept. The stream is
read a line at a time, each line bounded (``MAX_LINE_BYTES``), so memory follows the longest
line, not the file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..model import Article, text_id
from .errors import (
    BINARY_SNIFF_BYTES,
    MAX_JSON_DEPTH,
    MAX_LINE_BYTES,
    BadInput,
    InputProblem,
    check_article_text,
    check_published,
    check_string,
    wide_encoding,
)
from .outlet import outlet_from_url

_STRING_FIELDS = ("id", "title", "source", "url", "story")
# A JSON string (skipped whole, so brackets inside it do not count) or a bracket.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise BadInput(f"field {key!r} must be a string, not {type(value).__name__}")
    return check_string(str(value), f"field {key!r}")


def _published(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadInput(f"field 'published' must be an ISO date string, not {type(value).__name__}")
    try:
        day = dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise BadInput(f"field 'published' is not an ISO date (YYYY-MM-DD): {value[:40]!r}") from None
    return check_published(day, "field 'published':")


def parse_record(record: Any, origin: str) -> Article:
    if not isinstance(record, dict):
        raise BadInput(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise BadInput("missing required field 'text'" if text is None else "field 'text' must be a string")
    check_article_text(text)
    fields = {key: _optional_str(record, key) for key in _STRING_FIELDS}
    url = fields["url"]
    return Article(
        id=fields["id"] or text_id(text),
        text=text,
        title=fields["title"],
        source=fields["source"] or outlet_from_url(url),
        url=url,
        published=_published(record.get("published")),
        story=fields["story"],
        origin=origin,
    )


def json_depth_exceeds(line: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``line`` nests arrays/objects deeper than ``limit``: checked before parsing, in
    one pass that stops at the first level too deep (the parser itself recurses)."""
    if line.count("[") + line.count("{") <= limit:
        return False
    depth = 0
    for token in _TOKEN.finditer(line):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def parse_line(line: str, where: str) -> Article:
    """The article of one JSON Lines line, or BadInput saying why it is none."""
    if json_depth_exceeds(line):
        raise BadInput(f"JSON nested more than {MAX_JSON_DEPTH} levels deep; an article is one flat object")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # an integer of over 4,300 digits, …
        raise BadInput(f"invalid JSON ({str(exc).splitlines()[0][:120]})") from None
    return parse_record(record, where)


class _Prefixed:
    """A stream whose first bytes were read already (to look for binary content)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head, self.rest = io.BytesIO(head), rest

    def readline(self, limit: int) -> bytes:
        line = self.head.readline(limit)
        if line.endswith(b"\n") or len(line) >= limit:
            return line
        return line + self.rest.readline(limit - len(line))


def _lines(stream: _Prefixed) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes without the newline), or None for a line over MAX_LINE_BYTES (read
    past in bounded pieces, never held whole)."""
    number = 0
    while True:
        chunk = stream.readline(MAX_LINE_BYTES + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):
                chunk = stream.readline(MAX_LINE_BYTES)
            yield number, None
            continue
        yield number, chunk.rstrip(b"\n")


def read_jsonl(stream: BinaryIO, origin: str) -> Iterator[Article | InputProblem]:
    head = stream.read(BINARY_SNIFF_BYTES)
    wide = wide_encoding(head)
    if wide is not None:
        yield InputProblem(origin, wide)
        return
    if b"\x00" in head:
        # JSON never holds a raw NUL: a binary file named .jsonl gets one line, not one per
        # stray newline in it.
        yield InputProblem(origin, "binary input (contains NUL bytes), not JSON Lines")
        return
    any_text = False
    for number, data in _lines(_Prefixed(head, stream)):
        where = f"{origin}:{number}"
        if data is None:
            any_text = True
            yield InputProblem(where, f"line too long (over {MAX_LINE_BYTES:,} bytes)")
            continue
        if number == 1 and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        try:
            # Split on \n only: U+2028 and friends are legal inside JSON strings.
            line = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            any_text = True
            yield InputProblem(
                where, f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); convert it to UTF-8"
            )
            continue
        if not line.strip():
            continue
        any_text = True
        try:
            yield parse_line(line, where)
        except BadInput as exc:
            yield InputProblem(where, str(exc))
    if not any_text:
        yield InputProblem(origin, "empty input")
