"""The event line: what happened (type, headline), where (event place vs mentioned), when."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from ..data.event_types import (
    ADDRESS_HEADS,
    AGENCY_NOUNS,
    CONSEQUENCE_TYPES,
    ELSEWHERE_INSTITUTIONS,
    ELSEWHERE_STEPS,
    EVENT_MODIFIERS,
    EVENT_TRIGGERS,
    EVENT_WORDS,
    FOLLOW_UP_WORDS,
    HAPPENING_WORDS,
    NEIGHBOURHOOD_WORDS,
    ORIGIN_NOUNS,
    REPORT_WORDS,
)
from ..geo.fold import fold
from ..model import ArticleFacts, DateMention, Evidence, Place, TimelineEntry, When, WherePlace
from .config import DEFAULT, FuseConfig
from .context import StoryContext

_FEATURE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}
_TRIGGERS = {t: re.compile(r"\b(?:" + "|".join(p) + r")\b", re.I) for t, p in EVENT_TRIGGERS.items()}


def event_type(ctx: StoryContext) -> str | None:
    """The type whose trigger words are most frequent in headlines (weight 3) and leads.

    An arrest or a death is what follows an incident more often than the incident itself: when
    the headlines and leads also name an incident of another type ("Suspect arrested in
    Saturday's shooting", "Teen dies after shooting"), that incident is the event."""
    scores: Counter = Counter()
    for f in ctx.facts:
        body = [s for s in f.sentences if not f.in_furniture(s.start, s.end)]
        lead = " ".join(f.article.text[s.start : s.end] for s in body[:3])
        for etype, pattern in _TRIGGERS.items():
            scores[etype] += 3 * len(pattern.findall(f.article.title or "")) + len(pattern.findall(lead))
    incidents = Counter({t: n for t, n in scores.items() if n and t not in CONSEQUENCE_TYPES})
    if incidents and 3 * max(incidents.values()) >= max(scores.values()):
        scores = incidents
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


# Words right before a mention that say someone went there or came from there ("fled to
# Herat", "troops from Kabul", "crossed into Tajikistan"): the place is not where it happened.
_MOVEMENT = re.compile(
    r"\b(?<!according )(?:to|into|toward|towards|from|across|via|fled|flee(?:ing)?|evacuated to|crossed(?: into)?|"
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


# Words right before a mention that put the event in it ("shot in Kokomo", "a home near Lodi").
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|north of|south of|east of|west of)\s+"
    r"(?:the\s+)?(?:(?:city|town|village|township|borough|community) of\s+)?(?:nearby\s+)?$",
    re.I,
)
# A victim taken to a hospital in X, a suspect held in a jail in X: X is elsewhere.
_ELSEWHERE = re.compile(r"\b(?:" + "|".join(ELSEWHERE_INSTITUTIONS) + r")\b[^.;:]{0,40}\b(?:in|at)\s+$", re.I)
# An address right before the town: "the 1200 block of Elm Street in Kokomo", "385 Edgemond
# Circle in Ringgold", "on Coventry Avenue in Grovetown". The most precise place a report gives.
_STREET = r"(?i:" + "|".join(ADDRESS_HEADS) + r")\.?"
_ADDRESS = re.compile(
    r"(?:\bblock\s+of\s+[^.;:\n]{1,40}?"
    r"|\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w'’.-]*\s+){1,3}" + _STREET + r""
    r"|\b(?:on|at|along)\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w'’.-]*\s+){1,3}" + _STREET + r")"
    r"\s*,?\s+in\s+(?:the\s+)?(?:(?:city|town|village|township|borough|community) of\s+)?$"
)
# A later step of the case where it happened elsewhere: "arrested in Meridian", "taken into
# custody at his aunt's home in Fentress", "a vigil in Lodi", "services in X".
_STEP_ELSEWHERE = re.compile(
    r"\b(?:" + "|".join(ELSEWHERE_STEPS) + r")\b[^;:!?\n]{0,80}\b(?:in|at|near)\s+(?:the\s+)?$", re.I
)
# Where someone is from: "a Minot teenager", "Vincent Holt, 27, of Homewood".
_ORIGIN_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?" + ORIGIN_NOUNS + r"\b")
_AGENCY_AFTER = re.compile(r"(?:['’]s)?\s+" + AGENCY_NOUNS, re.I)
_ORIGIN_BEFORE = re.compile(r",\s*(?:\d{1,3},\s*)?(?:of|from)\s+$")
_ATTACHED = re.compile(r"(?:['’]s)?\s+(?:" + EVENT_MODIFIERS + r"\s+)?", re.I)
# "the X neighborhood" names one; "a Houston neighborhood" is somewhere in Houston.
_QUARTER_BEFORE = re.compile(r"(?:\b[Tt]he|['’]s)\s+(?:[A-Z][\w.'’-]*\s+){0,2}$")
_COMPOUND_BEFORE = re.compile(r"[A-Za-z][\w.]*-$")
_COMPOUND_AFTER = re.compile(r"-[A-Z]")
_NEIGHBOURHOOD = re.compile(r"\s+(?:" + "|".join(NEIGHBOURHOOD_WORDS) + r")\b", re.I)
# What separates a page title's headline from the site's name and city ("… - wistv.com -
# Columbia, South Carolina", "… | Fox 5").
_TITLE_SEPARATORS = re.compile(r"\s+(?:-{1,2}|[–—|:•])\s+")


