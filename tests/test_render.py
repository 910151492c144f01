"""Renderers on hand-built reports (tests/report_fixture.py): fast, no models."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from newsfuse.model import Evidence, FusedBand, Report, WherePlace
from newsfuse.render import FORMATS, geomap, render
from newsfuse.render import html as html_render
from newsfuse.render.html import Span, segments
from newsfuse.render.markdown import md
from newsfuse.render.view import (
    SECTIONS,
    article_names,
    count_label,
    count_status_phrase,
    fmt_band,
    fmt_count,
    fmt_range,
    fmt_value,
    ordered_counts,
    sentence_context,
    status_facts,
    status_tally,
    witnesses,
)
from report_fixture import HOSTILE_TEXT, hostile_report, many_report, seed_report


@pytest.fixture(scope="module")
def seed() -> Report:
    return seed_report()


@pytest.fixture(scope="module")
def hostile() -> Report:
    return hostile_report()


def all_evidence(report: Report) -> list[Evidence]:
    """Evidence of the facts a reader clicks: counts, claims, quotes."""
    out: list[Evidence] = []
    for story in report.stories:
        out += [r.evidence for c in story.counts for r in c.reports]
        out += [ev for c in story.claims for ev in c.evidence]
        out += [q.evidence for q in story.quotes]
    return out


class PageParser(HTMLParser):
    """Collects, per source column, its text as a reader sees it, and the text of each evidence token."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.column_text: dict[str, str] = {}
        self.token_text: dict[str, str] = {}
        self._article: str | None = None
        self._in_text = 0  # depth inside <div class="text">
        self._mark_tokens: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "article" and "col" in (a.get("class") or "").split():
            self._article = a.get("data-article")
        elif tag == "div" and self._article and "text" in (a.get("class") or "").split():
            self._in_text = 1
            self.column_text[self._article] = ""
        elif self._in_text:
            self._in_text += 1
            if tag == "mark":
                self._mark_tokens = (a.get("data-fact") or "").split()

    def handle_endtag(self, tag):
        if self._in_text:
            self._in_text -= 1
            if tag == "mark":
                self._mark_tokens = []
        if tag == "article":
            self._article = None

    def handle_data(self, data):
        if self._in_text and self._article:
            self.column_text[self._article] += data
            for token in self._mark_tokens:
                if ".e" in token:
                    self.token_text[token] = self.token_text.get(token, "") + data


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


# --- every format -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_every_format_renders(fmt, which, request):
    report = request.getfixturevalue(which)
    out = render(report, fmt)
    assert isinstance(out, str) and out.strip()


def test_unknown_format_is_an_error(seed):
    with pytest.raises(ValueError, match="unknown format"):
        render(seed, "pdf")


def test_empty_report_renders_everywhere():
    empty = Report(articles=(), stories=())
    for fmt in FORMATS:
        assert render(empty, fmt).strip()


# --- text -------------------------------------------------------------------------------------


def assert_every_count_shown(out: str, report: Report) -> None:
    """Each source's figure as written, and each count's status phrase, appear in the output."""
    names = article_names(report)
    for count in report.stories[0].counts:
        for figure in count.reports:
            assert figure.text in out
        assert count_status_phrase(count, names) in out


def test_text_has_counts_table_with_each_source_figure_and_status(seed):
    out = render(seed, "text", width=200)  # wide, so that no figure is wrapped across lines
    names = article_names(seed)
    story = seed.stories[0]
    for article_id in story.articles:
        assert names(article_id) in out
    assert_every_count_shown(out, seed)
    assert "Corroborated by 2 sources" in out
    assert "Only in TRT World" in out
    assert "Hasamuddin Shams" in out and "Sayed Nezami" in out
    assert "terrorists" in out and "militants" in out  # framing
    assert "Qala i Naw" in out and "34.99° N, 63.13° E" in out


def test_text_without_colour_is_plain_and_fits_the_width(seed):
    out = render(seed, "text", color=False)
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 110
    assert not any(line.endswith(" ") for line in out.splitlines())


def test_text_with_colour_uses_ansi(seed):
    assert "\x1b[" in render(seed, "text", color=True)


