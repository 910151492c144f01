"""Wording and formatting shared by every human-readable format.

Everything here only phrases what the Report already says: no fact is computed, merged or
judged in the renderers. Keeping the phrasing in one place means the terminal, markdown and
HTML say the same thing in the same words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import (
    STATUS_READING_ORDER,
    STATUSES,
    Actor,
    ArticleRef,
    Claim,
    CountReport,
    Evidence,
    Framing,
    FusedBand,
    FusedCount,
    FusedQuote,
    Report,
    StoryReport,
    When,
    WherePlace,
)

CORROBORATED, UPDATED, CONFLICTING, RELATED, SINGLE = STATUSES
STATUS_RANK: dict[str, int] = {status: rank for rank, status in enumerate(STATUS_READING_ORDER)}

DASH = "—"


@dataclass(frozen=True)
class Names:
    """How articles are named to a reader: by outlet, made unique, falling back to the id."""

    by_id: dict[str, str]
    refs: dict[str, ArticleRef]

    def __call__(self, article_id: str) -> str:
        return self.by_id.get(article_id, article_id)

    def title(self, article_id: str) -> str | None:
        ref = self.refs.get(article_id)
        return ref.title if ref else None


def article_names(report: Report) -> Names:
    """Source name per article; two articles from one outlet become "Outlet (1)", "Outlet (2)"."""
    base = {a.id: (a.source or "").strip() or a.id for a in report.articles}
    seen: dict[str, int] = {}
    for name in base.values():
        seen[name] = seen.get(name, 0) + 1
    numbered: dict[str, int] = {}
    by_id: dict[str, str] = {}
    for article_id, name in base.items():
        if seen[name] > 1:
            numbered[name] = numbered.get(name, 0) + 1
            name = f"{name} ({numbered[name]})"
        by_id[article_id] = name
    return Names(by_id=by_id, refs={a.id: a for a in report.articles})


def story_sources(story: StoryReport, names: Names) -> list[tuple[str, str]]:
    """(article id, name) for the story's articles, in the story's order."""
    return [(a, names(a)) for a in story.articles]


# --- numbers and dates ----------------------------------------------------------------------


def fmt_int(value: int | float | None) -> str:
    """ "1,000"; a fractional value keeps its decimals ("1.5")."""
    if value is None:
        return DASH
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def is_currency(unit: str | None) -> bool:
    """A money unit: an ISO 4217 code ("USD")."""
    return bool(unit) and len(unit or "") == 3 and (unit or "").isalpha() and (unit or "").isupper()


def fmt_value(value: int | float | None, unit: str | None = None) -> str:
    """ "1,000"; with a unit: "USD 5,000,000,000", "1.5 %", "34 inch"."""
    text = fmt_int(value)
    if value is None or not unit:
        return text
    return f"{unit} {text}" if is_currency(unit) else f"{text} {unit}"


def fmt_range(low: int | float | None, high: int | float | None, unit: str | None = None) -> str:
    if low is None and high is None:
        return DASH
    if high is None:
        return f"{fmt_value(low, unit)} or more"
    if low is None:
        return f"up to {fmt_value(high, unit)}"
    if low == high:
        return fmt_value(low, unit)
    span = f"{fmt_int(low)}–{fmt_int(high)}"
    if not unit:
        return span
    return f"{unit} {span}" if is_currency(unit) else f"{span} {unit}"


def fmt_band(band: FusedBand, unit: str | None = None) -> str:
    """ "400 (360–440)": the best figure first, because that is what a reader quotes."""
    span = fmt_range(band.low, band.high, unit)
    if band.best is None:
        return span
    best = fmt_value(band.best, unit)
    if band.high is None and band.best == band.low:
        return span  # "1,001 or more" already says it; "1,001 (1,001 or more)" says it twice
    return best if span in (best, DASH) else f"{best} ({fmt_range(band.low, band.high)})"


def fmt_date(value: dt.date | None) -> str:
    if value is None:
        return "unknown"
    return f"{value:%A} {value.day} {value:%B %Y}"


def fmt_day(value: dt.date, *, with_year: bool = True) -> str:
    """ "19 Aug 2024" (or "19 Aug"): a figure's day, short enough to sit beside a source's name."""
    return f"{value.day} {value:%b}" + (f" {value.year}" if with_year else "")


def fmt_when(when: When) -> str:
    start, end = when.start or when.date, when.end or when.date
    if start is None and end is None:
        return "date unknown"
    if start and end and start != end:
        return f"{fmt_date(start)} – {fmt_date(end)}"
    return fmt_date(start or end)


def fmt_published(ref: ArticleRef | None) -> str:
    if ref is None or ref.published is None:
        return "no date"
    if ref.published_text is not None:
        return f"{ref.published.isoformat()} (the text says {ref.published_text.isoformat()})"
    return f"{ref.published.isoformat()}{' (inferred)' if ref.published_inferred else ''}"


# --- places ---------------------------------------------------------------------------------


def fmt_coords(lat: float | None, lon: float | None) -> str | None:
    if lat is None or lon is None:
        return None
    ns, ew = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
    return f"{abs(lat):.2f}° {ns}, {abs(lon):.2f}° {ew}"


def fmt_place(place: WherePlace) -> str:
    """ "Qala i Naw (Badghis, AF)"; the region is skipped when it only repeats the name."""
    context = [p for p in (place.admin1, place.country) if p and p != place.name]
    return f"{place.name} ({', '.join(context)})" if context else place.name


def fmt_place_detail(place: WherePlace) -> str:
    """Coordinates and gazetteer id, or why the place could not be located."""
    coords = fmt_coords(place.lat, place.lon)
    if coords is None:
        return "not located"
    return f"{coords} · GeoNames {place.geonames_id}" if place.geonames_id else coords


PLACE_KINDS: dict[str, str] = {
    "city": "city",
    "admin1": "province/state",
    "admin2": "district/county",
    "country": "country",
    "continent": "continent",
    "region": "region",
}


def place_kind(place: WherePlace) -> str:
    return PLACE_KINDS.get(place.feature or "", "not located" if place.lat is None else "place")


def place_role(place: WherePlace) -> str:
    return "event" if place.role == "event" else "mentioned"


def event_places(story: StoryReport) -> list[WherePlace]:
    return [p for p in story.where if p.role == "event"]


def mentioned_places(story: StoryReport) -> list[WherePlace]:
    return [p for p in story.where if p.role != "event"]


# --- evidence -------------------------------------------------------------------------------


def sentence_number(ev: Evidence) -> int:
    """Sentences are counted from 1 for readers; the JSON keeps the 0-based index."""
    return ev.sentence + 1


def evidence_ref(ev: Evidence, names: Names) -> str:
    return f"{names(ev.article)}, sentence {sentence_number(ev)}"


def grouped_refs(evidence: Iterable[Evidence], names: Names) -> list[str]:
    """ "TRT World, sentences 3, 5": one reference per article, so a fact's sources read at a glance."""
    sentences: dict[str, list[int]] = {}
    for ev in evidence:
        numbers = sentences.setdefault(ev.article, [])
        if sentence_number(ev) not in numbers:
            numbers.append(sentence_number(ev))
    return [
        f"{names(article)}, sentence{'s' if len(nums) > 1 else ''} {', '.join(map(str, sorted(nums)))}"
        for article, nums in sentences.items()
    ]


