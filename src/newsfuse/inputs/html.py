"""HTML pages: main text and metadata (title, date, site name, canonical URL) via trafilatura.

Offsets refer to the extracted text, which ``extract`` outputs as ``text``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import trafilatura

from ..model import Article, text_id
from .errors import BadInput, check_article_text, check_published, decode
from .outlet import outlet_from_url

MIN_WORDS = 5


def parse_html(html: str, origin: str, url: str | None = None) -> Article:
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    # Trafilatura falls back to menus and footers on pages without an article; a handful of
    # words is no news report.
    if len(text.split()) < MIN_WORDS:
        raise BadInput("no article text found in the HTML (page without a main text?)")
    check_article_text(text)
    published = None
    date = getattr(document, "date", None)
    if isinstance(date, str) and date:
        try:
            published = check_published(dt.date.fromisoformat(date[:10]))
        except ValueError:  # not a date, or one out of range (BadInput): the page stays, undated
            published = None
    page_url = getattr(document, "url", None) or url
    source = (
        getattr(document, "sitename", None)
        or outlet_from_url(page_url)
        or getattr(document, "hostname", None)
        or Path(origin).name
    )
    return Article(
        id=text_id(text),
        text=text,
        title=getattr(document, "title", None) or None,
        source=source,
        url=page_url,
        published=published,
        origin=origin,
    )


def parse_html_file(data: bytes, origin: str) -> Article:
    return parse_html(decode(data, "file"), origin)
