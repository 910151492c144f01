"""How similar an article usually is to its nearest neighbours in the stream.

Two reports of one event are more alike than two reports of different events, but "alike" is
relative: reports of a famous person's death all resemble each other, and each also resembles
every report of the same kind of event. Subtracting the two articles' usual nearest-neighbour
similarity from their similarity (CSLS, Conneau et al. 2018, "Word translation without parallel
data") corrects for that hubness. The level needs the neighbours an article will get, so it is
only used when an assignment is revised, once later articles have arrived (clusterer.py).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from .text import TERM_BUCKETS


class NeighbourLevels:
    """The latest ``capacity`` articles' embeddings and name vectors; :meth:`levels` gives, for
    any article, the mean of its ``k`` highest similarities to them (itself excluded)."""

    def __init__(self, dim: int, k: int = 20, capacity: int = 2000) -> None:
        self.k = k
        self._capacity = capacity
        self._slots: OrderedDict[str, int] = OrderedDict()
        self._embeddings = np.zeros((capacity, dim), dtype=np.float32)
        # Each slot's name vector as (indices, values) arrays, so the matrix of all of them is
        # rebuilt by concatenation (it changes with every arrival and is needed at every
        # settling: from Python dicts, that rebuild was 15% of clustering at 20,000 articles).
        empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))
        self._names: list[tuple[np.ndarray, np.ndarray]] = [empty] * capacity
        self._used = np.zeros(capacity, dtype=bool)
        self._matrix: sparse.csr_matrix | None = None  # names as rows, rebuilt after additions

    def __len__(self) -> int:
        return len(self._slots)

    def add(self, article_id: str, embedding: np.ndarray, names: dict[int, float]) -> None:
        if article_id in self._slots:
            return
        if len(self._slots) >= self._capacity:
            _, slot = self._slots.popitem(last=False)
        else:
            slot = len(self._slots)
        self._slots[article_id] = slot
        self._embeddings[slot] = embedding
        self._names[slot] = (
            np.fromiter(names.keys(), dtype=np.int64, count=len(names)),
            np.fromiter(names.values(), dtype=np.float64, count=len(names)),
        )
        self._used[slot] = True
        self._matrix = None

    def levels(self, items: Sequence[tuple[str, np.ndarray, dict[int, float]]]) -> np.ndarray:
        """(len(items), 2): each item's embedding and names level."""
        if not items:
            return np.zeros((0, 2))
        query = np.vstack([np.asarray(e, dtype=np.float32) for _, e, _ in items])
        out = np.zeros((len(items), 2))
        out[:, 0] = self._top_mean(query @ self._embeddings.T, items)
        out[:, 1] = self._top_mean((_rows(n for _, _, n in items) @ self._names_matrix().T).toarray(), items)
        return out

    def _top_mean(self, sims: np.ndarray, items: Sequence[tuple[str, np.ndarray, dict[int, float]]]) -> np.ndarray:
        sims = np.where(self._used[None, :], sims, -np.inf)
        for row, (article_id, _, _) in enumerate(items):
            slot = self._slots.get(article_id)
            if slot is not None:
                sims[row, slot] = -np.inf
        k = min(self.k, max(1, int(self._used.sum()) - 1))
        top = -np.partition(-sims, k - 1, axis=1)[:, :k]
        top = np.where(np.isfinite(top), top, 0.0)
        return top.mean(axis=1)

    def _names_matrix(self) -> sparse.csr_matrix:
        if self._matrix is None:
            sizes = np.fromiter((len(i) for i, _ in self._names), dtype=np.int64, count=len(self._names))
            indptr = np.concatenate(([0], np.cumsum(sizes)))
            self._matrix = sparse.csr_matrix(
                (np.concatenate([v for _, v in self._names]), np.concatenate([i for i, _ in self._names]), indptr),
                shape=(len(self._names), TERM_BUCKETS),
            )
        return self._matrix


def _rows(vectors) -> sparse.csr_matrix:
    indptr, indices, data = [0], [], []
    for vector in vectors:
        indices.extend(vector.keys())
        data.extend(vector.values())
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr),
        shape=(len(indptr) - 1, TERM_BUCKETS),
    )
