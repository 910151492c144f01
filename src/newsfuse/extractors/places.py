"""Toponyms found in the text and resolved to GeoNames.

Detection has two sources. spaCy's GPE/LOC/FAC entities are taken as places (after trimming
"the" and possessives). The small model also misses or mislabels names it has not seen
("Qala-e-Naw" as ORG, "Badghis" as PERSON), so capitalised names elsewhere are looked up in
the gazetteer too, but kept only on strong evidence: a country, region or admin1 name, a large
city, or a smaller place the words around it mark as one ("in X", "X province", "X, Texas").
A name inside another entity's name ("Washington" in "Washington Post") is never a place, and
adjectives and demonyms ("Afghan") are not looked up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..geo import Candidate, Gazetteer
from ..geo.fold import fold
from ..geo.outlet import outlet_home
from ..geo.points import ADMIN1_ABBREVIATIONS, POSTAL_CODES
from ..geo.quarters import city_parts, part_name
from ..geo.resolve import Mention, Resolution, resolve_mentions
from ..inputs.outlet import outlet_from_url
from ..model import Article, Place
from .common import char_sentence_index, doc_text, person_surnames

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities whose whole text may still be a mislabelled place (the small model's usual errors).
RELABEL = frozenset({"ORG", "PERSON", "NORP", "PRODUCT"})
# Last words of an organisation that serves a place: the place that opens its name is where it
# is ("New Brunswick RCMP", "Peel Regional Police", "the U.S. Securities and Exchange
# Commission"), unlike a name merely borrowed from a place ("Washington Post").
JURISDICTION_WORDS = frozenset(
    {
        "police",
        "rcmp",
        "department",
        "ministry",
        "commission",
        "council",
        "government",
        "chamber",
        "court",
        "office",
        "service",
        "services",
        "agency",
        "authority",
        "embassy",
        "army",
        "forces",
        "senate",
        "parliament",
        "assembly",
        "board",
        "schools",
        "school",
        "district",
        "fire",
        "trade",
        "public",
        "county",
        "city",
        "state",
        "province",
        "legislature",
        "governor",
        "mayor",
        "premier",
        "sheriff",
        "administration",
        "military",
        "navy",
        "consulate",
        "prison",
        "hospital",
    }
)
# Words after a name that say what kind of place it is.
HINT_WORDS: dict[str, str] = {
    "province": "admin1",
    "provinces": "admin1",
    "state": "admin1",
    "region": "admin1",
    "governorate": "admin1",
    "oblast": "admin1",
    "prefecture": "admin1",
    "city": "city",
    "town": "city",
    "village": "city",
    "capital": "city",
    "county": "admin2",
    "district": "admin2",
}
# Hint words that may be cut off an entity to find the name ("Badghis province"); "town" and
# "village" stay, as they end names ("Grants Town").
STRIPPABLE_HINTS = frozenset(
    {
        "province",
        "provinces",
        "state",
        "region",
        "governorate",
        "oblast",
        "prefecture",
        "city",
        "county",
        "district",
    }
)
# Last words of street names: a street named after a place ("Washington Square", "Atlantic
# Avenue") is not in it, so no place is looked for inside them.
STREET_HEADS = frozenset(
    {
        "street",
        "st",
        "st.",
        "avenue",
        "ave",
        "ave.",
        "road",
        "rd",
        "rd.",
        "square",
        "boulevard",
        "blvd",
        "drive",
        "lane",
        "way",
        "place",
        "highway",
        "bridge",
        "parkway",
        "terrace",
        "crescent",
    }
)
# Words before a name that mark it as a location.
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "near",
        "outside",
        "across",
        "around",
        "throughout",
        "from",
        "to",
        "into",
        "at",
        "towards",
        "toward",
        "between",
        "via",
        "inside",
        "of",
    }
)
# A city this populous is a place wherever its name occurs capitalised.
BIG_CITY = 100_000
# A smaller city needs a marker around it, and at least this many people.
SMALL_CITY = 1_000
MAX_NGRAM = 5
# A county or district this populous is a place wherever its name occurs ("Peel Regional
# Police"); smaller ones with a one-word name ("Toledo", "Orange") only where marked.
BIG_REGION = 1_000_000
# A province or state this populous is a place wherever its name occurs capitalised; nearly
# empty ones (the Isle of Man's "Michael" and "Patrick", Dominica's "Saint Luke") only where
# marked.
SMALL_REGION = 10_000
# A town of the outlet's country named only by its police ("the Garner Police Department") is a
# place from this many people: smaller records bearing a force's name are chance namesakes.
TOWN_POLICE_POPULATION = 5_000


@dataclass(frozen=True)
class _Found:
    start: int  # character offsets of the name
    end: int
    hint: str | None
    source: str  # ner | gazetteer | facility | dateline | qualifier | street
    regions: tuple[tuple[str, str], ...] = ()  # a postal code's regions ("GA")


def extract_places(doc: Doc, article: Article, gazetteer: Gazetteer | None) -> list[Place]:
    home = outlet_home(outlet_from_url(article.url), gazetteer) if gazetteer is not None else None
    found = _detect(doc, gazetteer, home.country if home else None)
    text = article.text
    qualifies, peers = _lists(text, found)
    mentions = [
        _mention(text, f, found[i + 1] if i + 1 < len(found) and qualifies[i + 1] else None, qualifies[i], peers[i])
        for i, f in enumerate(found)
    ]
    if gazetteer is None:
        return [_place(doc, Resolution(m, None, "no gazetteer loaded")) for m in mentions]
    streets = {f.start for f in found if f.source == "street"}
    resolved = [
        Resolution(r.mention, None, "a street")
        if r.mention.start in streets
        else Resolution(r.mention, None, "a part of a city")
        if r.candidate is not None and r.candidate.feature == "city" and part_name(r.mention.text)
        else r
        for r in resolve_mentions(mentions, gazetteer, home)
    ]
    parts = city_parts(text, [(r.mention.start, r.mention.end) for r in resolved], [r.candidate for r in resolved])
    return [_place(doc, r, i in parts) for i, r in enumerate(resolved)]


# What may stand between two places of one list: "A, B and C", "A or B", "A & B".
_LIST_SEPARATORS = frozenset({", ", " and ", " or ", ", and ", ", or ", " & ", "/"})


def _lists(text: str, found: list[_Found]) -> tuple[list[bool], list[tuple[str, ...]]]:
    """Which places qualify the one before them, and the places listed with each.

    Two places joined by a lone comma are a place and its region ("Tacoma, Washington",
    "Brands Hatch, Kent"); a longer chain, or one joined by "and"/"or", is a list whose members
    are peers ("Alaska, Hawaii, Florida and Washington").
    """
    n = len(found)
    qualifies = [False] * n
    peers: list[tuple[str, ...]] = [()] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and text[found[j].end : found[j + 1].start] in _LIST_SEPARATORS:
            j += 1
        if j > i:
            seps = {text[found[k].end : found[k + 1].start] for k in range(i, j)}
            if j == i + 1 and seps == {", "}:
                qualifies[j] = True
            else:
                # in a list, a state written as only a state writes it qualifies the place
                # before it ("Florida and Washington, D.C.", "Columbus, Ga., and Phenix City")
                members = []
                for k in range(i, j + 1):
                    if k > i and text[found[k - 1].end : found[k].start] == ", " and _abbreviated(text, found[k]):
                        qualifies[k] = True
                    else:
                        members.append(k)
                names = tuple(text[found[k].start : found[k].end] for k in members)
                for k in members:
                    peers[k] = names
        i = j + 1
    return qualifies, peers


def _abbreviated(text: str, f: _Found) -> bool:
    return bool(f.regions) or text[f.start : f.end] in _AP_FORMS


def _mention(
    text: str, f: _Found, region: _Found | None, qualifies: bool = False, peers: tuple[str, ...] = ()
) -> Mention:
    # "Paris, Texas": a place right after a lone comma qualifies this one (not in a list:
    # "Washington, New York and Boston")
    qualifier = text[region.start : region.end] if region is not None else None
    return Mention(
        text=text[f.start : f.end],
        start=f.start,
        end=f.end,
        hint=f.hint,
        qualifier=qualifier,
        fuzzy=f.source == "ner",
        facility=f.source == "facility",
        qualifies=qualifies,
        peers=peers,
        regions=f.regions,
    )


def _place(doc: Doc, r: Resolution, part: bool = False) -> Place:
    m, c = r.mention, r.candidate
    sentence = char_sentence_index(doc, m.start)
    if c is None and r.region is not None:
        # a town the gazetteer lacks, in the region its qualifier names ("Snowville, Utah")
        country, admin1 = r.region
        return Place(
            text=m.text,
            start=m.start,
            end=m.end,
            sentence=sentence,
            name=_written_name(m.text),
            admin1=admin1,
            country=country,
            feature="city",
            reason=r.reason,
        )
    if c is None:
        return Place(text=m.text, start=m.start, end=m.end, sentence=sentence, reason=r.reason)
    admin1 = c.name if c.feature == "admin1" else c.admin1
    return Place(
        text=m.text,
        start=m.start,
        end=m.end,
        sentence=sentence,
        geonames_id=c.geonames_id,
        lat=round(c.lat, 5),
        lon=round(c.lon, 5),
        name=c.name,
        admin1=admin1,
        country=c.country,
        feature="neighbourhood" if part else c.feature,
    )


def _written_name(text: str) -> str:
    """A name as a record would spell it: "SNOWVILLE" is Snowville, "ST. LOUIS" St. Louis."""
    return text.title() if text.isupper() else text


# ---------------------------------------------------------------------------------------------
# Detection


def _trim(span: Span) -> Span | None:
    """The name inside an entity span: no leading "the", no trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].lower_ in ("'s", "’s", "'")
        or doc[end - 1].is_space
        or (doc[end - 1].is_punct and doc[end - 1].text != ".")
    ):
        end -= 1
    if start >= end or not any(ch.isupper() for ch in doc[start:end].text):
        return None
    return doc[start:end]


