"""The data that moves between stages: frozen dataclasses, JSON by one function each way.

Offsets are always Python string indices into ``Article.text``. Every extracted fact keeps its
own offsets and the index of its sentence, so that :func:`evidence` can rebuild the exact
quote; :func:`evidence` refuses offsets whose text does not match, so a wrong offset fails
loudly instead of producing a fact with false provenance.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, get_args

SCHEMA = "newsfuse/report@1.2"

# ---------------------------------------------------------------------------------------------
# The vocabulary: every closed set of words a field carries, listed once. The dataclasses below
# use these types, and the tuples (read off the types, so they cannot drift) are what code
# iterates over.

CountCategory = Literal[
    "killed",
    "injured",
    "shot",  # hit by gunfire, outcome unstated, where the dead are among them (schema 1.1)
    "displaced",
    "detained",
    "released",
    "kidnapped",
    "missing",
    "deployed",
    "evacuated",
    "money",  # with `unit` the currency: "$5bn" -> USD 5,000,000,000
    "percent",  # unit "%": "rose 1 percent"
    "measure",  # with `unit` what is measured in: "34 inches of snow", "1,200 km2"
    "other",
]
COUNT_CATEGORIES: tuple[CountCategory, ...] = get_args(CountCategory)

# How the sources stand on one fact, in the order a fused report lists its facts: what several
# agree on, what changed over time (a later report's newer figure: an update, not a dispute),
# what they dispute, what another source states only in part or in doubt ("related": shown beside
# its closest counterpart), what one alone says. The first three are the contract's; "updated" was
# added with schema 1.1, "related" with 1.2.
Status = Literal["corroborated", "updated", "conflicting", "related", "single_source"]
STATUSES: tuple[Status, ...] = get_args(Status)
# The order a person reads them in: conflicts first (they need a decision), then what is
# confirmed, then what is not. Renderers sort by it; it also decides the colour of a span that
# several facts share.
STATUS_READING_ORDER: tuple[Status, ...] = ("conflicting", "corroborated", "updated", "related", "single_source")

# A figure for the whole of what it counts, or for a part of another figure's people: "12 killed,
# including 10 Americans" (the 10 is a subset), a named victim (one of the dead).
Scope = Literal["total", "subset"]
SCOPES: tuple[Scope, ...] = get_args(Scope)

# A claim aligns sentences of several sources ("statement"), or compares what the sources print
# about one named person: the spelling of the name, the age (added with schema 1.1).
ClaimKind = Literal["statement", "spelling", "age"]
CLAIM_KINDS: tuple[ClaimKind, ...] = get_args(ClaimKind)

PlaceRole = Literal["event", "mentioned"]  # the event's own place, or one the reports mention
ActorKind = Literal["person", "organization", "group"]
# "none": a vague phrase ("in recent days"); a week is resolved to its Monday.
DateGranularity = Literal["day", "week", "month", "year", "none"]
# What a date was resolved against: a full date in the text, the publication date, or nothing.
DateAnchor = Literal["text", "published", "none"]
DATE_GRANULARITIES: tuple[DateGranularity, ...] = get_args(DateGranularity)
DATE_ANCHORS: tuple[DateAnchor, ...] = get_args(DateAnchor)
# Why a piece of page text is no part of the report (extractors/furniture.py says how each is
# recognised): what the page puts around a report, not what the report says.
FurnitureReason = Literal[
    "caption",  # photo and video captions and credits: "(AP Photo/…)", "(Published Sunday, March 23, 2014)"
    "video player",  # player controls and clip titles: "Embed … 1:19 autoplay", "play pause …"
    "related link",  # "Related:", "ALSO:", "MORE: …" and the headlines listed under such a label
    "other story",  # a headline of another story: title-like, among furniture, not about this article
    "heading",  # a headline-like line about this article that is not its title: a subheading, a clip title
    "repeated headline",  # the article's title again inside the text, away from its top
    "newsletter",  # sign-up boxes, e-mail alerts, app promotions
    "copyright",
    "cookie",  # cookie, consent, browser, ad-blocker and robot-check notices
    "social",  # share bars, "Follow us on Twitter", embedded posts
    "byline",  # "By Jane Doe", "-- Marisa Gerber", contributor, e-mail and phone lines
    "advertisement",
    "timestamp",  # a line that only dates the page: "Posted: Aug 19, 2013 6:27 PM"
    "tip line",  # "Anyone with information … call Crime Stoppers at 713-222-TIPS"
    "site notice",  # "This story will be updated", "Report an error", "Click here"
    "link",  # a bare web address
    "separator",  # "___", "-----"
]
FURNITURE_REASONS: tuple[FurnitureReason, ...] = get_args(FurnitureReason)

_Word = TypeVar("_Word", bound=str)


def one_of(vocabulary: tuple[_Word, ...], word: str) -> _Word:
    """``word`` as a member of ``vocabulary`` (a checked narrowing: a word outside it is a bug)."""
    for known in vocabulary:
        if known == word:
            return known
    raise ValueError(f"{word!r} is not one of {', '.join(vocabulary)}")


def text_id(text: str) -> str:
    """A stable id for an article without one: the first 16 hex digits of SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_inferred: bool = False
    language: str = "en"
    story: str | None = None  # caller-given grouping key (JSON Lines `story`)
    # The date the text's own dateline or label gives, when it contradicts `published` by more
    # than a month (extractors/dates.py: infer_published): a doubt, shown to the reader.
    published_text: dt.date | None = None
    origin: str | None = None  # where it was read from (path, or "<stdin>:3"); for messages