def distinct_articles(evidence: Iterable[Evidence]) -> list[str]:
    out: list[str] = []
    for ev in evidence:
        if ev.article not in out:
            out.append(ev.article)
    return out


# --- counts ---------------------------------------------------------------------------------


def count_label(count: FusedCount) -> str:
    """ "Released: prisoners"; "Money: damage (USD)"; a subset reads as part of a total:
    "Killed, including children". "other" is not a word a reader needs to see."""
    subject = (count.subject or "").strip()
    unit = f" ({count.unit})" if count.unit and count.category != "percent" else ""
    subset = count.scope == "subset"
    if count.category == "other":
        base = subject[:1].upper() + subject[1:] if subject else "Other"
        return f"{base} (part of a total){unit}" if subset else base + unit
    category = count.category.capitalize()
    if subset:
        return f"{category}, including {subject}{unit}" if subject else f"{category} (part of a total){unit}"
    derived = f" ({count.derived})" if count.derived else ""  # "Injured: people (shot minus killed)"
    return (f"{category}: {subject}{unit}" if subject else category + unit) + derived


def ordered_counts(story: StoryReport) -> list[FusedCount]:
    """The story's figures in reading order (by status, see ``STATUS_READING_ORDER``); a subset
    ("including 2 children") follows its total when the story has one total of its category."""
    rows = sorted(story.counts, key=lambda c: STATUS_RANK.get(c.status, 9))
    totals: dict[str, int] = {}
    for c in rows:
        if c.scope != "subset":
            totals[c.category] = totals.get(c.category, 0) + 1
    out: list[FusedCount] = []
    for c in rows:
        if c.scope == "subset" and totals.get(c.category) == 1:
            continue  # placed under its total below
        out.append(c)
        if c.scope != "subset" and totals.get(c.category) == 1:
            out += [s for s in rows if s.scope == "subset" and s.category == c.category]
    return out