def _with_escapes(value, swap):
    """``value`` with ``swap`` applied to every string in it (dataclasses, tuples, dicts)."""
    if isinstance(value, str):
        return swap(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: _with_escapes(getattr(value, f.name), swap) for f in dataclasses.fields(value) if f.init}
        )
    if isinstance(value, tuple):
        items = [_with_escapes(v, swap) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [_with_escapes(v, swap) for v in value]
    if isinstance(value, dict):
        return {_with_escapes(k, swap): _with_escapes(v, swap) for k, v in value.items()}
    return value


def test_text_strips_escape_sequences_and_controls_from_every_article_string(seed):
    # Same-length swaps, so every offset and quote still match: clear the screen inside every
    # text, quote, name and title; set the window title; ring the bell; return the carriage.
    swaps = {"the ": "\x1b[2J", "said": "\x1b]0;", "Taliban": "pwned\x07\r", "and ": "\x9b1m\x08"}

    def swap(text: str) -> str:
        for old, new in swaps.items():
            text = text.replace(old, new)
        return text

    hostile = _with_escapes(seed, swap)
    assert any("pwned\x07" in a.title for a in hostile.articles if a.title)
    plain, coloured = render(hostile, "text", color=False), render(hostile, "text", color=True)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", plain)
    # In colour the only escapes are rich's own colours (SGR: ESC [ digits m).
    assert not re.search("[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]", coloured)
    assert set(re.findall(r"\x1b(.)", coloured)) == {"["} and not re.search(r"\x1b\[[0-9;]*[^0-9;m]", coloured)
    assert "pwned" in plain and "2J" not in plain  # the payload's text stays readable, the sequence goes
    # Nothing else changed: the report reads as before once its swaps are taken out again.
    assert len(plain.splitlines()) > 50


def test_text_shows_conflicts_and_copies(hostile):
    out = render(hostile, "text", width=200)
    assert "Conflicting: 12 vs 30 killed" in out
    assert "Syndicator copies Daily Other" in out
    # rich markup in the data is printed, not interpreted
    assert "Evil <b>Times</b> | x" in out


# --- markdown ---------------------------------------------------------------------------------


def test_markdown_has_counts_table_with_each_source_figure_and_status(seed):
    out = render(seed, "markdown")
    names = article_names(seed)
    story = seed.stories[0]
    header = next(line for line in out.splitlines() if line.startswith("| What |"))
    assert header == "| What | Fused | Status | Sources |"  # four columns, whatever the number of sources
    prisoners = next(line for line in out.splitlines() if line.startswith("| Released: prisoners |"))
    for article_id in story.articles:
        assert names(article_id) in prisoners
    assert_every_count_shown(out, seed)
    assert "[TRT World, sentence 9]" in out  # evidence reference
    assert "> “The enemy suffered heavy casualties" in out  # quotes as blockquotes
    assert "#### Only in TRT World" in out


def test_markdown_escapes_hostile_text(hostile):
    out = render(hostile, "markdown")
    assert "<script>" not in out and "<b>" not in out
    assert "Conflicting: 12 vs 30 killed" in out
    row = next(line for line in out.splitlines() if line.startswith("| Killed: people"))
    cells = re.split(r"(?<!\\)\|", row)[1:-1]
    assert len(cells) == 4  # what, fused, status, sources: no cell split by a `|` in a name
    assert "Evil \\<b\\>Times\\</b\\> \\| x" in cells[3]


# --- json -------------------------------------------------------------------------------------


def test_json_round_trips_to_the_contract_keys(seed):
    data = json.loads(render(seed, "json"))
    assert data["schema"] == "newsfuse/report@1.2"
    assert {a["id"] for a in data["articles"]} == set(seed.texts)
    assert set(data["articles"][0]) >= {"id", "source", "title", "url", "published"}
    story = data["stories"][0]
    assert set(story) >= {
        "id",
        "headline",
        "articles",
        "event_type",
        "when",
        "where",
        "actors",
        "counts",
        "quotes",
        "claims",
        "summary",
    }
    assert set(story["when"]) >= {"date", "start", "end", "evidence"}
    assert story["when"]["date"] == "2021-07-07"
    evidence = [
        story["counts"][0]["reports"][0]["evidence"],
        story["quotes"][0]["evidence"],
        *story["claims"][0]["evidence"],
        *story["summary"][0]["evidence"],
        *story["where"][0]["evidence"],
    ]
    for ev in evidence:
        assert set(ev) >= {"article", "sentence", "start", "end", "quote"}
        assert seed.texts[ev["article"]][ev["start"] : ev["end"]] == ev["quote"]
    assert set(story["counts"][0]) >= {"category", "subject", "status", "fused", "reports"}
    assert set(story["counts"][0]["fused"]) == {"low", "high", "best"}
    assert "texts" not in data  # article texts stay out of the contract object


# --- html -------------------------------------------------------------------------------------


def test_html_highlights_every_evidence_quote(seed):
    page = parse(render(seed, "html"))
    highlighted = set(page.token_text.values())
    for ev in all_evidence(seed):
        assert ev.quote in highlighted, ev


def test_html_columns_reproduce_each_article_exactly(seed, hostile):
    for report in (seed, hostile):
        page = parse(render(report, "html"))
        assert page.column_text == report.texts


def test_html_is_self_contained(seed):
    out = render(seed, "html")
    assert not re.search(r"""\bsrc\s*=\s*["']?\s*(https?:)?//""", out, re.I)
    assert not re.search(r"<link\b", out, re.I)
    assert "@import" not in out and not re.search(r"url\(\s*['\"]?(https?:)?//", out, re.I)
    assert "<style>" in out and "<script>" in out  # inline, not fetched


def test_html_escapes_hostile_article(hostile):
    out = render(hostile, "html")
    assert "<script>alert" not in out
    assert out.count("<script") == 1  # the page's own
    assert "<img" not in out
    assert "</textarea>" not in out and "<b>" not in out
    assert "{{ 7*7 }}" in out  # shown as written, never evaluated (the column text check below proves it)
    assert 'href="javascript:' not in out.lower()
    assert "Conflicting: 12 vs 30 killed" in out
    page = parse(out)
    assert page.column_text["hostile-1"] == HOSTILE_TEXT
    assert not any(tag in ("img", "textarea", "b") for tag, _ in page.tags)


def test_html_content_security_policy_blocks_network_and_foreign_scripts(seed):
    out = render(seed, "html")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', out).group(1)
    assert "default-src &#39;none&#39;" in csp and "sha256-" in csp


def test_map_hook_inlines_whatever_svg_it_returns(seed, monkeypatch):
    monkeypatch.setattr(html_render, "map_svg", lambda story: '<svg id="story-map"></svg>')
    assert '<svg id="story-map"></svg>' in render(seed, "html")


def test_seed_map_zooms_on_afghanistan_with_a_distinct_event_marker(seed):
    story = seed.stories[0]
    svg = html_render.map_svg(story)
    assert svg is not None and svg.startswith("<svg") and svg.endswith("</svg>")
    view = geomap.choose_view(story.where)
    # the point-like places (Qala i Naw, Kabul, Herat) set the box; the United States does not
    assert 55 < view.lon0 < 63 and 69 < view.lon1 < 80 and view.lon1 - view.lon0 < 40
    assert svg.count('class="place event"') == 1
    assert svg.count('class="place"') == 2  # Kabul and Herat; countries are tinted areas instead
    assert 'class="event-country"' in svg and 'class="named-country"' in svg  # Afghanistan; Pakistan …
    assert ">Qala i Naw</text>" in svg and ">Kabul</text>" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing to load
    page = render(seed, "html")
    assert svg in page and "<h2>Places</h2>" in page


def test_map_escapes_place_names_and_handles_no_coordinates(hostile):
    story = hostile.stories[0]
    assert html_render.map_svg(story) is None  # Townville has no coordinates: no map, no error
    evil = WherePlace(
        '<script>alert("x")</script> & Co',
        1,
        10.0,
        20.0,
        None,
        None,
        "mentioned",
        story.where[0].evidence,
        feature="city",
    )
    event = WherePlace("Townville", 2, 11.0, 21.0, None, None, "event", story.where[0].evidence, feature="city")
    svg = html_render.map_svg(dataclasses.replace(story, where=(event, evil)))
    assert "<script" not in svg and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in svg
    out = render(dataclasses.replace(hostile, stories=(dataclasses.replace(story, where=(event, evil)),)), "html")
    assert out.count("<script") == 1


def test_map_shows_the_whole_world_when_places_span_it():
    ev = Evidence("a", 0, 0, 1, "x")
    places = [
        WherePlace("Kabul", 1, 34.5, 69.2, None, "AF", "event", (ev,), feature="city"),
        WherePlace("Lima", 2, -12.0, -77.0, None, "PE", "mentioned", (ev,), feature="city"),
    ]
    assert geomap.choose_view(places) == geomap.WORLD
    one = geomap.choose_view(places[:1])
    assert one.lon0 < 69.2 < one.lon1 and one.lat0 < 34.5 < one.lat1
    assert one.lon1 - one.lon0 >= geomap.MIN_SPAN_DEG


def test_places_view_in_text_and_markdown(seed):
    text = render(seed, "text", width=200)
    assert "Places" in text and "34.99° N, 63.13° E" in text and "1129867" in text
    assert re.search(r"Qala i Naw \(Badghis, AF\)\s+event\s+city", text)
    assert re.search(r"Tajikistan \(TJ\)\s+mentioned\s+country", text)
    md = render(seed, "markdown")
    assert "### Places" in md
    assert "| **Qala i Naw (Badghis, AF)** | event | city | 34.99° N, 63.13° E | 1129867 |" in md
    assert "| Kabul (AF) | mentioned | city |" in md


def test_segments_split_overlaps_without_nesting():
    text = "Officials said 12 people were killed."
    spans = [Span("a", 0, 36, ("c1", "c1.e0"), "st-conflicting"), Span("a", 15, 17, ("n1", "n1.e0"), "st-corroborated")]
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.tokens.split(), s.cls) for s in segs] == [
        ("Officials said ", ["c1", "c1.e0"], "st-conflicting"),
        ("12", ["c1", "c1.e0", "n1", "n1.e0"], "st-conflicting"),
        (" people were killed", ["c1", "c1.e0"], "st-conflicting"),
        (".", [], ""),
    ]


