"""Feeds: RSS and Atom (feedparser), news sitemaps and sitemap indexes (lxml), and the feed
lists ``newsfuse watch --feeds FILE`` reads (one URL per line, or OPML).

A feed is read into its entries (page URL, title, publication date) and what it says about how
often to read it (RSS ``<ttl>``). Nothing here fetches: ``watch.py`` does, through the fetcher.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree

from ..errors import FetchError
from .errors import MAX_FILE_BYTES, BadInput, check_published

FeedKind = Literal["rss", "atom", "sitemap", "sitemap-index"]
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# A sitemap holds at most 50,000 URLs (sitemaps.org); a news sitemap at most 1,000.
MAX_ENTRIES = 50_000
# RSS <ttl> is in minutes; a feed asking for more than a day is read daily all the same.
MAX_TTL_SECONDS = 24 * 3600.0
# Where a DOCTYPE's entity declarations would be (it comes before the root element).
DTD_SCAN_BYTES = 64 * 1024
# Never resolve entities or reach the network while parsing what a server sent.
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class Feed:
    kind: FeedKind
    title: str | None
    entries: tuple[FeedEntry, ...]
    ttl: float | None = None  # seconds the feed asks to be left alone (RSS <ttl>)
    sitemaps: tuple[str, ...] = ()  # a sitemap index's sitemaps, newest first


def entry_key(url: str) -> str:
    """An entry's URL as it is remembered: without its fragment (one page, many anchors)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _not_a_feed(why: str) -> FetchError:
    return FetchError(f"not a feed ({why})", "not-a-feed")


def _gunzip(body: bytes) -> bytes:
    """A gzipped sitemap (sitemap.xml.gz), inflated up to the byte limit."""
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
        try:
            data = stream.read(MAX_FILE_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise _not_a_feed(f"broken gzip: {exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise FetchError(f"too large (over {MAX_FILE_BYTES:,} bytes inflated)", "too-large")
    return data


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return check_published(dt.date.fromisoformat(value.strip()[:10]))
    except ValueError:
        return None


def _struct_date(value: time.struct_time | None) -> dt.date | None:
    if not value:
        return None
    try:
        return check_published(dt.date(value.tm_year, value.tm_mon, value.tm_mday))
    except (ValueError, BadInput):
        return None


_NS = {"s": SITEMAP_NS, "n": NEWS_NS}


def _text(node, path: str) -> str | None:
    found = node.find(path, _NS)
    return found.text.strip() if found is not None and found.text and found.text.strip() else None


def _sitemap(root, base: str) -> Feed:
    ns = _NS
    local = etree.QName(root).localname
    if local == "sitemapindex":
        children = []
        for node in root.iterfind("s:sitemap", ns):
            loc = _text(node, "s:loc")
            if loc:
                children.append((_text(node, "s:lastmod") or "", urljoin(base, loc)))
        children.sort(reverse=True)  # newest first: a news site's current sitemap
        return Feed("sitemap-index", None, (), sitemaps=tuple(url for _, url in children))
    entries = []
    for node in root.iterfind("s:url", ns):
        loc = _text(node, "s:loc")
        if not loc:
            continue
        news = node.find("n:news", ns)
        published = _date(_text(news, "n:publication_date")) if news is not None else None
        title = _text(news, "n:title") if news is not None else None
        entries.append(FeedEntry(urljoin(base, loc), title, published or _date(_text(node, "s:lastmod"))))
        if len(entries) >= MAX_ENTRIES:
            break
    return Feed("sitemap", None, tuple(entries))


def _syndication(body: bytes, base: str, why: str) -> Feed:
    import feedparser

    parsed = feedparser.parse(body)  # relative links are resolved against the feed's URL below
    version = parsed.get("version") or ""
    if not version:  # an empty feed is a feed; XML of another kind has no version
        raise _not_a_feed(why)
    kind: FeedKind = "atom" if version.startswith("atom") else "rss"
    entries = []
    for item in parsed.entries[:MAX_ENTRIES]:
        link = item.get("link") or ""
        if not link and str(item.get("id", "")).startswith(("http://", "https://")):
            link = item["id"]
        if not link:
            continue
        published = _struct_date(item.get("published_parsed") or item.get("updated_parsed"))
        entries.append(FeedEntry(urljoin(base, link), (item.get("title") or "").strip() or None, published))
    ttl = None
    raw_ttl = str(parsed.feed.get("ttl", "")).strip()
    if raw_ttl.isdigit():
        ttl = min(float(raw_ttl) * 60, MAX_TTL_SECONDS)
    return Feed(kind, (parsed.feed.get("title") or "").strip() or None, tuple(entries), ttl=ttl)


def parse_feed(body: bytes, url: str) -> Feed:
    """The feed in ``body`` (served at ``url``, which relative links are resolved against);
    FetchError (kind ``not-a-feed``) when it is none: not XML, an HTML page, XML of another kind."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body)
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise _not_a_feed("empty")
    if not stripped.startswith(b"<"):
        raise _not_a_feed(f"not XML: starts with {stripped[:20]!r}")
    if b"<!ENTITY" in stripped[:DTD_SCAN_BYTES]:
        # No feed needs its own entities; they are how XML bombs and external-entity reads work.
        raise _not_a_feed("it declares XML entities")
    try:
        root = etree.fromstring(stripped, parser=_XML)
    except etree.XMLSyntaxError as exc:
        if stripped[:200].lower().lstrip().startswith((b"<!doctype html", b"<html")):
            raise _not_a_feed("an HTML page") from None
        # feedparser's loose parser reads many a feed with a stray '&' or a bad entity
        return _syndication(stripped, url, f"not well-formed XML: {exc}")
    if etree.QName(root).namespace == SITEMAP_NS:
        return _sitemap(root, url)
    if etree.QName(root).localname.lower() == "html":
        raise _not_a_feed("an HTML page")
    return _syndication(
        stripped, url, f"XML with a <{etree.QName(root).localname}> root, neither RSS, Atom nor a sitemap"
    )


def read_feed_list(path: str | Path) -> list[str]:
    """The feed URLs of a file: OPML (every outline's ``xmlUrl``) or one URL per line (blank
    lines and ``#`` comments skipped). BadInput when the file cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as exc:
        raise BadInput(f"cannot read the feed list {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise BadInput(f"the feed list {path} is too large")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        try:
            root = etree.fromstring(data.lstrip(b"\xef\xbb\xbf \t\r\n"), parser=_XML)
        except etree.XMLSyntaxError as exc:
            raise BadInput(f"the feed list {path} is not valid OPML ({exc})") from None
        urls = [
            value.strip()
            for node in root.iter("outline")
            for name, value in node.attrib.items()
            if name.lower() == "xmlurl" and value.strip()
        ]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BadInput(f"the feed list {path} is not UTF-8") from None
        urls = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return list(dict.fromkeys(urls))