def count_articles(count: FusedCount) -> list[str]:
    out: list[str] = []
    for report in count.reports:
        if report.article not in out:
            out.append(report.article)
    return out


def count_noun(count: FusedCount) -> str:
    if count.category in ("other", "money", "percent", "measure"):
        return count.subject or ""
    return count.category


def figure_text(count: FusedCount, report: CountReport) -> str:
    """ "about 400 inmates": the source's own noun is kept where it differs from the fused one."""
    if report.subject and report.subject != count.subject:
        return f"{report.text} {report.subject}"
    return report.text


def fmt_count(count: FusedCount) -> str:
    """The fused figure of a count, with its unit."""
    return fmt_band(count.fused, count.unit)


@dataclass(frozen=True)
class SourceFigure:
    """One source within a value group: its reports of the figure, and what a reader should
    know about them beside the value (its own wording, who it cites, the day it holds for)."""

    article: str
    reports: tuple[CountReport, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ValueGroup:
    """The sources that give one figure (the same bounds): "3 — WKBW, AP, Daily Mail"."""

    label: str  # the figure as most of them write it
    low: int | float | None
    high: int | float | None
    sources: tuple[SourceFigure, ...]


def _as_of_note(day: dt.date, with_year: bool) -> str:
    return f"as of {fmt_day(day, with_year=with_year)}"


def value_groups(count: FusedCount) -> list[ValueGroup]:
    """The count's reports grouped by the figure they give, the most widely given first.

    Only an arrangement of the reports for reading: the status and the fused figure are
    fusion's. A report's day (``as_of``) is noted where it is not the day most reports hold for
    ("Two — WKLX (as of 18 Aug)" beside the Monday figures).
    """
    by_bounds: dict[tuple[int | float | None, int | float | None], list[CountReport]] = {}
    for report in count.reports:
        by_bounds.setdefault((report.low, report.high), []).append(report)
    days = [r.as_of for r in count.reports if r.as_of is not None]
    usual_day = max(sorted(set(days)), key=days.count) if days else None
    with_year = len({d.year for d in days}) > 1
    groups: list[ValueGroup] = []
    for (low, high), reports in by_bounds.items():
        texts = [figure_text(count, r) for r in reports]
        folded = [t.casefold() for t in texts]
        label = max(texts, key=lambda t: folded.count(t.casefold()))  # the first of the most common wordings
        per_source: dict[str, list[CountReport]] = {}
        for report in reports:
            per_source.setdefault(report.article, []).append(report)
        sources = []
        for article, own in per_source.items():
            notes: list[str] = []
            for report in own:
                wording = figure_text(count, report)
                if wording.casefold() != label.casefold():
                    notes.append(f"“{wording}”")
                if report.attributed_to:
                    notes.append(f"per {report.attributed_to}")
                if report.as_of is not None and report.as_of != usual_day:
                    notes.append(_as_of_note(report.as_of, with_year))
            sources.append(SourceFigure(article, tuple(own), tuple(dict.fromkeys(notes))))
        groups.append(ValueGroup(label, low, high, tuple(sources)))
    groups.sort(key=lambda g: (-len(g.sources), g.low is None, g.low or 0))
    return groups


def source_figure_text(source: SourceFigure, names: Names) -> str:
    """ "WKBW (“3”; per police; as of 19 Aug)"."""
    return f"{names(source.article)} ({'; '.join(source.notes)})" if source.notes else names(source.article)


def value_group_text(group: ValueGroup, names: Names) -> str:
    """ "3 — WKBW, AP (per police), Daily Mail"."""
    return f"{group.label} {DASH} " + ", ".join(source_figure_text(s, names) for s in group.sources)


# How many silent sources are named; beyond that they are only counted ("silent: 9 sources").
SILENT_NAMED = 3


def silent_text(count: FusedCount, names: Names) -> str | None:
    """The sources that give no figure for a count, summarised: "silent: 5 sources"."""
    if not count.silent:
        return None
    if len(count.silent) <= SILENT_NAMED:
        return "silent: " + join_names(count.silent, names)
    return f"silent: {len(count.silent)} sources"


def update_chain(count: FusedCount) -> list[CountReport]:
    """The reports an updated figure went through, oldest first: earlier of the first update,
    then the later report of each."""
    if not count.updates:
        return []
    chain = [count.updates[0].earlier]
    for update in count.updates:
        if update.earlier != chain[-1]:
            chain.append(update.earlier)
        chain.append(update.later)
    return chain


def count_status_phrase(count: FusedCount, names: Names) -> str:
    articles = count_articles(count)
    if count.status == CONFLICTING:
        figures = " vs ".join(g.label for g in value_groups(count))
        return f"Conflicting: {figures} {count_noun(count)}".rstrip()
    if count.status == UPDATED:
        chain = update_chain(count)
        return "Updated: " + " → ".join(figure_text(count, r) for r in chain) if chain else "Updated"
    if count.status == CORROBORATED:
        return f"Corroborated by {len(articles)} sources"
    return f"Only in {names(articles[0])}" if articles else "Single source"


# --- claims ---------------------------------------------------------------------------------


def claim_sources(claim: Claim) -> list[str]:
    return list(claim.articles) or distinct_articles(claim.evidence)


def claim_status_phrase(claim: Claim, names: Names) -> str:
    sources = claim_sources(claim)
    if claim.status == CORROBORATED:
        return f"Corroborated by {len(sources)} sources"
    if claim.status == CONFLICTING:
        return f"Conflicting: {claim.reason}" if claim.reason else "Conflicting"
    if claim.status == UPDATED:
        return "Updated"
    if claim.status == RELATED:
        others = [a for a in distinct_articles(claim.evidence) if a not in sources]
        return f"Close to what {names(others[0])} says" if others else "Close to another source"
    return f"Only in {names(sources[0])}" if sources else "Single source"


# --- facts by status: the one place the page's numbers come from ---------------------------


@dataclass(frozen=True)
class Fact:
    """A figure or a claim, as the status sections list it."""

    status: str
    count: FusedCount | None = None
    claim: Claim | None = None

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        if self.count is not None:
            return tuple(r.evidence for r in self.count.reports)
        return self.claim.evidence if self.claim is not None else ()

    def sources(self) -> list[str]:
        if self.count is not None:
            return count_articles(self.count)
        return claim_sources(self.claim) if self.claim is not None else []


@dataclass(frozen=True)
class Section:
    status: str
    title: str
    stat: str  # the word in the story's tally: "3 conflicting"
    empty: str | None  # what to say when no fact has this status; None: leave the section out


# In reading order (see model.STATUS_READING_ORDER): conflicts first, they need a decision.
_SECTION: dict[str, Section] = {
    CONFLICTING: Section(CONFLICTING, "Conflicts", "conflicting", "The sources do not contradict each other."),
    CORROBORATED: Section(
        CORROBORATED, "Corroborated by several sources", "corroborated", "Nothing is reported by more than one source."
    ),
    UPDATED: Section(UPDATED, "Updated figures", "updated", None),
    # A statement another source comes close to without being known to state the same fact: shown
    # beside that source's sentence, so the reader decides (fuse/claims.py).
    RELATED: Section(RELATED, "Close to another source (not confirmed as the same fact)", "related", None),
    SINGLE: Section(SINGLE, "Only in one source", "single-source", None),
}
SECTIONS: tuple[Section, ...] = tuple(_SECTION[status] for status in STATUS_READING_ORDER)


def status_facts(story: StoryReport) -> dict[str, list[Fact]]:
    """Every figure and every claim of the story under its status, figures first (in table
    order), then claims. The status sections list exactly these, and the story's tally
    (:func:`status_tally`) counts exactly these, so the numbers on a page always agree."""
    out: dict[str, list[Fact]] = {section.status: [] for section in SECTIONS}
    for count in ordered_counts(story):
        out.setdefault(count.status, []).append(Fact(count.status, count=count))
    for claim in story.claims:
        out.setdefault(claim.status, []).append(Fact(claim.status, claim=claim))
    return out


def status_tally(story: StoryReport) -> dict[str, int]:
    """How many facts (figures and claims) the story has of each status."""
    return {status: len(facts) for status, facts in status_facts(story).items()}


def tally_shown(story: StoryReport) -> list[tuple[Section, int]]:
    """The tally a story's header shows: every status whose section is always there, and the
    others (updated, related) when they occur."""
    tally = status_tally(story)
    return [(s, tally[s.status]) for s in SECTIONS if s.status not in (UPDATED, RELATED) or tally[s.status]]


def single_source_groups(story: StoryReport) -> list[tuple[str, list[Fact]]]:
    """Single-source figures and claims grouped by their source, in the story's article order."""
    groups: dict[str, list[Fact]] = {}
    for fact in status_facts(story)[SINGLE]:
        sources = fact.sources()
        groups.setdefault(sources[0] if sources else "", []).append(fact)
    order = {a: i for i, a in enumerate(story.articles)}
    return sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))