# --- many sources (a twelve-outlet story) ---------------------------------------------------------


@pytest.fixture(scope="module")
def many() -> Report:
    return many_report()


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", [100, 120])
def test_text_with_twelve_sources_fits_and_never_cuts_an_outlet_name(many, width):
    out = render(many, "text", width=width)
    unwrapped = render(many, "text", width=1000)  # nothing wraps: every mention of every name whole
    assert max(len(line) for line in out.splitlines()) <= width
    names = article_names(many)
    for article_id in many.stories[0].articles:
        name = names(article_id)
        assert out.count(name) == unwrapped.count(name) > 0, name  # none lost to a line break
    # Each figure's label, fused value and status share one line, whatever the number of sources.
    for count in ordered_counts(many.stories[0]):
        head = next(line for line in out.splitlines() if line.lstrip()[2:].startswith(count_label(count)[:20]))
        assert fmt_count(count) in head, head
        assert count_status_phrase(count, names).split()[0] in head, head


def test_text_groups_the_sources_by_the_figure_they_give(many):
    out = render(many, "text", width=120)
    lines = out.splitlines()
    killed = next(i for i, line in enumerate(lines) if "Killed: people" in line and "↻" in line)
    block = "\n".join(lines[killed : killed + 8])
    assert "Updated: Two → Three" in lines[killed]
    assert re.search(r"\n\s+Three\s+Harlow Daily Courier \(per the county sheriff\)", block)
    assert "Great Lakes Press Agency (“3”; per authorities)" in _squash(block)  # its own wording kept
    assert re.search(r"\n\s+Two\s+WKLX \(per officials; as of 18 Aug\), Radio Erie", block)
    assert re.search(r"\n\s+silent\s+5 sources", block)
    # a handful of silent sources are named rather than counted
    seed_out = render(seed_report(), "text", width=120)
    assert re.search(r"silent\s+baf4875e6285b216|silent\s+[0-9a-f]{16}", seed_out)