def _hint_after(span: Span) -> str | None:
    doc = span.doc
    if span.end < len(doc):
        return HINT_WORDS.get(doc[span.end].lower_)
    return None


def _split_hint(span: Span) -> tuple[Span, str | None]:
    """ "Badghis province" → ("Badghis", admin1), unless the whole is itself a name."""
    last = span[-1].lower_
    if len(span) > 1 and last in STRIPPABLE_HINTS:
        return span[:-1], HINT_WORDS[last]
    return span, _hint_after(span)


def _preposition_before(span: Span) -> bool:
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].text in ("#", '"', "“") or doc[i].is_space):
        i -= 1
    return i >= 0 and doc[i].lower_ in PLACE_PREPOSITIONS


def _names(candidates: Iterable[Candidate]) -> list[Candidate]:
    return [c for c in candidates if c.match == "exact"]


def _strong(
    candidates: list[Candidate], span: Span, hint: str | None, label: str | None, home: str | None = None
) -> bool:
    """Enough evidence that a name the tagger did not call a place is one. A large city abroad
    needs a marker in an outlet's local news ("Metro Police" in Las Vegas is no Indonesian
    city)."""
    if not candidates:
        return False
    marked = (
        hint is not None or _preposition_before(span) or _followed_by_place_comma(span) or _coordinated_with_place(span)
    )
    text = span.text
    short = len(fold(text)) <= 3
    if short and not text.replace(".", "").isupper():
        return False  # "us" is not the U.S.
    for c in candidates:
        # Person names that equal a country or state name ("Jordan", "Georgia") are left to
        # the tagger unless the name is unambiguous as a place (several words) or marked.
        person_ok = label != "PERSON" or marked or len(span) > 1
        if c.feature in ("country", "continent", "region"):
            if person_ok:
                return True
        elif c.feature == "admin1":
            if (not c.alternate or len(fold(text)) >= 5) and person_ok and (marked or c.population >= SMALL_REGION):
                return True
        elif c.feature in ("city", "admin2"):
            if c.population >= BIG_CITY and not c.alternate and label != "PERSON" and (marked or _home(c, home)):
                return True
            if marked and c.population >= SMALL_CITY and (not c.alternate or c.population >= 50_000):
                return True
            if hint is not None and hint == c.feature:
                return True
    return False


