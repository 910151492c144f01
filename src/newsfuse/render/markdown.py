"""The report as GitHub-flavoured markdown: the same sections and words as the terminal view.

Article-derived text is escaped (see :func:`md`), so a headline cannot open a link, a table
cell, an HTML tag or emphasis; evidence is cited as ``[source, sentence N]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Evidence, Report, StoryReport
from . import view as v

STATUS_ICON: dict[str, str] = {v.CORROBORATED: "✅", v.SINGLE: "⚪", v.CONFLICTING: "❌"}

# Markdown punctuation that can change meaning anywhere in a line. `<`/`>` are escaped so
# GitHub never sees an HTML tag from an article; `|` so table cells cannot be split.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Characters that only mean something at the start of a line (headings, lists, quotes).
_LINE_START = re.compile(r"^(\s*)(\d+(?=[.)]\s)|)([#+\-=.)])")
# An `&` that would start an entity ("&lt;") must stay literal.
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(text: str | None) -> str:
    """Markdown-escape text from an article or the report, on one line."""
    if not text:
        return ""
    text = " ".join(text.split())  # a newline would end a table row or a list item
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    # "1. " or "- " at the start would become a list: escape the punctuation, keep the digits.
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2) + "\\" + m.group(3), text)


def _refs(evidence: Iterable[Evidence], names: v.Names) -> str:
    return " ".join(f"[{md(ref)}]" for ref in v.grouped_refs(evidence, names))


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines + [""]


def render_markdown(report: Report) -> str:
    names = v.article_names(report)
    lines = [
        "# newsfuse report",
        "",
        f"{len(report.articles)} article{'s' if len(report.articles) != 1 else ''}, "
        f"{len(report.stories)} {'story' if len(report.stories) == 1 else 'stories'}.",
        "",
    ]
    if not report.stories:
        lines += ["No stories: nothing to cross-check.", ""]
    for story in report.stories:
        lines += _story(story, names)
    return "\n".join(lines).rstrip() + "\n"


def _story(story: StoryReport, names: v.Names) -> list[str]:
    lines = [f"## {md(story.headline) or 'Untitled story'}", ""]
    lines += _event_line(story, names)
    lines += _sources(story, names)
    if story.summary:
        lines += ["### Summary", ""]
        lines += [f"- {md(line.text)} {_refs(line.evidence, names)}" for line in story.summary] + [""]
    lines += _counts(story, names)
    lines += _claims(story, names)
    lines += _quotes(story, names)
    lines += _framing(story, names)
    lines += _timeline(story, names)
    lines += _places(story, names)
    lines += _actors(story)
    lines += _copies(story, names)
    return lines


def _event_line(story: StoryReport, names: v.Names) -> list[str]:
    lines = []
    if story.event_type:
        lines.append(f"**What:** {md(story.event_type)}  ")
    places = v.event_places(story)
    where = "; ".join(f"{md(v.fmt_place(p))} ({md(v.fmt_place_detail(p))})" for p in places) or "unknown"
    lines.append(f"**Where:** {where}  ")
    lines.append(f"**When:** {md(v.fmt_when(story.when))} {_refs(story.when.evidence, names)}".rstrip())
    if story.when.note:
        lines += ["", f"> *{md(story.when.note)}*"]
    mentioned = v.mentioned_places(story)
    if mentioned:
        lines += [
            "",
            "**Also mentioned:** "
            + "; ".join(f"{md(v.fmt_place(p))} ({md(v.fmt_place_detail(p))})" for p in mentioned),
        ]
    return lines + [""]


def _places(story: StoryReport, names: v.Names) -> list[str]:
    if not story.where:
        return []
    rows = []
    for place in story.where:
        name = md(v.fmt_place(place))
        rows.append(
            [
                f"**{name}**" if place.role == "event" else name,
                v.place_role(place),
                md(v.place_kind(place)),
                md(v.fmt_coords(place.lat, place.lon) or "not located"),
                str(place.geonames_id) if place.geonames_id else v.DASH,
                md(v.join_names(place.articles or v.distinct_articles(place.evidence), names)),
                _refs(place.evidence[:3], names),
            ]
        )
    return ["### Places", ""] + _table(
        ["Place", "Role", "Kind", "Coordinates", "GeoNames", "Sources", "Evidence"], rows
    )


def _sources(story: StoryReport, names: v.Names) -> list[str]:
    rows = []
    for article_id in story.articles:
        title = md(names.title(article_id))
        if article_id in story.copies:
            title += f" *(copy of {md(names(story.copies[article_id]))})*"
        rows.append([md(names(article_id)), title, md(v.fmt_published(names.refs.get(article_id)))])
    return ["### Sources", ""] + _table(["Source", "Title", "Published"], rows)


def _counts(story: StoryReport, names: v.Names) -> list[str]:
    lines = ["### Counts", ""]
    if not story.counts:
        return lines + ["No figures reported.", ""]
    header = ["What"] + [md(name) for _, name in v.story_sources(story, names)] + ["Fused", "Status"]
    rows = []
    for count in sorted(story.counts, key=lambda c: v.STATUS_RANK.get(c.status, 9)):
        cells = []
        for article_id in story.articles:
            cell = md(v.count_cell(count, article_id, story, names))
            refs = [r.evidence for r in count.reports if r.article == article_id]
            if refs:
                cell += " " + _refs(refs, names)
            cells.append(cell)
        status = f"{STATUS_ICON.get(count.status, '')} {md(v.count_status_phrase(count, names))}".strip()
        rows.append([md(v.count_label(count)), *cells, f"**{md(v.fmt_band(count.fused))}**", status])
    return lines + _table(header, rows)


def _claims(story: StoryReport, names: v.Names) -> list[str]:
    lines = ["### Corroborated by several sources", ""]
    corroborated = v.claims_with(story, v.CORROBORATED)
    lines += [
        f"- {STATUS_ICON[v.CORROBORATED]} {md(c.text)} — *{md(v.claim_status_phrase(c, names))}*: {_refs(c.evidence, names)}"
        for c in corroborated
    ] or ["Nothing is reported by more than one source."]
    lines += ["", "### Conflicts", ""]
    conflicting = v.claims_with(story, v.CONFLICTING)
    lines += [
        f"- {STATUS_ICON[v.CONFLICTING]} {md(c.text)} — **{md(v.claim_status_phrase(c, names))}**: {_refs(c.evidence, names)}"
        for c in conflicting
    ] or ["The sources do not contradict each other."]
    lines.append("")
    groups = v.single_source_groups(story)
    if groups:
        lines += ["### Only in one source", ""]
        for article_id, claims in groups:
            lines += [f"#### Only in {md(names(article_id))}", ""]
            lines += [f"- {md(c.text)} {_refs(c.evidence, names)}" for c in claims] + [""]
    return lines


def _quotes(story: StoryReport, names: v.Names) -> list[str]:
    if not story.quotes:
        return []
    actors = v.actor_index(story)
    lines = ["### Who said what", ""]
    for quote in story.quotes:
        head = f"**{md(v.speaker_name(quote, actors))}**"
        written = v.speaker_as_written(quote, actors)
        if written:
            head += f" (“{md(written)}”)"
        detail = ", ".join(x for x in (v.quote_kind(quote), v.quote_channel(quote)) if x)
        head += f" — {md(detail)} [{md(v.evidence_ref(quote.evidence, names))}]"
        body = f"“{md(quote.text)}”" if quote.direct else f"*{md(quote.text)}*"
        lines += [head, "", f"> {body}", ""]
    return lines


def _framing(story: StoryReport, names: v.Names) -> list[str]:
    if not story.framing:
        return []
    header = ["Actor"] + [md(name) for _, name in v.story_sources(story, names)]
    rows = [
        [f"**{md(f.name)}**", *[md(", ".join(f.terms.get(a, ()))) or v.DASH for a in story.articles]]
        for f in story.framing
    ]
    return ["### Framing", "", "The words each source uses for the same actor.", ""] + _table(header, rows)


def _timeline(story: StoryReport, names: v.Names) -> list[str]:
    if not story.when.timeline:
        return []
    lines = ["### Timeline", ""]
    lines += [f"- **{md(v.fmt_date(e.date))}** — {md(e.text)} {_refs(e.evidence, names)}" for e in story.when.timeline]
    return lines + [""]


def _actors(story: StoryReport) -> list[str]:
    if not story.actors:
        return []
    return ["### Who is involved", ""] + [f"- **{md(a.name)}** — {md(v.actor_detail(a))}" for a in story.actors] + [""]


def _copies(story: StoryReport, names: v.Names) -> list[str]:
    lines = v.copy_lines(story, names)
    if not lines:
        return []
    return ["### Copies", "", "Counted once, as their original.", ""] + [f"- {md(line)}" for line in lines] + [""]