@dataclass(frozen=True)
class Evidence:
    article: str
    sentence: int
    start: int
    end: int
    quote: str


class EvidenceError(ValueError):
    """Offsets that do not point at the text they claim to: always a bug upstream."""


def evidence(article: Article, sentence: int, start: int, end: int, quote: str | None = None) -> Evidence:
    """Build Evidence for ``article.text[start:end]``; if ``quote`` is given it must match."""
    if not (0 <= start <= end <= len(article.text)):
        raise EvidenceError(f"offsets {start}:{end} outside article {article.id} (length {len(article.text)})")
    actual = article.text[start:end]
    if quote is not None and quote != actual:
        raise EvidenceError(f"article {article.id} [{start}:{end}] is {actual!r}, not {quote!r}")
    return Evidence(article=article.id, sentence=sentence, start=start, end=end, quote=actual)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, FAC, ...
    start: int
    end: int
    sentence: int = 0
    country: str | None = None  # ISO code a demonym (NORP "Afghan") refers to


@dataclass(frozen=True)
class Place:
    text: str
    start: int
    end: int
    sentence: int = 0
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    name: str | None = None
    admin1: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    feature: str | None = None  # city, admin1, country, region, ...
    reason: str | None = None  # why unresolved, when geonames_id is None


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    date: dt.date | None
    granularity: DateGranularity
    anchor: DateAnchor
    sentence: int = 0


@dataclass(frozen=True)
class Count:
    category: CountCategory
    text: str  # the quantity as written: "about 400"
    subject: str | None  # "inmates", "Taliban fighters"
    low: int | float | None  # float only for percentages and measures ("1.5 percent")
    high: int | float | None
    approximate: bool
    attributed_to: str | None
    start: int  # offsets of `text`
    end: int
    sentence: int
    unit: str | None = None  # money, percent and measure: "USD", "%", "inch"
    scope: Scope = "total"
    # The day the figure holds for: the article's publication date, or the day the text ties it
    # to ("as of Monday"); None when neither is known. Later figures update earlier ones.
    as_of: dt.date | None = None
    # People "shot" whose outcome the text leaves open, read as wounded because the article reports
    # no death; a story that reports deaths reads them as hit (category shot) instead.
    hit: bool = False