def _coordinated_with_place(span: Span) -> bool:
    """ "Gloucester and Cheltenham", "Žilina, Nitra": listed next to a place."""
    doc = span.doc
    i = span.start
    return i >= 2 and doc[i - 1].lower_ in (",", "and", "or") and doc[i - 2].ent_type_ in ("GPE", "LOC")


def _followed_by_place_comma(span: Span) -> bool:
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].ent_type_ in ("GPE", "LOC")


def _capitalised(span: Span) -> bool:
    first, last = span[0], span[-1]
    return first.text[:1].isupper() and last.text[:1].isupper() and not (len(span) == 1 and first.is_stop)


def _detect(doc: Doc, gazetteer: Gazetteer | None, home: str | None = None) -> list[_Found]:
    """Place names in the text; ``home`` is the outlet's country, where known."""
    taken = [False] * len(doc)  # tokens inside an accepted place or a non-place entity name
    placed = [False] * len(doc)  # tokens inside an accepted place
    deferred: list[tuple[Span, str | None]] = []  # marked names too weak on their own
    found: list[_Found] = []

    def accept(span: Span, hint: str | None, source: str) -> None:
        span = _with_county(span, gazetteer)  # "the Rankin County Sheriff": the county
        if source != "facility" and _address(span):
            source = "street"  # "the 6200 block of South Aberdeen Street": named, not a town
        found.append(_Found(span.start_char, span.end_char, hint, source))
        for i in range(span.start, span.end):
            taken[i] = placed[i] = True

    # A person's surname standing alone is that person, not a town of the same name.
    surnames = person_surnames(doc)
    token_ent = _entity_of_token(doc)
    for token in doc:
        ent = token_ent.get(token.i)
        if token.text in surnames and (ent is None or _trim(ent) == doc[token.i : token.i + 1]):
            taken[token.i] = True

    if gazetteer is not None:
        for start, end, codes in _datelines(doc_text(doc), gazetteer):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and not any(placed[i] for i in range(span.start, span.end)):
                found.append(_Found(start, end, None, "qualifier" if codes else "dateline", codes))
                for i in range(span.start, span.end):
                    taken[i] = placed[i] = True

    for ent in doc.ents:
        span = _trim(ent)
        if span is None or any(placed[i] for i in range(span.start, span.end)):
            continue
        if len(span) == 1 and span.text in surnames:
            continue
        if gazetteer is not None and ent.label_ in PLACE_LABELS | RELABEL:
            span = _conjoined_name(span, gazetteer)
        if ent.label_ in PLACE_LABELS:
            if gazetteer is None:
                accept(span, _hint_after(span), "ner")
                continue
            name, hint = (span, _hint_after(span)) if gazetteer.exact(span.text) else _split_hint(span)
            if _demonym(name) and not any(c.feature in ("country", "admin1") for c in gazetteer.exact(name.text)):
                continue
            if gazetteer.lookup(name.text) if ent.label_ != "FAC" else _facility_is_place(name, gazetteer):
                accept(name, hint, "ner")
                continue
            if ent.label_ == "FAC" and _town_as_facility(name, found, gazetteer):
                accept(name, hint, "gazetteer")
                continue
            # Not a known name as a whole ("South Florida", "Thruxton, Hampshire", "Manila
            # Cathedral"): the known places inside it, else the whole name, unresolved.
            inner = _inner_places(name, gazetteer)
            for sub in inner:
                accept(sub, _hint_after(sub), "gazetteer")
            if not inner:
                accept(name, hint, "ner" if ent.label_ != "FAC" else "facility")
        elif gazetteer is not None and ent.label_ in RELABEL:
            name, hint = (span, _hint_after(span)) if gazetteer.exact(span.text) else _split_hint(span)
            if _capitalised(name) and _strong(_names(gazetteer.exact(name.text)), name, hint, ent.label_, home):
                accept(name, hint, "gazetteer")
                continue
            if _capitalised(name) and (hint is not None or _preposition_before(name)):
                deferred.append((name, hint))
            for i in range(ent.start, ent.end):
                taken[i] = True
            # "the Kidney Foundation of Canada", "President of Ukraine": a country or region
            # closing an organisation's name after "of" is where it is, not part of a name
            for part in (_of_place(span, gazetteer), _leading_place(span, gazetteer, home)):
                if part is not None:
                    accept(part, None, "gazetteer")
        elif ent.label_ not in NUMERIC_LABELS:
            # dates, works, events: names inside them are not places; amounts may hold one
            # ("59.2 billion US dollars"), which the scan then finds on its own evidence
            for i in range(ent.start, ent.end):
                taken[i] = True

    if gazetteer is not None:
        # spread the tagger's places first, so that the scan cannot take part of one ("Qala"
        # of "Qala-e-Naw"), then spread what the scan found
        _propagate(doc, gazetteer, found, placed, accept, home)
        _scan(doc, gazetteer, taken, accept, home)
        # A marked name known only under a variant spelling of a small place ("to Qala-e-Naw")
        # is taken when it lies in a region the article names (Badghis).
        regions = _regions(doc_text(doc), found, gazetteer)
        for name, hint in deferred:
            if any(placed[i] for i in range(name.start, name.end)):
                continue
            if any(
                c.feature == "city"
                and c.population >= SMALL_CITY
                and (
                    (c.country, c.admin1) in regions or (c.country, None) in regions and c.population >= 10 * SMALL_CITY
                )
                for c in _names(gazetteer.exact(name.text))
            ):
                accept(name, hint, "gazetteer")
        _propagate(doc, gazetteer, found, placed, accept, home)
        _qualifiers(doc, gazetteer, found, placed)
    found.sort(key=lambda f: f.start)
    return found


