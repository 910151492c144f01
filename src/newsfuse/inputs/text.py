"""Plain text: the first non-empty line is the title; offsets refer to the whole text as read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model import Article, text_id
from .errors import check_article_text, decode


def parse_text(
    text: str,
    origin: str,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    story: str | None = None,
) -> Article:
    """An Article from plain text (a ``.txt`` file, an upload, a pasted text); the first
    non-empty line is the title unless one is given. Raises BadInput for no or too much text."""
    text = check_article_text(text)
    title = title or next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Article(
        id=text_id(text),
        text=text,
        title=title,
        source=source,
        url=url,
        published=published,
        story=story,
        origin=origin,
    )


def parse_text_file(data: bytes, origin: str) -> Article:
    """A ``.txt`` file's bytes; its source is the file name."""
    return parse_text(decode(data), origin, source=Path(origin).name)