def fact_title(fact: Fact) -> str:
    """What a status section says a fact is: a claim's text; a figure's label and value."""
    if fact.claim is not None:
        return fact.claim.text
    assert fact.count is not None
    count = fact.count
    if count.status == SINGLE:  # one source: its own words, not a fused value
        written = "; ".join(
            f"{g.label} ({'; '.join(n for s in g.sources for n in s.notes)})"
            if any(s.notes for s in g.sources)
            else g.label
            for g in value_groups(count)
        )
        return f"{count_label(count)} {DASH} {written}"
    value = fmt_count(count)
    return count_label(count) if value == DASH else f"{count_label(count)} {DASH} {value}"


def fact_status_phrase(fact: Fact, names: Names) -> str:
    if fact.count is not None:
        return count_status_phrase(fact.count, names)
    assert fact.claim is not None
    return claim_status_phrase(fact.claim, names)


# --- the sentences behind a fact, side by side ------------------------------------------------

# A sentence ends at . ! ? (and any closing quote or bracket) before a space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s)|\n")
# Evidence that already ends its sentence: final punctuation (and any closing quote), or a line break.
_QUOTE_ENDS_SENTENCE = re.compile(r"[.!?][\"”’)\]]*\s*$|\n\s*$")
# How much text around the evidence a reader is shown, at most, on each side.
CONTEXT_CHARS = 240


