"""Choosing one gazetteer record per mention, using what the article itself says.

A mention's candidates are ranked by population (log), feature class (a bare country or state
name means the country or state), how the name matched, a hint from the words around it ("X
province", "X city"), and the article's geography: countries and admin1 regions that its other
mentions resolve to, and an explicit qualifier ("Paris, Texas"). Ranking runs twice: once
without context, to learn the article's geography, then with it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .fold import fold
from .gazetteer import Candidate, Gazetteer
from .outlet import Home

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
ADMIN1_CONTEXT = 1.5  # the admin1 is named in the article, or a county of it ("Campbell County")
ADMIN1_OF_CITY_CONTEXT = 0.75  # another city or a county of that admin1 is named
# A town named like a county the article names lies in that county's state ("Lexington" with
# "the Lexington County coroner": Lexington, South Carolina, not Kentucky's).
COUNTY_NAMESAKE = 1.5
_COUNTY = re.compile(r"\s+(?:County|Parish|Borough)$")
_COUNTY_WORD = re.compile(r"\s(?:county|parish)$")  # a mention, lower-cased, naming a county
# "EU", "UK", "LA": abbreviations name countries, regions and states, seldom a village.
ABBREVIATED_CITY = -2.0
QUALIFIER_BONUS = 6.0  # "Paris, Texas": the qualifier is nearly decisive
# Places listed together are mostly of one kind ("California or Washington": states; "Paris,
# London and Berlin": cities): a candidate of the kind its peers resolve to gains this.
PEER_BONUS = 1.5
# A city this populous shares its name with its region (Kabul, New York): the city is meant
# unless the text says "province" or "state".
BIG_CITY = 300_000
# The outlet's home country (``outlet.Home``) counts as this share of the article's places, and
# its home state as a state one of the article's towns lies in: a weak prior, below what the
# text's own places say.
OUTLET_COUNTRY = 1.0
# A town this populous elsewhere is what its name means, whatever place follows it after a comma
# ("Copenhagen, Hamburg" is a list); only a qualifier that can be nothing but a state ("N.C.")
# places a town of that name there as written.
WELL_KNOWN_CITY = 100_000
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
    # a postal code qualifying the place before it ("SAVANNAH, GA"): the regions it may name
    regions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Resolution:
    mention: Mention
    candidate: Candidate | None
    reason: str | None  # why unresolved
    # a town the gazetteer lacks in the region its qualifier names ("Snowville, Utah"): that
    # region, (country, admin1); the town is then placed there as written, without coordinates
    region: tuple[str, str | None] | None = None


@dataclass(frozen=True)
class Context:
    countries: dict[str, float]  # country code -> share of the article's resolved places
    admin1: frozenset[tuple[str, str]]  # (country, admin1 name) named in the article
    city_admin1: frozenset[tuple[str, str]]  # admin1 regions of towns and counties named
    # (country, admin1, folded name) of counties named ("Lexington County": "lexington")
    counties: frozenset[tuple[str, str, str]] = frozenset()


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
        if (
            candidate.feature == "city"
            and candidate.admin1
            and (candidate.country, candidate.admin1, fold(candidate.name)) in context.counties
        ):
            value += COUNTY_NAMESAKE
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
    if region.feature == "admin2":  # "Snowville, Box Elder County": the county's state
        return (
            candidate.country == region.country
            and candidate.admin1 == region.admin1
            and candidate.index != region.index
            and region.admin1 is not None
        )
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


def build_context(resolutions: Sequence[Resolution], exclude: str | None = None, home: Home | None = None) -> Context:
    """The article's geography from first-pass resolutions; each distinct name counts once.

    ``exclude`` leaves out the mention being ranked, so that a first-pass guess cannot vote
    for itself. ``home``, the outlet's country and state, adds a weak prior.
    """
    by_name: dict[str, Candidate] = {}
    for r in resolutions:
        key = r.mention.text.lower()
        if r.candidate is not None and key != exclude:
            by_name.setdefault(key, r.candidate)
    countries = Counter(c.country for c in by_name.values() if c.country)
    total = sum(countries.values())
    # a county written out as one ("Paulding County") is as plain a statement of its state
    admin1 = frozenset((c.country, c.name) for c in by_name.values() if c.feature == "admin1" and c.country) | {
        (c.country, c.admin1)
        for key, c in by_name.items()
        if c.feature == "admin2" and c.country and c.admin1 and _COUNTY_WORD.search(key)
    }
    city_admin1 = frozenset(
        (c.country, c.admin1) for c in by_name.values() if c.feature in ("city", "admin2") and c.country and c.admin1
    )
    counties = frozenset(
        (c.country, c.admin1, fold(_COUNTY.sub("", c.name)))
        for c in by_name.values()
        if c.feature == "admin2" and c.country and c.admin1 and _COUNTY.search(c.name)
    )
    shares = {cc: min(1.0, 0.5 + n / total) for cc, n in countries.items()} if total else {}
    return _with_home(Context(shares, admin1, city_admin1, counties), home)


def _with_home(context: Context, home: Home | None) -> Context:
    if home is None:
        return context
    shares = dict(context.countries)
    shares[home.country] = max(shares.get(home.country, 0.0), OUTLET_COUNTRY)
    city_admin1 = context.city_admin1 | ({(home.country, home.admin1)} if home.admin1 else set())
    return Context(shares, context.admin1, frozenset(city_admin1), context.counties)


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


def _inside_region(candidate: Candidate, region: tuple[str, str | None]) -> bool:
    country, admin1 = region
    return candidate.country == country and (admin1 is None or candidate.admin1 == admin1)


def _region_of(q: Candidate) -> tuple[str, str | None] | None:
    """The (country, admin1) a qualifier names: an admin1 itself, or the admin1 of a county."""
    if not q.country:
        return None
    if q.feature == "admin1":
        return (q.country, q.name)
    if q.feature == "admin2" and q.admin1:
        return (q.country, q.admin1)
    return None


def _code_candidates(gazetteer: Gazetteer, m: Mention) -> tuple[Candidate, ...]:
    return tuple(
        c
        for country, name in m.regions
        for c in gazetteer.exact(name)
        if c.feature == "admin1" and c.country == country and not c.alternate
    )


def resolve_mentions(mentions: Sequence[Mention], gazetteer: Gazetteer, home: Home | None = None) -> list[Resolution]:
    """One resolution per mention, in order; unresolvable ones carry a reason.

    A qualified town ("Savannah, GA", "Aurora, Colo.", "Snowville, Box Elder County") is the
    record of that name in the region its qualifier names, or, when the gazetteer has none
    there, the town as written in that region; every other mention of the same name in the
    article is the same town (one sense per article). ``home`` is where the outlet is (see
    ``outlet``): a weak prior for its country and state.
    """
    found = [
        _code_candidates(gazetteer, m)
        if m.regions
        else _facility_candidates(gazetteer, m.text)
        if m.facility
        else gazetteer.lookup(m.text, fuzzy=m.fuzzy)
        for m in mentions
    ]
    found = [tuple(c for c in cands if c.similarity >= MIN_SIMILARITY) for cands in found]
    by_text = {m.text: cands for m, cands in zip(mentions, found)}

    first_by_text: dict[str, Candidate] = {}

    def qualifier_of(m: Mention) -> tuple[Candidate, ...]:
        if not m.qualifier:
            return ()
        cands = by_text.get(m.qualifier) or gazetteer.exact(m.qualifier)
        return tuple(c for c in cands if c.feature in ("country", "admin1", "admin2"))

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
            context = _with_home(NO_CONTEXT, home)
            if first is not None:
                key = m.text.lower()
                if key not in contexts:
                    contexts[key] = build_context(first, exclude=key, home=home)
                context = contexts[key]
            peer = _peer_feature(m, first_by_text) if first is not None else None
            out.append(Resolution(m, rank(cands, m, context, qualifier_of(m), peer)[0], None))
        return out

    return _one_sense(_qualified(mentions, found, run(run(None))))


def _qualified(
    mentions: Sequence[Mention], found: Sequence[tuple[Candidate, ...]], out: list[Resolution]
) -> list[Resolution]:
    """Towns put in the region their qualifier resolved to, and postal codes read as the
    region that holds the town before them ("Perth, WA" is Western Australia)."""
    out = list(out)
    for i, m in enumerate(mentions[:-1]):
        q = mentions[i + 1]
        if not m.qualifier or q.text != m.qualifier or not q.qualifies:
            continue
        town = out[i].candidate
        if q.regions and town is not None:
            holder = [c for c in found[i + 1] if _inside(town, c)]
            if holder and out[i + 1].candidate is not holder[0]:
                out[i + 1] = Resolution(q, holder[0], None)
        qualifier = out[i + 1].candidate
        region = _region_of(qualifier) if qualifier is not None else None
        if region is None or (town is not None and town.feature not in ("city", "admin2")):
            continue
        if town is not None and _inside_region(town, region):
            continue
        inside = [c for c in found[i] if c.feature in ("city", "admin2") and _inside_region(c, region)]
        if inside:
            out[i] = Resolution(m, max(inside, key=lambda c: (c.match == "exact", c.population)), None)
        elif not m.facility and (_state_form(q) or not any(_well_known(c) for c in found[i])):
            # a town the gazetteer lacks there; but "Copenhagen, Hamburg" is no Copenhagen in
            # Hamburg, unless the qualifier can only be a state ("PINETOWN, N.C.")
            out[i] = Resolution(m, None, "not in the gazetteer; in its region as written", region)
    return out


def _state_form(m: Mention) -> bool:
    """A qualifier written as only a region writes it: a postal code, an abbreviation."""
    return bool(m.regions) or "." in m.text


def _well_known(c: Candidate) -> bool:
    return c.feature in ("country", "admin1", "continent", "region") or c.population >= WELL_KNOWN_CITY


def _one_sense(out: list[Resolution]) -> list[Resolution]:
    """Every mention of a name some mention qualifies ("Laurel, Ind.") is that place, unless
    it has a qualifier of its own, or the article qualifies the name in two ways."""
    senses: dict[str, set[tuple[int | None, tuple[str, str | None] | None]]] = {}
    chosen: dict[str, Resolution] = {}
    for r in out:
        m = r.mention
        if m.qualifier and (r.candidate is None or r.candidate.feature in ("city", "admin2")):
            if r.candidate is None and r.region is None:
                continue
            key = fold(m.text)
            senses.setdefault(key, set()).add((r.candidate.index if r.candidate else None, r.region))
            chosen[key] = r
    if not chosen:
        return out
    result = []
    for r in out:
        key = fold(r.mention.text)
        if r.mention.qualifier or key not in chosen or len(senses[key]) != 1 or r.mention.qualifies:
            result.append(r)
            continue
        if r.candidate is not None and r.candidate.feature not in ("city", "admin2"):
            result.append(r)  # "Washington, D.C." does not make the state's name the city
            continue
        c = chosen[key]
        result.append(Resolution(r.mention, c.candidate, c.reason, c.region))
    return result
