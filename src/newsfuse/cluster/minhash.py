"""Near-duplicate detection: MinHash signatures over word shingles with LSH banding.

Syndicated wire copies are the same text with a different masthead; comparing shingle sets
finds them whatever else differs. Banding makes the lookup independent of how many articles
are stored: only articles sharing a band are compared.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

_PRIME = (1 << 61) - 1


class MinHasher:
    def __init__(self, permutations: int = 128, seed: int = 20240601) -> None:
        rng = np.random.default_rng(seed)  # fixed seed: signatures must agree across runs
        self.a = rng.integers(1, 1 << 31, size=permutations, dtype=np.uint64)
        self.b = rng.integers(0, 1 << 31, size=permutations, dtype=np.uint64)
        self.permutations = permutations

    def signature(self, shingles: set[int]) -> np.ndarray:
        if not shingles:
            return np.full(self.permutations, np.iinfo(np.uint64).max, dtype=np.uint64)
        x = np.fromiter(shingles, dtype=np.uint64)
        # (a*x + b) mod p with 32-bit x and 31-bit a stays below 2**64: no overflow.
        hashed = (np.outer(x, self.a) + self.b) % np.uint64(_PRIME)
        return hashed.min(axis=0)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


class CopyIndex:
    """LSH index of signatures; ``bands * rows`` must equal the signature length."""

    def __init__(self, bands: int = 32, rows: int = 4) -> None:
        self.bands, self.rows = bands, rows
        self._buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
        self._signatures: dict[str, np.ndarray] = {}

    def _keys(self, signature: np.ndarray) -> list[tuple[int, bytes]]:
        return [(band, signature[band * self.rows : (band + 1) * self.rows].tobytes()) for band in range(self.bands)]

    def candidates(self, signature: np.ndarray) -> list[str]:
        seen: dict[str, None] = {}
        for key in self._keys(signature):
            for article in self._buckets.get(key, ()):
                seen.setdefault(article)
        return list(seen)

    def signature_of(self, article: str) -> np.ndarray | None:
        return self._signatures.get(article)

    def add(self, article: str, signature: np.ndarray) -> None:
        self._signatures[article] = signature
        for key in self._keys(signature):
            self._buckets[key].append(article)

    def remove(self, article: str) -> None:
        signature = self._signatures.pop(article, None)
        if signature is None:
            return
        for key in self._keys(signature):
            bucket = self._buckets.get(key)
            if bucket is not None:
                bucket.remove(article)
                if not bucket:
                    del self._buckets[key]