@dataclass(frozen=True)
class Quote:
    speaker: str | None  # resolved name where the article gives it
    speaker_start: int | None  # offsets of the speaker mention in the text
    speaker_end: int | None
    text: str  # the content
    start: int  # offsets of the content
    end: int
    direct: bool
    cue: str | None  # "said", "told", "according to"
    sentence: int
    given_to: str | None = None  # the outlet a statement was given to: "TRT World"
    # The cue itself is negated ("did not say", "never said"): the speaker did not state the content.
    negated: bool = False


@dataclass(frozen=True)
class Proposition:
    """One statement of who did what: a normalised phrase for alignment, the clause as evidence."""

    text: str  # "security officers surrender to Taliban"
    start: int  # offsets of the clause in the article
    end: int
    sentence: int
    negated: bool = False
    verb: str | None = None


@dataclass(frozen=True)
class Furniture:
    """A piece of page text that is not the article's reporting: a caption, a related link, …

    Facts whose text lies in it are left out of the article's facts (extractors/furniture.py).
    """

    start: int  # offsets of the piece (a whole line, or a sentence of one)
    end: int
    sentence: int  # index of the sentence it starts in
    reason: FurnitureReason


@dataclass(frozen=True)
class ArticleFacts:
    article: Article
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    counts: tuple[Count, ...] = ()
    quotes: tuple[Quote, ...] = ()
    roles: tuple[Role, ...] = ()
    propositions: tuple[Proposition, ...] = ()
    furniture: tuple[Furniture, ...] = ()

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that contains ``offset`` (the last one starting at or before it)."""
        lo, hi = 0, len(self.sentences) - 1
        best = 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].start <= offset:
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        return best

    def evidence(self, start: int, end: int, sentence: int | None = None) -> Evidence:
        return evidence(self.article, self.sentence_of(start) if sentence is None else sentence, start, end)

    def in_furniture(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is page furniture (at least half of it in furniture)."""
        return covered(start, end, [(f.start, f.end) for f in self.furniture])


def covered(start: int, end: int, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> bool:
    """Whether at least half of ``[start, end)`` lies in ``spans`` (sorted, disjoint); an empty
    range counts when it sits inside one."""
    # The first span ending after ``start``, by bisection: a check per fact against every span
    # made long articles quadratic (issue 17).
    first = bisect_right(spans, start, key=lambda span: span[1])
    if end <= start:
        return first < len(spans) and spans[first][0] <= start
    inside = 0
    for i in range(first, len(spans)):
        a, b = spans[i]
        if a >= end:
            break
        inside += max(0, min(b, end) - max(a, start))
    return 2 * inside >= end - start


# ---------------------------------------------------------------------------------------------
# JSON: one function each way. Dates are ISO strings; tuples become lists.


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_json(value: Any) -> Any:
    """Any model object (or list/dict of them) as plain JSON-serialisable data."""
    return _plain(value)


def article_facts_to_json(facts: ArticleFacts) -> dict[str, Any]:
    """The contract's `newsfuse extract` object for one article."""
    a = facts.article
    return {
        "id": a.id,
        "source": a.source,
        "title": a.title,
        "url": a.url,
        "published": a.published.isoformat() if a.published else None,
        "published_inferred": a.published_inferred,
        "published_text": a.published_text.isoformat() if a.published_text else None,
        "language": a.language,
        "text": a.text,
        "sentences": [{"start": s.start, "end": s.end} for s in facts.sentences],
        "entities": to_json(list(facts.entities)),
        "places": to_json(list(facts.places)),
        "dates": to_json(list(facts.dates)),
        "counts": to_json(list(facts.counts)),
        "quotes": to_json(list(facts.quotes)),
        "roles": to_json(list(facts.roles)),
        "propositions": to_json(list(facts.propositions)),
        "furniture": to_json(list(facts.furniture)),
    }


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def article_facts_from_json(data: dict[str, Any]) -> ArticleFacts:
    """Inverse of :func:`article_facts_to_json` (extra keys are ignored)."""

    def build(cls: type, item: dict[str, Any]) -> Any:
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in item.items() if k in names}
        if cls is DateMention:
            kwargs["date"] = _date(kwargs.get("date"))
        return cls(**kwargs)

    article = Article(
        id=data["id"],
        text=data["text"],
        title=data.get("title"),
        source=data.get("source"),
        url=data.get("url"),
        published=_date(data.get("published")),
        published_inferred=bool(data.get("published_inferred")),
        language=data.get("language") or "en",
        story=data.get("story"),
        published_text=_date(data.get("published_text")),
    )
    return ArticleFacts(
        article=article,
        sentences=tuple(Sentence(s["start"], s["end"]) for s in data.get("sentences", [])),
        entities=tuple(build(Entity, e) for e in data.get("entities", [])),
        places=tuple(build(Place, p) for p in data.get("places", [])),
        dates=tuple(build(DateMention, d) for d in data.get("dates", [])),
        counts=tuple(build(Count, c) for c in data.get("counts", [])),
        quotes=tuple(build(Quote, q) for q in data.get("quotes", [])),
        roles=tuple(build(Role, r) for r in data.get("roles", [])),
        propositions=tuple(build(Proposition, p) for p in data.get("propositions", [])),
        furniture=tuple(build(Furniture, p) for p in data.get("furniture", [])),
    )


