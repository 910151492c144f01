"""The event line: what happened (type, headline), where (event place vs mentioned), when."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

from ..data.event_types import EVENT_TRIGGERS
from ..model import DateMention, Evidence, Place, TimelineEntry, When, WherePlace
from .config import DEFAULT, FuseConfig
from .context import StoryContext

_FEATURE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}
_TRIGGERS = {t: re.compile(r"\b(?:" + "|".join(p) + r")\b", re.I) for t, p in EVENT_TRIGGERS.items()}


def event_type(ctx: StoryContext) -> str | None:
    """The type whose trigger words are most frequent in headlines (weight 3) and leads."""
    scores: Counter = Counter()
    for f in ctx.facts:
        body = [s for s in f.sentences if not f.in_furniture(s.start, s.end)]
        lead = " ".join(f.article.text[s.start : s.end] for s in body[:3])
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


# Words right before a mention that say someone went there or came from there ("fled to
# Herat", "troops from Kabul", "crossed into Tajikistan"): the place is not where it happened.
_MOVEMENT = re.compile(
    r"\b(?:to|into|toward|towards|from|across|via|fled|flee(?:ing)?|evacuated to|crossed(?: into)?|"
    r"returned to|headed to|bound for)\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+)?$",
    re.I,
)
# Where somebody spoke, not where the event was ("said in Kabul", "told reporters in Washington",
# "a news conference in Geneva").
_SPEECH = re.compile(
    r"\b(?:said|says|told [\w ]{0,25}|speaking|spoke|announced|briefing|(?:news|press) conference|statement|"
    r"interview)\b[^.;]{0,20}\b(?:in|from|at)\s+(?:the\s+)?$",
    re.I,
)


def _event_sentences(ctx: StoryContext, etype: str | None) -> set[tuple[int, int]]:
    """(article, sentence) pairs that speak of the event itself: its trigger words or counts."""
    out: set[tuple[int, int]] = set()
    pattern = _TRIGGERS.get(etype) if etype else None
    for ai, f in enumerate(ctx.facts):
        out.update((ai, c.sentence) for c in f.counts)
        if pattern is None:
            continue
        for si, sent in enumerate(f.sentences):
            if pattern.search(f.article.text, sent.start, sent.end):
                out.add((ai, si))
    return out


def mention_weight(text: str, p: Place, event_sentence: bool, config: FuseConfig = DEFAULT) -> float:
    """How strongly one mention says "this is where it happened"."""
    weight = config.headline_weight if p.sentence == 0 else config.lead_weight if p.sentence <= 2 else 1.0
    if event_sentence:
        weight *= config.event_sentence_weight
    before = text[max(0, p.start - 40) : p.start]
    if _MOVEMENT.search(before):
        weight *= config.moved_weight
    elif _SPEECH.search(before):
        weight *= config.spoken_weight
    return weight


def fuse_where(ctx: StoryContext, etype: str | None = None) -> list[WherePlace]:
    """The story's places: one event place (role "event"), every other one "mentioned".

    The event place is the place the reports agree the event happened in: each mention is
    weighted by where it stands (headline, lead), whether its sentence speaks of the event
    (trigger words, counts) and what the words before it say (movement: "fled to X", "from
    X"; speech: "said in X"), summed, and multiplied by the number of independent sources
    naming it. A town beats its province or country when it is reasonably well supported
    (``FuseConfig.fine_share``). Only that one place has role "event": its province and country are on
    the record itself (``admin1``, ``country``); where they are named too they are listed
    right after it, as "mentioned", since the contract's roles are event|mentioned.
    """
    mentions: dict[str, list[tuple[int, Place]]] = defaultdict(list)
    for ai, f in enumerate(ctx.facts):
        for p in f.places:
            mentions[_place_key(p)].append((ai, p))
    if not mentions:
        return []
    if etype is None:
        etype = event_type(ctx)
    eventful = _event_sentences(ctx, etype)

    def score(key: str) -> float:
        total = sum(
            mention_weight(ctx.facts[ai].article.text, p, (ai, p.sentence) in eventful, ctx.config)
            for ai, p in mentions[key]
        )
        sources = ctx.independent({ctx.facts[ai].article.id for ai, _ in mentions[key]})
        return total * len(sources)

    scores = {k: score(k) for k in mentions}
    resolved = [k for k in mentions if mentions[k][0][1].geonames_id] or list(mentions)
    best = max(resolved, key=lambda k: (scores[k], -_FEATURE_RANK.get(mentions[k][0][1].feature or "", 6)))
    fine = [
        k
        for k in resolved
        if _FEATURE_RANK.get(mentions[k][0][1].feature or "", 6) <= _FEATURE_RANK["admin2"]
        and scores[k] >= ctx.config.fine_share * scores[best]
    ]
    event_key = max(fine, key=lambda k: scores[k]) if fine else best
    event = mentions[event_key][0][1]

    def order(key: str) -> tuple:
        p = mentions[key][0][1]
        contains = p.country == event.country and (
            p.feature == "country" or (p.feature == "admin1" and p.name == event.admin1)
        )
        return (key != event_key, not contains, -scores[key])

    out = []
    for key in sorted(mentions, key=order):
        items = mentions[key]
        p = items[0][1]
        evidence: list[Evidence] = [ctx.evidence(ai, q.start, q.end, q.sentence) for ai, q in items[:6]]
        out.append(
            WherePlace(
                name=p.name or p.text,
                geonames_id=p.geonames_id,
                lat=p.lat,
                lon=p.lon,
                admin1=p.admin1,
                country=p.country,
                role="event" if key == event_key else "mentioned",
                evidence=tuple(evidence),
                feature=p.feature,
                articles=tuple(dict.fromkeys(ctx.facts[ai].article.id for ai, _ in items)),
            )
        )
    return out


_DASHES = frozenset("—–-")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset(
    "the a an and or of in on at to for by with from that this was were is are has have had "
    "been be it its as said says after before about into over their they he she".split()
)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


def fuse_when(ctx: StoryContext, etype: str | None = None) -> When:
    """The event's dates and a timeline of dated sub-events.

    Day-precise dates within ``FuseConfig.event_window_days`` before the latest publication date count
    (all of them when no article is dated). Articles without a publication date contribute
    their absolute dates only: their relative ones stay unresolved (``note`` says so). For
    each day the timeline keeps up to ``FuseConfig.timeline_per_day`` sentences, those about the event first
    (trigger words, counts), and merges the same sub-event told by several sources into one
    entry whose evidence cites each. The event date is the earliest day some sentence about
    the event carries, else the earliest day; the span runs to the latest day.
    """
    published = [f.article.published for f in ctx.facts if f.article.published]
    latest = max(published) if published else None
    if etype is None:
        etype = event_type(ctx)
    eventful = _event_sentences(ctx, etype)
    by_day: dict[dt.date, list[tuple[int, DateMention]]] = defaultdict(list)
    for ai, f in enumerate(ctx.facts):
        for d in f.dates:
            if d.date is None or d.granularity != "day":
                continue
            if latest and not (latest - dt.timedelta(days=ctx.config.event_window_days) <= d.date <= latest):
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
    event_days = []
    for day in days:
        # one group per distinct sentence: (article, sentence) -> its date mentions
        sentences: dict[tuple[int, int], list] = defaultdict(list)
        for ai, d in by_day[day]:
            sentences[(ai, d.sentence)].append(d)
        ranked = sorted(sentences, key=lambda k: ((k not in eventful), k[1], k[0]))
        if any(k in eventful for k in ranked):
            event_days.append(day)
        entries: list[tuple[str, set[str], list[Evidence], set[int]]] = []
        for ai, si in ranked:
            f = ctx.facts[ai]
            s = f.sentences[si]
            text = " ".join(f.article.text[s.start : s.end].split())
            ev = [ctx.evidence(ai, d.start, d.end, d.sentence) for d in sentences[(ai, si)]]
            words = _words(text)
            dated = set().union(*(_words(d.text) for d in sentences[(ai, si)]))
            if len(words - dated) < ctx.config.min_event_words or text[:1] in _DASHES:
                continue  # a byline or caption with a date ("— Ministry of Defense July 8, 2021")
            same = next(
                (
                    e
                    for e in entries
                    if ai not in e[3]
                    and words
                    and e[1]
                    and len(words & e[1]) / min(len(words), len(e[1])) >= ctx.config.same_event_words
                ),
                None,
            )
            if same is not None:
                same[2].extend(ev)
                same[3].add(ai)
                continue
            if len(entries) < ctx.config.timeline_per_day:
                entries.append((text, words, ev, {ai}))
        for text, _sentence_words, ev, _arts in entries:
            timeline.append(TimelineEntry(date=day, text=text[:240], evidence=tuple(ev)))
        if entries:
            evidence.extend(entries[0][2][:2])
        else:
            ai, d = by_day[day][0]
            evidence.append(ctx.evidence(ai, d.start, d.end, d.sentence))
    date = event_days[0] if event_days else days[0]
    return When(date=date, start=days[0], end=days[-1], evidence=tuple(evidence), timeline=tuple(timeline), note=note)
