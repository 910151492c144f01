"""The web app (FastAPI, TestClient) over a store of the two seed reports plus a hostile article:
pages, search and filters, the JSON API, writes behind a token, limits, escaping and CSP. The
listing, search, story API and uploads also run over a PostgreSQL store (``any_client``)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import BACKENDS, EXAMPLES, ROOT, store_maker  # noqa: E402
from newsfuse import api  # noqa: E402
from newsfuse.model import report_to_json  # noqa: E402
from newsfuse.store import SCHEMA_VERSION, connect  # noqa: E402
from newsfuse.store.search import fts_query  # noqa: E402
from newsfuse.web import ConfigError, check_config, create_app  # noqa: E402
from report_fixture import HOSTILE_TEXT, OTHER_TEXT  # noqa: E402

TOKEN = "s3cret-token-for-tests"
BASE = "http://127.0.0.1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE = {
    "id": "hostile-1",
    "title": "Attack in Townville <script>alert(1)</script>",
    "text": HOSTILE_TEXT,
    "source": "Evil <b>Times</b>",
    "url": "javascript:alert(3)",
    "published": "2024-03-01",
    "story": "hostile-story",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp, gazetteer):
    db = tmp_path_factory.mktemp("web") / "news.db"
    stats = api.ingest([EXAMPLES], db)
    assert stats.added == 2
    return db


def _client(store):
    app = create_app(store, token=TOKEN)
    with TestClient(app, base_url=BASE) as c:
        # The hostile article goes in through the API, as a user would send it.
        r = c.post("/api/articles", json={"articles": [HOSTILE]}, headers=AUTH)
        assert r.status_code == 200, r.text
        assert r.json()["articles"][0]["status"] == "added"
        yield c


def _seed_story(store) -> str:
    with closing(connect(store, create=False)) as conn:
        return conn.execute("SELECT story_id FROM articles WHERE source = '000_e2eb9a51c8fe133c.txt'").fetchone()[0]


@pytest.fixture(scope="module")
def client(store):
    yield from _client(store)


@pytest.fixture(scope="module")
def seed_story(store) -> str:
    return _seed_story(store)


# The same on either backend: the SQLite ones above, or a PostgreSQL store of the same articles.
@pytest.fixture(scope="module", params=BACKENDS)
def any_store(request, tmp_path_factory):
    if request.param == "sqlite":
        return request.getfixturevalue("store")
    db = store_maker("postgresql", request, tmp_path_factory.mktemp("web-pg"))()
    assert api.ingest([EXAMPLES], db).added == 2
    return db


@pytest.fixture(scope="module")
def any_client(request, any_store):
    if not str(any_store).startswith("postgresql://"):
        yield request.getfixturevalue("client")
        return
    yield from _client(any_store)


@pytest.fixture(scope="module")
def any_seed_story(any_store) -> str:
    return _seed_story(any_store)


def _page_csp_ok(response) -> None:
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "http:" not in csp and "https:" not in csp and "*" not in csp


# -- pages ---------------------------------------------------------------------------------------


def test_stories_page_lists_the_seed_story_with_sources_and_fact_counts(any_client, any_seed_story):
    client, seed_story = any_client, any_seed_story
    r = client.get("/")
    assert r.status_code == 200
    _page_csp_ok(r)
    assert (
        "script-src 'self'" in r.headers["content-security-policy"]
        and "unsafe-inline" not in r.headers["content-security-policy"]
    )
    html = r.text
    assert "Qala-e-Naw" in html and "Qala i Naw" in html
    row = re.search(
        r'<tr class="story-row" data-href="/stories/' + re.escape(seed_story) + r'">(.*?)</tr>', html, re.S
    ).group(1)
    cells = re.findall(r'<td class="num">(?:<span class="pill [^"]+">)?(\d+)', row)
    summary = next(s for s in client.get("/api/stories").json()["stories"] if s["id"] == seed_story)
    assert cells == [
        str(summary["n_sources"]),
        str(summary["facts"]["corroborated"]),
        str(summary["facts"]["single_source"]),
        str(summary["facts"]["conflicting"]),
    ]
    assert (
        summary["n_sources"] == 2 and summary["facts"]["corroborated"] >= 1 and summary["facts"]["single_source"] >= 1
    )
    # No external asset: every src/href is on this server.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert '<script src="/static/web.js"' in html and "<script>" not in html


def test_search_and_filters(any_client, any_seed_story):
    client, seed_story = any_client, any_seed_story

    def ids(**params):
        r = client.get("/api/stories", params=params)
        assert r.status_code == 200, r.text
        return {s["id"] for s in r.json()["stories"]}

    assert seed_story in ids(q="Taliban") and "hostile-story" not in ids(q="Taliban")
    assert ids(q="Townville") == {"hostile-story"}
    assert seed_story in ids(q="badghi")  # the last word is a prefix
    assert ids(q="zzyzx nonexistentword") == set()
    ids(q='" AND OR ( NEAR * -')  # FTS syntax in a query is taken as words: no error
    assert ids(place="qala") == {seed_story}
    assert ids(source="001_833ad") == {seed_story}
    assert ids(source="Evil") == {"hostile-story"}
    assert seed_story in ids(date_from="2021-07-01", date_to="2021-07-31")
    assert seed_story not in ids(date_from="2022-01-01")
    assert client.get("/api/stories", params={"date_from": "not-a-date"}).status_code == 422
    # A NUL is nothing stored (PostgreSQL would refuse it as a parameter): no match, not an error.
    assert ids(place="qa\x00la") == set() and ids(source="\x00") == set() and ids(q="\x00") == set()
    assert client.get("/stories/%00").status_code == 404 and client.get("/api/stories/a%00b").status_code == 404
    # The page: the same filters, and bad input is a message, never an error page.
    page = client.get("/", params={"q": "Taliban", "place": "Qala"})
    assert page.status_code == 200 and f"/stories/{seed_story}" in page.text and "hostile-story" not in page.text
    page = client.get("/", params={"q": '"unbalanced (', "date_from": "yesterday"})
    assert page.status_code == 200 and "expected YYYY-MM-DD" in page.text


def test_fts_query_quotes_every_word():
    assert fts_query('Taliban" OR NEAR(x') == '"Taliban" AND "OR" AND "NEAR" AND "x"*'
    assert fts_query("  ;; ") is None


def test_story_page_is_the_report_page_with_site_navigation(client, seed_story):
    r = client.get(f"/stories/{seed_story}")
    assert r.status_code == 200
    _page_csp_ok(r)
    html = r.text
    assert '<nav class="site-nav"' in html and 'href="/add"' in html
    assert html.count('<article class="col"') == 2  # sources side by side
    assert 'data-target="s1f1"' in html and "<mark " in html  # clickable facts, highlighted evidence
    assert "Counts" in html and "Corroborated by several sources" in html and "Who said what" in html
    assert "<svg" in html  # the map
    # The header CSP admits exactly the page's one inline script, by hash.
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in r.headers["content-security-policy"]
    # A unique prefix redirects to the story; an unknown id is a 404 page.
    prefix = client.get(f"/stories/{seed_story[:6]}", follow_redirects=False)
    assert prefix.status_code == 307 and prefix.headers["location"] == f"/stories/{seed_story}"
    missing = client.get("/stories/no-such-story")
    assert missing.status_code == 404 and "no story" in missing.text
    _page_csp_ok(missing)


def test_hostile_article_is_escaped_everywhere(client):
    for url in ("/", "/stories/hostile-story", "/?q=Townville"):
        r = client.get(url)
        assert r.status_code == 200
        html = r.text
        assert "<script>alert" not in html and "<img" not in html and "<b>" not in html and "</textarea><b>" not in html
        assert 'href="javascript:' not in html.lower()
        assert html.count("<script") == 1  # the app's own script only
    story = client.get("/stories/hostile-story").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in story
    assert "{{ 7*7 }}" in story  # shown as written, never evaluated


def test_story_page_shows_a_new_report_once_an_article_joins(store):
    """Story pages are cached by report version: a joining article must show at once."""
    with TestClient(create_app(store, token=TOKEN), base_url=BASE) as c:
        before = c.get("/stories/hostile-story").text
        assert c.get("/stories/hostile-story").text == before  # served from the cache
        assert 'data-article="other-1"' not in before
        r = c.post(
            "/api/articles",
            json={
                "articles": [
                    {
                        "id": "other-1",
                        "text": OTHER_TEXT,
                        "story": "hostile-story",
                        "source": "Townville Courier",
                        "published": "2024-03-02",
                    }
                ]
            },
            headers=AUTH,
        )
        assert r.json()["articles"][0]["status"] == "added"
        after = c.get("/stories/hostile-story").text
        assert 'data-article="other-1"' in after and "Townville Courier" in after


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_story_waiting_for_fusion_shows_its_articles_and_asks_to_come_back(request, tmp_path, backend):
    """While an ingest has yet to fuse a story (NULL report), its page lists its articles with a
    503 and Retry-After, the API says the same in JSON, the listing marks it; a page cached from
    its previous report is not served; once fused, the report is there."""
    from newsfuse.nlp import load_encoder
    from newsfuse.store import StoreIngester
    from newsfuse.web.settings import PENDING_RETRY_AFTER

    db = store_maker(backend, request, tmp_path)()
    with closing(connect(db)) as conn:
        ingester = StoreIngester(conn, api.iter_extract, load_encoder(), fuse=False)
        ingester.ingest(api.read([EXAMPLES]).articles)
        (sid,) = [r[0] for r in conn.execute("SELECT id FROM stories")]
    retry = str(PENDING_RETRY_AFTER)
    with TestClient(create_app(db, token=TOKEN), base_url=BASE) as c:

        def pending() -> None:
            listing = c.get("/")
            assert listing.status_code == 200 and "report being prepared" in listing.text
            page = c.get(f"/stories/{sid}")
            assert page.status_code == 503 and page.headers["retry-after"] == retry
            _page_csp_ok(page)
            assert "report being prepared" in page.text and "Qala-e-Naw" in page.text  # the articles' titles
            for url in (f"/api/stories/{sid}", f"/api/stories/{sid}/report"):
                r = c.get(url)
                assert r.status_code == 503 and r.headers["retry-after"] == retry
                assert r.json()["detail"].startswith(f"story {sid!r} has no report yet: its ")
            (row,) = c.get("/api/stories").json()["stories"]
            assert row["pending"] is True and row["id"] == sid

        pending()
        with closing(connect(db)) as conn:
            assert StoreIngester(conn, api.iter_extract, load_encoder()).fuse_pending() == 1
        page = c.get(f"/stories/{sid}")
        assert page.status_code == 200 and page.text == c.get(f"/stories/{sid}").text  # cached
        assert c.get(f"/api/stories/{sid}").json()["id"] == sid
        assert c.get("/api/stories").json()["stories"][0]["pending"] is False

        # An article joins (an ingest that fuses at its end): pending again, the cached page is not shown.
        with closing(connect(db)) as conn:
            extra = {"id": "other-1", "text": OTHER_TEXT, "story": sid, "source": "Townville Courier"}
            StoreIngester(conn, api.iter_extract, load_encoder(), fuse=False).ingest(
                api.read_upload("extra.jsonl", json.dumps(extra).encode()).articles
            )
        pending()


# -- JSON API -------------------------------------------------------------------------------------


def test_api_story_is_the_contract_story_object(any_client, any_store, any_seed_story):
    client, store, seed_story = any_client, any_store, any_seed_story
    listing = client.get("/api/stories").json()
    assert {seed_story, "hostile-story"} <= {s["id"] for s in listing["stories"]}
    seed = next(s for s in listing["stories"] if s["id"] == seed_story)
    with closing(connect(store, create=False)) as conn:
        sources = [
            conn.execute("SELECT source FROM articles WHERE id = ?", (a,)).fetchone()[0] for a in seed["articles"]
        ]
    assert sources == ["000_e2eb9a51c8fe133c.txt", "001_833ad0130573cf0d.txt"]
    r = client.get(f"/api/stories/{seed_story}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json() == report_to_json(api.stored_report(store, [seed_story]))["stories"][0]
    for key in (
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
    ):
        assert key in r.json()
    whole = client.get(f"/api/stories/{seed_story}/report").json()
    assert whole["schema"] == "newsfuse/report@1.2" and len(whole["articles"]) == 2 and whole["stories"][0] == r.json()
    assert client.get("/api/stories/nope").status_code == 404


def test_openapi_document_lists_the_api(client):
    doc = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_key}", "/api/articles"} <= set(doc["paths"])
    assert "multipart/form-data" in doc["paths"]["/api/articles"]["post"]["requestBody"]["content"]
    assert client.get("/docs").status_code == 404  # the Swagger UI would load from a CDN


def test_api_upload_files_reports_joined_story_duplicates_and_bad_files(any_client, any_seed_story):
    client, seed_story = any_client, any_seed_story
    seed = (EXAMPLES / "000_e2eb9a51c8fe133c.txt").read_bytes()
    files = [
        ("files", ("000_e2eb9a51c8fe133c.txt", seed, "text/plain")),
        ("files", ("../../etc/passwd", b"root:x:0:0", "text/plain")),
        ("files", ("bad.jsonl", b'{"title": "no text"}\n', "application/jsonl")),
    ]
    r = client.post("/api/articles", files=files, headers=AUTH)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["added"] == 0 and out["duplicates"] == 1 and out["skipped"] == 2
    dup = next(a for a in out["articles"] if a["status"] == "duplicate")
    assert dup["story"] == seed_story
    reasons = " ".join(a["reason"] for a in out["articles"] if a["status"] == "skipped")
    assert "unsupported file type" in reasons and "missing required field 'text'" in reasons
    assert "etc/" not in json.dumps(out)  # only the file name, never a path


def test_api_and_uploads_answer_per_article_for_hostile_lines(client):
    good = {
        "id": "per-article-1",
        "text": "Firefighters put out a blaze at a depot in Lyon on Sunday, the fire service said.",
    }
    # Raw JSON: a lone surrogate is legal JSON text, and must cost only its own article.
    body = (
        '{"articles": ['
        + json.dumps(good)
        + ', {"id": "s", "text": "Storm \\ud800 hits"}, {"text": "x", "published": "9999-12-31"},'
        + ' {"id": "per-article-1", "text": "Another text about Bonn."}, {"text": 7}, [1]]}'
    )
    r = client.post("/api/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    out = r.json()
    assert (out["added"], out["skipped"]) == (1, 5)
    reasons = {a["origin"]: a["reason"] for a in out["articles"] if a["status"] == "skipped"}
    assert "lone surrogate" in reasons["articles[1]"] and "outside 1800-01-01" in reasons["articles[2]"]
    assert "duplicate id" in reasons["articles[3]"] and "must be a string" in reasons["articles[4]"]
    assert "JSON object" in reasons["articles[5]"]
    deep = '{"articles": ' + "[" * 100_000 + "]" * 100_000 + "}"
    r = client.post("/api/articles", content=deep, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 422 and "nested too deeply" in r.json()["detail"]
    lines = b'{"text": "Storm \\ud800 hits"}\n' + b"[" * 100_000 + b"\n" + b'{"text": "y", "published": "0001-01-01"}\n'
    for route, extra in (("/api/articles", {"headers": AUTH}), ("/add", {"data": {"token": TOKEN}})):
        r = client.post(route, files=[("files", ("hostile.jsonl", lines, "application/jsonl"))], **extra)
        assert r.status_code == 200, (route, r.text[:300])
        if route == "/add":
            assert "3 skipped" in r.text and "lone surrogate" in r.text
        else:
            assert [a["origin"] for a in r.json()["articles"]] == [f"hostile.jsonl:{n}" for n in (1, 2, 3)]
    client.cookies.clear()  # the form post set the token cookie


# -- writes: token, limits ------------------------------------------------------------------------


def test_writes_need_the_token(client, store):
    body = {"articles": []}
    assert client.post("/api/articles", json=body).status_code == 401
    assert client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong-token"}).status_code == 401
    assert client.post("/api/articles", json=body, headers=AUTH).status_code == 200
    form = client.post("/add", data={"text": "A text without a token here."})
    assert form.status_code == 401 and "token" in form.text
    cross = client.post("/add", data={"text": "x", "token": TOKEN}, headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    # Without a token the server is read-only; --no-auth writes only for a loopback host name.
    with TestClient(create_app(store), base_url=BASE) as ro:
        assert ro.get("/").status_code == 200
        assert ro.post("/api/articles", json=body).status_code == 403
    with TestClient(create_app(store, auth=False), base_url=BASE) as open_:
        assert open_.post("/api/articles", json=body).status_code == 200
    with TestClient(create_app(store, auth=False), base_url="http://attacker.example") as rebound:
        assert rebound.post("/api/articles", json=body).status_code == 403


def test_form_add_shows_the_story_each_article_joined(any_client):
    client = any_client
    text = (
        "Flood in Riverton forces 300 from homes\n"
        "Floodwaters forced about 300 residents of Riverton from their homes on Monday, mayor Clara Odell said.\n"
    )
    r = client.post(
        "/add", data={"text": text, "source": "Riverton Gazette", "published": "2024-05-06", "token": TOKEN}
    )
    assert r.status_code == 200, r.text
    assert "1 added" in r.text and "Flood in Riverton forces 300 from homes" in r.text
    link = re.search(r'<a href="(/stories/[^"]+)">', r.text.split('class="result"', 1)[1]).group(1)
    assert client.get(link).status_code == 200
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
    # The cookie now authorises the form (the client keeps it); the page no longer asks for the token.
    again = client.post("/add", data={"text": text})
    assert again.status_code == 200 and "1 already stored" in again.text
    assert 'name="token"' not in client.get("/add").text
    client.cookies.clear()
    assert 'name="token"' in client.get("/add").text


def test_limits_give_413(store):
    app = create_app(store, token=TOKEN, max_body_bytes=2000, max_files=2, max_articles=3)
    with TestClient(app, base_url=BASE) as c:
        big = c.post("/api/articles", json={"articles": [{"text": "x" * 5000}]}, headers=AUTH)
        assert big.status_code == 413 and "too large" in big.json()["detail"]
        files = [("files", (f"{i}.txt", b"tiny", "text/plain")) for i in range(3)]
        many = c.post("/api/articles", files=files, headers=AUTH)
        assert many.status_code == 413 and "too many files" in many.json()["detail"]
        arts = c.post("/api/articles", json={"articles": [{"text": "a"}] * 4}, headers=AUTH)
        assert arts.status_code == 413 and "too many articles" in arts.json()["detail"]
        page = c.post("/add", files=[("files", ("a.txt", b"y" * 5000, "text/plain"))], data={"token": TOKEN})
        assert page.status_code == 413


def _chunked(head: bytes, size: int, tail: bytes = b""):
    """A request body sent in chunks, without Content-Length (httpx streams a generator)."""
    yield head
    for _ in range(size // 1000):
        yield b"y" * 1000
    yield tail


def test_client_input_never_gets_a_server_error(store):
    app = create_app(store, token=TOKEN, max_body_bytes=2000)
    with TestClient(app, base_url=BASE) as c:
        # Integers beyond 64 bits, or not integers: 422, an HTML page on a page.
        for url in ("/api/stories?offset=99999999999999999999", "/api/stories?limit=99999999999999999999"):
            r = c.get(url)
            assert r.status_code == 422 and r.headers["content-type"] == "application/json", url
        for url in ("/?page_no=99999999999999999999", "/?page_no=abc", "/?page_no=0"):
            r = c.get(url)
            assert r.status_code == 422 and r.headers["content-type"].startswith("text/html"), url
            assert "<title>Error 422" in r.text and "page_no" in r.text
            _page_csp_ok(r)
        # A body over the limit without Content-Length: 413 while it streams in.
        boundary = "b0undary"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="token"\r\n\r\n{TOKEN}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        ).encode()
        multipart = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        tail = f"\r\n--{boundary}--\r\n".encode()
        page = c.post("/add", content=_chunked(head, 10_000, tail), headers=multipart)
        assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")
        assert "request too large" in page.text
        api_ = c.post("/api/articles", content=_chunked(head, 10_000, tail), headers={**AUTH, **multipart})
        assert api_.status_code == 413 and "too large" in api_.json()["detail"]
        body = c.post(
            "/api/articles",
            content=_chunked(b'{"articles": [{"text": "', 10_000, b'"}]}'),
            headers={**AUTH, "Content-Type": "application/json"},
        )
        assert body.status_code == 413
        # HEAD is answered as GET, without the body.
        for url in ("/", "/add", "/api/stories", "/stories/no-such-story"):
            head_r, get_r = c.head(url), c.get(url)
            assert head_r.status_code == get_r.status_code != 405 and head_r.content == b"", url
            assert head_r.headers["content-type"] == get_r.headers["content-type"]


def test_static_assets_come_from_a_fixed_set(client):
    assert client.get("/static/web.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/web.js").status_code == 200
    for bad in (
        "/static/app.py",
        "/static/..%2Fapp.py",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/report.css",
        "/etc/passwd",
    ):
        r = client.get(bad)
        assert r.status_code == 404, bad
        assert "[project]" not in r.text and "import" not in r.text


def test_server_refuses_unsafe_configurations():
    with pytest.raises(ConfigError):
        check_config("0.0.0.0", None, False)
    with pytest.raises(ConfigError):
        check_config("0.0.0.0", TOKEN, True)
    with pytest.raises(ConfigError):
        check_config("192.168.1.5", "short", False)
    check_config("0.0.0.0", TOKEN, False)
    check_config("127.0.0.1", None, True)
    check_config("127.0.0.1", None, False)  # read-only


def test_serve_cli_refuses_a_public_address_without_token(capsys, monkeypatch, tmp_path):
    from newsfuse.cli import EXIT_USAGE, main

    monkeypatch.delenv("NEWSFUSE_TOKEN", raising=False)
    assert main(["serve", "--db", str(tmp_path / "n.db"), "--host", "0.0.0.0"]) == EXIT_USAGE
    assert "without a token" in capsys.readouterr().err


def test_limits_are_defined_once_for_serve_and_create_app(capsys, tmp_path):
    import inspect

    from newsfuse.cli import EXIT_USAGE, build_parser, main
    from newsfuse.web import DEFAULT_LIMITS, Limits

    serve = build_parser().parse_args(["serve", "--db", str(tmp_path / "n.db")])
    assert (serve.max_upload_mb * 1024 * 1024, serve.max_files, serve.max_articles) == (
        DEFAULT_LIMITS.max_body_bytes,
        DEFAULT_LIMITS.max_files,
        DEFAULT_LIMITS.max_articles,
    )
    defaults = {k: p.default for k, p in inspect.signature(create_app).parameters.items()}
    assert (defaults["max_body_bytes"], defaults["max_files"], defaults["max_articles"]) == (
        DEFAULT_LIMITS.max_body_bytes,
        DEFAULT_LIMITS.max_files,
        DEFAULT_LIMITS.max_articles,
    )
    with pytest.raises(ConfigError):
        Limits(max_files=0)
    assert main(["serve", "--db", str(tmp_path / "n.db"), "--max-upload-mb", "0"]) == EXIT_USAGE
    assert "largest request body" in capsys.readouterr().err


# -- the FTS migration ------------------------------------------------------------------------------


def test_fts_migration_backfills_an_older_store(store, tmp_path):
    db = tmp_path / "old.db"
    src = sqlite3.connect(store)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    # Make it a version-1 store: no FTS table, no redirects, no feeds.
    dst.execute("DROP TABLE articles_fts")
    dst.execute("DROP TABLE story_redirects")
    dst.execute("DROP TABLE feed_entries")
    dst.execute("DROP TABLE feeds")
    dst.execute("PRAGMA user_version = 1")
    dst.commit()
    dst.close()
    conn = connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        hits = conn.execute(
            "SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH 'Taliban'"
        ).fetchall()
        assert len(hits) == 2
    finally:
        conn.close()


# -- end to end, in headless Chromium ---------------------------------------------------------------

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


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory, nlp, gazetteer):
    """A store of the two seed reports only (what the screenshots show)."""
    db = tmp_path_factory.mktemp("web-e2e") / "news.db"
    assert api.ingest([EXAMPLES], db).added == 2
    return db


@pytest.fixture()
def live_server(seeds_store):
    """The app on a free loopback port, served by uvicorn in a thread."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(seeds_store, token=TOKEN), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _browser(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def _watch(page, base: str, problems: list[str]) -> None:
    """Collect what must never happen: script errors, dialogs (an injected alert), requests that
    leave the app (a CDN, a tracker)."""
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on(
        "request", lambda r: None if r.url.startswith((base, "data:")) else problems.append(f"external request {r.url}")
    )


