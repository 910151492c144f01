"""JSON Lines: one article per line, ``{"id", "title", "text", "source", "url", "published", "story"}``.

Only ``text`` is required. A bad line is reported with its line number and skipped; the good
lines around it are kept.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..model import Article, text_id
from .errors import MAX_FILE_BYTES, BadInput, InputProblem, check_article_text, decode
from .outlet import outlet_from_url


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, (str, int)):
        raise BadInput(f"field {key!r} must be a string, not {type(value).__name__}")
    return str(value)


def _published(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadInput(f"field 'published' must be an ISO date string, not {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise BadInput(f"field 'published' is not an ISO date (YYYY-MM-DD): {value!r}") from None


def parse_record(record: Any, origin: str) -> Article:
    if not isinstance(record, dict):
        raise BadInput(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise BadInput("missing required field 'text'" if text is None else "field 'text' must be a string")
    check_article_text(text)
    url = _optional_str(record, "url")
    return Article(
        id=_optional_str(record, "id") or text_id(text),
        text=text,
        title=_optional_str(record, "title"),
        source=_optional_str(record, "source") or outlet_from_url(url),
        url=url,
        published=_published(record.get("published")),
        story=_optional_str(record, "story"),
        origin=origin,
    )


def read_jsonl(stream: BinaryIO, origin: str) -> Iterator[Article | InputProblem]:
    data = stream.read(MAX_FILE_BYTES + 1)
    try:
        content = decode(data, "input")
    except BadInput as exc:
        yield InputProblem(origin, str(exc))
        return
    # Split on \n only: U+2028 and friends are legal inside JSON strings.
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield parse_record(record, where)
        except BadInput as exc:
            yield InputProblem(where, str(exc))
