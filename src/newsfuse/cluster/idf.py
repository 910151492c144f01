"""Running document frequencies for an online TF-IDF.

A batch vectorizer sees the whole corpus before weighting; a stream cannot. Counting document
frequencies as articles arrive and weighting with the *current* counts at comparison time means
a story's profile is always scored with the best statistics so far, not the poorer ones in force
when its first article came in.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


class RunningIdf:
    def __init__(self, buckets: int) -> None:
        self._df = np.zeros(buckets, dtype=np.int32)
        self.docs = 0

    def add(self, terms: Iterable[int]) -> None:
        idx = np.fromiter(terms, dtype=np.int64)
        self._df[idx] += 1
        self.docs += 1

    def weights(self, idx: np.ndarray) -> np.ndarray:
        # Smoothed as in scikit-learn (smooth_idf=True): a term never seen weighs the most.
        return np.log((1.0 + self.docs) / (1.0 + self._df[idx])) + 1.0