def _in_view(page, selector: str) -> bool:
    """Whether every element matching ``selector`` lies inside its scrolling source column."""
    return page.evaluate(
        "s => { const ms = Array.from(document.querySelectorAll(s)); return ms.length > 0 && ms.every(m => { "
        "const box = m.closest('.text').getBoundingClientRect(), r = m.getBoundingClientRect(); "
        "return r.top >= box.top - 1 && r.bottom <= box.bottom + 1; }); }",
        selector,
    )


@pytest.fixture(scope="module")
def sync_api():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"no Chromium at {CHROMIUM} (make test installs it with apt where apt exists): browser tests skipped"
        )
    return pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")


def test_browser_opens_the_seed_story_checks_counts_and_clicks_a_fact(sync_api, live_server, tmp_path):
    shots = ROOT / "docs" if os.environ.get("NEWSFUSE_SCREENSHOTS") else tmp_path
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = _browser(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            _watch(page, live_server, problems)
            page.goto(live_server + "/")
            rows = page.locator("tr.story-row")
            assert rows.count() == 1
            assert "Qala-e-Naw" in rows.first.inner_text() and "Qala i Naw" in rows.first.inner_text()
            page.screenshot(path=str(shots / "screenshot-stories.png"), full_page=True)

            rows.first.locator("td.num").first.click()  # the whole row is a link (web.js)
            page.wait_for_url("**/stories/*")
            assert page.locator("article.col").count() == 2

            # The counts table: each figure's sources grouped by value, statuses as the seeds expect.
            table = page.locator("table.counts")
            sources = table.inner_text()
            assert "000_e2eb9a51c8fe133c" in sources and "001_833ad0130573cf0d" in sources
            prisoners = table.locator("tr.fact", has_text="prisoners")
            assert "hundreds" in prisoners.inner_text() and "about 400" in prisoners.inner_text()
            assert prisoners.locator(".badge.st-corroborated").count() == 1
            displaced = table.locator("tr.fact", has_text="75,000")
            assert displaced.locator(".badge.st-single_source").count() == 1
            page.screenshot(path=str(shots / "screenshot-story.png"))

            # Click the corroborated prisoners figure: both sources scroll to their sentence.
            token = prisoners.get_attribute("data-target")
            prisoners.click()
            page.wait_for_function(
                "t => document.querySelectorAll('mark.current[data-fact~=\"' + t + '\"]').length > 0", arg=token
            )
            assert "active" in (prisoners.get_attribute("class") or "")
            current = page.locator("mark.current")
            columns = {
                current.nth(i).evaluate("m => m.closest('article.col').dataset.article") for i in range(current.count())
            }
            assert len(columns) == 2, columns  # a highlight in each source
            page.wait_for_timeout(800)  # let the smooth scroll finish
            assert _in_view(page, "mark.current")
            page.screenshot(path=str(shots / "screenshot-story-click.png"))
        finally:
            browser.close()
    assert not problems, problems
    assert (shots / "screenshot-story.png").stat().st_size > 10_000


def test_browser_uploads_a_hostile_article_and_it_runs_nothing(sync_api, live_server):
    problems: list[str] = []
    title = "Blast in Townville <script>alert(1)</script><img src=x onerror=alert(2)>"
    with sync_api.sync_playwright() as p:
        browser = _browser(p)
        try:
            page = browser.new_page()
            _watch(page, live_server, problems)
            page.goto(live_server + "/add")
            page.fill("textarea[name=text]", HOSTILE_TEXT)
            page.fill("input[name=title]", title)
            page.fill("input[name=source]", "Evil <b>Times</b>")
            page.fill("input[name=token]", TOKEN)
            page.click("form.add button[type=submit]")
            page.wait_for_selector("section.result", timeout=120_000)
            result = page.locator("section.result")
            assert "1 added" in result.inner_text()
            assert title in result.inner_text()  # shown as text, not parsed as markup
            assert page.locator("section.result script, section.result img").count() == 0
            result.locator("a").first.click()
            page.wait_for_url("**/stories/*")
            assert title in page.locator("body").inner_text()
            assert page.locator("body img").count() == 0 and page.locator("script:not([src])").count() <= 1
            page.locator("tr.fact, .fact[data-target]").first.click()
            page.wait_for_timeout(300)
            page.goto(live_server + "/?q=Townville")
            assert page.locator("tr.story-row").count() == 1 and title in page.locator("tr.story-row").inner_text()
        finally:
            browser.close()
    assert not problems, problems


# -- the API against its own OpenAPI document (schemathesis) -------------------------------------


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_api_conforms_to_its_openapi_document(store, seed_story, mode):
    """Schemathesis generates requests from /openapi.json (valid ones, then invalid ones) and
    checks every response: no server error, documented status codes, content types and bodies."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis.generation import GenerationMode

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(store, token=TOKEN))
    failures, calls = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        # Random ids only reach the 404 branch; a known id drives the found branch too.
        known = {"story_key": seed_story} if "{story_key}" in operation.path and mode == "positive" else None
        for path_parameters in (None, known) if known else (None,):
            strategy = operation.as_strategy(GenerationMode(mode), path_parameters=path_parameters)

            @given(strategy)
            @settings(
                max_examples=15, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
            )
            def check(case):
                nonlocal calls
                calls += 1
                case.call_and_validate(headers=AUTH)

            try:
                check()
            except Unsatisfiable:
                pass  # no invalid request exists for this operation (e.g. a lone string path parameter)
            except BaseException as exc:  # schemathesis raises an exception group of its findings
                failures.append(f"{operation.label}: {exc}")
    # Hand-made cases the generators rarely reach: integers beyond 64 bits, negative ones.
    stories = schema["/api/stories"]["GET"]
    for query in ({"offset": "99999999999999999999"}, {"limit": "99999999999999999999"}, {"offset": "-1"}):
        try:
            stories.Case(query=query).call_and_validate(headers=AUTH)
        except BaseException as exc:
            failures.append(f"GET /api/stories {query}: {exc}")
        calls += 1
    assert calls >= (40 if mode == "positive" else 10)  # few requests can break a schema this small
    assert not failures, "\n\n".join(failures)