@dataclass(frozen=True)
class Story:
    id: str
    articles: tuple[ArticleFacts, ...]
    copies: dict[str, str] = field(default_factory=dict)  # article id -> id of the article it copies


# ---------------------------------------------------------------------------------------------
# The fused report of a story (contract: `newsfuse analyze --format json`).


@dataclass(frozen=True)
class Role:
    """A role the article gives a named actor: "Hasamuddin Shams, the provincial governor"."""

    name: str  # the actor's name as written
    role: str  # "provincial governor"
    start: int  # offsets of the role text
    end: int
    sentence: int


@dataclass(frozen=True)
class FusedBand:
    """What the sources' figures for one count allow together, and the single best value."""

    low: int | float | None
    high: int | float | None
    best: int | float | None


@dataclass(frozen=True)
class CountReport:
    article: str
    text: str
    low: int | float | None
    high: int | float | None
    attributed_to: str | None
    evidence: Evidence
    subject: str | None = None
    as_of: dt.date | None = None  # the day this source's figure holds for


@dataclass(frozen=True)
class CountUpdate:
    """A figure that changed over time: an earlier report's figure and the later one that
    replaces it ("two killed" on Sunday, "three killed" after a victim died on Monday)."""

    earlier: CountReport
    later: CountReport


@dataclass(frozen=True)
class FusedCount:
    category: CountCategory
    subject: str | None
    status: Status
    fused: FusedBand
    reports: tuple[CountReport, ...]
    silent: tuple[str, ...] = ()  # independent articles that give no figure for it
    unit: str | None = None
    scope: Scope = "total"
    updates: tuple[CountUpdate, ...] = ()  # oldest first; the fused figure is the latest one
    # How a row no source states as such was worked out from rows that are: "shot minus killed"
    # (the wounded of a story whose reports give everyone hit and the dead); its reports are theirs.
    derived: str | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: ActorKind
    roles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class FusedQuote:
    speaker: str | None  # actor id
    speaker_text: str | None
    text: str
    direct: bool
    evidence: Evidence
    cue: str | None = None
    given_to: str | None = None
    negated: bool = False  # "did not say": the content was not stated by the speaker


@dataclass(frozen=True)
class Claim:
    text: str
    status: Status
    evidence: tuple[Evidence, ...]
    articles: tuple[str, ...] = ()  # independent sources that state it
    reason: str | None = None  # why conflicting
    # "statement": aligned sentences; "spelling" / "age": what the sources print about one named
    # person, compared source by source (fuse/attributes.py); the text is then newsfuse's wording
    kind: ClaimKind = "statement"


