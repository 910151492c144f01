"""Near-duplicate detection: MinHash signatures over word shingles with LSH banding.

Syndicated wire copies are the same text with a different masthead; comparing shingle sets
finds them whatever else differs. Banding makes the lookup independent of how many articles
are stored: only articles sharing a band are compared.
"""

from __future__ import annotations

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
    """LSH index of signatures; ``bands * rows`` must equal the signature length.

    It holds every article the clusterer keeps for copy detection (``max_copy_sources``, 50,000
    by default), long after the article's story has left the clusterer, so its size per article
    is what counts: one dictionary per band, a bucket that holds one article is that article's
    id (a list only once a second article shares the band), and a signature is kept only as
    its bands' bytes, the bucket keys themselves (about 2.5 kB per article, was 5.6 kB with a
    ``(band, bytes)`` tuple and a list per bucket and the signature array beside them).
    Adding an article again with the same signature (a revision moves it to another story)
    changes nothing; it used to append it to its 16 buckets again, entries that outlived its
    removal."""

    def __init__(self, bands: int = 32, rows: int = 4) -> None:
        self.bands, self.rows = bands, rows
        self._buckets: list[dict[bytes, str | list[str]]] = [{} for _ in range(bands)]
        self._bands: dict[str, tuple[bytes, ...]] = {}  # article -> its bands' bytes (its signature)
        self._dtype = np.dtype(np.uint64)

    def __len__(self) -> int:
        return len(self._bands)

    def _keys(self, signature: np.ndarray) -> tuple[bytes, ...]:
        data = np.ascontiguousarray(signature).tobytes()
        step = signature.dtype.itemsize * self.rows  # bytes per band
        return tuple(data[band * step : (band + 1) * step] for band in range(self.bands))

    def candidates(self, signature: np.ndarray) -> list[str]:
        """Articles sharing a band with ``signature``, by band, then in the order they were added."""
        seen: dict[str, None] = {}
        for buckets, key in zip(self._buckets, self._keys(signature)):
            bucket = buckets.get(key)
            if bucket is None:
                continue
            if isinstance(bucket, str):
                seen.setdefault(bucket)
            else:
                for article in bucket:
                    seen.setdefault(article)
        return list(seen)

    def signature_of(self, article: str) -> np.ndarray | None:
        keys = self._bands.get(article)
        if keys is None:
            return None
        return np.frombuffer(b"".join(keys), dtype=self._dtype)

    def add(self, article: str, signature: np.ndarray) -> None:
        keys = self._keys(signature)
        known = self._bands.get(article)
        if known == keys:
            return
        if known is not None:
            self.remove(article)
        self._dtype = signature.dtype
        self._bands[article] = keys
        for buckets, key in zip(self._buckets, keys):
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = article
            elif isinstance(bucket, str):
                buckets[key] = [bucket, article]
            else:
                bucket.append(article)

    def remove(self, article: str) -> None:
        keys = self._bands.pop(article, None)
        if keys is None:
            return
        for buckets, key in zip(self._buckets, keys):
            bucket = buckets.get(key)
            if bucket is None:
                continue
            if isinstance(bucket, str):
                if bucket == article:
                    del buckets[key]
                continue
            bucket.remove(article)
            if len(bucket) == 1:
                buckets[key] = bucket[0]