def _with_county(span: Span, gazetteer: Gazetteer | None) -> Span:
    """ "Rankin" before "County" is Rankin County, where the gazetteer knows that county."""
    doc = span.doc
    if gazetteer is None or span.end >= len(doc) or doc[span.end].text not in ("County", "Parish", "Borough"):
        return span
    longer = doc[span.start : span.end + 1]
    return longer if any(c.feature == "admin2" for c in _names(gazetteer.exact(longer.text))) else span


# An address: "the 6200 block of South Aberdeen Street", "the 3200 block of West Lexington".
_BLOCK_OF = re.compile(
    r"\b(?:block|blocks|corner|intersection) of\s+(?:the\s+)?(?:(?:north|south|east|west|[nsew]\.?)\s+)?$", re.I
)


def _address(span: Span) -> bool:
    """A name that is part of a street address, not a place of its own."""
    doc = span.doc
    if _BLOCK_OF.search(doc_text(doc), max(0, span.start_char - 30), span.start_char):
        return True
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.text[:1].isupper() and after.lower_ in STREET_HEADS - {"square", "place"}


def _entity_of_token(doc: Doc) -> dict[int, Span]:
    """The model entity each token belongs to, by token index."""
    return {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}


def _conjoined_name(span: Span, gazetteer: Gazetteer) -> Span:
    """ "Trinidad and Tobago", "Bosnia and Herzegovina": a country or region whose name joins
    two names, which the tagger splits into two places."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ in ("and", "&"):
        for extra in range(2, min(4, len(doc) - span.end) + 1):
            longer = doc[span.start : span.end + extra]
            if _capitalised(longer) and any(
                c.feature in ("country", "admin1", "region") for c in _names(gazetteer.exact(longer.text))
            ):
                return longer
    return span


def _regions(text: str, found: list[_Found], gazetteer: Gazetteer) -> set[tuple[str | None, str | None]]:
    """(country, admin1) of admin1 regions and (country, None) of countries the article names."""
    out: set[tuple[str | None, str | None]] = set()
    for f in found:
        for c in _names(gazetteer.exact(text[f.start : f.end])):
            if c.feature == "admin1" and not c.alternate:
                out.add((c.country, c.name))
            elif c.feature == "country":
                out.add((c.country, None))
    return out


# Entities that may hold a place name without being a name themselves ("US dollars").
NUMERIC_LABELS = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL"})


def _propagate(
    doc: Doc, gazetteer: Gazetteer, found: list[_Found], taken: list[bool], accept, home: str | None = None
) -> None:
    """One sense per article: a name found as a place elsewhere in the text is a place here too
    ("Douma" tagged GPE once and PERSON later), unless here it is part of a longer name."""
    text = doc_text(doc)
    tagged = {text[f.start : f.end] for f in found if f.source == "ner"}
    names = {text[f.start : f.end] for f in found if f.source not in ("facility", "street")}
    # Names the tagger itself called places may spread under any gazetteer spelling
    # ("Qala-e-Naw"); names found only through the gazetteer need its main name.
    known = {n: [c for c in gazetteer.exact(n) if n in tagged or not c.alternate] for n in names if len(n) >= 3}
    known = {n: cands for n, cands in known.items() if cands}
    token_ent = _entity_of_token(doc)
    occurrences = _occurrences(text)
    for name in sorted(known, key=len, reverse=True):
        # a person or organisation with a town's name ("Allen", "Notre Dame") stays one
        # unless the name is a well-known place
        clear = name in tagged or any(_clear(c, home) for c in known[name])
        for start in occurrences(name):
            span = doc.char_span(start, start + len(name))
            if span is None or any(taken[i] for i in range(span.start, span.end)):
                continue
            ent = token_ent.get(span.start)
            if ent is not None and ent.label_ not in NUMERIC_LABELS:
                whole = _trim(ent) == span
                leading = ent.start <= span.start and span.end < ent.end and _about_place(doc[span.end : ent.end])
                marked = _preposition_before(span) or _hint_after(span) is not None or _coordinated_with_place(span)
                if not ((whole and (clear or marked)) or leading):
                    continue
            accept(span, _hint_after(span), "gazetteer")


_WORD_START = re.compile(r"(?<!\w)\w+")
_WORD_CHAR = re.compile(r"\w")


def _occurrences(text: str) -> Callable[[str], list[int]]:
    """Where a name stands in ``text`` with no word character just before or after it, found
    through an index of the words' starts built once: a scan of the whole text per name made
    long articles quadratic (a 400,000-character text: 4.9 s in this function alone)."""
    starts: dict[str, list[int]] = {}
    for m in _WORD_START.finditer(text):
        starts.setdefault(m.group(), []).append(m.start())

    def find(name: str) -> list[int]:
        first = _WORD_START.match(name)
        if first is None:  # a name that starts with no word character
            return [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
        end = len(name)
        return [
            i for i in starts.get(first.group(), ()) if text.startswith(name, i) and not _WORD_CHAR.match(text, i + end)
        ]

    return find


def _about_place(rest: Span) -> bool:
    """The rest of an entity after a place name says it belongs to the place."""
    return rest[0].lower_ in ("'s", "’s") or any(t.lower_ in JURISDICTION_WORDS for t in rest)


def _facility_is_place(span: Span, gazetteer: Gazetteer) -> bool:
    return any(_clear(c) for c in _names(gazetteer.exact(span.text)))


# Last words of the names of buildings, grounds and works: a name ending so is no town.
FACILITY_HEADS = STREET_HEADS | frozenset(
    {
        "park",
        "field",
        "center",
        "centre",
        "mall",
        "plaza",
        "stadium",
        "arena",
        "airport",
        "station",
        "school",
        "hospital",
        "church",
        "hall",
        "house",
        "tower",
        "building",
        "club",
        "hotel",
        "garden",
        "gardens",
        "apartments",
        "homes",
        "courts",
        "academy",
        "university",
        "college",
        "library",
        "museum",
        "theater",
        "theatre",
        "prison",
        "jail",
        "base",
        "dam",
    }
)


def _town_as_facility(span: Span, found: list[_Found], gazetteer: Gazetteer) -> bool:
    """A town the tagger calls a building ("shot in Cicero", "a home in Forney"): the article
    names it as a place elsewhere (a dateline), or a preposition marks it and the gazetteer
    knows a town of that name."""
    key = fold(span.text)
    text = doc_text(span.doc)
    if any(fold(text[f.start : f.end]) == key and f.source not in ("facility", "street") for f in found):
        return True
    if not _capitalised(span) or not _preposition_before(span):
        return False
    # "in Villa Park" is the town, "in Central Park" the park (Central Park, Washington, is small)
    least = 10 * SMALL_CITY if span[-1].lower_ in FACILITY_HEADS else SMALL_CITY
    return any(
        c.feature == "city" and not c.alternate and c.population >= least for c in _names(gazetteer.exact(span.text))
    )


def _inner_places(span: Span, gazetteer: Gazetteer) -> list[Span]:
    """Known places inside a longer name, longest first, not overlapping; only clear cases."""
    out: list[Span] = []
    doc = span.doc
    commas = [t.i for t in span if t.text == ","]
    if commas:  # "Thruxton, Hampshire": each part is a name of its own
        bounds = [span.start, *commas, span.end]
        for a, b in zip(bounds, bounds[1:]):
            part = _trim(doc[a + (a != span.start) : b])
            if part is not None and _capitalised(part) and part.text != span.text:
                if gazetteer.exact(part.text):
                    out.append(part)
                else:
                    out.extend(_inner_places(part, gazetteer))
        return out
    i = span.start
    if span[-1].lower_ in STREET_HEADS:
        return out
    while i < span.end:
        for size in range(min(MAX_NGRAM, span.end - i), 0, -1):
            sub = doc[i : i + size]
            if sub.start == span.start and sub.end == span.end:
                continue
            if not _capitalised(sub) or any(t.is_punct and t.text != "." for t in sub):
                continue
            if any(_clear(c) for c in _names(gazetteer.exact(sub.text))):
                out.append(sub)
                i += size - 1
                break
        i += 1
    return out


def _home(c: Candidate, home: str | None) -> bool:
    return home is None or c.country == home


def _clear(c: Candidate, home: str | None = None) -> bool:
    """A place well known enough to be meant wherever its name stands: a country, a populous
    region, a large city (of the outlet's own country, where that is known)."""
    if c.alternate:
        return c.feature == "country"
    return (
        c.feature in ("country", "continent", "region")
        or (c.feature == "admin1" and c.population >= SMALL_REGION)
        or (c.feature == "city" and c.population >= BIG_CITY and _home(c, home))
        or (c.feature == "admin2" and (" " in c.name or c.population >= BIG_REGION))
    )


def _of_place(span: Span, gazetteer: Gazetteer) -> Span | None:
    doc = span.doc
    for i in range(span.end - 1, span.start, -1):
        if doc[i].lower_ == "of":
            tail = doc[i + 1 : span.end]
            if (
                len(tail)
                and _capitalised(tail)
                and any(
                    c.feature == "country" or (c.feature == "admin1" and c.population >= 1_000_000)
                    for c in _names(gazetteer.exact(tail.text))
                )
            ):
                return tail
            return None
    return None


def _leading_place(span: Span, gazetteer: Gazetteer, home: str | None = None) -> Span | None:
    """A place opening a longer entity that is about it: "Harare's Third Street", "Manitoba's
    Opposition", "Peel Regional Police", a dateline ("SAN ANTONIO Turner Sports")."""
    doc = span.doc
    for size in range(min(MAX_NGRAM, len(span) - 1), 0, -1):
        head = doc[span.start : span.start + size]
        rest = doc[span.start + size : span.end]
        if not _capitalised(head):
            continue
        cands = _names(gazetteer.exact(head.text))
        if not cands:
            continue
        possessive = rest[0].lower_ in ("'s", "’s")
        dateline = _line_start(head) and head.text.isupper() and not rest.text.isupper()
        serves = any(t.lower_ in JURISDICTION_WORDS for t in rest)
        if possessive or dateline:
            if any(c.feature != "city" or c.population >= SMALL_CITY for c in cands):
                return head
        elif serves and any(_clear(c, home) or _town_police(c, rest, home) for c in cands):
            return head
        return None
    return None


def _town_police(c: Candidate, rest: Span, home: str | None) -> bool:
    """A town of the outlet's own country named by its police force: "the Garner Police
    Department", "Uniontown police". Local news names a town's force by the town; on gva-dev a
    tenth of the incidents name their town only so or as a modifier. A force named for no town
    ("Metro Police", "Capitol Police") is no town of the outlet's country or too small."""
    return (
        home is not None
        and rest[0].lower_ == "police"
        and c.feature == "city"
        and not c.alternate
        and c.country == home
        and c.population >= TOWN_POLICE_POPULATION
    )


def _line_start(span: Span) -> bool:
    doc = span.doc
    i = span.start - 1
    return i < 0 or "\n" in doc[i].whitespace_ or "\n" in doc[i].text


def _demonym(span: Span) -> bool:
    # the tagger calls some adjectives GPE ("Afghan forces"); an adjective is not a place
    return len(span) == 1 and span[0].tag_ in ("JJ", "NNPS") and not span[0].text.isupper()


def _scan(doc: Doc, gazetteer: Gazetteer, taken: list[bool], accept, home: str | None = None) -> None:
    """Capitalised names outside entities that the gazetteer knows, on strong evidence only."""
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        dateline = token.is_upper and len(token) > 2 and _line_start(doc[i : i + 1])
        if (
            taken[i]
            or not token.text[:1].isupper()
            or (token.pos_ not in ("PROPN", "NOUN", "ADJ", "X") and not dateline)
        ):
            i += 1
            continue
        matched = False
        for size in range(min(MAX_NGRAM, n - i), 0, -1):
            span = doc[i : i + size]
            if any(taken[j] or doc[j].is_space or "\n" in doc[j].text for j in range(i, i + size)):
                continue
            if size == 1 and token.is_stop and token.text.isupper() and len(token) > 1 and not dateline:
                # "US" in "59.2 billion US dollars": a stop word only as a country's short name,
                # and not in a line set in capitals ("JOIN US TODAY")
                shouting = any(
                    doc[j].is_alpha and doc[j].text.isupper() and len(doc[j]) > 1 for j in (i - 1, i + 1) if 0 <= j < n
                )
                if not shouting and any(c.feature == "country" for c in _names(gazetteer.exact(span.text))):
                    accept(span, _hint_after(span), "gazetteer")
                    i += size
                    matched = True
                    break
                continue
            if not _capitalised(span) or (span[-1].pos_ not in ("PROPN", "NOUN", "X") and not dateline):
                continue
            name, hint = span, _hint_after(span)
            cands = _names(gazetteer.exact(name.text))
            # a capitalised name opening a line ("PLEASANTON, Calif.--", "IMMOKALEE –") is a dateline
            if (
                dateline
                and span.text.isupper()
                and any(c.feature != "city" or c.population >= SMALL_CITY for c in cands)
            ):
                accept(name, hint, "gazetteer")
                i += size
                matched = True
                break
            if _strong(cands, name, hint, None, home):
                accept(name, hint, "gazetteer")
                i += size
                matched = True
                break
        if not matched:
            i += 1


# ---------------------------------------------------------------------------------------------
# Datelines and qualifiers: "SAVANNAH, Ga. (AP) —", "ST. LOUIS (KMOX) –", "Columbus, GA"

# A place's state in the forms news writes it after a comma: a postal code ("GA"), an AP
# abbreviation ("Ga.", "N.C.", "W. Va."), or the name ("Georgia").
_AP_FORMS = frozenset(a for forms in ADMIN1_ABBREVIATIONS.values() for a in forms)
_QUALIFIER = re.compile(r"[A-Z][A-Za-z]*\.?(?: ?[A-Z][a-z]*\.?){0,2}")
_COUNTY_WORDS = re.compile(r"\b(?:COUNTY|PARISH|BOROUGH)$")
# What may follow a qualifier: the end of the name ("Aurora, Colo., said", "GA (WTVM)", "Ga. —").
_AFTER_QUALIFIER = re.compile(r"(?:[\s,;:)\]'’\"”]|$|-|—|–)")
# A dateline opening a line: the place in capitals (or in parentheses, or before a wire or
# station name), an optional state or county after a comma, the station, and a dash or colon.
_DATELINE = re.compile(
    r"^[ \t]*(?P<open>\()?(?:(?:NEAR|Near|OUTSIDE|Outside) )?"
    r"(?P<name>[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3})"
    r"(?:, ?(?P<qual>[A-Z][A-Za-z.'’-]*(?: ?[A-Z][A-Za-z.'’-]*){0,3}))?"
    r"(?(open)\))[ \t]*(?P<source>\([^()\n]{1,40}\)[ \t]*)?(?P<dash>—|–|-{1,2}|:)",
    re.M,
)


def _state_form(text: str, gazetteer: Gazetteer) -> tuple[tuple[str, str], ...] | None:
    """The regions a qualifier names: a postal code's, else () for a state or county name or
    abbreviation the gazetteer knows as one; None when it is none of these."""
    if text in POSTAL_CODES:
        return POSTAL_CODES[text]
    if text in _AP_FORMS:
        return ()
    if text.isupper() and not _COUNTY_WORDS.search(text):
        return None  # "Moscow, SANA -": capitals name an agency or a station, or a county
    if any(c.feature in ("admin1", "admin2") and not c.alternate for c in _names(gazetteer.exact(text))):
        return ()
    return None


def _datelines(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, tuple[tuple[str, str], ...]]]:
    """Places of datelines, with their qualifiers: (start, end, regions of a postal code)."""
    out: list[tuple[int, int, tuple[tuple[str, str], ...]]] = []
    for m in _DATELINE.finditer(text):
        name, qual = m.group("name"), m.group("qual")
        capitals = name.isupper() and len(fold(name)) > 2
        marked = bool(m.group("open") or m.group("source") or qual)
        if m.group("dash") == ":" and not (qual or m.group("source")):
            continue
        regions = _state_form(qual, gazetteer) if qual else None
        if qual and regions is None:
            continue  # "JOHN SMITH, Staff Writer —"
        cands = [c for c in _names(gazetteer.exact(name)) if c.feature in ("city", "admin2", "admin1", "country")]
        known = any(c.feature != "city" or (c.population >= SMALL_CITY and not c.alternate) for c in cands)
        if not (known or (marked and cands) or (qual and capitals)):
            continue  # an unknown name is a town only in capitals with its state
        if not (capitals or marked) and not any(not c.alternate and c.feature in ("city", "admin2") for c in cands):
            continue  # "Clinton Township — A man …" only as a known town
        out.append((m.start("name"), m.end("name"), ()))
        if qual:
            out.append((m.start("qual"), m.end("qual"), regions or ()))
    return out