def test_markdown_with_twelve_sources_keeps_tables_narrow(many):
    out = render(many, "markdown")
    widths = {len(re.split(r"(?<!\\)\|", line)) - 2 for line in out.splitlines() if line.startswith("|")}
    assert max(widths) <= 7  # the places table; no column per source anywhere
    assert "| What | Fused | Status | Sources |" in out
    row = next(line for line in out.splitlines() if line.startswith("| Killed: people |"))
    assert "**Three** — [Harlow Daily Courier, sentence 3] (per the county sheriff)" in row
    assert "**Two** — [WKLX, sentence 3] (per officials; as of 18 Aug)" in row
    assert "*silent: 5 sources*" in row
    names = article_names(many)
    for article_id in many.stories[0].articles:
        assert md(names(article_id)) in out
    # framing: one line per set of words, not a column per source
    assert (
        "  - authorities — Great Lakes Press Agency, Northern Tribune, Metro Wire (1), 017\\_9f3c2a7be1d04c55.txt"
        in out
    )


def test_html_with_twelve_sources_has_four_count_columns_and_a_source_picker(many):
    out = render(many, "html")
    counts = re.search(r'<table class="counts">(.*?)</table>', out, re.S).group(1)
    assert re.findall(r"<th scope=\"col\">([^<]*)</th>", counts) == ["What", "Fused", "Status", "Sources"]
    assert counts.count('<tr class="fact') == len(many.stories[0].counts)
    picker = re.search(r'<div class="picker"(.*?)</div>', out, re.S).group(1)
    names = article_names(many)
    assert [html.unescape(n) for n in re.findall(r'class="pick" data-col="[^"]+">([^<]*)<', picker)] == [
        names(a) for a in many.stories[0].articles
    ]
    # every source chip in the counts table scrolls its source to its own sentence
    page = parse(out)
    for count in many.stories[0].counts:
        for report in count.reports:
            assert report.evidence.quote in page.token_text.values()