@dataclass(frozen=True)
class SummaryLine:
    text: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class WherePlace:
    name: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    role: PlaceRole
    evidence: tuple[Evidence, ...]
    feature: str | None = None
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    text: str  # what happened that day (the sentence, trimmed)
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class When:
    date: dt.date | None
    start: dt.date | None
    end: dt.date | None
    evidence: tuple[Evidence, ...]
    timeline: tuple[TimelineEntry, ...] = ()
    note: str | None = None  # e.g. why an article's relative dates were left unresolved


@dataclass(frozen=True)
class Framing:
    """The words each source uses for one actor, where the sources differ."""

    actor: str  # actor id
    name: str
    terms: dict[str, tuple[str, ...]]  # article id -> terms it uses
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class StoryReport:
    id: str
    headline: str | None
    articles: tuple[str, ...]
    event_type: str | None
    when: When
    where: tuple[WherePlace, ...]
    actors: tuple[Actor, ...]
    counts: tuple[FusedCount, ...]
    quotes: tuple[FusedQuote, ...]
    claims: tuple[Claim, ...]
    summary: tuple[SummaryLine, ...]
    framing: tuple[Framing, ...] = ()
    copies: dict[str, str] = field(default_factory=dict)  # article id -> the article it copies


@dataclass(frozen=True)
class ArticleRef:
    id: str
    source: str | None
    title: str | None
    url: str | None
    published: dt.date | None
    published_inferred: bool = False
    published_text: dt.date | None = None  # the text's own date, when it contradicts `published`


@dataclass(frozen=True)
class Report:
    articles: tuple[ArticleRef, ...]
    stories: tuple[StoryReport, ...]
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # article id -> text, for renderers
    schema: str = SCHEMA


def report_to_json(report: Report) -> dict[str, Any]:
    """The contract's report object (article texts are not part of it)."""
    return {
        "schema": report.schema,
        "articles": to_json(list(report.articles)),
        "stories": to_json(list(report.stories)),
    }


# ---------------------------------------------------------------------------------------------
# JSON back to the report dataclasses (the store renders saved reports without any model).


def _from_plain(tp: Any, value: Any) -> Any:
    """Rebuild a value of type ``tp`` from :func:`to_json` output, led by the type hints, so that
    fields added later (with defaults) need no change here; unknown keys are ignored."""
    import types
    import typing

    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_plain(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        return tuple(_from_plain(args[0], v) for v in value)
    if origin is dict:
        _, item = typing.get_args(tp)
        return {k: _from_plain(item, v) for k, v in value.items()}
    if origin is Literal or tp is Any:
        return value
    if tp is dt.date:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if dataclasses.is_dataclass(tp):
        cls = typing.cast(type, tp)
        return cls(**{name: _from_plain(hint, value[name]) for name, hint in _field_hints(cls) if name in value})
    return value


@functools.cache
def _field_hints(tp: type) -> tuple[tuple[str, Any], ...]:
    # get_type_hints evaluates the string annotations anew on every call: cached, a stored report
    # loads about four times faster.
    import typing

    hints = typing.get_type_hints(tp)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(tp))


def story_report_from_json(data: dict[str, Any]) -> StoryReport:
    """Inverse of ``to_json(story_report)``: ``story_report_from_json(to_json(r)) == r``."""
    return _from_plain(StoryReport, data)


def report_from_json(data: dict[str, Any], texts: dict[str, str] | None = None) -> Report:
    """Inverse of :func:`report_to_json`; article texts are not in the JSON, pass them for renderers."""
    return Report(
        articles=tuple(_from_plain(ArticleRef, a) for a in data.get("articles", [])),
        stories=tuple(story_report_from_json(s) for s in data.get("stories", [])),
        texts=dict(texts or {}),
        schema=data.get("schema", SCHEMA),
    )