def _qualifiers(doc: Doc, gazetteer: Gazetteer, found: list[_Found], placed: list[bool]) -> None:
    """A state after a place and a comma qualifies it ("Columbus, GA", "Aurora, Colo."), even
    where the tagger calls it an organisation; a town the tagger missed before a state is a
    place when the gazetteer knows it there or a preposition marks it ("in Campbellsburg,
    Indiana")."""
    text = doc_text(doc)
    for f in sorted(found, key=lambda f: f.start):
        _qualifier_after(doc, gazetteer, found, placed, f.end)
    for m in re.finditer(r"(?<![\w.])([A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*){0,2}), ?(?=[A-Z])", text):
        span = doc.char_span(m.start(1), m.end(1))
        if span is None or any(placed[i] for i in range(span.start, span.end)):
            continue
        q = _QUALIFIER.match(text, m.end())
        if q is None:
            continue
        qual = _longest_state(text, q.start(), q.end(), gazetteer)
        if qual is None:
            continue
        end, regions = qual
        regions_named = regions or tuple(
            (c.country, c.name)
            for c in _names(gazetteer.exact(text[q.start() : end]))
            if c.feature == "admin1" and c.country
        )
        town = [
            c
            for c in _names(gazetteer.exact(span.text))
            if c.feature == "city" and (c.country, c.admin1) in set(regions_named)
        ]
        if not town and not _preposition_before(span):
            continue
        if any(t.ent_type_ in (("PERSON",) if town else ("PERSON", "ORG", "DATE", "TIME")) for t in span):
            continue
        found.append(_Found(span.start_char, span.end_char, None, "gazetteer"))
        for i in range(span.start, span.end):
            placed[i] = True
        _qualifier_after(doc, gazetteer, found, placed, span.end_char)


