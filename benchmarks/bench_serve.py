"""Load on the web app: concurrent readers of story pages, with uploads going on meanwhile.

    python benchmarks/bench_serve.py STORE.db DATA_DIR [--clients 50] [--seconds 30] [--uploads 10] [--pick all|recent] [--json PATH]

Copies STORE.db (made by ``benchmarks/bench_store.py --n 5000 --db STORE.db``, or any store) to
a temporary file, starts ``newsfuse serve`` on it as a separate process on a free loopback port
(one uvicorn process, as a user would run it), then for ``--seconds`` runs ``--clients``
concurrent clients, each reading story pages (``/stories/{id}``) one after another, the story
drawn at random from every story in the store (``--pick all``: mostly pages nobody read before,
so nearly every request loads and renders a report) or from the 50 most recently updated ones
(``--pick recent``: the stories page's first screen, what analysts open most), while one more client posts ``--uploads`` new articles through
``POST /api/articles`` (texts of DATA_DIR's dev articles with a line added, so they are new).

Prints requests/s, latency p50/p90/p99/max, errors (any status but 200, any failed request),
then checks that every upload that was answered "added" is in the store, complete (its facts
row, its story, its FTS row) and that ``PRAGMA integrity_check`` is ok. The load client runs on
the same two cores as the server, so the figures are a floor. Speeds on a shared machine:
reported, not gated.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

import benchlib

TOKEN = "bench-serve-token-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_store(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def upload_texts(data_dir: Path, n: int, seed: int = 7) -> list[dict]:
    with (data_dir / "gvdb-dev.jsonl").open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    rng = random.Random(seed)
    picked = rng.sample(records, n)
    stamp = time.strftime("%Y%m%d%H%M%S")
    return [
        {
            "id": f"load-upload-{stamp}-{i}",
            "title": r.get("title"),
            "source": "load test",
            "text": r["text"] + f"\nLoad-test upload {i} at {stamp}.",
            "published": "2020-06-01",
        }
        for i, r in enumerate(picked)
    ]


async def reader(
    client: httpx.AsyncClient,
    ids: list[str],
    stop: float,
    rng: random.Random,
    latencies: list[float],
    errors: list[str],
    ended: list[float],
) -> None:
    while time.perf_counter() < stop:
        sid = rng.choice(ids)
        t0 = time.perf_counter()
        try:
            r = await client.get(f"/stories/{sid}")
            if r.status_code != 200 or b"</html>" not in r.content:
                errors.append(f"GET /stories/{sid}: {r.status_code}")
        except httpx.HTTPError as exc:
            errors.append(f"GET /stories/{sid}: {type(exc).__name__}: {exc}")
        latencies.append(time.perf_counter() - t0)
    ended.append(time.perf_counter())


async def uploader(
    client: httpx.AsyncClient, articles: list[dict], seconds: float, answers: list[dict], errors: list[str]
) -> None:
    gap = seconds / (len(articles) + 1)
    for article in articles:
        await asyncio.sleep(gap)
        try:
            r = await client.post(
                "/api/articles", json={"articles": [article]}, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=300
            )
            if r.status_code != 200:
                errors.append(f"POST /api/articles: {r.status_code} {r.text[:200]}")
                continue
            answers.extend(r.json()["articles"])
        except httpx.HTTPError as exc:
            errors.append(f"POST /api/articles: {type(exc).__name__}: {exc}")


async def run_load(base: str, ids: list[str], clients: int, seconds: float, uploads: list[dict]):
    latencies: list[float] = []
    errors: list[str] = []
    answers: list[dict] = []
    ended: list[float] = []
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        start = time.perf_counter()
        stop = start + seconds
        tasks = [reader(client, ids, stop, random.Random(i), latencies, errors, ended) for i in range(clients)]
        tasks.append(uploader(client, uploads, seconds, answers, errors))
        await asyncio.gather(*tasks)
        wall = max(ended) - start  # the readers' time; the last upload may finish later
    return latencies, errors, answers, wall


def check_uploads(db: Path, answers: list[dict], sent: list[dict]) -> list[str]:
    problems = []
    conn = sqlite3.connect(db)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        by_id = {a["id"]: a for a in answers}
        for article in sent:
            answer = by_id.get(article["id"])
            if answer is None or answer["status"] != "added":
                problems.append(f"{article['id']}: not answered 'added' ({answer and answer['status']})")
                continue
            row = conn.execute(
                "SELECT a.seq, a.story_id, (SELECT 1 FROM article_facts f WHERE f.seq = a.seq), "
                "(SELECT 1 FROM stories s WHERE s.id = a.story_id AND s.report IS NOT NULL) FROM articles a WHERE a.id = ?",
                (article["id"],),
            ).fetchone()
            if row is None:
                problems.append(f"{article['id']}: answered 'added' but not in the store")
            elif not (row[2] and row[3]) or row[1] != answer["story"]:
                problems.append(
                    f"{article['id']}: stored incompletely (facts={row[2]}, report={row[3]}, story={row[1]} vs {answer['story']})"
                )
            elif not conn.execute("SELECT 1 FROM articles_fts WHERE rowid = ?", (row[0],)).fetchone():
                problems.append(f"{article['id']}: not in the search index")
    finally:
        conn.close()
    return problems


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--uploads", type=int, default=10)
    parser.add_argument("--pick", choices=["all", "recent"], default="all")
    benchlib.add_json_option(parser)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench_serve."))
    db = tmp / "news.db"
    copy_store(args.store, db)
    conn = sqlite3.connect(db)
    (n_articles,) = conn.execute("SELECT COUNT(*) FROM articles").fetchone()
    ids = [
        r[0]
        for r in conn.execute("SELECT id FROM stories WHERE report IS NOT NULL ORDER BY updated_at DESC, last_seq DESC")
    ]
    if args.pick == "recent":
        ids = ids[:50]
    conn.close()
    print(f"store: {n_articles} articles; reading {len(ids)} stories ({args.pick}); copied to {db}")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "NEWSFUSE_TOKEN": TOKEN,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "newsfuse.cli", "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/stories?limit=1", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"the server did not start: {server.stderr.read() if server.stderr else ''}")
            time.sleep(0.2)
        # The first upload loads the models in the server; do it before the clock starts, like a
        # server that has been up for a while.
        warm = upload_texts(args.data_dir, args.uploads + 1)
        r = httpx.post(
            base + "/api/articles",
            json={"articles": [warm[-1]]},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=300,
        )
        r.raise_for_status()
        uploads = warm[:-1]

        latencies, errors, answers, wall = asyncio.run(run_load(base, ids, args.clients, args.seconds, uploads))
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()

    ms = [x * 1000 for x in latencies]
    print(
        f"{args.clients} clients reading story pages for {wall:.1f} s, {len(uploads)} uploads meanwhile (sent over the first {args.seconds:.0f} s)"
    )
    print(f"requests: {len(ms)}  ({len(ms) / wall:.1f}/s)   errors: {len(errors)}")
    if ms:
        print(
            f"latency ms: p50 {pct(ms, 0.5):.0f}  p90 {pct(ms, 0.9):.0f}  p99 {pct(ms, 0.99):.0f}  max {max(ms):.0f}  mean {statistics.fmean(ms):.0f}"
        )
    for e in errors[:10]:
        print("  error:", e)
    problems = check_uploads(db, answers, uploads)
    added = sum(a["status"] == "added" for a in answers)
    print(f"uploads: {added}/{len(uploads)} added, every one complete in the store: {'yes' if not problems else 'NO'}")
    for p in problems[:10]:
        print("  problem:", p)
    shutil.rmtree(tmp, ignore_errors=True)
    figures = {
        "store_articles": n_articles,
        "stories_read": len(ids),
        "requests": len(ms),
        "requests_per_s": len(ms) / wall,
        "p50_ms": pct(ms, 0.5) if ms else None,
        "p90_ms": pct(ms, 0.9) if ms else None,
        "p99_ms": pct(ms, 0.99) if ms else None,
        "max_ms": max(ms) if ms else None,
        "errors": len(errors),
        "uploads": len(uploads),
        "uploads_added": added,
        "upload_problems": len(problems),
    }
    options = {k: getattr(args, k) for k in ("clients", "seconds", "uploads", "pick")}
    benchlib.write_json(args.json, figures, [args.data_dir / "gvdb-dev.jsonl"], options)
    sys.exit(1 if errors or problems else 0)


if __name__ == "__main__":
    main()