@dataclass(frozen=True)
class Witness:
    """One source's sentence for a fact: the evidence, with the rest of its sentence around it."""

    article: str
    evidence: Evidence
    before: str
    quote: str
    after: str
    label: str | None = None  # a figure's role in an update ("earlier", "later")
    as_of: dt.date | None = None


def sentence_context(text: str | None, ev: Evidence, limit: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(before, quote, after): the evidence within its sentence, as far as ``limit`` characters on
    each side allow ("…" where cut). Without the article text, the quote alone."""
    if text is None or text[ev.start : ev.end] != ev.quote:
        return "", ev.quote, ""
    lo = max(0, ev.start - limit)
    head = text[lo : ev.start]
    ends = list(_SENTENCE_END.finditer(head))
    if ends:
        before = head[ends[-1].end() :]
    else:
        before = ("…" if lo > 0 else "") + head
    hi = min(len(text), ev.end + limit)
    tail = text[ev.end : hi]
    end = _SENTENCE_END.search(tail)
    if _QUOTE_ENDS_SENTENCE.search(ev.quote):
        after = ""  # the evidence runs to the end of its sentence (or its line) already
    elif end:
        after = tail[: end.end()].rstrip("\n")
    else:
        after = tail + ("…" if hi < len(text) else "")
    return _squash(before, keep_end=True), ev.quote, _squash(after, keep_start=True)


def _squash(text: str, *, keep_start: bool = False, keep_end: bool = False) -> str:
    """Runs of white space (line breaks too) as one space; one kept at an end that had one."""
    out = " ".join(text.split())
    if out and keep_start and text[:1].isspace():
        out = " " + out
    if out and keep_end and text[-1:].isspace():
        out += " "
    return out


def _witness(ev: Evidence, texts: dict[str, str], **kw) -> Witness:
    before, quote, after = sentence_context(texts.get(ev.article), ev)
    return Witness(ev.article, ev, before.lstrip(), " ".join(quote.split()), after.rstrip(), **kw)


def witnesses_of_report(report: CountReport, texts: dict[str, str]) -> Witness:
    """One source's sentence for its figure."""
    return _witness(report.evidence, texts, as_of=report.as_of)


def witnesses(fact: Fact, texts: dict[str, str]) -> list[Witness]:
    """Each source's sentence for a fact, in the fact's order of evidence."""
    return [_witness(ev, texts) for ev in fact.evidence]


def update_witnesses(count: FusedCount, texts: dict[str, str]) -> list[Witness]:
    """The figure's reports through time, oldest first: "earlier" ones, then the latest."""
    chain = update_chain(count)
    return [
        _witness(r.evidence, texts, label="latest" if i == len(chain) - 1 else "earlier", as_of=r.as_of)
        for i, r in enumerate(chain)
    ]


# --- people ---------------------------------------------------------------------------------


def actor_index(story: StoryReport) -> dict[str, Actor]:
    return {a.id: a for a in story.actors}


def speaker_name(quote: FusedQuote, actors: dict[str, Actor]) -> str:
    """The actor's canonical name where known, so one person's spellings read as one person."""
    actor = actors.get(quote.speaker or "")
    if actor is not None:
        return actor.name
    return quote.speaker_text or "unnamed source"


def speaker_as_written(quote: FusedQuote, actors: dict[str, Actor]) -> str | None:
    """The speaker as the article wrote it, when that differs from the canonical name."""
    name = speaker_name(quote, actors)
    return quote.speaker_text if quote.speaker_text and quote.speaker_text != name else None


def quote_kind(quote: FusedQuote) -> str:
    return "direct" if quote.direct else "indirect"


def quote_channel(quote: FusedQuote) -> str | None:
    """ "told TRT World": how the words reached the article."""
    if not quote.given_to:
        return quote.cue
    if quote.cue in ("told", "quoted by", "according to", "to"):
        return f"{quote.cue} {quote.given_to}"
    return f"{quote.cue}, via {quote.given_to}" if quote.cue else f"via {quote.given_to}"


def actor_detail(actor: Actor) -> str:
    parts: list[str] = [actor.kind]
    if actor.roles:
        parts.append(", ".join(actor.roles))
    if actor.aliases:
        parts.append("also written " + ", ".join(actor.aliases))
    return "; ".join(parts)


# --- framing --------------------------------------------------------------------------------


def framing_groups(frame: Framing, story: StoryReport) -> list[tuple[tuple[str, ...], list[str]]]:
    """The words used for one actor, each set with the sources that use it, the most shared first."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for article_id in story.articles:
        terms = frame.terms.get(article_id)
        if terms:
            groups.setdefault(tuple(terms), []).append(article_id)
    return sorted(groups.items(), key=lambda item: -len(item[1]))


# --- copies ---------------------------------------------------------------------------------


def copy_lines(story: StoryReport, names: Names) -> list[str]:
    return [f"{names(copy)} copies {names(original)}" for copy, original in story.copies.items()]


def join_names(ids: Sequence[str], names: Names) -> str:
    return ", ".join(names(a) for a in ids)
