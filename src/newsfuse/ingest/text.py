"""Plain text: the first non-empty line is the title; offsets refer to the whole file as read."""

from __future__ import annotations

from pathlib import Path

from ..model import Article, text_id
from .errors import BadInput, check_article_text, decode


def read_text(path: Path) -> Article:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}") from None
    text = check_article_text(decode(data))
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Article(id=text_id(text), text=text, title=title, source=path.name, origin=str(path))
