"""Parts of a city: neighbourhoods and boroughs the gazetteer lists as towns of their own.

GeoNames has many city sections as populated places (Chicago's Logan Square and Englewood,
Brooklyn's Coney Island), and the packaged lists do not mark them as sections. News writes
"a shooting in Logan Square" and means Chicago; "the Coney Island section of Brooklyn" is in
Brooklyn. A resolved town is taken as part of a city the same article names when

- the text marks it so: "the Uptown neighborhood", "Chicago's Uptown", "Coney Island,
  Brooklyn", "the Coney Island section of Brooklyn", and the city lies within
  ``MARKED_KM``; or
- it lies well inside a large city (``LARGE_CITY``, ``RADIUS_KM``) and is far smaller.

Such a place keeps its own record, with feature ``neighbourhood``: a city it belongs to, not
a town of its own. Names that are only a city's part by their words ("the South Side", "West
End", "Midtown") are never resolved to a town that happens to bear them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from .fold import fold
from .gazetteer import Candidate

# A city this populous has neighbourhoods in GeoNames that a text may name without saying so.
LARGE_CITY = 1_000_000
# A part is at most this share of its city's population.
PART_SHARE = 0.1
# How far from a city's point its parts lie: this many km times the square root of its
# population in millions (Chicago, 2.7 million: 10 km, so Logan Square and Englewood; Brooklyn,
# 2.6 million: 10 km). 8 takes suburbs (Burbank for Los Angeles, Mount Vernon for the Bronx).
RADIUS_KM = 6.0
# A place the text calls a part of a city lies within this distance of that city's point.
MARKED_KM = 30.0

# Words after a name that make it a part of a city ("the Uptown neighborhood").
_PART_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|section|community area|district of)\b")
_PART_BEFORE = re.compile(r"(?:\b[Tt]he|['’]s)\s+(?:[A-Z][\w.'’-]*\s+){0,2}$")
# Names of a city's parts by their words alone.
_PART_NAME = re.compile(
    r"^(?:(?:far|near|lower|upper|deep|old)\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s*-?\s*(?:side|end)"
    r"|(?:up|down|mid)\s*-?\s*town|mid\s*-?\s*city|inner city|city cent(?:er|re))$",
    re.I,
)


def part_name(text: str) -> bool:
    """ "South Side", "the Far North Side", "West End", "Midtown": a city's part by its words."""
    return bool(_PART_NAME.match(" ".join(text.split())))


def km(a: Candidate, b: Candidate) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def city_parts(text: str, spans: Sequence[tuple[int, int]], records: Sequence[Candidate | None]) -> set[int]:
    """Indices of the mentions (``spans`` into ``text``, resolved to ``records``) whose town is
    part of another city the article names."""
    cities = {c.index: c for c in records if c is not None and c.feature == "city"}
    if len(cities) < 2:
        return set()
    names = {fold(c.name): c for c in cities.values()}
    marked: dict[int, Candidate | None] = {}  # town -> the city the text puts it in (None: any)
    for (start, end), c in zip(spans, records):
        if c is None or c.feature != "city":
            continue
        if _PART_AFTER.match(text, end) and _PART_BEFORE.search(text, max(0, start - 40), start):
            marked.setdefault(c.index, None)  # "the Uptown neighborhood", not "a Brooklyn neighborhood"
        owner = _owner(text, start, end, names)
        if owner is not None and owner.index != c.index:
            marked[c.index] = owner
    parts: set[int] = set()
    for index, town in cities.items():
        for city in cities.values():
            if city.index == index or city.country != town.country or city.admin1 != town.admin1:
                continue
            if city.population <= town.population:
                continue
            distance = km(town, city)
            if index in marked and marked[index] in (None, city) and distance <= MARKED_KM:
                parts.add(index)
                break
            if (
                city.population >= LARGE_CITY
                and town.population <= PART_SHARE * city.population
                and distance <= RADIUS_KM * math.sqrt(city.population / 1_000_000)
            ):
                parts.add(index)
                break
    return {i for i, c in enumerate(records) if c is not None and c.index in parts}


_POSSESSOR = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})['’]s\s+$")
_OF_CITY = re.compile(r"\s+(?:neighbou?rhood|section|area|community)\s+of\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})")
_COMMA_CITY = re.compile(r",\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\b")


def _owner(text: str, start: int, end: int, names: dict[str, Candidate]) -> Candidate | None:
    """The city the words around a mention put it in: "Chicago's Uptown", "the Coney Island
    section of Brooklyn", "Coney Island, Brooklyn"."""
    before = _POSSESSOR.search(text, max(0, start - 40), start)
    if before is not None and fold(before.group(1)) in names:
        return names[fold(before.group(1))]
    for pattern in (_OF_CITY, _COMMA_CITY):
        after = pattern.match(text, end)
        if after is not None and fold(after.group(1)) in names:
            return names[fold(after.group(1))]
    return None
