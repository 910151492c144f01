"""Text views of an article used for clustering: the embedding input, body terms, shingles.

Everything here is deterministic across processes: terms are hashed with CRC-32 (Python's
``hash`` is salted per process, which would make story assignment irreproducible).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter

from ..data.stop_words import ENGLISH_STOP_WORDS
from ..model import ArticleFacts

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


def lead_end(facts: ArticleFacts, sentences: int) -> int:
    """Offset where the first ``sentences`` sentences end (the whole text if unsplit)."""
    if not facts.sentences:
        return len(facts.article.text)
    return facts.sentences[min(sentences, len(facts.sentences)) - 1].end


def embedding_text(facts: ArticleFacts) -> str:
    """Title plus lead: where a news report states its event (who, what, where, when)."""
    article = facts.article
    lead = article.text[: min(lead_end(facts, LEAD_SENTENCES), LEAD_CHARS)]
    return f"{article.title}\n{lead}" if article.title else lead


def term_counts(facts: ArticleFacts, end: int | None = None) -> Counter[int]:
    """Hashed unigram counts of title and body (up to ``end``), stop words dropped; the title
    counts twice because it names the event while the body also carries background."""
    article = facts.article
    counts: Counter[int] = Counter()
    for weight, text in ((2, article.title or ""), (1, article.text[:end])):
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