def _longest_state(
    text: str, start: int, end: int, gazetteer: Gazetteer
) -> tuple[int, tuple[tuple[str, str], ...]] | None:
    """The longest state form starting at ``start`` (within ``end``) that a boundary follows."""
    ends = sorted({end, *(i for i in range(start + 1, end) if text[i] == " ")}, reverse=True)
    for e in ends:
        form = text[start:e].rstrip()
        if not form or not _AFTER_QUALIFIER.match(text, start + len(form)):
            continue
        rest = text[start + len(form) : start + len(form) + 2]
        if rest[:1] == " " and rest[1:2].isupper():
            continue  # "Paxton, Texas Attorney General": part of a longer name
        regions = _state_form(form, gazetteer)
        if regions is not None:
            return start + len(form), regions
    return None


def _qualifier_after(doc: Doc, gazetteer: Gazetteer, found: list[_Found], placed: list[bool], end: int) -> None:
    text = doc_text(doc)
    if text[end : end + 1] != ",":
        return
    start = end + 2 if text[end + 1 : end + 2] == " " else end + 1
    q = _QUALIFIER.match(text, start)
    if q is None:
        return
    qual = _longest_state(text, start, q.end(), gazetteer)
    if qual is None:
        return
    stop, regions = qual
    span = doc.char_span(start, stop, alignment_mode="expand")
    if span is None or any(placed[i] for i in range(span.start, span.end)):
        return
    found.append(_Found(start, stop, "admin1", "qualifier", regions))
    for i in range(span.start, span.end):
        placed[i] = True
