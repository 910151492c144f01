"""Choosing one gazetteer record per mention, using what the article itself says.

A mention's candidates are ranked by population (log), feature class (a bare country or state
name means the country or state), how the name matched, a hint from the words around it ("X
province", "X city"), and the article's geography: countries and admin1 regions that its other
mentions resolve to, and an explicit qualifier ("Paris, Texas"). Ranking runs twice: once
without context, to learn the article's geography, then with it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .gazetteer import Candidate, Gazetteer

FEATURE_PRIOR: dict[str, float] = {
    "country": 4.0,
    "continent": 4.0,
    "region": 3.0,
    "admin1": 1.0,
    "admin2": -1.5,
    "city": 0.0,
}
MATCH_PRIOR: dict[str, float] = {"exact": 0.0, "loose": -1.0, "fuzzy": -2.0}
ALTERNATE_NAME = -1.5  # matched only through an alternate spelling
HINT_BONUS = 3.0  # "X province" → admin1, "X city" → city
COUNTRY_CONTEXT = 1.5  # scaled by the share of the article's places in that country
ADMIN1_CONTEXT = 1.5  # the admin1 itself is named in the article
ADMIN1_OF_CITY_CONTEXT = 0.75  # another city of that admin1 is named
# "EU", "UK", "LA": abbreviations name countries, regions and states, seldom a village.
ABBREVIATED_CITY = -2.0
QUALIFIER_BONUS = 6.0  # "Paris, Texas": the qualifier is nearly decisive
# Places listed together are mostly of one kind ("California or Washington": states; "Paris,
# London and Berlin": cities): a candidate of the kind its peers resolve to gains this.
PEER_BONUS = 1.5
# A city this populous shares its name with its region (Kabul, New York): the city is meant
# unless the text says "province" or "state".
BIG_CITY = 300_000
# Unresolved rather than guessed when only weak matches remain.
MIN_SIMILARITY = 75.0


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int
    hint: str | None = None  # feature the surrounding words name: admin1 | city | admin2 | None
    qualifier: str | None = None  # text of a following ", Texas" style qualifier
    fuzzy: bool = True  # allow loose/fuzzy lookup (only for mentions the tagger calls places)
    facility: bool = False  # a building or road: only an exact name match may place it
    qualifies: bool = False  # it qualifies the place before it ("Tacoma, Washington"): a region
    peers: tuple[str, ...] = ()  # places listed with it ("California or Washington")


@dataclass(frozen=True)
class Resolution:
    mention: Mention
    candidate: Candidate | None
    reason: str | None  # why unresolved


@dataclass(frozen=True)
class Context:
    countries: dict[str, float]  # country code -> share of the article's resolved places
    admin1: frozenset[tuple[str, str]]  # (country, admin1 name) named in the article
    city_admin1: frozenset[tuple[str, str]]  # admin1 regions of cities named in the article


NO_CONTEXT = Context({}, frozenset(), frozenset())


def score(
    candidate: Candidate,
    mention: Mention,
    context: Context,
    qualifier: Sequence[Candidate] = (),
    peer_feature: str | None = None,
) -> float:
    value = math.log10(candidate.population + 10)
    value += FEATURE_PRIOR.get(candidate.feature, 0.0) + MATCH_PRIOR.get(candidate.match, 0.0)
    if candidate.alternate:
        value += ALTERNATE_NAME
    if mention.hint and mention.hint == candidate.feature:
        value += HINT_BONUS
    if candidate.country:
        value += COUNTRY_CONTEXT * context.countries.get(candidate.country, 0.0)
        if candidate.admin1 and (candidate.country, candidate.admin1) in context.admin1:
            value += ADMIN1_CONTEXT
        elif candidate.admin1 and (candidate.country, candidate.admin1) in context.city_admin1:
            value += ADMIN1_OF_CITY_CONTEXT
    if candidate.feature == "city" and _abbreviation(mention.text):
        value += ABBREVIATED_CITY
    if qualifier and any(_inside(candidate, q) for q in qualifier):
        value += QUALIFIER_BONUS
    if mention.qualifies and candidate.feature in ("admin1", "admin2", "country"):
        value += HINT_BONUS
    if peer_feature and candidate.feature == peer_feature:
        value += PEER_BONUS
    return value


def _abbreviation(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 0 < len(letters) <= 3 and all(c.isupper() for c in letters)


def _inside(candidate: Candidate, region: Candidate) -> bool:
    if region.feature == "country":
        return candidate.country == region.country and candidate.index != region.index
    if region.feature == "admin1":
        return candidate.country == region.country and candidate.admin1 == region.name
    return False


def rank(
    candidates: Sequence[Candidate],
    mention: Mention,
    context: Context,
    qualifier: Sequence[Candidate] = (),
    peer_feature: str | None = None,
) -> list[Candidate]:
    scored = sorted(candidates, key=lambda c: (-score(c, mention, context, qualifier, peer_feature), c.index))
    if not scored or mention.hint == "admin1" or mention.qualifies:
        return scored
    best = scored[0]
    # The region is meant, not its big namesake city, when the text says so: listed among
    # regions ("California or Washington"), or the region is named elsewhere in the article
    # in a form that is only the region ("Wash.", "Washington state").
    if best.feature == "admin1" and (peer_feature == "admin1" or (best.country, best.name) in context.admin1):
        return scored
    if best.feature in ("admin1", "admin2"):
        for other in scored[1:]:
            if (
                other.feature == "city"
                and other.population >= BIG_CITY
                and other.country == best.country
                and other.match == best.match
            ):
                return [other] + [c for c in scored if c is not other]
    return scored


def build_context(resolutions: Sequence[Resolution], exclude: str | None = None) -> Context:
    """The article's geography from first-pass resolutions; each distinct name counts once.

    ``exclude`` leaves out the mention being ranked, so that a first-pass guess cannot vote
    for itself.
    """
    by_name: dict[str, Candidate] = {}
    for r in resolutions:
        key = r.mention.text.lower()
        if r.candidate is not None and key != exclude:
            by_name.setdefault(key, r.candidate)
    countries = Counter(c.country for c in by_name.values() if c.country)
    total = sum(countries.values())
    admin1 = frozenset((c.country, c.name) for c in by_name.values() if c.feature == "admin1" and c.country)
    city_admin1 = frozenset(
        (c.country, c.admin1) for c in by_name.values() if c.feature == "city" and c.country and c.admin1
    )
    shares = {cc: min(1.0, 0.5 + n / total) for cc, n in countries.items()} if total else {}
    return Context(shares, admin1, city_admin1)


def _peer_feature(m: Mention, first: dict[str, Candidate]) -> str | None:
    """The kind (admin1, country, city) that most of the places listed with ``m`` resolve to."""
    kinds = Counter(first[p].feature for p in m.peers if p != m.text and p in first)
    if not kinds:
        return None
    kind, n = kinds.most_common(1)[0]
    return kind if kind in ("admin1", "country", "city") and n * 2 > sum(kinds.values()) else None


def _facility_candidates(gazetteer: Gazetteer, text: str) -> tuple[Candidate, ...]:
    # The tagger says building or road; only a record that clearly outweighs that reading
    # ("the Holy See", a big city) may place it: "Broadway" is not Broadway, Virginia.
    return tuple(
        c
        for c in gazetteer.exact(text)
        if c.feature in ("country", "admin1", "continent", "region") or c.population >= 100_000
    )


def resolve_mentions(mentions: Sequence[Mention], gazetteer: Gazetteer) -> list[Resolution]:
    """One resolution per mention, in order; unresolvable ones carry a reason."""
    found = [
        _facility_candidates(gazetteer, m.text) if m.facility else gazetteer.lookup(m.text, fuzzy=m.fuzzy)
        for m in mentions
    ]
    found = [tuple(c for c in cands if c.similarity >= MIN_SIMILARITY) for cands in found]
    by_text = {m.text: cands for m, cands in zip(mentions, found)}

    first_by_text: dict[str, Candidate] = {}

    def qualifier_of(m: Mention) -> tuple[Candidate, ...]:
        if not m.qualifier:
            return ()
        cands = by_text.get(m.qualifier) or gazetteer.exact(m.qualifier)
        return tuple(c for c in cands if c.feature in ("country", "admin1"))

    def run(first: Sequence[Resolution] | None) -> list[Resolution]:
        nonlocal first_by_text
        if first is not None:
            first_by_text = {}
            for r in first:
                if r.candidate is not None:
                    first_by_text.setdefault(r.mention.text, r.candidate)
        out = []
        contexts: dict[str, Context] = {}
        for m, cands in zip(mentions, found):
            if not cands:
                reason = "facility not in the gazetteer" if m.facility else "no gazetteer match"
                out.append(Resolution(m, None, reason))
                continue
            context = NO_CONTEXT
            if first is not None:
                key = m.text.lower()
                if key not in contexts:
                    contexts[key] = build_context(first, exclude=key)
                context = contexts[key]
            peer = _peer_feature(m, first_by_text) if first is not None else None
            out.append(Resolution(m, rank(cands, m, context, qualifier_of(m), peer)[0], None))
        return out

    return run(run(None))
