"""The event line: what happened (type, headline), where (event place vs mentioned), when."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

from ..data.event_types import EVENT_TRIGGERS
from ..model import Evidence, Place, TimelineEntry, When, WherePlace
from .context import StoryContext

# Dates further back than this before the latest publication date are background ("since May 1").
EVENT_WINDOW_DAYS = 7
# A mention right after one of these words names where something went or came from,
# not where the event was ("fled to Herat", "troops from Kabul").
_MOVEMENT = re.compile(r"\b(to|into|toward|towards|from|across|via|over the border to)\s+(the\s+)?$", re.I)
_FEATURE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}
_TRIGGERS = {t: re.compile(r"\b(?:" + "|".join(p) + r")\b", re.I) for t, p in EVENT_TRIGGERS.items()}


def event_type(ctx: StoryContext) -> str | None:
    """The type whose trigger words are most frequent in headlines (weight 3) and leads."""
    scores: Counter = Counter()
    for f in ctx.facts:
        lead = " ".join(f.article.text[s.start:s.end] for s in f.sentences[:3])
        for etype, pattern in _TRIGGERS.items():
            scores[etype] += 3 * len(pattern.findall(f.article.title or "")) + len(pattern.findall(lead))
    if not scores or scores.most_common(1)[0][1] == 0:
        return None
    best = max(scores.values())
    return next(t for t in EVENT_TRIGGERS if scores[t] == best)


def headline(ctx: StoryContext) -> str | None:
    dated = [f for f in ctx.facts if f.article.title]
    if not dated:
        return None
    first = min(dated, key=lambda f: (f.article.published or dt.date.max, ctx.facts.index(f)))
    return first.article.title


def _place_key(p: Place) -> str:
    return f"gn:{p.geonames_id}" if p.geonames_id else "name:" + p.text.lower()


def fuse_where(ctx: StoryContext) -> list[WherePlace]:
    mentions: dict[str, list[tuple[int, Place]]] = defaultdict(list)
    for ai, f in enumerate(ctx.facts):
        for p in f.places:
            mentions[_place_key(p)].append((ai, p))
    if not mentions:
        return []

    def score(key: str) -> float:
        total = 0.0
        for ai, p in mentions[key]:
            text = ctx.facts[ai].article.text
            weight = 3.0 if p.sentence <= 1 else 1.0
            if _MOVEMENT.search(text[max(0, p.start - 25):p.start]):
                weight *= 0.2
            total += weight
        sources = ctx.independent({ctx.facts[ai].article.id for ai, _ in mentions[key]})
        return total * len(sources)

    def rank(key: str) -> tuple:
        p = mentions[key][0][1]
        return (_FEATURE_RANK.get(p.feature or "", 6) > _FEATURE_RANK["admin2"], -score(key))

    resolved = [k for k in mentions if mentions[k][0][1].geonames_id]
    event_key = min(resolved or list(mentions), key=rank)
    out = []
    for key in sorted(mentions, key=lambda k: (k != event_key, -score(k))):
        items = mentions[key]
        p = items[0][1]
        evidence: list[Evidence] = [ctx.evidence(ai, q.start, q.end, q.sentence) for ai, q in items[:6]]
        out.append(WherePlace(
            name=p.name or p.text, geonames_id=p.geonames_id, lat=p.lat, lon=p.lon, admin1=p.admin1,
            country=p.country, role="event" if key == event_key else "mentioned", evidence=tuple(evidence),
            feature=p.feature, articles=tuple(dict.fromkeys(ctx.facts[ai].article.id for ai, _ in items)),
        ))
    return out


def fuse_when(ctx: StoryContext) -> When:
    published = [f.article.published for f in ctx.facts if f.article.published]
    latest = max(published) if published else None
    by_day: dict[dt.date, list[tuple[int, object]]] = defaultdict(list)
    for ai, f in enumerate(ctx.facts):
        for d in f.dates:
            if d.date is None or d.granularity != "day":
                continue
            if latest and not (latest - dt.timedelta(days=EVENT_WINDOW_DAYS) <= d.date <= latest):
                continue
            by_day[d.date].append((ai, d))
    unresolved = [f for f in ctx.facts if not f.article.published and any(d.date is None for d in f.dates)]
    note = None
    if unresolved:
        names = ", ".join(f.article.source or f.article.id for f in unresolved)
        note = f"{names}: no publication date, so relative dates (e.g. weekdays) there are left unresolved"
    if not by_day:
        return When(None, None, None, (), (), note)
    days = sorted(by_day)
    timeline = []
    evidence: list[Evidence] = []
    for day in days:
        items = by_day[day]
        ev = []
        seen = set()
        for ai, d in items:
            if (ai, d.sentence) in seen:
                continue
            seen.add((ai, d.sentence))
            ev.append(ctx.evidence(ai, d.start, d.end, d.sentence))
        ai, d = items[0]
        s = ctx.facts[ai].sentences[d.sentence]
        text = " ".join(ctx.facts[ai].article.text[s.start:s.end].split())
        timeline.append(TimelineEntry(date=day, text=text[:240], evidence=tuple(ev)))
        evidence.extend(ev[:2])
    return When(date=days[0], start=days[0], end=days[-1], evidence=tuple(evidence), timeline=tuple(timeline), note=note)
