"""Wording and formatting shared by every human-readable format.

Everything here only phrases what the Report already says: no fact is computed, merged or
judged in the renderers. Keeping the phrasing in one place means the terminal, markdown and
HTML say the same thing in the same words.
"""

from __future__ import annotations

import datetime as dt
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
    FusedBand,
    FusedCount,
    FusedQuote,
    Report,
    StoryReport,
    When,
    WherePlace,
)

CORROBORATED, UPDATED, CONFLICTING, SINGLE = STATUSES
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


def fmt_range(low: int | float | None, high: int | float | None) -> str:
    if low is None and high is None:
        return DASH
    if high is None:
        return f"{fmt_int(low)} or more"
    if low is None:
        return f"up to {fmt_int(high)}"
    if low == high:
        return fmt_int(low)
    return f"{fmt_int(low)}–{fmt_int(high)}"


def fmt_band(band: FusedBand) -> str:
    """ "400 (360–440)": the best figure first, because that is what a reader quotes."""
    span = fmt_range(band.low, band.high)
    if band.best is None:
        return span
    best = fmt_int(band.best)
    if band.high is None and band.best == band.low:
        return span  # "1,001 or more" already says it; "1,001 (1,001 or more)" says it twice
    return best if span in (best, DASH) else f"{best} ({span})"


def fmt_date(value: dt.date | None) -> str:
    if value is None:
        return "unknown"
    return f"{value:%A} {value.day} {value:%B %Y}"


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
    """ "Released: prisoners"; "other" is not a word a reader needs to see."""
    subject = (count.subject or "").strip()
    if count.category == "other":
        return subject[:1].upper() + subject[1:] if subject else "Other"
    category = count.category.capitalize()
    return f"{category}: {subject}" if subject else category


def count_articles(count: FusedCount) -> list[str]:
    out: list[str] = []
    for report in count.reports:
        if report.article not in out:
            out.append(report.article)
    return out


def count_noun(count: FusedCount) -> str:
    if count.category == "other":
        return count.subject or ""
    return count.category


def count_status_phrase(count: FusedCount, names: Names) -> str:
    articles = count_articles(count)
    if count.status == CONFLICTING:
        figures = " vs ".join(r.text for r in count.reports)
        return f"Conflicting: {figures} {count_noun(count)}".rstrip()
    if count.status == CORROBORATED:
        return f"Corroborated by {len(articles)} sources"
    return f"Only in {names(articles[0])}" if articles else "Single source"


def figure_text(count: FusedCount, report: CountReport) -> str:
    """ "about 400 inmates": the source's own noun is kept where it differs from the fused one."""
    if report.subject and report.subject != count.subject:
        return f"{report.text} {report.subject}"
    return report.text


def count_figures(count: FusedCount, article_id: str) -> list[tuple[str, str | None]]:
    """(figure as written, who the source attributes it to) for one source's reports of a count."""
    return [(figure_text(count, r), r.attributed_to) for r in count.reports if r.article == article_id]


def count_absence(count: FusedCount, article_id: str, story: StoryReport, names: Names) -> str:
    """Why a source has no figure for a count: a copy, silent on it, or simply not reporting it."""
    if article_id in story.copies:
        return f"copy of {names(story.copies[article_id])}"
    if article_id in count.silent:
        return f"{DASH} no figure"
    return DASH


def count_cell(count: FusedCount, article_id: str, story: StoryReport, names: Names) -> str:
    """What one source says for one count, on one line."""
    figures = count_figures(count, article_id)
    if not figures:
        return count_absence(count, article_id, story, names)
    return "; ".join(f"{text} ({attr})" if attr else text for text, attr in figures)


# --- claims ---------------------------------------------------------------------------------


def claim_sources(claim: Claim) -> list[str]:
    return list(claim.articles) or distinct_articles(claim.evidence)


def claim_status_phrase(claim: Claim, names: Names) -> str:
    sources = claim_sources(claim)
    if claim.status == CORROBORATED:
        return f"Corroborated by {len(sources)} sources"
    if claim.status == CONFLICTING:
        return f"Conflicting: {claim.reason}" if claim.reason else "Conflicting"
    return f"Only in {names(sources[0])}" if sources else "Single source"


def claims_with(story: StoryReport, status: str) -> list[Claim]:
    return [c for c in story.claims if c.status == status]


def single_source_groups(story: StoryReport) -> list[tuple[str, list[Claim]]]:
    """Single-source claims grouped by their source, in the story's article order."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims_with(story, SINGLE):
        sources = claim_sources(claim)
        groups.setdefault(sources[0] if sources else "", []).append(claim)
    order = {a: i for i, a in enumerate(story.articles)}
    return sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))


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


# --- copies ---------------------------------------------------------------------------------


def copy_lines(story: StoryReport, names: Names) -> list[str]:
    return [f"{names(copy)} copies {names(original)}" for copy, original in story.copies.items()]


def join_names(ids: Sequence[str], names: Names) -> str:
    return ", ".join(names(a) for a in ids)
