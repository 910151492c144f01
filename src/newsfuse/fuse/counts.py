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

Time: each figure holds for a day (``Count.as_of``, the publication date unless the text says
otherwise). Sources that disagree only across days have updated the figure, they do not dispute
it: status ``updated``, with the changes (earlier and later report) and the latest well-attested
band as the fused one (:func:`settle_over_time`).

Scope and unit: a part ("12 killed, including 10 Americans": the 10) and its total are two
facts, as are figures in two units ("€2m" / "£1.7m"); they are never compared. A figure with no
category that one source alone gives is left out of the report (see ``fuse_counts``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..model import STATUSES, Count, CountReport, CountUpdate, FusedBand, FusedCount, Status
from .config import DEFAULT, FuseConfig
from .context import StoryContext
from .embed import Embedder
from .scope import other_event_sentences

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
    """The figure a reader takes from a source: an exact figure before a vague one ("19 injured"
    over "almost two dozen" in one report), then the largest low, then the narrowest band."""

    def key(i: _Item) -> tuple[bool, int | float, int | float]:
        c = i.count
        low = c.low if c.low is not None else (c.high or 0)
        width = (c.high - c.low) if (c.high is not None and c.low is not None) else 10**9
        return (c.low is not None and c.low == c.high and not c.approximate, low, -width)

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


def _similarity(
    ctx: StoryContext, subject_sim: Callable[[str | None, str | None], float], specific: list[set[tuple[str, str]]]
):
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
        if a.count.category != b.count.category or a.count.unit != b.count.unit:
            return False
        if a.count.scope != b.count.scope:
            return False  # a part ("10 Americans") is never the same fact as its total ("12 killed")
        if subject_sim(a.count.subject, b.count.subject) < ctx.config.subject_min:
            return False
        named_a, named_b = _named(a.count), _named(b.count)
        if named_a is not None and named_b is not None and named_a != named_b:
            return False  # "Kendall, Street and Burks" and "Street": two facts about named people
        if (named_a is None) != (named_b is None) and not overlaps(_band(a.count), _band(b.count)):
            return False  # the named are some of the people ("Duncan" among "two men killed")
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


def fuse_counts(ctx: StoryContext, embedder: Embedder, event_date: dt.date | None = None) -> list[FusedCount]:
    elsewhere = other_event_sentences(ctx, event_date)  # a round-up's other shootings, last year's attack
    items = _settle_deaths(
        [_Item(ai, c) for ai, f in enumerate(ctx.facts) for c in f.counts if (ai, c.sentence) not in elsewhere]
    )
    if any(i.count.category == "killed" and i.count.scope == "total" for i in items):
        # People "shot" that one report reads as wounded (it tells no death) are everyone hit in a
        # story where some died ("seven people were shot" here, "one of them died" there).
        items = [
            _Item(i.article_index, dataclasses.replace(i.count, category="shot")) if i.count.hit else i for i in items
        ]
    subject_sim = subject_similarity(embedder, [i.count.subject for i in items if i.count.subject])
    specific = [specific_names(f) for f in ctx.facts]  # per article: what one incident's reports share
    same_fact = _similarity(ctx, subject_sim, specific)

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

    def related(a: int, b: int) -> bool:
        return a == b or len(specific[a] & specific[b]) >= ctx.config.min_shared_names

    groups = _merge_tolls(groups, related)

    all_sources = {ctx.source_of[f.article.id] for f in ctx.facts}
    single_story = len(all_sources) == 1
    fused = []
    pending = list(groups)
    split: set[int] = set()  # ids of parts of a split row: shown even when one source gives them
    while pending:
        group = pending.pop(0)
        by_source: dict[str, list[_Item]] = {}
        for item in group:
            by_source.setdefault(ctx.source_of_sentence(item.article_index, item.count.sentence), []).append(item)
        first = group[0].count
        if (
            first.category in _NOT_PEOPLE
            and len(by_source) < 2
            and id(group) not in split
            and not _lead_figure(group, single_story)
        ):
            # A figure of no people that one source alone gives ("a jury of nine women", "a reward
            # of up to $1,000", "about 15 miles away") is rarely what the story is about; several
            # sources giving it make it a fact of the story ("captured dozens of districts", "a
            # $5bn charge"), and so does the lead of a story told by one source alone.
            continue
        figures = [_representative(v) for v in by_source.values()]
        status, band = fuse_band(figures, ctx.config)
        report_of = {id(i.count): _report(ctx, i) for i in group}
        updates: tuple[CountUpdate, ...] = ()
        if status == "conflicting":
            settled = settle_over_time(figures, ctx.config)
            if settled is not None:
                band, changes = settled
                status = "updated"
                updates = tuple(CountUpdate(report_of[id(a)], report_of[id(b)]) for a, b in changes)
            elif (first.category in _NOT_PEOPLE or first.scope == "subset") and len(
                parts := _agreeing_parts(by_source, figures)
            ) > 1:
                # Disjoint figures of things, not people, are mostly figures of different things
                # that subject words cannot tell apart (one player's rebounds and another's, the
                # loan and the deficit): each agreeing part is a row of its own, never a conflict
                # (claims-ecbplus and fusion-dev: 1 of 16 such conflicts was labelled one). So are
                # disjoint parts of a total: "two women" and "one of them a pregnant woman" among
                # three dead are two parts, not two accounts of one.
                pending[:0] = parts
                split.update(id(p) for p in parts)
                continue
        fused.append(
            FusedCount(
                category=first.category,
                subject=first.subject,
                status=status,
                fused=band,
                reports=tuple(report_of[id(i.count)] for i in group),
                silent=tuple(sorted(all_sources - set(by_source))),
                unit=first.unit,
                scope=first.scope,
                updates=updates,
            )
        )
    fused.extend(_wounded_of_the_hit(fused))
    fused.sort(
        key=lambda f: (
            f.category in _NOT_PEOPLE,
            f.scope != "total",
            STATUSES.index(f.status),
            -(f.fused.best or f.fused.low or 0),
        )
    )
    return fused


def _agreeing_parts(by_source: dict[str, list[_Item]], figures: list[Count]) -> list[list[_Item]]:
    """The sources' items split where their figures disagree: sources whose representative bands
    overlap, directly or through another source, stay together."""
    sources = list(by_source)
    part = list(range(len(sources)))
    for i in range(len(sources)):
        for j in range(i + 1, len(sources)):
            if overlaps(_band(figures[i]), _band(figures[j])):
                old, new = part[j], part[i]
                part = [new if p == old else p for p in part]
    parts: dict[int, list[_Item]] = {}
    for i, source in enumerate(sources):
        parts.setdefault(part[i], []).extend(by_source[source])
    return [sorted(items, key=lambda it: (it.article_index, it.count.start)) for items in parts.values()]


# Categories that count no people: listed after the people in a report.
_NOT_PEOPLE = frozenset({"other", "money", "percent", "measure"})


# The story's toll: how many were killed, hurt, hit. A story is one event, so every total of one
# of these categories that counts people in general is the same fact however it is worded ("19
# injured", "almost two dozen people hurt", "four victims") and its sources agree or disagree
# on it; only a count of a named kind of people ("two officers", "three children") stands apart.
_TOLL_CATEGORIES = frozenset({"killed", "injured", "shot"})
_GENERIC_SUBJECTS = frozenset(
    {"people", "persons", "person", "victims", "victim", "others", "individuals", "wounded", "injured", "dead"}
)


def _generic(count: Count) -> bool:
    return count.subject is None or count.subject.lower().split()[-1] in _GENERIC_SUBJECTS


def _merge_tolls(groups: list[list[_Item]], related: Callable[[int, int], bool]) -> list[list[_Item]]:
    """One group per toll category for the totals of people in general (see _TOLL_CATEGORIES),
    among articles that share enough specific names to be reports of one incident (``related``):
    a story that holds two shootings by mistake keeps their tolls apart (bench_fuse.py's pairs of
    different incidents)."""
    merged: list[list[_Item]] = []
    tolls: dict[str, list[list[_Item]]] = {}
    for group in groups:
        first = group[0].count
        if (
            first.category in _TOLL_CATEGORIES
            and first.scope == "total"
            and first.unit is None
            and all(_generic(i.count) for i in group)
        ):
            toll = next(
                (
                    t
                    for t in tolls.get(first.category, [])
                    if any(related(a.article_index, b.article_index) for a in t for b in group)
                ),
                None,
            )
            if toll is not None:
                toll.extend(group)
                continue
            tolls.setdefault(first.category, []).append(group)
        merged.append(group)
    return merged


_NAME_LIST = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def _named(count: Count) -> frozenset[str] | None:
    """The surnames of a count that names its people ("Kendall, Street and Burks", "Lorenzo
    Duncan"), else None."""
    if not count.subject:
        return None
    people = [p.split() for p in _NAME_LIST.split(count.subject.strip()) if p.strip()]
    if not people or not all(words and all(w[:1].isupper() for w in words) for words in people):
        return None
    if count.low != len(people) or count.high != len(people):
        return None  # "200 Taliban" counts people of a group, not people it names
    return frozenset(words[-1].lower() for words in people)


def _one_named(count: Count) -> str | None:
    """The surname of a one-person count that names its person ("Ketron Nathan"), else None."""
    if count.low != 1 or count.high != 1 or not count.subject:
        return None
    words = count.subject.split()
    return words[-1].lower() if all(w[:1].isupper() for w in words) else None


def _settle_deaths(items: list[_Item]) -> list[_Item]:
    """A named person one report has wounded and another dead has died: counted once, as killed.

    Early reports of a shooting give the victim's condition, later ones the death ("Kaleb Ahles
    was shot in the chest" / "Kaleb Ahles died"); the wounded count of that person is no second
    victim. Only names are matched: "a man" wounded and "a man" killed are often two people.
    """
    dead = {name for i in items if i.count.category == "killed" and (name := _one_named(i.count))}
    items = [i for i in items if not (i.count.category == "injured" and _one_named(i.count) in dead)]
    # The same for one unnamed person told the same way ("a 3-year-old boy" wounded, "the boy"
    # dead; "he" wounded in one report of a death): the same person, unless the text says
    # another one ("another man", "a second victim").
    dead_heads = {h for i in items if i.count.category == "killed" and (h := _one_head(i.count)) is not None}
    if dead_heads:
        items = [
            i
            for i in items
            if not (
                i.count.category == "injured" and (h := _one_head(i.count)) is not None and (h in dead_heads or h == "")
            )
        ]
    return _wounded_who_died(items)


def _wounded_who_died(items: list[_Item]) -> list[_Item]:
    """One person wounded in reports that tell no death, in a story whose every death is one
    person: the early reports' wounded is the one who died ("a 16-year-old boy was shot" on
    Monday, "the teen died" on Tuesday), however differently the two are worded. A report that
    tells a death and a wound makes them two people, and so does any figure above one.

    On gva-dev the stories it applies to held 14 wrong injured figures it makes right and 5 right
    ones it makes wrong (4 of them stories whose death is itself misread), a gain in both halves
    of the incidents (CRC-32 parity); fused, injured exact 0.788 -> 0.811 (bench_incidents.py).
    """
    killed = [i for i in items if i.count.category == "killed"]
    injured = [i for i in items if i.count.category == "injured"]
    if not killed or not injured or any(not _single(i.count) for i in killed + injured):
        return items
    if any(i.count.scope != "total" for i in injured):
        return items
    telling_death = {i.article_index for i in killed}
    if any(i.article_index in telling_death for i in injured):
        return items
    return [i for i in items if i.count.category != "injured"]


def _single(count: Count) -> bool:
    return count.low == 1 and count.high == 1


def _one_head(count: Count) -> str | None:
    """The head noun of a one-person count ("boy"; "" for a pronoun), None for anything else or for
    a person the text marks as another ("another man", "a second victim")."""
    if count.low != 1 or count.high != 1 or count.scope != "total":
        return None
    words = count.text.lower().split()
    if words and words[0] in ("another", "second", "other", "a") and len(words) > 1 and words[1] in ("second", "third"):
        return None
    if words and words[0] in ("another", "second", "other", "both"):
        return None
    if count.subject:
        return count.subject.split()[-1].lower()
    return "" if count.text.lower() in ("he", "she") else None  # "one injured" is a figure, not a pronoun


def _toll(fused: list[FusedCount], category: str) -> FusedCount | None:
    rows = [
        f
        for f in fused
        if f.category == category
        and f.scope == "total"
        and f.unit is None
        and f.derived is None
        and (f.subject is None or f.subject.lower().split()[-1] in _GENERIC_SUBJECTS)
    ]
    return max(rows, key=lambda f: len(f.reports)) if rows else None


def _wounded_of_the_hit(fused: list[FusedCount]) -> list[FusedCount]:
    """The wounded of a story that gives everyone hit and the dead but no wounded as such:
    "seven people were shot" and "one of them died" make six wounded. The row says it is derived
    and cites the figures it comes from."""
    wounded = _toll(fused, "injured")
    if wounded is not None and (wounded.fused.best or 0) >= 2:
        return []  # the wounded are told as such (one wounded person may well be one of the hit)
    hit, dead = _toll(fused, "shot"), _toll(fused, "killed")
    if dead is None:
        # no toll of the dead as such: the named dead, one row each
        # ("Marcus White was killed"); several such rows and none of more dead ("Deontae Fisher",
        # "her seven-year-old son", "one child dead") tell of one dead as far as the report knows.
        killed = [f for f in fused if f.category == "killed" and f.scope == "total" and f.fused.best is not None]
        named = [f for f in killed if f.fused.best == 1]
        if len(named) == 1 or (named and len(named) == len(killed)):
            dead = max(named, key=lambda f: len(f.reports))
    if hit is None or dead is None or hit.fused.best is None or dead.fused.best is None:
        return []
    if not dead.fused.best < hit.fused.best:
        return []
    statuses = {hit.status, dead.status}
    status: Status = next(s for s in ("conflicting", "updated", "single_source", "corroborated") if s in statuses)
    best = hit.fused.best - dead.fused.best
    return [
        FusedCount(
            category="injured",
            subject=hit.subject,
            status=status,
            fused=FusedBand(best, best, best),
            reports=hit.reports + dead.reports,
            silent=tuple(sorted(set(hit.silent) & set(dead.silent))),
            derived="shot minus killed",
        )
    ]


def _lead_figure(group: list[_Item], single_story: bool) -> bool:
    """A figure in the first sentences of a story that has a single source."""
    return single_story and any(i.count.sentence <= _LEAD_SENTENCES for i in group)


_LEAD_SENTENCES = 3


def _report(ctx: StoryContext, item: _Item) -> CountReport:
    c = item.count
    return CountReport(
        article=ctx.facts[item.article_index].article.id,
        text=c.text,
        low=c.low,
        high=c.high,
        attributed_to=c.attributed_to,
        subject=c.subject,
        evidence=ctx.evidence(item.article_index, c.start, c.end, c.sentence),
        as_of=c.as_of,
    )


def settle_over_time(
    figures: list[Count], config: FuseConfig = DEFAULT
) -> tuple[FusedBand, list[tuple[Count, Count]]] | None:
    """Sources that disagree only across days: the band that holds now, and the changes.

    Each source's figure holds for its day (``as_of``). When the figures of each day agree
    with each other, a difference between days is an update ("two killed" on Sunday, "three"
    on Monday after a victim died), not a dispute. The fused band is the latest day's, unless
    the latest figure is lower than an earlier one that more sources give: a later report that
    restates a toll in passing ("two people were killed" in a trial story) does not overturn a
    better-attested one. None when a day disagrees with itself or a date is missing: then it is
    a conflict.
    """
    if any(c.as_of is None for c in figures):
        return None
    days: dict[object, list[Count]] = {}
    for c in sorted(figures, key=lambda c: c.as_of):  # type: ignore[arg-type, return-value]
        days.setdefault(c.as_of, []).append(c)
    if len(days) < 2:
        return None
    settled: list[tuple[list[Count], FusedBand]] = []
    for day_figures in days.values():
        status, band = fuse_band(day_figures, config)
        if status == "conflicting":
            return None
        settled.append((day_figures, band))
    changes = [
        (_representative_count(earlier), _representative_count(later))
        for (earlier, band_a), (later, band_b) in zip(settled, settled[1:])
        if not overlaps((band_a.low, band_a.high), (band_b.low, band_b.high))
    ]
    if not changes:
        return None
    latest_figures, latest = settled[-1]
    for day_figures, band in reversed(settled[:-1]):
        if _value(band) > _value(latest) and len(day_figures) > len(latest_figures):
            latest_figures, latest = day_figures, band
    return latest, changes


def _value(band: FusedBand) -> float:
    value = band.best if band.best is not None else band.low
    return float(value) if value is not None else 0.0


def _representative_count(figures: list[Count]) -> Count:
    return max(figures, key=lambda c: c.low if c.low is not None else (c.high or 0))


def story_figure(counts: list[FusedCount] | tuple[FusedCount, ...], category: str) -> int | float:
    """A story's figure for a category: the largest fused best (0 if none), as benchmarks score it."""
    values = [
        c.fused.best if c.fused.best is not None else (c.fused.low or 0) for c in counts if c.category == category
    ]
    return max(values, default=0)
