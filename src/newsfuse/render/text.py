"""The report for a terminal, with rich: tables, and colour by status when stdout is a TTY.

Every piece of article-derived text goes in as a ``rich.text.Text``, never as a markup
string, so a headline containing "[bold]" or "[/]" is printed, not interpreted.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..model import Evidence, FusedCount, Report, StoryReport
from . import view as v

STATUS_STYLE: dict[str, str] = {
    v.CORROBORATED: "green",
    v.SINGLE: "yellow",
    v.CONFLICTING: "bold red",
}
STATUS_MARK: dict[str, str] = {v.CORROBORATED: "✔", v.SINGLE: "•", v.CONFLICTING: "✖"}
DIM = "grey50"


def render_text(report: Report, *, color: bool = False, width: int = 110) -> str:
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
    names = v.article_names(report)
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
        for part in _story(story, report, names, number, len(report.stories)):
            console.print(part)
    # rich pads every line to the full width; trailing blanks only get in the way of diffs and pipes.
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


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


def _story(story: StoryReport, report: Report, names: v.Names, number: int, total: int) -> list[RenderableType]:
    out: list[RenderableType] = [Text(""), Rule(Text(f" Story {number}/{total} ", style="bold"), style="cyan")]
    out.append(Text(story.headline or "(untitled story)", style="bold"))
    out.append(_event_line(story, names))
    out.extend(_sources(story, report, names))
    if story.summary:
        out.append(_heading("Summary"))
        out.append(_bullets([(Text(line.text), _refs(line.evidence, names)) for line in story.summary]))
    out.extend(_counts(story, names))
    out.extend(_claims(story, names))
    out.extend(_quotes(story, names))
    out.extend(_framing(story, names))
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
    mentioned = v.mentioned_places(story)
    for i, place in enumerate(mentioned):
        grid.add_row(
            "Also mentioned" if i == 0 else "",
            Text.assemble(v.fmt_place(place), (f"  {v.fmt_place_detail(place)}", DIM)),
        )
    return Padding(grid, (1, 0, 0, 0))


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


def _counts(story: StoryReport, names: v.Names) -> list[RenderableType]:
    if not story.counts:
        return [_heading("Counts"), Padding(Text("No figures reported.", style=DIM), (0, 0, 0, 2))]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", expand=True)
    table.add_column("What", ratio=3)
    # Outlet names can be long file names: fold them, never cut them (they are the references).
    for _, name in v.story_sources(story, names):
        table.add_column(Text(name), ratio=2, overflow="fold")
    table.add_column("Fused", ratio=2)
    table.add_column("Status", ratio=3, overflow="fold")
    for count in sorted(story.counts, key=lambda c: v.STATUS_RANK.get(c.status, 9)):
        cells = [_count_cell(count, a, story, names) for a in story.articles]
        table.add_row(
            Text(v.count_label(count)),
            *cells,
            Text(v.fmt_band(count.fused), style="bold"),
            _status(count.status, v.count_status_phrase(count, names)),
        )
    return [_heading("Counts", "each source's figure as written"), Padding(table, (0, 0, 0, 2))]


def _count_cell(count: FusedCount, article_id: str, story: StoryReport, names: v.Names) -> Text:
    figures = v.count_figures(count, article_id)
    if not figures:
        return Text(v.count_absence(count, article_id, story, names), style=DIM)
    cell = Text()
    for i, (figure, attributed_to) in enumerate(figures):
        if i:
            cell.append("\n")
        cell.append(figure)
        if attributed_to:
            cell.append(f"\n({attributed_to})", style=DIM)
    return cell


def _claims(story: StoryReport, names: v.Names) -> list[RenderableType]:
    out: list[RenderableType] = []
    for status, heading, none in (
        (v.CORROBORATED, "Corroborated by several sources", "Nothing is reported by more than one source."),
        (v.CONFLICTING, "Conflicts", "The sources do not contradict each other."),
    ):
        claims = v.claims_with(story, status)
        out.append(_heading(heading))
        if claims:
            out.append(
                _bullets(
                    [
                        (
                            Text.assemble(
                                claim.text, "  ", (v.claim_status_phrase(claim, names), STATUS_STYLE[status])
                            ),
                            _refs(claim.evidence, names),
                        )
                        for claim in claims
                    ],
                    mark=STATUS_MARK[status],
                    style=STATUS_STYLE[status],
                )
            )
        else:
            out.append(Padding(Text(none, style=DIM), (0, 0, 0, 2)))

    groups = v.single_source_groups(story)
    if groups:
        out.append(_heading("Only in one source"))
        for article_id, claims in groups:
            out.append(Padding(Text(f"Only in {names(article_id)}:", style=STATUS_STYLE[v.SINGLE]), (0, 0, 0, 2)))
            out.append(
                Padding(_bullets([(Text(claim.text), _refs(claim.evidence, names)) for claim in claims]), (0, 0, 0, 2))
            )
    return out


def _quotes(story: StoryReport, names: v.Names) -> list[RenderableType]:
    if not story.quotes:
        return []
    actors = v.actor_index(story)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", expand=True)
    # The source column must fit the longest outlet name: a cut-off name is useless as a reference.
    source_width = min(30, max(len(name) for _, name in v.story_sources(story, names)) + 1)
    table.add_column("Speaker", ratio=2)
    table.add_column("Said", ratio=6)
    table.add_column("How", ratio=2)
    table.add_column("Source", min_width=source_width, ratio=2)
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


def _framing(story: StoryReport, names: v.Names) -> list[RenderableType]:
    if not story.framing:
        return []
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", expand=True)
    table.add_column("Actor", ratio=2)
    for _, name in v.story_sources(story, names):
        table.add_column(Text(name), ratio=3, overflow="fold")
    for frame in story.framing:
        table.add_row(
            Text(frame.name, style="bold"), *[Text(", ".join(frame.terms.get(a, ())) or v.DASH) for a in story.articles]
        )
    return [_heading("Framing", "the words each source uses for the same actor"), Padding(table, (0, 0, 0, 2))]


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
