"""Sentence embeddings for fusion, each distinct text encoded once.

One report's sentences, subjects and propositions reach the encoder from several fusion steps,
and the same article can sit in several stories; encoding is by far the costliest part of
fusion, so an :class:`Embedder` remembers what it has encoded. It is made per run (per
``api.fuse`` call, or per store), never global.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

DIMENSIONS = 384  # all-MiniLM-L6-v2


class Embedder:
    def __init__(self, encoder, max_cached: int = 200_000) -> None:
        self.encoder = encoder
        self.max_cached = max_cached
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised embeddings, one row per text, in order."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            if len(self._cache) + len(missing) > self.max_cached:
                self._cache.clear()  # a bounded memo, not a store: start over rather than grow
            vectors = self.encoder.encode(missing, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
            self._cache.update(zip(missing, np.asarray(vectors, dtype=np.float32)))
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def similarity(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        va, vb = self.encode([a, b])
        return float(va @ vb)
