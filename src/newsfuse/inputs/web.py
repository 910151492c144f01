"""URLs as inputs: a page fetched (inputs/fetch.py) is read as an HTML file is (inputs/html.py),
its URL the one it was finally served from; the outlet is the page's site name, else its host."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from ..model import Article
from .errors import BadInput, InputProblem
from .fetch import Fetcher, FetchResult
from .html import parse_html
from .outlet import outlet_from_url


def page_article(result: FetchResult, *, published: dt.date | None = None, title: str | None = None) -> Article:
    """The article of a fetched page. ``published`` and ``title`` (a feed entry's) fill in what
    the page itself does not say. BadInput when the page holds no article."""
    article = parse_html(result.text(), result.requested, url=result.url)
    host = urlsplit(result.url).netloc.lower()
    if article.source and article.source.lower() in (host, host.split(":")[0]):
        # trafilatura names a page without a site name after its URL's host and port: the
        # outlet is the host, as for any input with a URL alone
        article = replace(article, source=outlet_from_url(article.url) or outlet_from_url(result.url))
    if article.published is None and published is not None:
        article = replace(article, published=published)
    if article.title is None and title:
        article = replace(article, title=title)
    return article


def read_urls(urls: Sequence[str], fetcher: Fetcher) -> Iterator[Article | InputProblem]:
    """The article of each URL, or why there is none, in the given order."""
    for url, result in fetcher.fetch_many(urls):
        if isinstance(result, BadInput):
            yield InputProblem(url, str(result))
            continue
        try:
            yield page_article(result)
        except BadInput as exc:
            yield InputProblem(url, str(exc))
