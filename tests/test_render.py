"""Renderers on hand-built reports (tests/report_fixture.py): fast, no models."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import pytest

from newsfuse.model import Evidence, Report, WherePlace
from newsfuse.render import FORMATS, geomap, render
from newsfuse.render import html as html_render
from newsfuse.render.html import Span, segments
from newsfuse.render.view import article_names, count_status_phrase
from report_fixture import HOSTILE_TEXT, hostile_report, seed_report


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
    assert data["schema"] == "newsfuse/report@1.1"
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
