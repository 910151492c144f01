"""The report for a terminal, with rich: tables, and colour by status when stdout is a TTY.

Every piece of article-derived text goes in as a ``rich.text.Text``, never as a markup
string, so a headline containing "[bold]" or "[/]" is printed, not interpreted.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable, Sequence
from typing import TypeVar

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..model import Evidence, Report, StoryReport
from . import view as v
from .terminal import blanked, terminal_safe

STATUS_STYLE: dict[str, str] = {
    v.CORROBORATED: "green",
    v.UPDATED: "blue",
    v.RELATED: "cyan",
    v.SINGLE: "yellow",
    v.CONFLICTING: "bold red",
}
# An update is a change over time, not a dispute: its own mark, never the conflict's cross.
STATUS_MARK: dict[str, str] = {
    v.CORROBORATED: "✔",
    v.UPDATED: "↻",
    v.RELATED: "≈",
    v.SINGLE: "•",
    v.CONFLICTING: "✖",
}
DIM = "grey50"
T = TypeVar("T")

# Outlet names are the report's references: a line break inside one ("Global News" / "Network")
# makes it unsearchable. Their spaces become this character, which rich does not break at, for
# the layout, and spaces again in the output. (A private-use code point: never in a name.)
GLUE = "\ue000"


def _glued(names: v.Names) -> v.Names:
    return v.Names(by_id={k: n.replace(" ", GLUE) for k, n in names.by_id.items()}, refs=names.refs)


def _safe(value: T) -> T:
    """``value`` (the report, or any part of it) with every string made terminal-safe."""
    if isinstance(value, str):
        return terminal_safe(value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _safe(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        items = [_safe(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)  # type: ignore[return-value]
    if isinstance(value, list):
        return [_safe(item) for item in value]  # type: ignore[return-value]
    if isinstance(value, dict):
        return {_safe(k): _safe(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, (set, frozenset)):
        return type(value)(_safe(item) for item in value)
    return value


def _safe_report(report: Report) -> Report:
    texts = {terminal_safe(k): blanked(v) for k, v in report.texts.items()}
    return dataclasses.replace(_safe(dataclasses.replace(report, texts={})), texts=texts)


def render_text(report: Report, *, color: bool = False, width: int = 110) -> str:
    report = _safe_report(report)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="auto" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        force_jupyter=False,
        force_interactive=False,
        legacy_windows=False,
    )
    names = _glued(v.article_names(report))
    console.print(
        Text.assemble(
            ("newsfuse report", "bold"),
            (
                f"  ·  {_plural(len(report.articles), 'article')}, {_plural(len(report.stories), 'story', 'stories')}",
                DIM,
            ),
        )
    )
    if not report.stories:
        console.print(Text("No stories: nothing to cross-check.", style=DIM))
    for number, story in enumerate(report.stories, 1):
        for part in _story(story, report, names, number, len(report.stories), width):
            console.print(part)
    # rich pads every line to the full width; trailing blanks only get in the way of diffs and pipes.
    out = buffer.getvalue().replace(GLUE, " ")
    return "\n".join(line.rstrip() for line in out.splitlines()) + "\n"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _refs(evidence: Iterable[Evidence], names: v.Names) -> Text:
    return Text(" ".join(f"[{ref}]" for ref in v.grouped_refs(evidence, names)), style=DIM)


def _heading(title: str, note: str | None = None) -> Text:
    text = Text("\n" + title, style="bold underline")
    if note:
        text.append(f"  {note}", style=DIM)
    return text


def _status(status: str, phrase: str) -> Text:
    return Text(f"{STATUS_MARK.get(status, '')} {phrase}".strip(), style=STATUS_STYLE.get(status, ""))


def _bullets(items: Sequence[tuple[Text, Text | None]], mark: str = "•", style: str = "") -> RenderableType:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1, style=style)
    table.add_column(ratio=1)
    for body, refs in items:
        cell = body.copy()
        if refs is not None and refs.plain:
            cell.append(" ")
            cell.append_text(refs)
        table.add_row(Text(mark, style=style), cell)
    return Padding(table, (0, 0, 0, 2))


def _story(
    story: StoryReport, report: Report, names: v.Names, number: int, total: int, width: int
) -> list[RenderableType]:
    out: list[RenderableType] = [Text(""), Rule(Text(f" Story {number}/{total} ", style="bold"), style="cyan")]
    out.append(Text(story.headline or "(untitled story)", style="bold"))
    out.append(_event_line(story, names))
    out.extend(_sources(story, report, names))
    if story.summary:
        out.append(_heading("Summary"))
        out.append(_bullets([(Text(line.text), _refs(line.evidence, names)) for line in story.summary]))
    out.extend(_counts(story, names, width))
    out.extend(_sections(story, report, names, width))
    out.extend(_quotes(story, names, width))
    out.extend(_framing(story, names, width))
    out.extend(_timeline(story, names))
    out.extend(_places(story, names))
    out.extend(_actors(story, names))
    out.extend(_copies(story, names))
    return out


def _event_line(story: StoryReport, names: v.Names) -> RenderableType:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    if story.event_type:
        grid.add_row("What", Text(story.event_type))
    places = v.event_places(story)
    where = Text()
    for i, place in enumerate(places):
        if i:
            where.append("; ")
        where.append(v.fmt_place(place))
        where.append(f"  {v.fmt_place_detail(place)}", style=DIM)
    grid.add_row("Where", where if places else Text("unknown", style=DIM))
    when = Text(v.fmt_when(story.when))
    if story.when.evidence:
        when.append(" ")
        when.append_text(_refs(story.when.evidence, names))
    grid.add_row("When", when)
    if story.when.note:
        grid.add_row("", Text(story.when.note, style="italic " + DIM))
    grid.add_row("Facts", _tally(story))
    mentioned = v.mentioned_places(story)
    for i, place in enumerate(mentioned):
        grid.add_row(
            "Also mentioned" if i == 0 else "",
            Text.assemble(v.fmt_place(place), (f"  {v.fmt_place_detail(place)}", DIM)),
        )
    return Padding(grid, (1, 0, 0, 0))


def _tally(story: StoryReport) -> Text:
    """ "3 conflicting · 6 corroborated · 7 single-source": the lengths of the status sections."""
    out = Text()
    for i, (section, n) in enumerate(v.tally_shown(story)):
        if i:
            out.append(" · ", style=DIM)
        out.append(f"{n} {section.stat}", style=STATUS_STYLE.get(section.status, "") if n else DIM)
    return out


def _sources(story: StoryReport, report: Report, names: v.Names) -> list[RenderableType]:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("Source", no_wrap=True)
    table.add_column("Title", ratio=1)
    table.add_column("Published", no_wrap=True)
    for article_id in story.articles:
        copy_of = story.copies.get(article_id)
        title = Text(names.title(article_id) or "")
        if copy_of:
            title.append(f"  (copy of {names(copy_of)})", style=DIM)
        table.add_row(Text(names(article_id)), title, Text(v.fmt_published(names.refs.get(article_id))))
    return [_heading("Sources", _plural(len(story.articles), "article")), Padding(table, (0, 0, 0, 2))]


# --- laying out columns by hand: rich tables fold a long word anywhere; these keep names whole --

_MEASURE = Console(width=1000, color_system=None, markup=False, emoji=False, highlight=False)


def _columns(cells: Sequence[tuple[Text, int, int]]) -> Text:
    """Cells side by side as (text, width, gap after it); each wraps at spaces in its width (a
    word longer than its column is folded: the only case a word is cut)."""
    wrapped = [list(text.wrap(_MEASURE, max(1, width), overflow="fold")) or [Text()] for text, width, _ in cells]
    height = max(len(lines) for lines in wrapped)
    out = Text()
    for i in range(height):
        if i:
            out.append("\n")
        for j, ((_, width, gap), lines) in enumerate(zip(cells, wrapped)):
            part = lines[i].copy() if i < len(lines) else Text()
            part.rstrip()
            if j < len(cells) - 1:
                part.set_length(width)
                part.append(" " * gap)
            out.append_text(part)
    return out


def _width_of(texts: Iterable[str], low: int, high: int) -> int:
    """A column as wide as its longest text, between ``low`` and ``high``."""
    return max(low, min(high, max((len(t) for t in texts), default=low)))


def _block(lines: list[Text]) -> RenderableType:
    text = Text("\n").join(lines)
    text.no_wrap = True
    return Padding(text, (0, 0, 0, 2))


# --- counts -----------------------------------------------------------------------------------


def _source_list(sources: Sequence[tuple[str, Sequence[str]]]) -> Text:
    """ "WKLX (per officials), Radio Erie": names (glued, never broken) with their notes dimmed."""
    out = Text()
    for i, (name, notes) in enumerate(sources):
        if i:
            out.append(", ")
        out.append(name)
        if notes:
            out.append(f" ({'; '.join(notes)})", style=DIM)
    return out


def _counts(story: StoryReport, names: v.Names, width: int) -> list[RenderableType]:
    """One line per figure (label, fused value, status), under it the sources grouped by the
    figure they give, and the silent ones summarised: it reads the same at 2 sources or 50."""
    if not story.counts:
        return [_heading("Counts"), Padding(Text("No figures reported.", style=DIM), (0, 0, 0, 2))]
    counts = v.ordered_counts(story)
    avail = width - 2
    label_w = _width_of((v.count_label(c) for c in counts), 12, avail * 3 // 10)
    fused_w = _width_of((v.fmt_count(c) for c in counts), 5, avail // 5)
    rest = avail - 2 - label_w - 2 - fused_w - 2
    lines = [
        _columns(
            [(Text(""), 1, 1), (Text("What"), label_w, 2), (Text("Fused"), fused_w, 2), (Text("Status"), rest, 0)]
        ),
        Text("─" * avail, style=DIM),
    ]
    lines[0].stylize("bold")
    for count in counts:
        style = STATUS_STYLE.get(count.status, "")
        lines.append(
            _columns(
                [
                    (Text(STATUS_MARK.get(count.status, " "), style=style), 1, 1),
                    (Text(v.count_label(count)), label_w, 2),
                    (Text(v.fmt_count(count), style="bold"), fused_w, 2),
                    (Text(v.count_status_phrase(count, names), style=style), rest, 0),
                ]
            )
        )
        indent: tuple[Text, int, int] = (Text(""), 4, 0)
        for group in v.value_groups(count):
            sources = _source_list([(names(s.article), s.notes) for s in group.sources])
            lines.append(_columns([indent, (Text(group.label), label_w - 2, 2), (sources, fused_w + 2 + rest, 0)]))
        silent = v.silent_text(count, names)
        if silent:
            label, _, who = silent.partition(": ")
            lines.append(
                _columns(
                    [indent, (Text(label, style=DIM), label_w - 2, 2), (Text(who, style=DIM), fused_w + 2 + rest, 0)]
                )
            )
    return [_heading("Counts", "the sources grouped by the figure they give"), _block(lines)]


# --- facts by status: conflicts, corroborations and updates with their sentences side by side --


def _snippet(w: v.Witness) -> Text:
    return Text.assemble("“", w.before, (w.quote, "bold"), w.after, "”")


def _witness_ref(w: v.Witness, names: v.Names) -> str:
    return f"{names(w.article)}, sentence {v.sentence_number(w.evidence)}"


def _fact_head(mark: str, style: str, title: str, phrase: str, avail: int) -> Text:
    head = Text.assemble(title, "  ", (phrase, style))
    return _columns([(Text(mark, style=style), 1, 1), (head, avail - 2, 0)])


def _sections(story: StoryReport, report: Report, names: v.Names, width: int) -> list[RenderableType]:
    """The facts under each status (view.status_facts: what the tally counts), conflicts first."""
    avail = width - 2
    facts = v.status_facts(story)
    out: list[RenderableType] = []
    for section in v.SECTIONS:
        items = facts[section.status]
        if not items and section.empty is None:
            continue
        out.append(_heading(section.title, _plural(len(items), "fact")))
        if not items:
            out.append(Padding(Text(section.empty or "", style=DIM), (0, 0, 0, 2)))
        elif section.status == v.SINGLE:
            out.extend(_single(story, names))
        else:
            out.append(_with_sentences(section.status, items, report, names, avail))
    return out


def _with_sentences(status: str, items: list[v.Fact], report: Report, names: v.Names, avail: int) -> RenderableType:
    style, mark = STATUS_STYLE.get(status, ""), STATUS_MARK.get(status, "•")
    updates = status == v.UPDATED
    rows: list[tuple[v.Fact, list[v.Witness]]] = []
    for fact in items:
        if updates and fact.count is not None and fact.count.updates:
            rows.append((fact, v.update_witnesses(fact.count, report.texts)))
        else:
            rows.append((fact, v.witnesses(fact, report.texts)))
    refs = [_witness_ref(w, names) for _, ws in rows for w in ws]
    longest_name = max((len(names(w.article)) for _, ws in rows for w in ws), default=10)
    ref_w = _width_of(refs, min(longest_name, avail * 2 // 5), max(longest_name, avail * 2 // 5))
    when_w = 11 if updates else 0  # "18 Aug 2024"
    lines: list[Text] = []
    for fact, ws in rows:
        lines.append(_fact_head(mark, style, v.fact_title(fact), v.fact_status_phrase(fact, names), avail))
        for w in ws:
            cells: list[tuple[Text, int, int]] = [(Text(""), 4, 0)]
            if updates:
                when = v.fmt_day(w.as_of) if w.as_of else (w.label or "")
                cells.append((Text(when, style="bold" if w.label == "latest" else DIM), when_w, 2))
            cells.append((Text(_witness_ref(w, names), style=DIM), ref_w, 2))
            cells.append((_snippet(w), avail - 4 - (when_w + 2 if updates else 0) - ref_w - 2, 0))
            lines.append(_columns(cells))
    return _block(lines)


def _single(story: StoryReport, names: v.Names) -> list[RenderableType]:
    out: list[RenderableType] = []
    for article_id, facts in v.single_source_groups(story):
        out.append(Padding(Text(f"Only in {names(article_id)}:", style=STATUS_STYLE[v.SINGLE]), (0, 0, 0, 2)))
        out.append(Padding(_bullets([(Text(v.fact_title(f)), _refs(f.evidence, names)) for f in facts]), (0, 0, 0, 2)))
    return out


def _quotes(story: StoryReport, names: v.Names, width: int) -> list[RenderableType]:
    if not story.quotes:
        return []
    actors = v.actor_index(story)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", expand=True)
    # The source column must fit the longest outlet name of its quotes: a cut-off name is useless
    # as a reference. (A fixed width: rich gives a ratio column no minimum.)
    longest_name = max(len(names(q.evidence.article)) for q in story.quotes)
    longest_ref = max(len(v.evidence_ref(q.evidence, names)) for q in story.quotes)
    source_width = max(longest_name, min(longest_ref, width // 5)) + 1
    table.add_column("Speaker", ratio=2)
    table.add_column("Said", ratio=6)
    table.add_column("How", ratio=2)
    table.add_column("Source", width=source_width)
    for quote in story.quotes:
        speaker = Text(v.speaker_name(quote, actors), style="bold")
        written = v.speaker_as_written(quote, actors)
        if written:
            speaker.append(f"\n(“{written}”)", style=DIM)
        said = Text(f"“{quote.text}”" if quote.direct else quote.text, style="" if quote.direct else "italic")
        how = Text(v.quote_kind(quote))
        channel = v.quote_channel(quote)
        if channel:
            how.append(f"\n{channel}", style=DIM)
        table.add_row(speaker, said, how, Text(v.evidence_ref(quote.evidence, names)))
    return [_heading("Who said what"), Padding(table, (0, 0, 0, 2))]


def _framing(story: StoryReport, names: v.Names, width: int) -> list[RenderableType]:
    """Per actor, the words used, each with the sources that use them (not a column per source)."""
    if not story.framing:
        return []
    avail = width - 2
    groups = [(frame, v.framing_groups(frame, story)) for frame in story.framing]
    words_w = _width_of((", ".join(terms) for _, gs in groups for terms, _ in gs), 12, avail * 2 // 5)
    lines: list[Text] = []
    for frame, frame_groups in groups:
        lines.append(Text(frame.name, style="bold"))
        for terms, articles in frame_groups:
            lines.append(
                _columns(
                    [
                        (Text(""), 2, 0),
                        (Text(", ".join(terms) or v.DASH), words_w, 2),
                        (_source_list([(names(a), ()) for a in articles]), avail - 2 - words_w - 2, 0),
                    ]
                )
            )
    return [_heading("Framing", "the words each source uses for the same actor"), _block(lines)]


def _timeline(story: StoryReport, names: v.Names) -> list[RenderableType]:
    if not story.when.timeline:
        return []
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for entry in story.when.timeline:
        body = Text(entry.text)
        body.append(" ")
        body.append_text(_refs(entry.evidence, names))
        table.add_row(Text(v.fmt_date(entry.date)), body)
    return [_heading("Timeline"), Padding(table, (0, 0, 0, 2))]


def _places(story: StoryReport, names: v.Names) -> list[RenderableType]:
    if not story.where:
        return []
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for column in ("Place", "Role", "Kind", "Coordinates", "GeoNames", "Sources"):
        table.add_column(column, overflow="fold")
    for place in story.where:
        event = place.role == "event"
        table.add_row(
            Text(v.fmt_place(place), style="bold" if event else ""),
            Text(v.place_role(place), style="bold" if event else DIM),
            Text(v.place_kind(place)),
            Text(v.fmt_coords(place.lat, place.lon) or "not located"),
            Text(str(place.geonames_id) if place.geonames_id else v.DASH),
            Text(v.join_names(place.articles or v.distinct_articles(place.evidence), names)),
        )
    return [
        _heading("Places", "where the event happened, and the places the reports only mention"),
        Padding(table, (0, 0, 0, 2)),
    ]


def _actors(story: StoryReport, names: v.Names) -> list[RenderableType]:
    if not story.actors:
        return []
    return [
        _heading("Who is involved"),
        _bullets(
            [(Text.assemble((actor.name, "bold"), "  ", (v.actor_detail(actor), DIM)), None) for actor in story.actors]
        ),
    ]


def _copies(story: StoryReport, names: v.Names) -> list[RenderableType]:
    lines = v.copy_lines(story, names)
    if not lines:
        return []
    return [_heading("Copies", "counted once, as their original"), _bullets([(Text(line), None) for line in lines])]
