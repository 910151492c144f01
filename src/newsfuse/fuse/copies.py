"""One wire text is one source: syndicated copies, and sentences shared by several articles.

Outlets carry an AP or Reuters story and edit it (a new headline, a local paragraph, a trimmed
end), or lift a few of its sentences into their own report. Two levels:

- articles: two articles are one source (``Story.copies``: article -> the earlier one) when
  their texts are near-identical (5-word shingles of the shorter found in the other), or when
  they share many sentences near-verbatim: a story carried and edited by two outlets;
- sentences: a sentence that another article of the story also has near-verbatim has one
  origin, the earliest article that has it (:func:`sentence_origins`). Shared sentences never
  corroborate each other, even between articles that are otherwise independent (two reports
  quoting one police statement word for word).

Exact shingle comparison is affordable within one story (tens of articles); the stream
clusterer uses MinHash over the same shingles to find copies across a whole store. Thresholds
are in :class:`.config.FuseConfig`; they were read off the hand-labelled copy pairs of
``benchmarks/data/claims-*.jsonl`` (see ``benchmarks/bench_fusion.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..cluster.text import shingles, words
from ..model import ArticleFacts
from .config import DEFAULT, FuseConfig

SentenceKey = tuple[int, int]  # (article index in the story, sentence index)


def containment(a: set[int], b: set[int]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _sentence_shingles(facts: ArticleFacts, config: FuseConfig) -> list[tuple[int, set[int]]]:
    """(sentence index, word 4-gram shingles) of the article's sentences long enough to compare."""
    out = []
    text = facts.article.text
    for i, s in enumerate(facts.sentences):
        sentence = text[s.start : s.end]
        if len(words(sentence)) >= config.shared_sentence_min_words:
            out.append((i, shingles(sentence, 4)))
    return out


def _shared(a: list[tuple[int, set[int]]], b: list[tuple[int, set[int]]], config: FuseConfig) -> list[SentenceKey]:
    """Pairs (sentence of a, sentence of b) that are near-verbatim the same."""
    pairs = []
    for i, x in a:
        for j, y in b:
            if containment(x, y) >= config.shared_sentence_containment:
                pairs.append((i, j))
                break
    return pairs


def find_copies(facts: Sequence[ArticleFacts], config: FuseConfig = DEFAULT) -> dict[str, str]:
    """Article id -> id of the earlier article it copies (only copies are keys).

    A copy has near-identical text, or shares at least ``copy_shared_sentences`` sentences
    near-verbatim, or at least ``copy_shared_min`` that make up ``copy_shared_share`` of the
    shorter article's sentences.
    """
    seen: list[tuple[str, set[int], list[tuple[int, set[int]]]]] = []
    copies: dict[str, str] = {}
    for f in facts:
        sh = shingles(f.article.text)
        sentences = _sentence_shingles(f, config)
        original = None
        for aid, other, other_sentences in seen:
            if containment(sh, other) >= config.copy_min_containment:
                original = aid
                break
            shared = len(_shared(sentences, other_sentences, config))
            shorter = min(len(sentences), len(other_sentences)) or 1
            if shared >= config.copy_shared_sentences or (
                shared >= config.copy_shared_min and shared / shorter >= config.copy_shared_share
            ):
                original = aid
                break
        if original is not None:
            copies[f.article.id] = copies.get(original, original)
        else:
            seen.append((f.article.id, sh, sentences))
    return copies


def sentence_origins(facts: Sequence[ArticleFacts], config: FuseConfig = DEFAULT) -> dict[SentenceKey, SentenceKey]:
    """(article, sentence) -> the same sentence's first occurrence in an earlier article of the
    story, for every sentence another article has near-verbatim (first occurrences are no keys)."""
    origins: dict[SentenceKey, SentenceKey] = {}
    indexed = [_sentence_shingles(f, config) for f in facts]
    for b in range(1, len(facts)):
        for a in range(b):
            for i, j in _shared(indexed[b], indexed[a], config):
                key = (b, i)
                if key not in origins:
                    first = (a, j)
                    origins[key] = origins.get(first, first)
    return origins
