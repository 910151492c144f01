"""Web archives: ``.warc`` and ``.warc.gz`` files (Common Crawl's CC-NEWS, a crawler's own),
streamed record by record with warcio, never unpacked.

Each HTTP 200 response with an HTML body is read as a fetched page is (inputs/web.py: the
record's target URI is the page URL); everything else is skipped and counted, not reported one
by one (a CC-NEWS file holds tens of thousands of records): responses that are not HTML, not
HTTP 200, too large, without an article, or not in English, which the models do not read. One
line at the end gives the counts. Records that are not responses (requests, metadata, warcinfo,
revisits) are not pages and are passed over silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from ..language import MODEL_LANGUAGES, detect_language
from ..model import Article
from .errors import MAX_FILE_BYTES, BadInput, InputProblem
from .fetch import HTML_TYPES, FetchResult
from .web import page_article

WARC_SUFFIXES = (".warc", ".warc.gz")
# The order the skip counts are printed in.
SKIP_REASONS = ("not HTML", "not HTTP 200", "too large", "no article text", "not English")


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _http_response(record) -> FetchResult | str:
    """The record's page as a fetched page, or the reason it is skipped."""
    headers = record.http_headers
    if headers is None:
        return "not HTML"
    try:
        status = int(headers.get_statuscode() or 0)
    except ValueError:
        status = 0
    if status != 200:
        return "not HTTP 200"
    header = headers.get_header("Content-Type") or ""
    kind = header.split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        return "not HTML"
    body = record.content_stream().read(MAX_FILE_BYTES + 1)  # de-chunked and decompressed by warcio
    if len(body) > MAX_FILE_BYTES:
        return "too large"
    charset = None
    for part in header.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    return FetchResult(requested=uri, url=uri, status=status, content_type=kind, charset=charset, body=body)


def read_warc(stream: BinaryIO, origin: str) -> Iterator[Article | InputProblem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    skipped: Counter[str] = Counter()
    records = responses = 0
    try:
        for record in ArchiveIterator(stream):
            records += 1
            if record.rec_type != "response":
                continue
            responses += 1
            page = _http_response(record)
            if isinstance(page, str):
                skipped[page] += 1
                continue
            try:
                article = page_article(page)
            except BadInput:
                skipped["no article text"] += 1
                continue
            language = detect_language(article.text)
            if language not in MODEL_LANGUAGES:
                skipped["not English"] += 1
                continue
            yield article
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        # A truncated or corrupt file: what was read stays read, the rest is named.
        yield InputProblem(origin, f"not a readable WARC file after {responses:,} responses ({exc})"[:300])
    if not records:
        yield InputProblem(origin, "not a WARC file (no WARC records in it)")
    elif not responses:
        yield InputProblem(origin, "no HTTP responses in this WARC file")
    elif skipped:
        counts = ", ".join(f"{skipped[r]:,} {r}" for r in SKIP_REASONS if skipped[r])
        yield InputProblem(origin, f"{sum(skipped.values()):,} of {responses:,} responses skipped ({counts})")
