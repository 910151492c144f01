"""Counts reconciled across the articles of a story.

Two reported figures are one fact when they share a category, their subjects are compatible
("inmates" / "prisoners") and their sentences say the same thing (sentence embeddings, helped
by a shared name or place): two different shootings that each left "one dead" share a
category but not a sentence, and stay apart; figures of two articles are compared at all only
when the articles share at least two specific names (people, places below region level).

Status, per group, over independent sources (a syndicated copy is not a second source):
each source's figure is its report with the largest low bound (the figure a reader takes
away); bands that all overlap are ``corroborated``, any disjoint pair makes it
``conflicting``, one source alone is ``single_source``.

Fused band: where the bands agree, their intersection (the narrowest range every source allows)
and as best value the figure most sources state exactly, else the middle of a narrow
intersection ("about 400" -> 400), the low bound of an open one ("more than 1,000" -> 1001), and
none for a wide one ("hundreds" alone names no figure). Where they conflict: the span from the lowest to the highest figure,
and as best value the figure most sources give (None when no figure has a majority).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..model import STATUSES, Count, CountReport, FusedBand, FusedCount, Status
from .config import DEFAULT, FuseConfig
from .context import StoryContext
from .embed import Embedder

Value = int | float | None

# Places this broad are shared by unrelated incidents and say nothing about sameness.
BROAD_FEATURES = frozenset({"country", "admin1", "region", "continent"})


@dataclass(frozen=True)
class _Item:
    article_index: int
    count: Count

    @property
    def key(self) -> tuple[int, int]:
        return (self.article_index, self.count.start)


def overlaps(a: tuple[Value, Value], b: tuple[Value, Value]) -> bool:
    """Do two bands (None = unbounded) share at least one value?"""
    lo = max(x for x in (a[0], b[0], 0) if x is not None)
    his = [x for x in (a[1], b[1]) if x is not None]
    return not his or lo <= min(his)


def _band(c: Count) -> tuple[Value, Value]:
    return (c.low, c.high)


def _representative(items: list[_Item]) -> Count:
    """The figure a reader takes from a source: largest low, then the narrowest band."""

    def key(i: _Item) -> tuple[int | float, int | float]:
        c = i.count
        low = c.low if c.low is not None else (c.high or 0)
        width = (c.high - c.low) if (c.high is not None and c.low is not None) else 10**9
        return (low, -width)

    return max(items, key=key).count


def fuse_band(figures: list[Count], config: FuseConfig = DEFAULT) -> tuple[Status, FusedBand]:
    if not figures:
        return "single_source", FusedBand(None, None, None)
    bands = [_band(c) for c in figures]
    agree = all(overlaps(a, b) for i, a in enumerate(bands) for b in bands[i + 1 :])
    exact = Counter(c.low for c in figures if c.low is not None and c.low == c.high)
    status: Status = "single_source" if len(figures) == 1 else ("corroborated" if agree else "conflicting")
    if agree:
        low = max((b[0] for b in bands if b[0] is not None), default=None)
        highs = [b[1] for b in bands if b[1] is not None]
        high = min(highs) if highs else None
        inside = [v for v, _ in exact.most_common() if (low is None or v >= low) and (high is None or v <= high)]
        if inside:
            best = inside[0]
        elif low is not None and high is not None and high <= low * config.narrow_band:
            best = (low + high) // 2  # "about 400" -> 400
        elif low is not None and high is None:
            best = low  # "more than 1,000": the figure is at least this
        else:
            best = None  # "hundreds" alone names no figure
        return status, FusedBand(low, high, best)
    lows = [b[0] for b in bands if b[0] is not None]
    open_highs: list[Value] = [b[1] if b[1] is not None else b[0] for b in bands]
    values = Counter(c.low if c.low == c.high else None for c in figures)
    top = values.most_common(2)
    best = top[0][0] if top and top[0][0] is not None and (len(top) == 1 or top[0][1] > top[1][1]) else None
    return status, FusedBand(
        min(lows) if lows else None, max((h for h in open_highs if h is not None), default=None), best
    )


def specific_names(f) -> set[tuple[str, str]]:
    """People (by surname, so "Hasamuddin"/"Hisamudin Shams" agree) and places below region
    level: what two reports of one incident share and two incidents of one kind do not."""
    people = {("person", e.text.split()[-1].lower()) for e in f.entities if e.label == "PERSON"}
    places = {("place", str(p.geonames_id or p.text.lower())) for p in f.places if p.feature not in BROAD_FEATURES}
    return people | places


def _similarity(ctx: StoryContext, subject_sim: Callable[[str | None, str | None], float]):
    specific = [specific_names(f) for f in ctx.facts]
    names = [
        {e.text.lower() for e in f.entities if e.label in {"PERSON", "GPE", "LOC", "FAC", "ORG"}}
        | {p.text.lower() for p in f.places}
        for f in ctx.facts
    ]

    def sentence_names(ai: int, si: int) -> set[str]:
        s = ctx.facts[ai].sentences[si]
        text = ctx.facts[ai].article.text[s.start : s.end].lower()
        return {n for n in names[ai] if n in text}

    def same_fact(a: _Item, b: _Item) -> bool:
        if a.count.category != b.count.category:
            return False
        if subject_sim(a.count.subject, b.count.subject) < ctx.config.subject_min:
            return False
        if a.article_index == b.article_index:
            # An article rarely contradicts itself: within one, overlapping figures for one
            # subject restate a fact, disjoint ones ("two districts", "dozens of districts") are two.
            return overlaps(_band(a.count), _band(b.count))
        if len(specific[a.article_index] & specific[b.article_index]) < ctx.config.min_shared_names:
            return False  # too little in common: two incidents, however alike the sentences
        ra, rb = ctx.row(a.article_index, a.count.sentence), ctx.row(b.article_index, b.count.sentence)
        if ra is None or rb is None:
            return False
        score = float(np.dot(ctx.embeddings[ra], ctx.embeddings[rb]))
        if sentence_names(a.article_index, a.count.sentence) & sentence_names(b.article_index, b.count.sentence):
            score += ctx.config.shared_name_bonus
        return score >= ctx.config.context_min

    return same_fact


def subject_similarity(embedder: Embedder, subjects: list[str]) -> Callable[[str | None, str | None], float]:
    """Cosine similarity of subject phrases; a missing subject matches anything."""
    embedder.encode(sorted({s.lower() for s in subjects if s}))  # one batch up front

    def sim(a: str | None, b: str | None) -> float:
        if not a or not b:
            return 1.0
        return embedder.similarity(a.lower(), b.lower())

    return sim


def fuse_counts(ctx: StoryContext, embedder: Embedder) -> list[FusedCount]:
    items = [_Item(ai, c) for ai, f in enumerate(ctx.facts) for c in f.counts]
    subject_sim = subject_similarity(embedder, [i.count.subject for i in items if i.count.subject])
    same_fact = _similarity(ctx, subject_sim)

    groups: list[list[_Item]] = []
    for item in items:
        for group in groups:
            # Subjects must match the group's first figure, so that single-link chaining cannot
            # pull "inmates" ~ "prisoners" ~ "fighters" together; context may match any member.
            # ... and a figure never joins a disjoint figure of its own article: there they are
            # two facts (a sum of victims and one of its parts: "five children and his wife" / "five").
            own_article_fits = all(
                overlaps(_band(m.count), _band(item.count)) for m in group if m.article_index == item.article_index
            )
            if (
                own_article_fits
                and subject_sim(group[0].count.subject, item.count.subject) >= ctx.config.subject_min
                and any(same_fact(m, item) for m in group)
            ):
                group.append(item)
                break
        else:
            groups.append([item])

    all_sources = {ctx.source_of[f.article.id] for f in ctx.facts}
    fused = []
    for group in groups:
        by_source: dict[str, list[_Item]] = {}
        for item in group:
            by_source.setdefault(ctx.source_of[ctx.facts[item.article_index].article.id], []).append(item)
        figures = [_representative(v) for v in by_source.values()]
        status, band = fuse_band(figures, ctx.config)
        first = group[0].count
        reports = tuple(
            CountReport(
                article=ctx.facts[i.article_index].article.id,
                text=i.count.text,
                low=i.count.low,
                high=i.count.high,
                attributed_to=i.count.attributed_to,
                subject=i.count.subject,
                evidence=ctx.evidence(i.article_index, i.count.start, i.count.end, i.count.sentence),
            )
            for i in group
        )
        fused.append(
            FusedCount(
                category=first.category,
                subject=first.subject,
                status=status,
                fused=band,
                reports=reports,
                silent=tuple(sorted(all_sources - set(by_source))),
            )
        )
    fused.sort(key=lambda f: (f.category == "other", STATUSES.index(f.status), -(f.fused.best or f.fused.low or 0)))
    return fused


def story_figure(counts: list[FusedCount] | tuple[FusedCount, ...], category: str) -> int | float:
    """A story's figure for a category: the largest fused best (0 if none), as benchmarks score it."""
    values = [
        c.fused.best if c.fused.best is not None else (c.fused.low or 0) for c in counts if c.category == category
    ]
    return max(values, default=0)
