"""`newsfuse watch` against a real HTTP server on 127.0.0.1 serving an RSS feed, an Atom feed,
a news sitemap and their pages: entries appearing between polls, 304s, feeds that are not
feeds, a restart mid-way, and a kill -9 during a poll; the state in the store (schema v4) and
what `serve` shows of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import closing

import pytest

from conftest import ROOT
from newsfuse import api, stored
from newsfuse.cli import EXIT_SKIPPED, main
from newsfuse.inputs import fetch
from newsfuse.inputs.feeds import parse_feed, read_feed_list
from newsfuse.inputs.fetch import FetchPolicy
from newsfuse.model import Article
from newsfuse.store import connect, verify
from test_fetch import loopback  # noqa: F401  (a fixture)
from test_store import FIRE_DALTON_1, FIRE_DALTON_2, FIRE_ROME_1, FIRE_ROME_2
from webserver import Route, Site

ARTICLES = {"dalton-1": FIRE_DALTON_1, "rome-1": FIRE_ROME_1, "dalton-2": FIRE_DALTON_2, "rome-2": FIRE_ROME_2}


def html(article: Article) -> bytes:
    title, *lines = article.text.split("\n")
    body = "".join(f"<p>{line}</p>" for line in lines)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="{article.source}">'
        f'<meta property="article:published_time" content="{article.published}T08:00:00Z"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def rss(site: Site, ids: list[str], ttl: int | None = None) -> bytes:
    items = "".join(
        f"<item><title>{ARTICLES[i].title}</title><link>{site.url('/news/' + i)}</link>"
        f"<guid>{i}</guid><pubDate>Tue, 0{ARTICLES[i].published.day} Sep 2024 08:00:00 GMT</pubDate></item>"
        for i in ids
    )
    ttl_tag = f"<ttl>{ttl}</ttl>" if ttl else ""
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Georgia fires</title>{ttl_tag}{items}</channel></rss>'.encode()


def sitemap(site: Site, ids: list[str]) -> bytes:
    urls = "".join(
        f"<url><loc>{site.url('/news/' + i)}</loc><news:news><news:publication><news:name>Wire</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>{ARTICLES[i].published}"
        f"</news:publication_date><news:title>{ARTICLES[i].title}</news:title></news:news></url>"
        for i in ids
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


@pytest.fixture
def site():
    server = Site()
    for key, article in ARTICLES.items():
        server.routes["/news/" + key] = Route(html(article))
    yield server
    server.close()


def _entries(db) -> dict[tuple[str, str], str]:
    with closing(connect(db, create=False)) as conn:
        return {
            (f.rsplit("/", 1)[-1], u.rsplit("/", 1)[-1]): s
            for f, u, s in conn.execute("SELECT feed, url, status FROM feed_entries")
        }


def _articles(db) -> list[str]:
    with closing(connect(db, create=False)) as conn:
        return [r[0] for r in conn.execute("SELECT url FROM articles ORDER BY seq")]


# -- parsing --------------------------------------------------------------------------------------


def test_feeds_sitemaps_and_feed_lists_are_parsed(tmp_path):
    site_url = "https://news.example"
    atom = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        b'<entry><title>One</title><link href="/a/1"/><id>tag:1</id><updated>2024-09-03T10:00:00Z</updated></entry>'
        b"</feed>"
    )
    feed = parse_feed(atom, site_url + "/atom.xml")
    assert (feed.kind, feed.title) == ("atom", "Wire")
    assert [(e.url, e.title, str(e.published)) for e in feed.entries] == [(site_url + "/a/1", "One", "2024-09-03")]
    index = parse_feed(
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://news.example/s1.xml</loc><lastmod>2024-01-01</lastmod></sitemap>"
        b"<sitemap><loc>https://news.example/s2.xml</loc><lastmod>2024-09-01</lastmod></sitemap></sitemapindex>",
        site_url,
    )
    assert index.kind == "sitemap-index" and index.sitemaps == (
        "https://news.example/s2.xml",
        "https://news.example/s1.xml",
    )
    for body, why in (
        (b"this is not a feed at all", "not a feed (not XML: starts with b'this is not a feed a')"),
        (b'{"items": []}', "not a feed (not XML: starts with b'{\"items\": []}')"),
        (b"<!DOCTYPE html><html><body><p>Home</p></body></html>", "not a feed (an HTML page)"),
        (b"<config><a>1</a></config>", "not a feed (XML with a <config> root, neither RSS, Atom nor a sitemap)"),
        (b"", "not a feed (empty)"),
    ):
        with pytest.raises(fetch.FetchError) as refused:
            parse_feed(body, site_url)
        assert str(refused.value) == why and refused.value.kind == "not-a-feed"
    # an XML bomb is not expanded
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>'
    with pytest.raises(fetch.FetchError, match="it declares XML entities"):
        parse_feed(bomb, site_url)

    listing = tmp_path / "feeds.txt"
    listing.write_text(
        "# the desk's feeds\nhttps://a.example/rss\n\nhttps://b.example/sitemap.xml\nhttps://a.example/rss\n"
    )
    assert read_feed_list(listing) == ["https://a.example/rss", "https://b.example/sitemap.xml"]
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Desk</title></head><body>'
        '<outline text="Wires"><outline type="rss" text="A" xmlUrl="https://a.example/rss"/>'
        '<outline type="rss" text="C" xmlUrl="https://c.example/atom"/></outline></body></opml>'
    )
    assert read_feed_list(opml) == ["https://a.example/rss", "https://c.example/atom"]


# -- polling --------------------------------------------------------------------------------------


def test_a_feed_and_a_sitemap_gain_entries_between_polls(site, loopback, db_target):  # noqa: F811
    db = db_target
    site.routes["/rss.xml"] = Route(
        rss(site, ["dalton-1", "rome-1"], ttl=1), content_type="application/rss+xml", etag='"r1"'
    )
    site.routes["/news-sitemap.xml"] = Route(sitemap(site, ["dalton-1"]), content_type="application/xml")
    feeds = [site.url("/rss.xml"), site.url("/news-sitemap.xml")]
    lines: list[str] = []

    first = api.watch(feeds, db, once=True, fetch_policy=loopback, report=lines.append)
    assert (first.polls, first.added, first.duplicates, first.skipped) == (2, 2, 1, 0)
    assert _entries(db) == {
        ("rss.xml", "dalton-1"): "added",
        ("rss.xml", "rome-1"): "added",
        ("news-sitemap.xml", "dalton-1"): "duplicate",  # the RSS poll brought it: not fetched again
    }
    assert site.count("/news/dalton-1") == site.count("/news/rome-1") == 1

    # Nothing new: the RSS feed answers 304 to its ETag, the sitemap lists nothing unseen.
    second = api.watch(feeds, db, once=True, fetch_policy=loopback, report=lines.append)
    assert (second.not_modified, second.new_entries, second.added) == (1, 0, 0)
    assert site.hits[-2].headers.get("if-none-match") == '"r1"' and site.hits[-2].status == 304

    # New entries appear in both.
    site.routes["/rss.xml"] = Route(
        rss(site, ["dalton-2", "dalton-1", "rome-1"]), content_type="application/rss+xml", etag='"r2"'
    )
    site.routes["/news-sitemap.xml"] = Route(sitemap(site, ["dalton-1", "rome-2"]), content_type="application/xml")
    third = api.watch(feeds, db, once=True, fetch_policy=loopback, report=lines.append)
    assert (third.new_entries, third.added, third.duplicates) == (2, 2, 0)
    assert sorted(u.rsplit("/", 1)[-1] for u in _articles(db)) == ["dalton-1", "dalton-2", "rome-1", "rome-2"]
    assert all(site.count(f"/news/{key}") == 1 for key in ARTICLES)  # every page fetched once
    assert any("rss.xml: 1 new entries, 1 added" in line for line in lines)
    assert any("rss.xml: not modified" in line for line in lines)

    # The store's view of it, as `serve` shows it.
    by_url = {s.url: s for s in stored.feed_status(db)}
    rss_status = by_url[site.url("/rss.xml")]
    assert (rss_status.kind, rss_status.title, rss_status.polls, rss_status.added) == ("rss", "Georgia fires", 3, 3)
    assert rss_status.interval_s == 600  # its <ttl> (1 minute) asks for less than the default
    assert rss_status.last_error is None and rss_status.last_ok is not None
    assert by_url[site.url("/news-sitemap.xml")].kind == "sitemap"
    conn = connect(db, create=False)
    assert verify(conn) == []
    conn.close()


def test_feeds_that_are_not_feeds_and_pages_that_fail_are_one_line_each(site, tmp_path, monkeypatch, capsys):
    db = tmp_path / "news.db"
    site.routes["/not-xml"] = Route(b"Sorry, our feed has moved.", content_type="text/plain")
    site.routes["/home"] = Route(b"<!DOCTYPE html><html><body><p>Welcome</p></body></html>")
    site.routes["/rss.xml"] = Route(
        rss(site, ["dalton-1"]).replace(
            b"</channel>", f"<item><link>{site.url('/news/gone')}</link></item></channel>".encode()
        ),
        content_type="application/rss+xml",
    )
    listing = tmp_path / "feeds.txt"
    listing.write_text("\n".join(site.url(p) for p in ("/not-xml", "/home", "/rss.xml")) + "\n")
    monkeypatch.setattr(fetch, "DEFAULT_POLICY", FetchPolicy(host_delay=0.0))
    assert main(["watch", "--feeds", str(listing), "--db", str(db), "--once", "--allow-private"]) == EXIT_SKIPPED
    err = capsys.readouterr().err
    assert f"newsfuse: skipped {site.url('/not-xml')}: not a feed (not XML: starts with b'Sorry, our feed has ')" in err
    assert f"newsfuse: skipped {site.url('/home')}: not a feed (an HTML page)" in err
    assert f"newsfuse: skipped {site.url('/news/gone')}: HTTP 404 Not Found" in err
    assert "3 polls (2 failed, 0 not modified); 2 new entries: 1 articles added, 0 already stored, 1 skipped" in err
    failing = [s for s in stored.feed_status(db) if s.errors]
    assert [s.url for s in failing] == [site.url("/home"), site.url("/not-xml")]
    assert failing[0].last_error == "not a feed (an HTML page)"
    # Without --allow-private the loopback server is refused, and nothing is written.
    assert main(["watch", site.url("/rss.xml"), "--db", str(tmp_path / "other.db"), "--once"]) == EXIT_SKIPPED
    assert "refused address: 127.0.0.1 is loopback" in capsys.readouterr().err


def test_watch_stopped_mid_way_resumes_without_duplicates(site, loopback, tmp_path):  # noqa: F811
    db = tmp_path / "news.db"
    site.routes["/rss.xml"] = Route(rss(site, ["dalton-1", "rome-1", "dalton-2"]), content_type="application/rss+xml")
    stop = threading.Event()
    # Stopped (as by Ctrl-C) once the first batch of one article has committed.
    first = api.watch(
        [site.url("/rss.xml")],
        db,
        once=True,
        batch_size=1,
        fetch_policy=loopback,
        stop=stop,
        on_stored=lambda rows, when: stop.set(),
    )
    assert 1 <= first.added < 3
    stored_first = _articles(db)
    again = api.watch([site.url("/rss.xml")], db, once=True, batch_size=1, fetch_policy=loopback)
    assert again.added == 3 - first.added and again.duplicates == 0
    assert len(_articles(db)) == 3 and _articles(db)[: len(stored_first)] == stored_first
    for url in stored_first:  # what was stored is not fetched again
        assert site.count(url.replace(site.url(""), "")) == 1
    assert set(_entries(db).values()) == {"added"}


WATCH_KILLED = """
import pathlib, sys, time
import newsfuse.store.ingest as ingest
from newsfuse.inputs import fetch
fetch.DEFAULT_POLICY = fetch.FetchPolicy(host_delay=0.0)
real, calls = ingest.fuse_story, [0]
def fuse_then_hang(story, embedder):
    calls[0] += 1
    if calls[0] == 2:  # batch 1 (one article) committed; batch 2 has written its rows
        pathlib.Path(sys.argv[1]).touch()
        time.sleep(600)
    return real(story, embedder)
