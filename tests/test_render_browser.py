"""The HTML report in headless Chromium at 1280x800, on hand-built reports (no models, no server):
with twelve sources every table cell is at least as wide as its longest word, the fused value
and the status of every figure are in view without scrolling the page sideways, and the sources
beside the report stay usable (a clicked fact's sources come first; the picker finds any one)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsfuse.model import Report
from newsfuse.render import render
from report_fixture import hostile_report, many_report, seed_report

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}

# Every word of every table cell of the report (a hyphen or dash ends a word: text breaks there
# by design), measured: a word on two lines (cut) or sticking
# out of its cell (the cell narrower than the word) is returned. Hidden text (a closed group's
# sentences, laid out but not shown) is skipped.
CUT_WORDS_JS = """
() => {
  const bad = [];
  for (const cell of document.querySelectorAll('.report table th, .report table td')) {
    const box = cell.getBoundingClientRect();
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.checkVisibility()) continue;  // a closed group's sentences
      const words = /[^\\s\\-–—]+[\\-–—]*|[\\-–—]+/g;  // "all-out" may break after its hyphen, as text does
      let m;
      while ((m = words.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
        if (!rects.length) continue;
        const lines = new Set(rects.map(r => Math.round(r.top)));
        const left = Math.min(...rects.map(r => r.left)), right = Math.max(...rects.map(r => r.right));
        if (lines.size > 1 || left < box.left - 1 || right > box.right + 1) {
          bad.push(`${m[0]} (cell ${Math.round(box.width)}px: ${cell.textContent.trim().slice(0, 40)})`);
        }
      }
    }
  }
  return bad;
}
"""

# Per figure row: whether its fused value and its status lie inside the viewport and inside the
# table's own scrolling box, as the page opens (nothing scrolled sideways).
FUSED_STATUS_IN_VIEW_JS = """
() => Array.from(document.querySelectorAll('table.counts tr.fact')).map(row => {
  const wrap = row.closest('.table-wrap').getBoundingClientRect();
  const inView = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.left >= Math.max(0, wrap.left) - 1 && r.right <= Math.min(window.innerWidth, wrap.right) + 1;
  };
  return [row.querySelector('th').textContent.trim(), inView(row.querySelector('td.fused')), inView(row.querySelector('td.status'))];
})
"""


@pytest.fixture(scope="module")
def sync_api():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: browser tests skipped")
    return pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")


@pytest.fixture(scope="module")
def browser(sync_api):
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _open(browser, report: Report, tmp_path: Path, problems: list[str]):
    path = tmp_path / "report.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    page = browser.new_page(viewport=VIEWPORT)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else problems.append(f"request {r.url}"))
    page.goto(path.as_uri())
    return page


def seed_as_files() -> Report:
    """The seed story with its outlets named by their file names, as `make demo` names them: the
    longest unbreakable words a page shows."""
    report = seed_report()
    files = iter(("000_e2eb9a51c8fe133c.txt", "001_833ad0130573cf0d.txt"))
    return dataclasses.replace(
        report, articles=tuple(dataclasses.replace(a, source=next(files)) for a in report.articles)
    )


FIXTURES = {"many": many_report, "seed": seed_report, "files": seed_as_files, "hostile": hostile_report}


@pytest.mark.parametrize("which", list(FIXTURES))
def test_tables_keep_every_word_whole_and_figures_in_view(browser, tmp_path, which):
    report = FIXTURES[which]()
    problems: list[str] = []
    page = _open(browser, report, tmp_path, problems)
    try:
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert page.evaluate(CUT_WORDS_JS) == []
        rows = page.evaluate(FUSED_STATUS_IN_VIEW_JS)
        assert len(rows) == len(report.stories[0].counts)
        assert all(fused and status for _, fused, status in rows), rows
        # At this size no table even needs its own sideways scroll.
        assert page.evaluate(
            "Array.from(document.querySelectorAll('.table-wrap')).every(w => w.scrollWidth <= w.clientWidth)"
        )
        # Open every value group: its sentences appear, and still no word is cut.
        for summary in page.locator("details.group > summary .value").all():
            summary.click()
        assert page.locator("details.group[open]").count() == page.locator("details.group").count()
        assert page.evaluate(CUT_WORDS_JS) == []
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    finally:
        page.close()
    assert not problems, problems


def test_the_page_tally_equals_the_sections(browser, tmp_path):
    problems: list[str] = []
    page = _open(browser, many_report(), tmp_path, problems)
    try:
        stats = page.evaluate(
            "Array.from(document.querySelectorAll('.stats .stat')).map(s => [s.dataset.status, parseInt(s.textContent)])"
        )
        assert [s for s, _ in stats] == ["conflicting", "corroborated", "updated", "single_source"]
        for status, n in stats:
            listed = page.locator(f'section.facts[data-status="{status}"] li.fact').count()
            assert listed == n > 0, status
    finally:
        page.close()
    assert not problems, problems


def _in_view(page, selector: str) -> bool:
    """Whether every element matching ``selector`` lies inside its scrolling source column."""
    return page.evaluate(
        "s => { const ms = Array.from(document.querySelectorAll(s)); return ms.length > 0 && ms.every(m => { "
        "const box = m.closest('.text').getBoundingClientRect(), r = m.getBoundingClientRect(); "
        "return r.top >= box.top - 1 && r.bottom <= box.bottom + 1; }); }",
        selector,
    )


def _columns_in_order(page) -> list[tuple[str, bool]]:
    """The source columns left to right as shown: (article id, holds the clicked fact's evidence)."""
    return page.evaluate(
        "Array.from(document.querySelectorAll('article.col'))"
        ".map(c => [c.getBoundingClientRect().left, c.dataset.article, !!c.querySelector('mark.current')])"
        ".sort((a, b) => a[0] - b[0]).map(x => [x[1], x[2]])"
    )


def test_clicking_a_figure_brings_its_sources_first_and_the_picker_finds_any_source(browser, tmp_path):
    report = many_report()
    story = report.stories[0]
    problems: list[str] = []
    page = _open(browser, report, tmp_path, problems)
    try:
        assert page.locator("button.pick").count() == 12
        # The wind speed: four sources, none of them the first two columns but one.
        wind = next(c for c in story.counts if c.subject == "wind speed")
        row = page.locator("table.counts tr.fact", has_text="wind speed")
        row.locator("td.status").click()
        token = row.get_attribute("data-target")
        page.wait_for_function(
            "t => document.querySelectorAll('mark.current[data-fact~=\"' + t + '\"]').length > 0", arg=token
        )
        page.wait_for_timeout(800)  # the smooth scrolls
        shown = _columns_in_order(page)
        holders = [a for a in story.articles if any(r.article == a for r in wind.reports)]
        assert [a for a, _ in shown[: len(holders)]] == holders  # in story order, ahead of the rest
        assert all(has for _, has in shown[: len(holders)]) and not any(has for _, has in shown[len(holders) :])
        # The first of them is in view in its column and on screen.
        first = f'article.col[data-article="{holders[0]}"] mark.current'
        assert _in_view(page, first)
        assert page.locator(".pick.has").count() == len(holders)
        assert page.locator(".pick.none").count() == 12 - len(holders)

        # The picker: the last source (named by its file name) comes into view beside the report.
        last = story.articles[-1]
        page.locator(f'button.pick[data-col="{last}"]').click()
        page.wait_for_function(  # a smooth scroll across eleven columns: wait until it lands
            "id => { const cols = document.querySelector('.cols').getBoundingClientRect();"
            " const c = document.querySelector('article.col[data-article=\"' + id + '\"]').getBoundingClientRect();"
            " return c.left >= cols.left - 1 && c.right <= cols.right + 1; }",
            arg=last,
            timeout=5000,
        )
        assert "picked" in (page.locator(f'article.col[data-article="{last}"]').get_attribute("class") or "")

        # A source chip in a value group scrolls that one source to its sentence.
        chip = row.locator("button.ev.name", has_text="Northern Tribune")
        chip.click()
        page.wait_for_timeout(800)
        assert page.locator("mark.current").count() == 1
        assert _in_view(page, 'article.col[data-article="tribune"] mark.current')
        assert page.locator("details.group[open]").count() == 0  # a chip does not open its group
    finally:
        page.close()
    assert not problems, problems
