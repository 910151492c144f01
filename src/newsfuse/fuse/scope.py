"""Which sentences of a story speak of another event: a round-up's other shootings, "a similar
attack last year", the background of an earlier case.

Such a sentence is no evidence for this story's figures. A sentence is about another event when:

- it says so ("in a separate shooting", "in another incident", "a similar attack"); "last
  month" or "last year" are no such cue by their words: a follow-up a month later says "found
  dead last month" of this very event, so they count by the date they resolve to (next rule);
- it is dated well before the event: a date more than ``other_event_days`` before the story's
  event date (``fuse_when``), or, when that is unknown, before its earliest publication date (a
  follow-up weeks later that dates the event itself stays in scope);
- it names a town or city that no other source of the story names and that is not one the story
  is about (a round-up's other cities: "In Dayton, two men were shot"), while naming none of the
  story's own places.

The story's own places are those two or more independent sources name, and those of each
article's headline and lead. Checked on gva-dev (local shooting news with round-ups; see
``benchmarks/bench_incidents.py``).
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Place
from .context import StoryContext

SentenceKey = tuple[int, int]

_CUES = re.compile(
    r"\b(?:in (?:a|an) (?:separate|unrelated|different|similar|earlier|previous|second|third) "
    r"(?:incident|shooting|case|attack|crash|homicide|killing)|"
    r"in another (?:incident|shooting|case|attack|homicide|killing)|separately,|elsewhere,|"
    r"an? (?:similar|separate|unrelated) (?:shooting|incident|attack|case))\b",
    re.I,
)
# "since early May", "until March": a date that bounds a span, not the time of the sentence's event.
_SPAN_START = re.compile(r"\b(?:since|until|till|through|by)\s+(?:early|mid|late|the end of)?\s*-?\s*$", re.I)
# Words before a place that say someone went there or came from there (as in fuse/event.py).
_MOVEMENT = re.compile(
    r"\b(?:to|into|toward|towards|from|via|fled|flee(?:ing)?|evacuated to|crossed(?: into)?|"
    r"returned to|headed to|bound for|taken to|transported to|airlifted to|rushed to)\s+(?:the\s+)?"
    r"(?:neighbou?ring\s+|nearby\s+)?$",
    re.I,
)
# A place that says who someone is, not where this happened: "a 20-year-old Milwaukee man", "a
# Santa Maria resident". (Not "Santa Maria police": a town's police mostly speak of a shooting in
# their town, and a round-up's other towns are named that way; gva-dev, bench_incidents.py.)
_NOT_WHERE_AFTER = re.compile(
    r"\s*(?:man|men|woman|women|boy|boys|girl|girls|teen|teens|teenager|teenagers|resident|residents|"
    r"native|couple|family|father|mother|youth)\b",
    re.I,
)
# "Nicholas Lindsay, 25, of Kent": a person's home town.
_OF_PERSON = re.compile(r",\s*(?:\d{1,3},\s*)?(?:of|from)\s+$")
# Places this fine are where an event happens; a mention of a country or state says little.
_LOCAL = frozenset({"city", "admin2"})
_LEAD = 3  # headline and first sentences


def _place_key(p: Place) -> str:
    return f"gn:{p.geonames_id}" if p.geonames_id else "name:" + p.text.lower()


def other_event_sentences(ctx: StoryContext, event_date: dt.date | None = None) -> set[SentenceKey]:
    """(article index, sentence) of every sentence about another event than the story's."""
    published = [f.article.published for f in ctx.facts if f.article.published]
    start = event_date or (min(published) if published else None)
    home = _home_places(ctx)
    out: set[SentenceKey] = set()
    for ai, f in enumerate(ctx.facts):
        text = f.article.text
        for si, s in enumerate(f.sentences):
            if _CUES.search(text, s.start, s.end):
                out.add((ai, si))
        if start is not None:
            bound = start - dt.timedelta(days=ctx.config.other_event_days)
            for d in f.dates:
                if d.date is None or _SPAN_START.search(text[max(0, d.start - 20) : d.start]):
                    continue  # "since early May": when a campaign began, not when this happened
                if _before(d.date, d.granularity, bound):
                    out.add((ai, d.sentence))
        local: dict[int, list[Place]] = {}
        for p in f.places:
            local.setdefault(p.sentence, []).append(p)
        for si, places in local.items():
            if si < _LEAD:
                continue
            keys = {_place_key(p) for p in places}
            foreign = [
                p
                for p in places
                if p.feature in _LOCAL
                and _place_key(p) not in home
                and not _MOVEMENT.search(text[max(0, p.start - 40) : p.start])  # "fled to Herat"
                and not _NOT_WHERE_AFTER.match(text, p.end, p.end + 30)  # "a Milwaukee man"
                and not _OF_PERSON.search(text[max(0, p.start - 20) : p.start])  # "Lindsay, 25, of Kent"
            ]
            if foreign and not (keys & home):
                out.add((ai, si))
    return out


def _before(day: dt.date, granularity: str, bound: dt.date) -> bool:
    """Whether a date mention is wholly before ``bound`` at its own precision."""
    if granularity == "day":
        return day < bound
    if granularity == "week":
        return day + dt.timedelta(days=6) < bound
    if granularity == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) <= bound
    if granularity == "year":
        return day.year < bound.year
    return False


def _home_places(ctx: StoryContext) -> set[str]:
    """Places named by two independent sources, or in some article's headline or lead."""
    sources: dict[str, set[str]] = {}
    home: set[str] = set()
    for f in ctx.facts:
        source = ctx.source_of[f.article.id]
        for p in f.places:
            key = _place_key(p)
            sources.setdefault(key, set()).add(source)
            if p.sentence < _LEAD:
                home.add(key)
    home.update(k for k, s in sources.items() if len(s) >= 2)
    return home
