"""Syndicated copies inside a story: near-identical texts count as one source.

Exact shingle comparison is affordable within one story (tens of articles); the stream
clusterer uses MinHash over the same shingles to find copies across a whole store.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..cluster.text import shingles
from ..model import ArticleFacts
from .config import DEFAULT, FuseConfig


def containment(a: set[int], b: set[int]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def find_copies(facts: Sequence[ArticleFacts], config: FuseConfig = DEFAULT) -> dict[str, str]:
    """Article id -> id of the earlier article it copies (only copies are keys)."""
    seen: list[tuple[str, set[int]]] = []
    copies: dict[str, str] = {}
    for f in facts:
        sh = shingles(f.article.text)
        original = next((aid for aid, other in seen if containment(sh, other) >= config.copy_min_containment), None)
        if original is not None:
            copies[f.article.id] = copies.get(original, original)
        else:
            seen.append((f.article.id, sh))
    return copies