# --- schema 1.1: updated, units, subsets, as_of ---------------------------------------------------


def test_fmt_with_units_and_fractions():
    assert fmt_value(5_000_000_000, "USD") == "USD 5,000,000,000"
    assert fmt_value(1.5, "%") == "1.5 %"
    assert fmt_value(34, "inch") == "34 inch"
    assert fmt_range(30, 34.5, "inch") == "30–34.5 inch"
    assert fmt_range(101, None, "%") == "101 % or more"
    assert fmt_band(FusedBand(360, 440, 400)) == "400 (360–440)"  # no unit: as before
    assert fmt_band(FusedBand(10_800_000, 13_200_000, 12_000_000), "USD") == "USD 12,000,000 (10,800,000–13,200,000)"


def test_updated_figure_is_an_update_not_a_conflict_in_every_format(many):
    story = many.stories[0]
    killed = next(c for c in story.counts if c.status == "updated")
    text = render(many, "text", width=120)
    assert "↻ Killed: people" in text and "✖ Killed: people" not in text
    section = text.split("Updated figures", 1)[1].split("Only in one source", 1)[0]
    assert "1 fact" in section.splitlines()[0]
    assert re.search(r"18 Aug 2024\s+WKLX, sentence 3\s+“Two people were killed", section)
    assert re.search(r"19 Aug 2024\s+Harlow Daily Courier, sentence 3\s+“Three people were killed", section)
    assert "Killed: people" not in text.split("Conflicts", 1)[1].split("Corroborated by several", 1)[0]

    md_out = render(many, "markdown")
    assert "### Updated figures (1)" in md_out
    assert "- 🔄 **Killed: people — 3** — *Updated: Two → Three*" in md_out
    assert "  - earlier, as of 18 Aug 2024 [WKLX, sentence 3]: “**Two** people were killed" in md_out
    assert "  - latest, as of 19 Aug 2024 [Harlow Daily Courier, sentence 3]: “**Three** people were killed" in md_out

    out = render(many, "html")
    row = re.search(r'<tr class="fact row-updated"[^>]*>(.*?)</tr>', out, re.S).group(1)
    assert '<span class="badge st-updated">Updated: Two → Three</span>' in row
    updated = re.search(r'<section class="facts st-updated".*?</section>', out, re.S).group(0)
    assert "earlier · as of 18 Aug 2024" in updated and "latest · as of 19 Aug 2024" in updated
    assert killed.updates[0].earlier.evidence.quote in updated and "st-conflicting" not in updated
    css = (Path(html_render.__file__).parent / "templates" / "report.css").read_text()
    assert ".badge.st-updated" in css and "mark.st-updated" in css and "--upd:" in css


def test_units_and_subsets_read_in_every_format(many):
    story = many.stories[0]
    order = [count_label(c) for c in ordered_counts(story)]
    assert order.index("Killed, including children") == order.index("Killed: people") + 1  # under its total
    for fmt in ("text", "markdown", "html"):
        out = html.unescape(render(many, fmt, width=120)) if fmt == "html" else render(many, fmt, width=120)
        for phrase in (
            "Money: damage (USD)",
            "USD 12,000,000",
            "$12 million",
            "about $12m",
            "Percent: homes without power",
            "40 %",
            "Measure: rain in an hour (inch)",
            "3.5 inch",
            "3.5 inches",
            "Measure: wind speed (mph)",
            "150 mph",
            "Killed, including children",
        ):
            assert phrase in out, (fmt, phrase)
    assert '<tr class="fact row-corroborated subset"' in render(many, "html")