def separate_headline(f: ArticleFacts) -> str | None:
    """The headline of an article whose title is not the first line of its text (JSON Lines,
    HTML): the longest part of the title, so the site's name and city after a separator are
    left out. None when the title opens the text (a text file), where it is sentence 0."""
    title = " ".join((f.article.title or "").split())
    if not title or " ".join(f.article.text[:400].split()).startswith(title[:60]):
        return None
    return max(_TITLE_SEPARATORS.split(title), key=len)


def context_weight(
    text: str,
    start: int,
    end: int,
    config: FuseConfig = DEFAULT,
    trigger: re.Pattern[str] | None = None,
    feature: str | None = None,
) -> float:
    """What the words around a place name say: the event there ("shot in Kokomo", "the Kokomo
    shooting"), or not (movement: "fled to X"; speech: "said in X"; elsewhere: "taken to a
    hospital in X"; origin: "a Minot teenager", "John Doe, 27, of Homewood")."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 40]
    attached = _ATTACHED.match(after)
    if trigger is not None and attached and trigger.match(after, attached.end()):
        return config.locative_weight  # "the Kokomo shooting", "Homewood's double shooting"
    if _MOVEMENT.search(before[-40:]):
        return config.moved_weight
    if _SPEECH.search(before[-40:]):
        return config.spoken_weight
    if _ELSEWHERE.search(before):
        return config.moved_weight
    wider = text[max(0, start - 90) : start]
    step = _STEP_ELSEWHERE.search(wider)
    if step and not (trigger is not None and trigger.search(wider, step.start())):
        return config.moved_weight
    if _ORIGIN_BEFORE.search(before) or _ORIGIN_AFTER.match(after):
        return config.origin_weight
    if _AGENCY_AFTER.match(after):
        return config.town_agency_weight if feature == "city" else config.agency_weight
    if _ADDRESS.search(text, max(0, start - 90), start):
        return config.address_weight
    if _LOCATIVE.search(before[-40:]):
        return config.locative_weight
    return 1.0


def mention_weight(
    text: str,
    p: Place,
    event_sentence: bool,
    config: FuseConfig = DEFAULT,
    title_in_text: bool = True,
    trigger: re.Pattern[str] | None = None,
) -> float:
    """How strongly one mention says "this is where it happened"."""
    first_lead = 1 if title_in_text else 0
    if title_in_text and p.sentence == 0:
        weight = config.headline_weight
    elif p.sentence < first_lead + config.lead_sentences:
        weight = config.lead_weight
    else:
        weight = 1.0
    if event_sentence:
        weight *= config.event_sentence_weight
    return weight * context_weight(text, p.start, p.end, config, trigger, p.feature) * name_weight(p, config)


def name_weight(p: Place, config: FuseConfig = DEFAULT) -> float:
    """How far a town's record is the name as written: fully; less for a variant ("Uptown" read
    as Upton); hardly at all for a name unlike the record's own, found among its alternate
    names ("West Side" read as Las Vegas, "White House" as Casablanca)."""
    if p.feature not in ("city", "admin2") or not p.name:
        return 1.0
    written, named = _plain(p.text), _plain(p.name)
    if written == named:
        return 1.0
    if fuzz.ratio(written, named) < _UNLIKE:
        return config.unlike_weight
    return config.fuzzy_weight


# rapidfuzz ratio of the plain names below which a record's name is unlike the name written (on
# gva-dev nearly every such reading is wrong: "Franklinton" as Columbus, "Hall" as Las Lomas).
_UNLIKE = 60


_NAME_NOISE = re.compile(r"\b(?:saint|st|mount|mt|fort|ft|county|co|city|of|the)\b|[^a-z0-9]")


def _plain(name: str) -> str:
    return _NAME_NOISE.sub("", fold(name))


# A town beats the county on top only where it may lie in that county: this near its point
# (Greenville is no town of Greenwood County).
COUNTY_TOWN_KM = 60.0


def _near(a: Place, b: Place, limit: float) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return True
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h))) <= limit


def _rank(p: Place) -> int:
    return _FEATURE_RANK.get(p.feature or "", 6)


def _qualified(f: ArticleFacts) -> dict[int, Place]:
    """Records of towns whose own words name another state than theirs ("Butte, ND" read as
    Butte, Montana: the gazetteer lacks the small town), keyed by geonames id: the town as
    written, in the state its qualifier names, without coordinates."""
    out: dict[int, Place] = {}
    places = sorted(f.places, key=lambda p: p.start)
    for p, q in zip(places, places[1:]):
        if (
            p.geonames_id
            and f.article.text[p.end : q.start] in (", ", ",")
            and q.feature == "admin1"
            and q.country
            and p.feature in ("city", "admin2")
            and p.country == q.country
            and p.admin1 != q.admin1
        ):
            name = p.text.title() if p.text.isupper() else p.text
            out[p.geonames_id] = dataclasses.replace(
                p, geonames_id=None, lat=None, lon=None, name=name, admin1=q.admin1, country=q.country, feature="city"
            )
    return out


def _place_key(p: Place) -> str:
    if p.geonames_id:
        return f"gn:{p.geonames_id}"
    if p.admin1:
        return f"name:{fold(p.name or p.text)}|{p.admin1}|{p.country}"
    return "name:" + p.text.lower()


def place_scores(
    ctx: StoryContext, etype: str | None = None
) -> tuple[dict[str, list[tuple[int, Place]]], dict[str, float], dict[str, set[str]], set[str]]:
    """The story's places (key -> its mentions), how strongly the reports put the event in each,
    which independent sources name each as a place of the event (a mention not discounted as
    movement, speech, origin or an agency), and which the reports call a neighbourhood
    ("Chicago's Uptown neighborhood")."""
    config = ctx.config
    # a record some report's own words put in another state is that state's town everywhere
    corrected = {gid: q for f in ctx.facts for gid, q in _qualified(f).items()}
    mentions: dict[str, list[tuple[int, Place]]] = defaultdict(list)
    for ai, f in enumerate(ctx.facts):
        text = f.article.text
        for p in f.places:
            if _COMPOUND_BEFORE.search(text, max(0, p.start - 30), p.start) or _COMPOUND_AFTER.match(text, p.end):
                continue  # part of a longer name: "California-Kirkbride", "Savannah-Chatham"
            if p.geonames_id in corrected and p.feature != "admin1":
                q = corrected[p.geonames_id]
                p = dataclasses.replace(q, text=p.text, start=p.start, end=p.end, sentence=p.sentence)
            mentions[_place_key(p)].append((ai, p))
    if not mentions:
        return {}, {}, {}, set()
    if etype is None:
        etype = event_type(ctx)
    eventful = _event_sentences(ctx, etype)
    trigger = _TRIGGERS.get(etype) if etype else None

    weights: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    headlines = [separate_headline(f) for f in ctx.facts]
    quarters: set[str] = set()
    voters: dict[str, set[str]] = defaultdict(set)
    for key, items in mentions.items():
        for ai, p in items:
            f = ctx.facts[ai]
            source = ctx.source_of.get(f.article.id, f.article.id)
            w = mention_weight(f.article.text, p, (ai, p.sentence) in eventful, config, headlines[ai] is None, trigger)
            weights[key][source].append(w)
            here = context_weight(f.article.text, p.start, p.end, config, trigger, p.feature)
            if here > max(config.moved_weight, config.spoken_weight) and name_weight(p, config) > config.unlike_weight:
                voters[key].add(source)  # the source puts the story in this place's region
            if _NEIGHBOURHOOD.match(f.article.text, p.end) and _QUARTER_BEFORE.search(
                f.article.text, max(0, p.start - 40), p.start
            ):
                quarters.add(key)  # "the Uptown neighborhood", "Chicago's Uptown neighborhood"
    # a separate headline (not in the text, so without places of its own) naming a place
    names = {key: {p.text for _ai, p in items} | {items[0][1].name or ""} for key, items in mentions.items()}
    for ai, head in enumerate(headlines):
        if not head:
            continue
        f = ctx.facts[ai]
        source = ctx.source_of.get(f.article.id, f.article.id)
        base = config.headline_weight * (config.event_sentence_weight if trigger and trigger.search(head) else 1.0)
        for key, forms in names.items():
            for n in forms:
                m = re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", head) if len(n) > 2 else None
                if m:
                    weight = context_weight(head, m.start(), m.end(), config, trigger, mentions[key][0][1].feature)
                    named = name_weight(dataclasses.replace(mentions[key][0][1], text=n), config)
                    weights[key][source].append(base * weight * named)
                    if weight > max(config.moved_weight, config.spoken_weight) and named > config.unlike_weight:
                        voters[key].add(source)
                    break

    def score(key: str) -> float:
        total = 0.0
        for ws in weights[key].values():
            top = max(ws)
            total += top + config.place_repeat_weight * (sum(ws) - top)
        return total

    return mentions, {k: score(k) for k in mentions}, voters, quarters


def fuse_where(ctx: StoryContext, etype: str | None = None) -> list[WherePlace]:
    """The story's places: one event place (role "event"), every other one "mentioned".

    The event place is the place the reports agree the event happened in. Each mention is
    weighted by where it stands (headline, lead), whether its sentence speaks of the event
    (trigger words, counts) and what the words around it say (``context_weight``: "shot in
    Kokomo" and "the Kokomo shooting" put the event there; "fled to X", "said in X", "taken to
    a hospital in X", "a Minot teenager" do not). A source's best mention counts fully and its
    others a little (``FuseConfig.place_repeat_weight``: page furniture repeats a station's city
    or a list of towns); a separate headline naming the place counts as a headline mention.
    Sources add up. A town whose own words name another state than its record ("Butte, ND"
    read as Butte, Montana) is taken as written, in that state.

    The reports' country and region (province, state) come first: those the most independent
    sources put a place of the event in (a mention that is no movement, speech or guess at an
    unlike name; ties go to the higher score), so one report's misread town ("Homewood" read as
    Homewood, Alabama) does not carry the story out of its state. Within them, a town or
    district beats the region itself when reasonably
    supported (``FuseConfig.fine_share``), a town near its county beats it when it has
    ``FuseConfig.city_share`` of the county's score, and a city beats a neighbourhood of it
    ("Chicago's Uptown neighborhood"). Only that one place has role "event": its province and
    country are on the record itself (``admin1``, ``country``); where they are named too they
    are listed right after it, as "mentioned", since the contract's roles are event|mentioned.
    """
    mentions, scores, voters, quarters = place_scores(ctx, etype)
    if not mentions:
        return []
    first = {k: mentions[k][0][1] for k in mentions}
    located = [k for k in mentions if first[k].geonames_id or first[k].admin1] or list(mentions)
    event_key = _event_place(located, first, scores, quarters, voters, ctx.config)
    event = first[event_key]

    def order(key: str) -> tuple:
        p = first[key]
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


def _event_place(
    keys: list[str],
    first: dict[str, Place],
    scores: dict[str, float],
    quarters: set[str],
    sources: dict[str, set[str]],
    config: FuseConfig,
) -> str:
    """The event place among ``keys``: the country and region the reports' towns and regions
    lie in first, then the finest well-supported place there (see ``fuse_where``)."""
    best_any = max(keys, key=lambda k: (scores[k], -_rank(first[k])))
    sub = [k for k in keys if _rank(first[k]) <= _FEATURE_RANK["admin1"]]
    towns_only = [k for k in sub if k not in quarters]
    if any(_rank(first[k]) <= _FEATURE_RANK["admin2"] for k in towns_only):
        sub = towns_only  # a neighbourhood is part of a town the reports name
    if not sub:
        return best_any
    # the country, then the region, that most independent sources name a place in
    # (a neighbourhood votes for its city's region too: "Logan Square" is in Illinois)
    votes: dict[tuple[str | None, str | None], tuple[set[str], list[float]]] = {}
    for k in sub + [k for k in keys if first[k].feature == "neighbourhood"]:
        p = first[k]
        for area in ((p.country, None), (p.country, p.admin1)) if p.admin1 else ((p.country, None),):
            named, total = votes.setdefault(area, (set(), [0.0]))
            named |= sources[k]
            total[0] += scores[k]

    def support(area: tuple[str | None, str | None]) -> tuple[int, float]:
        return len(votes[area][0]), votes[area][1][0]

    held = {(first[k].country, a) for k in sub for a in (None, first[k].admin1)}  # areas with a candidate
    country = max((r for r in votes if r[1] is None and r in held), key=support)[0]
    inside = [k for k in sub if first[k].country == country]
    regions = [r for r in votes if r[0] == country and r[1] is not None and r in held]
    if regions:
        region = max(regions, key=support)[1]
        inside = [k for k in inside if first[k].admin1 == region]
    best = max(inside, key=lambda k: (scores[k], -_rank(first[k])))
    fine = [
        k
        for k in inside
        if _rank(first[k]) <= _FEATURE_RANK["admin2"] and scores[k] >= config.fine_share * scores[best]
    ]
    if not fine:
        return best
    top = max(fine, key=lambda k: scores[k])
    towns = [
        k
        for k in fine
        if first[k].feature == "city"
        and scores[k] >= config.city_share * scores[top]
        and (first[top].feature != "admin2" or _near(first[k], first[top], COUNTY_TOWN_KM))
    ]
    return max(towns, key=lambda k: scores[k]) if towns else top


_DASHES = frozenset("—–-")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset(
    "the a an and or of in on at to for by with from that this was were is are has have had "
    "been be it its as said says after before about into over their they he she".split()
)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning "
    "afternoon evening night early late last week".split()
)


def _stems(text: str) -> set[str]:
    """Content words cut to their first five letters ("checks", "checked" -> "check")."""
    return {w[:5] for w in _words(text) - _DATE_WORDS if len(w) > 2}


def _retells(sentence: str, date_text: str, heads: list[set[str]]) -> bool:
    """Whether a sentence tells what some headline tells: two of its content words besides the
    date's, one of them no name ("Reid checked herself in on Tuesday" under "Tara Reid Checks
    Into Rehab"; "The two met on June 19, 1972, after Felt left the FBI" under "Mark Felt, FBI
    official, dead at 95" shares only names)."""
    words = _stems(sentence) - _stems(date_text)
    common = {w[:5] for w in _WORD.findall(sentence) if w.islower()} & words
    return any(len(words & head) >= _RETELL_WORDS and common & head for head in heads)