ingest.fuse_story = fuse_then_hang
from newsfuse.cli import main
sys.exit(main(["watch", sys.argv[2], "--db", sys.argv[3], "--once", "--batch-size", "1", "--allow-private"]))
"""


def test_kill_9_during_a_poll_loses_nothing_committed(site, loopback, tmp_path):  # noqa: F811
    # SQLite only (20 s a backend): on PostgreSQL a kill -9 mid-batch is test_store's.
    db = tmp_path / "news.db"
    feed = site.url("/rss.xml")
    site.routes["/rss.xml"] = Route(rss(site, ["dalton-1", "rome-1", "dalton-2"]), content_type="application/rss+xml")
    flag = tmp_path / "in-batch-2"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(
        [sys.executable, "-c", WATCH_KILLED, str(flag), feed, str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while not flag.exists():
            assert proc.poll() is None, "the watch ended before its second batch"
            assert time.monotonic() < deadline, "never reached the second batch"
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    conn = connect(db, create=False)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert verify(conn) == []
    committed = [r[0] for r in conn.execute("SELECT url FROM articles ORDER BY seq")]
    entries = conn.execute("SELECT url, status FROM feed_entries").fetchall()
    conn.close()
    # Batch 1 is there with its entry; batch 2's article and entry are not (rolled back together).
    assert len(committed) == 1 and entries == [(entries[0][0], "added")]
    first_page = entries[0][0].replace(site.url(""), "")
    assert site.count(first_page) == 1

    resumed = api.watch([feed], db, once=True, fetch_policy=loopback)
    assert resumed.added == 2 and resumed.duplicates == 0
    assert site.count(first_page) == 1  # not fetched again
    assert len(_articles(db)) == 3 and set(_entries(db).values()) == {"added"}
    conn = connect(db, create=False)
    assert verify(conn) == []
    conn.close()


def test_the_schedule_follows_ttl_caching_headers_failures_and_retry_after(site, loopback, tmp_path):  # noqa: F811
    from newsfuse.inputs.feeds import Feed
    from newsfuse.watch import MAX_INTERVAL, next_interval

    assert next_interval(600, None, None) == 600
    assert next_interval(600, Feed("rss", None, (), ttl=3600), None) == 3600  # <ttl>60</ttl>
    assert next_interval(600, None, 1800) == 1800  # Cache-Control: max-age=1800
    assert next_interval(600, None, None, errors=2) == 2400  # backoff
    assert next_interval(600, None, None, errors=50) == 600 * 32
    assert next_interval(600, None, None, errors=1, retry_after=7200) == 7200
    assert next_interval(600, Feed("rss", None, (), ttl=10**9), None) == MAX_INTERVAL

    # The loop: both feeds are due at once, each polled once, then their next polls lie ahead.
    db = tmp_path / "news.db"
    site.routes["/a.xml"] = Route(b"no feed here", content_type="text/plain")
    site.routes["/b.xml"] = Route(
        rss(site, []), content_type="application/rss+xml", headers={"Cache-Control": "max-age=1200"}
    )
    stats = api.watch([site.url("/a.xml"), site.url("/b.xml")], db, max_polls=2, fetch_policy=loopback)
    assert (stats.polls, stats.failed_polls) == (2, 1)
    by_url = {s.url: s for s in stored.feed_status(db)}
    assert by_url[site.url("/a.xml")].interval_s == 1200 and by_url[site.url("/a.xml")].errors == 1
    assert by_url[site.url("/b.xml")].interval_s == 1200 and by_url[site.url("/b.xml")].errors == 0
    with pytest.raises(SystemExit) as usage:
        main(["watch", site.url("/b.xml"), "--db", str(db), "--interval", "5s"])
    assert usage.value.code == 64


def test_a_page_that_keeps_failing_is_retried_then_given_up(site, loopback, tmp_path):  # noqa: F811
    from newsfuse.watch import MAX_ENTRY_ATTEMPTS

    db = tmp_path / "news.db"
    site.routes["/news/busy"] = Route(b"", status=503, headers={"Retry-After": "3600"})
    site.routes["/rss.xml"] = Route(
        rss(site, []).replace(b"</channel>", f"<item><link>{site.url('/news/busy')}</link></item></channel>".encode()),
        content_type="application/rss+xml",
    )
    statuses = []
    for _ in range(MAX_ENTRY_ATTEMPTS):
        api.watch([site.url("/rss.xml")], db, once=True, fetch_policy=loopback)
        statuses.append(_entries(db)[("rss.xml", "busy")])
    assert statuses == ["retry"] * (MAX_ENTRY_ATTEMPTS - 1) + ["skipped"]
    assert site.count("/news/busy") == MAX_ENTRY_ATTEMPTS
    api.watch([site.url("/rss.xml")], db, once=True, fetch_policy=loopback)
    assert site.count("/news/busy") == MAX_ENTRY_ATTEMPTS  # given up: not fetched again
    [status] = stored.feed_status(db)
    assert (status.skipped, status.retrying) == (1, 0)
