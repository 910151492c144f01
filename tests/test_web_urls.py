"""The web app reads URLs (the /add form's "URLs" field, ``{"urls": [...]}`` on POST
/api/articles) under the fetcher's guard and the write token, and shows the feeds `watch` reads
(/feeds, GET /api/feeds)."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from newsfuse.cli import EXIT_USAGE, main  # noqa: E402
from newsfuse.errors import ConfigError  # noqa: E402
from newsfuse.inputs.fetch import FetchPolicy  # noqa: E402
from newsfuse.store import connect  # noqa: E402
from newsfuse.store.feeds import iso, record_poll, register_feeds  # noqa: E402
from newsfuse.web import create_app  # noqa: E402
from test_fetch import REPORT, loopback, page  # noqa: E402,F401
from webserver import Route, Site  # noqa: E402

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "http://127.0.0.1"


@pytest.fixture
def site():
    server = Site()
    server.routes["/news/floods"] = Route(page("Severn floods force 300 families out").encode())
    server.routes["/metadata"] = Route(
        b"", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    yield server
    server.close()


@pytest.fixture
def client(tmp_path, loopback):  # noqa: F811
    app = create_app(tmp_path / "news.db", token=TOKEN, fetch_policy=loopback)
    with TestClient(app, base_url=BASE) as c:
        yield c


def test_the_api_reads_urls_under_the_guard_and_the_token(client, site, nlp, gazetteer):
    url = site.url("/news/floods")
    assert client.post("/api/articles", json={"urls": [url]}).status_code == 401
    r = client.post(
        "/api/articles",
        json={
            "urls": [
                url,
                "file:///etc/passwd",
                "/etc/passwd",
                url.replace("http://", "http://u:p@"),
                site.url("/metadata"),
            ]
        },
        headers=AUTH,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 1 and body["skipped"] == 4
    added, *skipped = body["articles"]
    assert added["status"] == "added" and added["title"] == "Severn floods force 300 families out" and added["story"]
    reasons = {a["origin"]: a["reason"] for a in skipped}
    assert reasons["file:///etc/passwd"] == "refused: only http and https URLs are read, not file:"
    assert reasons["/etc/passwd"] == "refused: not a URL (expected http:// or https://)"
    assert reasons[url.replace("http://", "http://u:p@")].startswith("refused: URLs with credentials")
    assert reasons[site.url("/metadata")].startswith("refused address: 169.254.169.254 is link-local")
    assert site.count("/news/floods") == 1
    again = client.post("/api/articles", json={"urls": [url]}, headers=AUTH).json()
    assert again["articles"][0]["status"] == "duplicate"
    too_many = client.post("/api/articles", json={"urls": [url] * 21}, headers=AUTH)
    assert too_many.status_code == 413 and "at most 20" in too_many.json()["detail"]
    assert client.post("/api/articles", json={"urls": "x"}, headers=AUTH).status_code == 422


def test_the_add_form_takes_urls_and_the_default_app_refuses_loopback(tmp_path, site, nlp, gazetteer):
    app = create_app(tmp_path / "news.db", token=TOKEN)  # the policy `serve` uses
    with TestClient(app, base_url=BASE) as c:
        assert 'name="urls"' in c.get("/add").text
        html = c.post("/add", data={"urls": site.url("/news/floods"), "token": TOKEN}).text
    assert "refused address: 127.0.0.1 is loopback" in html
    assert site.hits == []
    with pytest.raises(ConfigError):
        create_app(tmp_path / "news.db", token=TOKEN, fetch_policy=FetchPolicy(allow_private=True))
    assert main(["serve", "--db", str(tmp_path / "news.db"), "--allow-private"]) == EXIT_USAGE


def test_the_feeds_page_and_api_show_when_each_feed_was_read_and_what_failed(client, tmp_path):
    conn = connect(tmp_path / "news.db")
    register_feeds(conn, ["https://a.example/rss", "https://b.example/<script>"], "2026-12-01T10:00:00+00:00")
    record_poll(
        conn,
        "https://a.example/rss",
        now="2026-12-01T10:05:00+00:00",
        next_poll="2026-12-01T10:15:00+00:00",
        interval_s=600,
        kind="rss",
        title="A wire",
    )
    record_poll(
        conn,
        "https://b.example/<script>",
        now=iso(__import__("datetime").datetime(2026, 12, 1, 10, 6)),
        next_poll="2026-12-01T10:26:00+00:00",
        interval_s=1200,
        error="not a feed (an HTML page <b>)",
    )
    conn.close()
    feeds = client.get("/api/feeds").json()["feeds"]
    assert [f["url"] for f in feeds] == ["https://b.example/<script>", "https://a.example/rss"]  # failing first
    assert feeds[0]["errors"] == 1 and feeds[0]["last_error"] == "not a feed (an HTML page <b>)"
    assert feeds[1]["last_ok"] == "2026-12-01T10:05:00+00:00" and feeds[1]["kind"] == "rss"
    html = client.get("/feeds").text
    assert "A wire" in html and "2026-12-01 10:05:00" in html
    assert "not a feed (an HTML page &lt;b&gt;)" in html and "<script>" not in html.split("<main")[1]
    assert 'href="/feeds"' in client.get("/").text
