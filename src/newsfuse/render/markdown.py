"""The report as GitHub-flavoured markdown: the same sections and words as the terminal view.

Article-derived text is escaped (see :func:`md`), so a headline cannot open a link, a table
cell, an HTML tag or emphasis; evidence is cited as ``[source, sentence N]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Evidence, FusedCount, Report, StoryReport
from . import view as v

# An update is a change over time, not a dispute: its own icon, never the conflict's cross.
STATUS_ICON: dict[str, str] = {
    v.CORROBORATED: "✅",
    v.UPDATED: "🔄",
    v.RELATED: "🔗",
    v.SINGLE: "⚪",
    v.CONFLICTING: "❌",
}

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
        lines += _story(story, report, names)
    return "\n".join(lines).rstrip() + "\n"


def _story(story: StoryReport, report: Report, names: v.Names) -> list[str]:
    lines = [f"## {md(story.headline) or 'Untitled story'}", ""]
    lines += _event_line(story, names)
    lines += _sources(story, names)
    if story.summary:
        lines += ["### Summary", ""]
        lines += [f"- {md(line.text)} {_refs(line.evidence, names)}" for line in story.summary] + [""]
    lines += _counts(story, names)
    lines += _sections(story, report, names)
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
    lines.append(f"**When:** {md(v.fmt_when(story.when))} {_refs(story.when.evidence, names)}".rstrip() + "  ")
    tally = " · ".join(f"{n} {section.stat}" for section, n in v.tally_shown(story))
    lines.append(f"**Facts:** {tally}")
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
    """Four columns whatever the number of sources: the sources are grouped by the figure they
    give, inside one cell ("**3** — A, B · **2** — C"), and the silent ones summarised."""
    lines = ["### Counts", ""]
    if not story.counts:
        return lines + ["No figures reported.", ""]
    rows = []
    for count in v.ordered_counts(story):
        status = f"{STATUS_ICON.get(count.status, '')} {md(v.count_status_phrase(count, names))}".strip()
        rows.append([md(v.count_label(count)), f"**{md(v.fmt_count(count))}**", status, _groups_cell(count, names)])
    lines += ["The sources grouped by the figure they give.", ""]
    return lines + _table(["What", "Fused", "Status", "Sources"], rows)


def _groups_cell(count: FusedCount, names: v.Names) -> str:
    parts = []
    for group in v.value_groups(count):
        sources = []
        for source in group.sources:
            entry = _refs([r.evidence for r in source.reports], names)
            if source.notes:
                entry += f" ({md('; '.join(source.notes))})"
            sources.append(entry)
        parts.append(f"**{md(group.label)}** — " + ", ".join(sources))
    silent = v.silent_text(count, names)
    if silent:
        parts.append(f"*{md(silent)}*")
    return " · ".join(parts)


def _md_spaced(text: str) -> str:
    """:func:`md`, keeping one space at either end that had one (the pieces of a sentence)."""
    out = md(text)
    if out and text[:1].isspace():
        out = " " + out
    if out and text[-1:].isspace():
        out += " "
    return out


def _snippet(w: v.Witness) -> str:
    """The source's sentence with the evidence in bold."""
    quote = f"**{md(w.quote)}**" if w.quote.strip() else ""
    return f"“{_md_spaced(w.before)}{quote}{_md_spaced(w.after)}”"


def _sections(story: StoryReport, report: Report, names: v.Names) -> list[str]:
    """The facts under each status (view.status_facts: what the tally counts), conflicts first;
    each conflict, corroboration and update with every source's sentence beneath it."""
    facts = v.status_facts(story)
    lines: list[str] = []
    for section in v.SECTIONS:
        items = facts[section.status]
        if not items and section.empty is None:
            continue
        lines += [f"### {section.title} ({len(items)})", ""]
        if not items:
            lines += [section.empty or "", ""]
            continue
        if section.status == v.SINGLE:
            for article_id, group in v.single_source_groups(story):
                lines += [f"#### Only in {md(names(article_id))}", ""]
                lines += [f"- {md(v.fact_title(f))} {_refs(f.evidence, names)}" for f in group] + [""]
            continue
        icon = STATUS_ICON.get(section.status, "")
        for fact in items:
            phrase = md(v.fact_status_phrase(fact, names))
            lines.append(f"- {icon} **{md(v.fact_title(fact))}** — *{phrase}*")
            if section.status == v.UPDATED and fact.count is not None and fact.count.updates:
                for w in v.update_witnesses(fact.count, report.texts):
                    when = f"{w.label}, as of {v.fmt_day(w.as_of)}" if w.as_of else w.label
                    lines.append(f"  - {md(when)} [{md(v.evidence_ref(w.evidence, names))}]: {_snippet(w)}")
            else:
                for w in v.witnesses(fact, report.texts):
                    lines.append(f"  - [{md(v.evidence_ref(w.evidence, names))}]: {_snippet(w)}")
        lines.append("")
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
    """Per actor, the words used and the sources that use them (never a column per source)."""
    if not story.framing:
        return []
    lines = ["### Framing", "", "The words each source uses for the same actor.", ""]
    for frame in story.framing:
        lines.append(f"- **{md(frame.name)}**")
        for terms, articles in v.framing_groups(frame, story):
            lines.append(f"  - {md(', '.join(terms))} — {md(v.join_names(articles, names))}")
    return lines + [""]


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
