"""`newsfuse watch` against a local news site: articles/s ingested, seconds from publication to
the story page, peak memory, for one hour of simulated feed traffic compressed into minutes.

    python benchmarks/bench_watch.py ../shared/data [--per-hour 120] [--speedup 12] [--hours 1]
                                     [--interval 600] [--json PATH]

A server on 127.0.0.1 publishes gva-dev articles (in publication-date order, so the reports of
one incident arrive close together, as on a real feed) at a fixed rate: ``--per-hour`` articles
per simulated hour, each as an HTML page (title, site name, date in its metadata), listed as it
appears in an RSS feed (even ones) or a news sitemap (odd ones; the newest 100 of each listed).
The clock runs ``--speedup`` times faster than real time: an hour of traffic takes
60/speedup minutes, and `watch` polls each feed every ``--interval`` simulated seconds (the
default 10 minutes: every 50 real seconds at the default speedup). The RSS feed answers
conditional GETs (304 when unchanged).

`watch` runs in this process (models loaded before the clock starts) with the fetcher's default
policy except that it may reach the local server and waits 0.1 s (not 1 s) between two requests
to it: the one host stands in for many outlets. It stops when every published article is stored
or ``--drain`` real seconds after the last publication.

Figures: articles published, stored (and lost: published but not stored, which must be 0),
duplicate articles (0), the store's `verify` problems (0); articles/s while ingesting (stored
articles over the seconds polls took) and over the whole run; seconds from publication to the
commit of the article and its re-fused story (median, 90th percentile, max; real seconds: the
poll interval is compressed, ingest time is not); polls, 304s, HTTP requests; peak RSS.
Speeds on a shared machine: reported, not gated.
"""

from __future__ import annotations

import argparse
import html
import json
import resource
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import benchlib
from newsfuse import api
from newsfuse.geo import load_gazetteer
from newsfuse.inputs.fetch import FetchPolicy
from newsfuse.nlp import load_encoder, load_nlp
from newsfuse.store import connect, verify
from newsfuse.watch import Watcher

LISTED = 100  # entries a feed lists: the newest