_RETELL_WORDS = 2  # set by hand on ECB+ (undated reports): one shared name is not enough


_EVENT_WORDS = re.compile(r"\b(?:" + "|".join(EVENT_WORDS) + r")\b", re.I)
_FOLLOW_UP = re.compile(r"\b(?:" + "|".join(FOLLOW_UP_WORDS) + r")\b", re.I)
_REPORTING = re.compile(r"\b(?:" + "|".join(REPORT_WORDS) + r")\b", re.I)
_HAPPENING = re.compile(r"\b(?:" + "|".join(HAPPENING_WORDS) + r")\b", re.I)
# What may stand between a date and the noun it modifies: "Sunday's shooting", "the May 3 attack".
_ATTRIBUTIVE = re.compile(r"(?:['’]s?)?\s*")


def date_cue(text: str, start: int, end: int, d: DateMention, trigger: re.Pattern[str] | None) -> str:
    """What a date mention's own words say it dates: "event" (the event happening: "shot
    Sunday", "Sunday's shooting", "the Aug. 8 shooting"), "follow" (a later step: "arrested
    Tuesday", "died Monday", "a vigil Friday"), "report" (a statement: "said Monday", "as of
    Monday") or "none". The nearest cue word in the sentence decides; one after the date counts
    as further away unless the date modifies it ("Sunday's shooting"). A verb of happening
    ("took place", "happened") tells what its subject did: "a vigil took place Sunday" dates the
    vigil, "the shooting happened Sunday" the shooting, "it happened Sunday" the event."""
    found: list[tuple[int, int, int, str]] = []
    for rank, cls, pattern in (
        (0, "event", trigger),
        (1, "event", _EVENT_WORDS),
        (2, "follow", _FOLLOW_UP),
        (3, "report", _REPORTING),
        (4, "happening", _HAPPENING),
    ):
        if pattern is not None:
            found.extend((m.start(), m.end(), rank, cls) for m in pattern.finditer(text, start, end))
    # a word inside a longer cue of another kind is that cue's ("pronounced dead" is a death)
    found = [
        (a, b, rank, cls)
        for a, b, rank, cls in found
        if not any(a2 <= a and b <= b2 and (a2, b2) != (a, b) and c2 != cls for a2, b2, _r, c2 in found)
    ]

    def nearest(before: int, after: int, kinds: tuple[str, ...]) -> tuple[float, int, str, int]:
        best: tuple[float, int, str, int] = (math.inf, 9, "none", 0)
        for a, b, rank, cls in found:
            if cls not in kinds:
                continue
            if b <= before:
                distance: float = before - b
            elif a >= after and after > 0:
                attributive = _ATTRIBUTIVE.fullmatch(text, after, a) is not None
                distance = a - after + (0 if attributive else _AFTER_PENALTY)
            else:
                continue
            best = min(best, (distance, rank, cls, a))
        return best

    distance, _rank, cls, at = nearest(d.start, d.end, ("event", "follow", "report", "happening"))
    if distance > _CUE_REACH:
        return "none"
    if cls == "happening":
        subject = nearest(at, 0, ("event", "follow", "report"))
        cls = subject[2] if subject[0] <= _CUE_REACH else "event"
    return cls


