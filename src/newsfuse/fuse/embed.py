"""Sentence embeddings for fusion, each distinct text encoded once.

One report's sentences, subjects and propositions reach the encoder from several fusion steps,
and the same article can sit in several stories; encoding is by far the costliest part of
fusion, so an :class:`Embedder` remembers what it has encoded. It is made per run (per
``api.fuse`` call, or per store), never global.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .config import DEFAULT, FuseConfig

DIMENSIONS = 384  # all-MiniLM-L6-v2


class Embedder:
    def __init__(self, encoder, max_cached: int = 200_000) -> None:
        self.encoder = encoder
        self.max_cached = max_cached
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised embeddings, one row per text, in order."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Taken before the memo may be emptied below, so a full memo never loses this call's rows.
        found = {t: self._cache[t] for t in texts if t in self._cache}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            vectors = self.encoder.encode(
                missing, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
            fresh = dict(zip(missing, np.asarray(vectors, dtype=np.float32)))
            if len(self._cache) + len(fresh) > self.max_cached:
                self._cache.clear()  # a bounded memo, not a store: start over rather than grow
            self._cache.update(fresh)
            found.update(fresh)
        return np.stack([found[t] for t in texts])

    @classmethod
    def for_fusion(cls, config: FuseConfig = DEFAULT, max_cached: int = 200_000) -> Embedder:
        """An Embedder over the encoder fusion runs (``config.encoder``), loaded once per process."""
        from ..nlp import load_encoder

        return cls(load_encoder(config.encoder), max_cached=max_cached)

    def similarity(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        va, vb = self.encode([a, b])
        return float(va @ vb)