class NewsSite:
    """Publishes ``records`` one by one on a schedule; serves pages, an RSS feed and a sitemap."""

    def __init__(self, records: list[dict], every: float) -> None:
        self.records, self.every = records, every
        self.start = time.time()
        self.requests = 0
        self.not_modified = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                site.requests += 1
                status, kind, body, headers = site.answer(self.path, self.headers.get("If-None-Match"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def published(self) -> int:
        """How many articles are out by now."""
        return min(len(self.records), int((time.time() - self.start) / self.every) + 1)

    def published_at(self, i: int) -> float:
        return self.start + i * self.every

    def answer(self, path: str, etag: str | None) -> tuple[int, str, bytes, dict[str, str]]:
        n = self.published()
        if path == "/rss.xml":
            tag = f'"rss-{(n + 1) // 2}"'
            if etag == tag:
                self.not_modified += 1
                return 304, "application/rss+xml", b"", {"ETag": tag}
            items = "".join(
                f"<item><title>{html.escape(self.records[i].get('title') or '')}</title>"
                f"<link>{self.base}/a/{i}</link><guid>{i}</guid></item>"
                for i in reversed(range(0, n, 2))
            )
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
            return 200, "application/rss+xml", body.encode(), {"ETag": tag}
        if path == "/news-sitemap.xml":
            urls = "".join(
                f"<url><loc>{self.base}/a/{i}</loc><news:news><news:publication_date>"
                f"{self.records[i].get('published')}</news:publication_date></news:news></url>"
                for i in reversed(range(1, n, 2))
            )
            body = (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
            )
            return 200, "application/xml", body.encode(), {}
        if path.startswith("/a/") and path[3:].isdigit() and int(path[3:]) < n:
            r = self.records[int(path[3:])]
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in r["text"].split("\n") if p.strip())
            page = (
                f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(r.get("title") or "")}</title>'
                f'<meta property="og:site_name" content="{html.escape(r.get("source") or "Wire")}">'
                f'<meta property="article:published_time" content="{r.get("published")}"></head>'
                f"<body><article><h1>{html.escape(r.get('title') or '')}</h1>{paragraphs}</article></body></html>"
            )
            return 200, "text/html; charset=utf-8", page.encode(), {}
        return 404, "text/plain", b"not found", {}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--per-hour", type=int, default=120, help="articles published per simulated hour")
    parser.add_argument("--hours", type=float, default=1.0, help="simulated hours of traffic")
    parser.add_argument("--speedup", type=float, default=12.0, help="simulated seconds per real second")
    parser.add_argument("--interval", type=float, default=600.0, help="poll interval, simulated seconds")
    parser.add_argument("--drain", type=float, default=180.0, help="real seconds allowed after the last publication")
    parser.add_argument("--db", type=Path, default=None, help="store to create (default: a temporary file)")
    benchlib.add_json_option(parser)
    args = parser.parse_args()

    path = args.data_dir / "gva-dev.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    records = [r for r in records if (r.get("text") or "").strip()]
    records.sort(key=lambda r: (r.get("published") or "", r.get("id") or ""))
    n = int(args.per_hour * args.hours)
    records = records[:n]
    every = 3600.0 / args.per_hour / args.speedup
    interval = args.interval / args.speedup

    load_nlp(), load_encoder(), load_gazetteer()  # before the clock starts
    db = args.db or Path(tempfile.mkdtemp(prefix="bench-watch-")) / "news.db"
    site = NewsSite(records, every)
    feeds = [site.base + "/rss.xml", site.base + "/news-sitemap.xml"]
    policy = FetchPolicy(allow_networks=("127.0.0.1/32",), host_delay=0.1)

    stored_at: dict[int, float] = {}
    stop = threading.Event()
    busy = [0.0]

    def on_stored(rows, when: float) -> None:
        for row in rows:
            if row.status in ("added", "duplicate"):
                stored_at.setdefault(int(row.url.rsplit("/", 1)[1]), when)

    real_poll = Watcher.poll

    def timed_poll(self, url: str) -> None:
        t0 = time.perf_counter()
        try:
            real_poll(self, url)
        finally:
            busy[0] += time.perf_counter() - t0

    Watcher.poll = timed_poll  # type: ignore[method-assign]

    def monitor() -> None:
        last = site.published_at(n - 1)
        while not stop.is_set():
            if len(stored_at) >= n or time.time() > last + args.drain:
                stop.set()
            time.sleep(0.5)

    print(
        f"publishing {n} gva-dev articles, one every {every:.1f} s (= {args.per_hour}/h simulated at x{args.speedup:g}); "
        f"polling every {interval:.0f} s",
        flush=True,
    )
    threading.Thread(target=monitor, daemon=True).start()
    t0 = time.time()
    lines: list[str] = []
    stats = api.watch(
        feeds,
        db,
        interval=interval,
        fetch_policy=policy,
        stop=stop,
        report=lambda line: (lines.append(line), print(line, flush=True)),
        on_stored=on_stored,
    )
    wall = time.time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    conn = connect(db, create=False)
    problems = verify(conn)
    n_articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    n_stories = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    urls = [r[0] for r in conn.execute("SELECT url FROM articles")]
    conn.close()
    latencies = sorted(stored_at[i] - site.published_at(i) for i in stored_at)
    lost = n - len(stored_at)

    def pct(q: float) -> float | None:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else None

    figures = {
        "published": n,
        "stored": len(stored_at),
        "lost": lost,
        "articles_in_store": n_articles,
        "duplicate_articles": len(urls) - len(set(urls)),
        "verify_problems": len(problems),
        "stories": n_stories,
        "ingest_articles_per_s": stats.added / busy[0] if busy[0] else None,
        "overall_articles_per_s": stats.added / wall,
        "latency_median_s": statistics.median(latencies) if latencies else None,
        "latency_p90_s": pct(0.9),
        "latency_max_s": latencies[-1] if latencies else None,
        "polls": stats.polls,
        "not_modified": stats.not_modified,
        "http_requests": site.requests,
        "peak_rss_mb": peak,
        "wall_s": wall,
    }
    for name, value in figures.items():
        print(f"{name:24s} {value if not isinstance(value, float) else round(value, 3)}")
    options = {
        "per_hour": args.per_hour,
        "hours": args.hours,
        "speedup": args.speedup,
        "interval": args.interval,
        "drain": args.drain,
    }
    benchlib.write_json(args.json, figures, [path], options)
    site.server.shutdown()
    if lost or problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
