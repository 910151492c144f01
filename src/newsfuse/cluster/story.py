"""A story's running profile: what its articles say and what they are about, summed.

Summing member vectors makes article-to-story similarity an average over the members
(average link, the linkage that worked best for news in batch clustering) at the cost of one
dot product, however many articles the story holds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from dataclasses import dataclass, field

import numpy as np

from .features import ArticleFeatures, SparseVector
from .idf import RunningIdf


def weighted_unit(vector: SparseVector, idf: RunningIdf) -> dict[int, float]:
    """The TF-IDF vector under the current document frequencies, scaled to length one."""
    if not len(vector):
        return {}
    weighted = vector.val * idf.weights(vector.idx)
    norm = float(np.linalg.norm(weighted))
    return dict(zip(vector.idx.tolist(), (weighted / norm).tolist()))


def dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def days_before(day: dt.date, delta: dt.timedelta) -> dt.date:
    """``day - delta``, or the first representable day: a date near year 1 (a stored sentinel
    such as 0001-01-01) must not stop the stream with an OverflowError."""
    return day - delta if day - dt.date.min > delta else dt.date.min


@dataclass
class StoryState:
    id: str
    dim: int
    size: int = 0
    embedding: np.ndarray = field(init=False)
    profiles: dict[str, dict[int, float]] = field(default_factory=dict)  # channel -> summed member vectors
    when: Counter[str] = field(default_factory=Counter)
    timed: int = 0  # members that state a year, the denominator for `when`
    days: Counter[dt.date] = field(default_factory=Counter)  # days the members' texts state
    first: dt.date | None = None
    last: dt.date | None = None
    touched: int = 0  # arrival number of the latest member, for evicting idle stories
    language: str | None = None  # its first member's: stories never mix languages
    # The latest members' own vectors, for nearest-member similarity: a report can match one
    # earlier report closely (a follow-up, a rewrite) while the story's average has drifted.
    members: deque[tuple[ArticleFeatures, dict[str, dict[int, float]]]] = field(default_factory=deque)
    max_members: int = 32

    def __post_init__(self) -> None:
        self.embedding = np.zeros(self.dim, dtype=np.float64)

    def add(self, article: ArticleFeatures, vectors: dict[str, dict[int, float]], arrival: int) -> None:
        # Member vectors are stored as weighted when they arrived; later document frequencies
        # only refine the weights, and re-weighting every member would cost O(story size).
        self.size += 1
        if self.language is None:
            self.language = article.language
        self.embedding += article.embedding
        for channel, vector in vectors.items():
            profile = self.profiles.setdefault(channel, {})
            for k, v in vector.items():
                profile[k] = profile.get(k, 0.0) + v
        if article.when:
            self.when.update(article.when)
            self.timed += 1
        self.days.update(article.days)
        if article.published is not None:
            self.first = min(self.first or article.published, article.published)
            self.last = max(self.last or article.published, article.published)
        self.touched = arrival
        self.members.append((article, vectors))
        if len(self.members) > self.max_members:
            self.members.popleft()

    def remove(self, article: ArticleFeatures, vectors: dict[str, dict[int, float]]) -> None:
        """Take back a member that :meth:`add` added with these same vectors (a revision moves
        it to another story). The story's date span is kept: it only widens the window."""
        self.size -= 1
        self.embedding -= article.embedding
        for channel, vector in vectors.items():
            profile = self.profiles.get(channel, {})
            for k, v in vector.items():
                left = profile.get(k, 0.0) - v
                if abs(left) < 1e-12:
                    profile.pop(k, None)
                else:
                    profile[k] = left
        if article.when:
            self.when.subtract(article.when)
            self.when += Counter()  # drop zero counts
            self.timed -= 1
        if article.days:
            self.days.subtract(article.days)
            self.days += Counter()
        for i, member in enumerate(self.members):
            if member[0].id == article.id:
                del self.members[i]
                break

    def days_from(self, day: dt.date | None) -> float:
        """Days between ``day`` and the span of the members' publication dates (0 inside it, or
        when either is undated)."""
        if day is None or self.first is None or self.last is None:
            return 0.0
        if day < self.first:
            return float((self.first - day).days)
        return float(max(0, (day - self.last).days))

    def in_window(self, day: dt.date | None, window: dt.timedelta) -> bool:
        """Articles or stories without dates are always in the window."""
        return self.days_from(day) <= window / dt.timedelta(days=1)