# A cue word after the date is farther than one before ("shot Sunday, died Tuesday"); set by hand.
_AFTER_PENALTY = 12
# Cue words further from the date than this (characters) say nothing about it; set by hand.
_CUE_REACH = 90


def _cue_weight(config: FuseConfig, cue: str) -> float:
    return {
        "event": config.date_event_weight,
        "follow": config.date_follow_weight,
        "report": config.date_report_weight,
    }.get(cue, config.date_other_weight)


def _weekday_name(day: dt.date) -> str:
    return day.strftime("%A %-d %B %Y")


def fuse_when(ctx: StoryContext, etype: str | None = None) -> When:
    """The event's day, its span and a timeline of dated sub-events.

    The event date is the day the reports agree the main event happened on. Every day-precise
    date mention votes for its day with a weight from its own words (``date_cue``: the event
    happening counts most, a later step such as an arrest, a death in hospital or a funeral
    hardly at all, a statement a little; a sentence that tells what a headline tells, "Reid
    checked herself in on Tuesday" under "Tara Reid checks into rehab", is about the event),
    doubled in the lead; a mention later than its own article's publication is never the event.
    Votes add up per independent source (the best mention counts fully, the others a little)
    and over sources. The publication dates are a prior: the event is usually on the day of the
    earliest report or the day before, rarely after it (``FuseConfig.date_prior``). Without any
    date mention the earliest report's day is the date (``note`` says so). When no report is
    dated, nothing tells which dates are recent, so only a day the reports tie to the event
    can be its date (an obituary's birth date is not).

    The timeline keeps the days from ``FuseConfig.event_window_days`` before the event to the
    latest publication (all of them when no article is dated); for each day up to
    ``FuseConfig.timeline_per_day`` sentences, those about the event first, the same sub-event
    told by several sources merged into one entry citing each. Articles without a publication
    date contribute their absolute dates only: their relative ones stay unresolved.
    """
    config = ctx.config
    published = [f.article.published for f in ctx.facts if f.article.published]
    earliest = min(published) if published else None
    latest = max(published) if published else None
    if etype is None:
        etype = event_type(ctx)
    trigger = _TRIGGERS.get(etype) if etype else None
    eventful = _event_sentences(ctx, etype)

    heads = [_stems(f.article.title or "") for f in ctx.facts if f.article.title]
    # votes: day -> source -> weights of its mentions
    votes: dict[dt.date, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    support: dict[dt.date, list[tuple[float, int, DateMention]]] = defaultdict(list)
    cues: dict[tuple[int, int], str] = {}
    told: set[tuple[str, str, str]] = set()  # (source, sentence, date text): captions repeat
    for ai, f in enumerate(ctx.facts):
        source = ctx.source_of.get(f.article.id, f.article.id)
        text = f.article.text
        for d in f.dates:
            if d.date is None or d.granularity != "day":
                continue
            s = f.sentences[d.sentence] if d.sentence < len(f.sentences) else None
            key = (source, " ".join(text[s.start : s.end].split()) if s else "", d.text)
            if key in told:
                continue
            told.add(key)
            cue = date_cue(text, s.start if s else 0, s.end if s else len(text), d, trigger)
            if cue == "none" and s is not None and _retells(text[s.start : s.end], d.text, heads):
                cue = "event"  # "Reid checked herself in on Tuesday" under "Tara Reid checks into rehab"
            cues[(ai, d.start)] = cue
            if f.article.published and d.date > f.article.published:
                continue  # announced, scheduled or a later update: not the event
            weight = _cue_weight(config, cue)
            if d.sentence <= 2:
                weight *= config.date_lead_weight
            votes[d.date][source].append(weight)
            support[d.date].append((weight, ai, d))

    def prior(day: dt.date) -> float:
        if earliest is None:
            return 0.0
        back = (earliest - day).days
        if back < 0:
            return config.date_prior_after * -back
        if back < len(config.date_prior):
            return config.date_prior[back]
        return config.date_prior_background if back > config.event_window_days else 0.0

    def score(day: dt.date) -> float:
        total = prior(day)
        for weights in votes.get(day, {}).values():
            top = max(weights)
            total += top + config.date_repeat_weight * (sum(weights) - top)
        return total

    candidates = set(votes)
    if earliest is not None:
        candidates |= {earliest - dt.timedelta(days=k) for k in range(len(config.date_prior))}
    else:
        # no report is dated: nothing says which dates are recent, so only a day the reports'
        # own words tie to the event is its date (not a birth date or a background one)
        told_event = {d.date for ai, f in enumerate(ctx.facts) for d in f.dates if cues.get((ai, d.start)) == "event"}
        candidates &= told_event
    note = None
    unresolved = [f for f in ctx.facts if not f.article.published and any(d.date is None for d in f.dates)]
    if unresolved:
        names = ", ".join(f.article.source or f.article.id for f in unresolved)
        note = f"{names}: no publication date, so relative dates (e.g. weekdays) there are left unresolved"
    if not candidates:
        return When(None, None, None, (), (), note)
    date = max(sorted(candidates), key=lambda day: (score(day), day in votes, -abs(prior(day))))

    timeline = _timeline(ctx, eventful, date, latest)
    ranked = sorted(support.get(date, []), key=lambda x: (-x[0], x[1], x[2].start))
    evidence: list[Evidence] = []
    seen_sources: set[str] = set()
    for _weight, ai, d in ranked:
        source = ctx.source_of.get(ctx.facts[ai].article.id, ctx.facts[ai].article.id)
        if source in seen_sources:
            continue
        seen_sources.add(source)
        evidence.append(ctx.evidence(ai, d.start, d.end, d.sentence))
        if len(evidence) >= 4:
            break
    if not evidence:
        # no article names the day: the earliest report's publication day, shown with its lead
        first = min(
            (ai for ai, f in enumerate(ctx.facts) if f.article.published),
            key=lambda ai: (ctx.facts[ai].article.published, ai),
        )
        f = ctx.facts[first]
        lead = next((f.sentences[si] for ai, si in sorted(eventful) if ai == first), None)
        if lead is None and f.sentences:
            lead = f.sentences[0]
        if lead is not None:
            evidence.append(ctx.evidence(first, lead.start, lead.end, f.sentences.index(lead)))
        pub_note = (
            f"no report names the event's day; {_weekday_name(date)} is the publication day of the earliest "
            f"report ({f.article.source or f.article.id})"
        )
        note = f"{note}; {pub_note}" if note else pub_note
    days = sorted({e.date for e in timeline} | {date})
    event_days = [
        day for day in days if day <= date and any(cues.get((ai, d.start)) == "event" for _w, ai, d in support[day])
    ]
    start = min(event_days + [date])
    return When(date=date, start=start, end=days[-1], evidence=tuple(evidence), timeline=tuple(timeline), note=note)


def _timeline(
    ctx: StoryContext, eventful: set[tuple[int, int]], date: dt.date, latest: dt.date | None
) -> list[TimelineEntry]:
    """Dated sub-events from ``event_window_days`` before the event to the latest publication."""
    config = ctx.config
    by_day: dict[dt.date, list[tuple[int, DateMention]]] = defaultdict(list)
    first = date - dt.timedelta(days=config.event_window_days)
    for ai, f in enumerate(ctx.facts):
        for d in f.dates:
            if d.date is None or d.granularity != "day" or d.date < first or (latest and d.date > latest):
                continue
            by_day[d.date].append((ai, d))
    timeline: list[TimelineEntry] = []
    for day in sorted(by_day):
        # one group per distinct sentence: (article, sentence) -> its date mentions
        sentences: dict[tuple[int, int], list] = defaultdict(list)
        for ai, d in by_day[day]:
            sentences[(ai, d.sentence)].append(d)
        ranked = sorted(sentences, key=lambda k: ((k not in eventful), k[1], k[0]))
        entries: list[tuple[str, set[str], list[Evidence], set[int]]] = []
        for ai, si in ranked:
            f = ctx.facts[ai]
            s = f.sentences[si]
            text = " ".join(f.article.text[s.start : s.end].split())
            ev = [ctx.evidence(ai, d.start, d.end, d.sentence) for d in sentences[(ai, si)]]
            words = _words(text)
            dated = set().union(*(_words(d.text) for d in sentences[(ai, si)]))
            if len(words - dated) < config.min_event_words or text[:1] in _DASHES:
                continue  # a byline or caption with a date ("— Ministry of Defense July 8, 2021")
            same = next(
                (
                    e
                    for e in entries
                    if ai not in e[3]
                    and words
                    and e[1]
                    and len(words & e[1]) / min(len(words), len(e[1])) >= config.same_event_words
                ),
                None,
            )
            if same is not None:
                same[2].extend(ev)
                same[3].add(ai)
                continue
            if len(entries) < config.timeline_per_day:
                entries.append((text, words, ev, {ai}))
        for text, _sentence_words, ev, _arts in entries:
            timeline.append(TimelineEntry(date=day, text=text[:240], evidence=tuple(ev)))
    return timeline