# --- the numbers on a page agree: one tally, the sections' lengths ---------------------------------


def _html_sections(out: str) -> dict[str, tuple[int, int]]:
    """status -> (the number its header badge says, the facts its section lists)."""
    badges = {s: int(n) for s, n in re.findall(r'class="stat st-\w+"[^>]*data-status="(\w+)" data-n="(\d+)"', out)}
    listed = {}
    for status, body in re.findall(r'<section class="facts st-\w+"[^>]*data-status="(\w+)">(.*?)</section>', out, re.S):
        listed[status] = len(re.findall(r'<li class="fact claim', body))
    return {s: (badges.get(s, 0), listed.get(s, 0)) for s in set(badges) | set(listed)}


@pytest.mark.parametrize("which", ["seed", "hostile", "many"])
def test_the_tally_equals_the_sections_in_every_format(which, request):
    report = request.getfixturevalue(which)
    story = report.stories[0]
    facts = status_facts(story)
    tally = status_tally(story)
    assert sum(tally.values()) == len(story.counts) + len(story.claims)  # every figure and claim, once
    assert tally == {s: len(f) for s, f in facts.items()}

    for status, (badge, listed) in _html_sections(render(report, "html")).items():
        assert badge == listed == tally[status], status
    assert tally["conflicting"] == 0 or "The sources do not contradict each other" not in render(report, "html")

    md_out = render(report, "markdown")
    facts_line = next(line for line in md_out.splitlines() if line.startswith("**Facts:**"))
    for section in SECTIONS:
        n = tally[section.status]
        if n or section.empty is not None:
            assert f"{n} {section.stat}" in facts_line
            assert f"### {section.title} ({n})" in md_out

    text = render(report, "text", width=120)
    for section in SECTIONS:
        n = tally[section.status]
        if n or section.empty is not None:
            assert f"{n} {section.stat}" in text
            assert re.search(rf"^{re.escape(section.title)}  {n} facts?$", text, re.M), section.title


def test_hostile_badge_and_conflicts_section_agree(hostile):
    """The bug this fixes: a badge counting claims and figures, a section listing only claims."""
    out = render(hostile, "html")
    assert _html_sections(out)["conflicting"] == (2, 2)  # the conflicting figure and the conflicting claim
    conflicts = re.search(r'<section class="facts st-conflicting".*?</section>', out, re.S).group(0)
    assert "Killed: people" in conflicts and "The sources do not contradict" not in conflicts


# --- every conflict and corroboration shows each source's sentence ------------------------------


@pytest.mark.parametrize("which", ["seed", "hostile", "many"])
def test_every_conflict_and_corroboration_shows_each_sources_sentence(which, request):
    report = request.getfixturevalue(which)
    story = report.stories[0]
    names = article_names(report)
    md_out = render(report, "markdown")
    text = _squash(render(report, "text", width=120))
    page = render(report, "html")
    for status in ("conflicting", "corroborated"):
        for fact in status_facts(story)[status]:
            for w in witnesses(fact, report.texts):
                ref = f"{names(w.article)}, sentence {w.evidence.sentence + 1}"
                assert f"[{md(ref)}]: “" in md_out
                assert _squash(f"{ref} “{w.before}{w.quote}{w.after}”") in text
                label = str(escape(f"{names(w.article)} · sentence {w.evidence.sentence + 1}"))
                sentence = str(escape(w.before)) + '<strong class="hit">'
                assert label in page and sentence in page


def test_sentence_context_is_the_sentence_around_the_evidence():
    text = "Title line\nFirst one. Officials said 12 people were killed in the blast. Then more.\n"
    ev = Evidence("a", 2, text.index("12"), text.index("12") + 2, "12")
    assert sentence_context(text, ev) == ("Officials said ", "12", " people were killed in the blast.")
    ev = Evidence("a", 0, 0, 5, "Title")
    assert sentence_context(text, ev) == ("", "Title", " line")
    long = "word " * 200 + "X" + " word" * 200
    ev = Evidence("a", 0, long.index("X"), long.index("X") + 1, "X")
    before, quote, after = sentence_context(long, ev)
    assert before.startswith("…") and after.endswith("…") and len(before) < 260 and quote == "X"
    assert sentence_context(None, ev) == ("", "X", "")  # no text: the quote alone
