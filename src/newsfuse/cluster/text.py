"""Text views of an article used for clustering: the embedding input, body terms, shingles.

Page furniture (related-link headlines, cookie banners, player text, bylines: the extractors'
``ArticleFacts.furniture``) is blanked out of every view: one outlet prints the same furniture
around all its reports, so it would make two reports of different events from one site look
alike, and two reports of one event from different sites look apart. A page's time stamp
stays, as it does in the extractors: its year tells two same-kind events apart (blanking it
too lowered ECB+ B-cubed F1 from 0.934 to 0.924, bench_cluster.py).

Everything here is deterministic across processes: terms are hashed with CRC-32 (Python's
``hash`` is salted per process, which would make story assignment irreproducible).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter

from ..data.stop_words import ENGLISH_STOP_WORDS
from ..model import ArticleFacts, covered

# Hashed term space for the online TF-IDF: 2**20 buckets keeps collisions rare for news vocabularies
# while the document-frequency table stays a fixed 4 MB, however long the stream runs.
TERM_BUCKETS = 1 << 20

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# Reporting verbs and newsroom boilerplate occur in every story; they only blur the TF-IDF.
_NEWS_STOP = frozenset(
    "said says say told according reported report reports reuters ap afp news new year years "
    "monday tuesday wednesday thursday friday saturday sunday yesterday today week".split()
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | _NEWS_STOP

LEAD_SENTENCES = 3
LEAD_CHARS = 1200


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def stable_hash(token: str) -> int:
    return zlib.crc32(token.encode("utf-8"))


def furniture_spans(facts: ArticleFacts) -> list[tuple[int, int]]:
    """The spans the clusterer leaves out, sorted: the furniture other than time stamps."""
    return sorted((f.start, f.end) for f in facts.furniture if f.reason != "timestamp")


def report_text(facts: ArticleFacts) -> str:
    """The article's text with its furniture blanked (spaces: every offset stays valid)."""
    text = facts.article.text
    spans = furniture_spans(facts)
    if not spans:
        return text
    pieces: list[str] = []
    at = 0
    for start, end in spans:
        start = max(start, at)
        if end <= start:
            continue
        pieces += [text[at:start], " " * (end - start)]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def report_sentences(facts: ArticleFacts) -> list[tuple[int, int]]:
    """(start, end) of the sentences that are not furniture, in order."""
    spans = furniture_spans(facts)
    return [(s.start, s.end) for s in facts.sentences if not covered(s.start, s.end, spans)]


def lead_end(facts: ArticleFacts, sentences: int) -> int:
    """Offset where the first ``sentences`` sentences of the report (furniture skipped) end;
    the whole text if unsplit."""
    kept = report_sentences(facts)
    if not kept:
        return len(facts.article.text)
    return kept[min(sentences, len(kept)) - 1][1]


def embedding_text(facts: ArticleFacts) -> str:
    """Title plus lead: where a news report states its event (who, what, where, when)."""
    article = facts.article
    lead = " ".join(report_text(facts)[: min(lead_end(facts, LEAD_SENTENCES), LEAD_CHARS)].split())
    return f"{article.title}\n{lead}" if article.title else lead


def term_counts(facts: ArticleFacts, end: int | None = None, text: str | None = None) -> Counter[int]:
    """Hashed unigram counts of title and report (up to ``end``; ``text``: the report text
    if already computed), stop words dropped; the title counts twice because it names the
    event while the body also carries background."""
    article = facts.article
    body = report_text(facts) if text is None else text
    counts: Counter[int] = Counter()
    for weight, text in ((2, article.title or ""), (1, body[:end])):
        for w in words(text):
            if len(w) > 1 and w not in STOP_WORDS:
                counts[stable_hash(w) % TERM_BUCKETS] += weight
    return counts


def shingles(text: str, size: int = 5) -> set[int]:
    """Hashed word ``size``-grams: the unit of near-duplicate (syndicated copy) detection."""
    tokens = words(text)
    if len(tokens) < size:
        return {stable_hash(" ".join(tokens))} if tokens else set()
    return {stable_hash(" ".join(tokens[i : i + size])) for i in range(len(tokens) - size + 1)}
