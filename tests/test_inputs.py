"""Reading inputs: every supported kind, and every class of bad input is skipped with a reason."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES, SEED_TRT
from newsfuse.cli import main
from newsfuse.inputs import read_inputs
from newsfuse.inputs.errors import MAX_FILE_BYTES

HTML = """<html><head><title>Fire in Lyon - Le Progres</title>
<meta property="og:site_name" content="Le Progres"><link rel="canonical" href="https://example.org/fire">
<meta property="article:published_time" content="2023-05-02T08:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Fire in Lyon</h1>
<p>A fire broke out in a warehouse in Lyon on Monday night, firefighters said, and 40 people were evacuated from nearby buildings.</p>
<p>Nobody was hurt, according to the prefecture, which said the blaze was under control by dawn.</p></article>
<footer>Copyright</footer></body></html>"""


def test_text_file_title_and_offsets():
    result = read_inputs([SEED_TRT])
    [article] = result.articles
    raw = SEED_TRT.read_text(encoding="utf-8")
    assert article.text == raw  # offsets refer to the whole file as read
    assert article.title == "Afghan forces take back provincial capital Qala-e-Naw after Taliban assault"
    assert article.source == SEED_TRT.name and len(article.id) == 16


def test_html_metadata(tmp_path):
    page = tmp_path / "fire.html"
    page.write_text(HTML, encoding="utf-8")
    [article] = read_inputs([page]).articles
    assert article.source == "Le Progres"
    assert article.url == "https://example.org/fire"
    assert article.published.isoformat() == "2023-05-02"
    assert "40 people were evacuated" in article.text and "Copyright" not in article.text


def test_jsonl_stdin_and_story_key():
    lines = [
        {"id": "x1", "text": "Storm hits coast. Two people died.", "story": "storm", "published": "2022-01-05"},
        {"text": "Another text without id."},
    ]
    stdin = io.BytesIO("\n".join(json.dumps(x) for x in lines).encode())
    result = read_inputs(["-"], stdin=stdin)
    assert [a.id for a in result.articles][0] == "x1"
    assert result.articles[0].story == "storm" and result.articles[0].published.isoformat() == "2022-01-05"
    assert len(result.articles[1].id) == 16 and not result.problems


def test_directory_reads_every_supported_file():
    result = read_inputs([EXAMPLES])
    assert len(result.articles) == 2 and not result.problems


def test_every_bad_input_class_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait\nd\xe9j\xe0 vu".encode("latin-1"))
    (tmp_path / "big.txt").write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "nothing.html").write_text("<html><body><nav>menu</nav></body></html>", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text(
        '{"text": "fine article here."}\n{not json}\n{"title": "no text"}\n[1, 2]\n{"text": "ok", "published": "yesterday"}\n',
        encoding="utf-8",
    )
    paths = [
        tmp_path / n
        for n in ("empty.txt", "binary.txt", "latin1.txt", "big.txt", "notes.pdf", "nothing.html", "bad.jsonl")
    ]
    paths.append(tmp_path / "missing.txt")
    result = read_inputs(paths)
    reasons = {p.origin.rsplit("/", 1)[-1]: p.reason for p in result.problems}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "too large" in reasons["big.txt"]
    assert "unsupported file type" in reasons["notes.pdf"]
    assert "no article text" in reasons["nothing.html"]
    assert "no such file" in reasons["missing.txt"]
    assert "invalid JSON" in reasons["bad.jsonl:2"]
    assert "missing required field 'text'" in reasons["bad.jsonl:3"]
    assert "JSON object" in reasons["bad.jsonl:4"]
    assert "ISO date" in reasons["bad.jsonl:5"]
    assert [a.text for a in result.articles] == ["fine article here."]  # the good line survives
    for problem in result.problems:
        line = str(problem)
        assert "\n" not in line and line.startswith("newsfuse: skipped ")


def test_cli_exit_code_2_and_one_line_errors(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(SEED_TRT), str(tmp_path / "empty.txt"), "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"newsfuse: skipped {tmp_path / 'empty.txt'}: empty file"]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_cli_failure_leaves_existing_output_untouched(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("previous report", encoding="utf-8")
    # A directory as the output file cannot be written: exit 1, the old file still whole.
    proc = subprocess.run(
        [sys.executable, "-m", "newsfuse.cli", "extract", str(SEED_TRT), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and proc.stderr.startswith("newsfuse: error:")
    assert out.read_text(encoding="utf-8") == "previous report"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    "url, outlet",
    [
        ("http://www.nbcdfw.com/news/local/Arrest-Made.html", "nbcdfw.com"),
        (
            "http://web.archive.org/web/20140707094325/http://www.nbcdfw.com/news/local/Arrest-Made.html",
            "nbcdfw.com",
        ),
        ("https://web.archive.org/web/20151104072754id_/http://m.wsvn.com:80/news/1", "wsvn.com"),
        ("https://abc7news.com/news/1/", "abc7news.com"),
        (None, None),
        ("not a url", None),
    ],
)
def test_the_outlet_of_an_article_without_a_source_is_its_url_host(url, outlet):
    from newsfuse.inputs.jsonl import parse_record
    from newsfuse.inputs.outlet import outlet_from_url

    assert outlet_from_url(url) == outlet
    record = {"text": "Two people were shot on Main Street on Sunday night.", "url": url}
    assert parse_record(record, "x.jsonl:1").source == outlet
    assert parse_record({**record, "source": "NBC 5"}, "x.jsonl:1").source == "NBC 5"
