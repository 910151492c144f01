"""Store ingest at scale: articles/s, peak memory, and the time per article at the start and at
the end of a long ingest (the clustering cost must not grow with the store).

    python benchmarks/bench_store.py ../shared/data [--n 20000] [--db PATH] [--batch-size 64] [--json PATH]

The dev sets (every ``NAME.jsonl`` in DATA_DIR, never the ``.gold.jsonl`` labels) are replayed
in rounds until ``--n`` articles: each round is shuffled, dated ten days beyond the clusterer's
horizon after the previous one (so rounds form their own stories, as a real feed would, and
the stories of earlier rounds leave the clusterer),
spread over three days in arrival order, and from the second round on each text is perturbed
(one body line dropped, two adjacent lines swapped, an "updated on" line added), so no text is
stored twice. Models are loaded before the clock starts. Fusion is ``newsfuse ingest``'s
(StoreIngester's default): every pending story once every 32 batches and at the end, in this
process, so a span's fusion time is that of the fusions that fell in it. Prints articles/s, peak
RSS, the time per article (all stages, then clustering, fusion and SQL alone) for the first and
the last 1,000 articles and for the second and the last whole round of the replay (the first
span settles nothing yet, the last one settles what is still pending at the end: rounds are the
fair comparison), the store's size, and what reopening the store costs (the clusterer's state is
rebuilt by replaying the stored articles of the stories still inside the horizon and observing the
others). Speeds on a shared machine:
reported, not gated.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import benchlib
from newsfuse import api
from newsfuse.cluster import ClusterConfig
from newsfuse.geo import load_gazetteer
from newsfuse.memory import limit_arenas
from newsfuse.model import Article
from newsfuse.nlp import load_encoder, load_nlp
from newsfuse.store import StoreIngester, connect, list_stories, stored_report, verify

BASE = dt.date(2020, 1, 6)
ROUND_DAYS = int(ClusterConfig.horizon_days) + 10


def article_files(data_dir: Path) -> list[Path]:
    """Every ``NAME.jsonl`` in the directory but the labels (records without a text are dropped)."""
    return [p for p in sorted(data_dir.glob("*.jsonl")) if not p.name.endswith(".gold.jsonl")]


def load_records(data_dir: Path) -> list[dict]:
    records = []
    for path in article_files(data_dir):
        with path.open(encoding="utf-8") as f:
            records.extend(json.loads(line) for line in f if line.strip())
    return [r for r in records if (r.get("text") or "").strip()]


def perturb(text: str, rng: random.Random, day: dt.date) -> str:
    lines = text.split("\n")
    if len(lines) > 4:
        del lines[rng.randrange(1, len(lines))]
        i = rng.randrange(1, len(lines) - 1)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return "\n".join(lines) + f"\nThis report was updated on {day:%B} {day.day}, {day.year}."


def generate(records: list[dict], n: int, seed: int = 0) -> list[Article]:
    rng = random.Random(seed)
    out: list[Article] = []
    r = 0
    while len(out) < n:
        order = list(range(len(records)))
        rng.shuffle(order)
        for k, i in enumerate(order):
            rec = records[i]
            day = BASE + dt.timedelta(days=ROUND_DAYS * r + 3 * k // len(order))
            text = rec["text"] if r == 0 else perturb(rec["text"], rng, day)
            out.append(
                Article(
                    id=f"{rec.get('id') or k}~{r}",
                    text=text,
                    title=rec.get("title"),
                    source=rec.get("source"),
                    url=rec.get("url"),
                    published=day,
                )
            )
            if len(out) == n:
                break
        r += 1
    return out


def at(curve: list[tuple[int, float]], done: float) -> float:
    """Cumulative value (time, or a stage's time) when ``done`` articles were through, by linear
    interpolation between batch ends."""
    xs = [d for d, _ in curve]
    j = bisect.bisect_left(xs, done)
    if j == 0:
        return curve[0][1] * done / curve[0][0] if curve[0][0] else 0.0
    if j >= len(curve):
        return curve[-1][1]
    (x0, y0), (x1, y1) = curve[j - 1], curve[j]
    return y0 + (y1 - y0) * (done - x0) / (x1 - x0) if x1 > x0 else y1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--db", type=Path, default=None, help="store to create (default: a temporary file)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--no-fuse",
        action="store_true",
        help="skip fusion (reports left unwritten): measures extract + cluster + SQL at scale; fusion costs ~1-2 s/article",
    )
    parser.add_argument(
        "--fuse-at-end",
        action="store_true",
        help="with --no-fuse: then fuse every story once (StoreIngester.fuse_pending), as a backlog is loaded",
    )
    parser.add_argument(
        "--span", type=int, default=1000, help="articles in the first/last span compared (default 1000)"
    )
    benchlib.add_json_option(parser)
    args = parser.parse_args()
    options = {k: getattr(args, k) for k in ("n", "batch_size", "no_fuse", "fuse_at_end", "span")}

    limit_arenas()  # as the CLI does, before the models start their threads
    records = load_records(args.data_dir)
    articles = generate(records, args.n)
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="bench_store.")
        args.db = Path(tmp.name) / "news.db"
    elif args.db.exists():
        sys.exit(f"{args.db} exists; give a new path")

    t0 = time.perf_counter()
    load_nlp(), load_gazetteer(), load_encoder()
    print(
        f"{len(records)} dev articles replayed into {len(articles)}; models loaded in {time.perf_counter() - t0:.1f}s",
        flush=True,
    )

    conn = connect(args.db)
    ingester = StoreIngester(conn, api.iter_extract, load_encoder(), batch_size=args.batch_size, fuse=not args.no_fuse)
    start = time.perf_counter()
    curve: list[tuple[int, float]] = [(0, 0.0)]
    stages: dict[str, list[tuple[int, float]]] = {k: [(0, 0.0)] for k in ("cluster", "fuse", "db", "extract", "embed")}
    next_report = [1000]

    def on_batch(stats) -> None:
        done = stats.done
        if done == curve[-1][0]:
            if done == 0:
                return
            # No new article, but time spent: the fusion after the last batch (or a settling
            # commit) belongs to the articles already counted.
            curve.pop()
            for series in stages.values():
                series.pop()
        curve.append((done, time.perf_counter() - start))
        for k in stages:
            stages[k].append((done, stats.times[k]))
        if done >= next_report[0]:
            next_report[0] += 1000
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  {done:6d} articles  {done / curve[-1][1]:5.1f} articles/s  peak RSS {rss:.0f} MB", flush=True)

    stats = ingester.ingest(articles, on_batch=on_batch)
    wall = time.perf_counter() - start
    n = stats.done
    span = min(args.span, n // 2) or n

    def per_article(series: list[tuple[int, float]], lo: int, hi: int) -> float:
        return (at(series, hi) - at(series, lo)) / (hi - lo) * 1000

    print(
        f"\n{'fusion skipped (--no-fuse); ' if args.no_fuse else ''}ingested {stats.added} articles ({stats.duplicates} duplicates, {len(stats.problems)} skipped) into "
        f"{stats.stories_created} stories in {wall:.1f}s: {n / wall:.2f} articles/s"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    figures: dict[str, float] = {
        "articles": n,
        "added": stats.added,
        "articles_per_s": n / wall,
        "peak_rss_mb": peak,
        "span": span,
        "ms_per_article_first": per_article(curve, 0, span),
        "ms_per_article_last": per_article(curve, n - span, n),
    }
    for k in ("extract", "embed", "cluster", "fuse", "db"):
        figures[f"{k}_ms_per_article_first"] = per_article(stages[k], 0, span)
        figures[f"{k}_ms_per_article_last"] = per_article(stages[k], n - span, n)
    print(f"time per article, ms          first {span:5d}   last {span:5d}")
    print(
        f"  all stages                  {per_article(curve, 0, span):10.1f}   {per_article(curve, n - span, n):10.1f}"
    )
    for k in ("extract", "embed", "cluster", "fuse", "db"):
        print(f"  {k:26s}  {per_article(stages[k], 0, span):10.2f}   {per_article(stages[k], n - span, n):10.2f}")
    # The first span is no fair start: an article is settled (its revisions scored) 1,000
    # arrivals after it came, so the first 1,000 pay for no settling, and the last span pays
    # for the end-of-run settling of the 1,000 still pending as well as its own. A whole round
    # of the replay (each dev article once) pays for one settling per article wherever it
    # falls: the second round against the last round the end-of-run settling did not reach.
    rounds = n // len(records)
    if rounds >= 3:
        second = (len(records), 2 * len(records))
        last_round = ((rounds - 1) * len(records), rounds * len(records))
        if last_round[1] == n:  # the end-of-run settling fell in it
            last_round = ((rounds - 2) * len(records), (rounds - 1) * len(records))
        figures["round_articles"] = len(records)
        print(
            f"time per article, ms   round 2 (articles {second[0] + 1}-{second[1]})   "
            f"round {last_round[1] // len(records)} (articles {last_round[0] + 1}-{last_round[1]})"
        )
        for k, series in (
            ("all stages", curve),
            *((k, stages[k]) for k in ("extract", "embed", "cluster", "fuse", "db")),
        ):
            a, b = per_article(series, *second), per_article(series, *last_round)
            key = "ms_per_article" if k == "all stages" else f"{k}_ms_per_article"
            figures[f"{key}_round2"], figures[f"{key}_last_round"] = a, b
            print(f"  {k:26s}  {a:10.2f}   {b:10.2f}")
    total = sum(stats.times.values())
    print("share of time: " + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in stats.times.items()))
    fused_all = not args.no_fuse
    if args.no_fuse and args.fuse_at_end:
        t0 = time.perf_counter()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if time.perf_counter() - last[0] > 30 or done == total:
                last[0] = time.perf_counter()
                print(f"  fused {done}/{total} stories", flush=True)

        fused = ingester.fuse_pending(on_progress=progress)
        took = time.perf_counter() - t0
        print(
            f"fused every story once afterwards: {fused} stories in {took:.1f}s ({took / max(1, fused):.2f} s/story); "
            f"ingest + fusion {n / (wall + took):.2f} articles/s"
        )
        figures.update(
            {
                "fused_at_end": fused,
                "fuse_s_per_story": took / max(1, fused),
                "with_fusion_articles_per_s": n / (wall + took),
            }
        )
        fused_all = True
    conn.close()

    size = sum(p.stat().st_size for p in args.db.parent.glob(args.db.name + "*"))
    print(f"store {size / 1e6:.0f} MB ({size / max(1, stats.added) / 1e3:.1f} kB per article)")

    conn = connect(args.db)
    reopened = StoreIngester(conn, api.iter_extract, load_encoder())
    t0 = time.perf_counter()
    replayed = reopened.rebuild()
    print(
        f"reopen: clusterer rebuilt from {replayed} stored articles in {time.perf_counter() - t0:.2f}s "
        f"({reopened.diverged} replayed elsewhere than stored)"
    )
    t0 = time.perf_counter()
    listing = list_stories(conn, limit=50)
    t_list = time.perf_counter() - t0
    t0 = time.perf_counter()
    if fused_all:
        stored_report(conn, [listing[0].id])
    print(
        f"`stories --limit 50` query {1000 * t_list:.1f} ms; one stored report loaded in {1000 * (time.perf_counter() - t0):.1f} ms"
    )
    t0 = time.perf_counter()
    problems = verify(conn, reports=fused_all)
    print(
        f"verify (integrity_check + every article and story): {len(problems)} problems in {time.perf_counter() - t0:.1f}s"
    )
    sizes = [r[0] for r in conn.execute("SELECT n_articles FROM stories")]
    print(f"stories: {len(sizes)}, largest {max(sizes)} articles, {sum(1 for s in sizes if s == 1)} single-article")
    conn.close()
    figures.update(
        {
            "store_mb": size / 1e6,
            "verify_problems": len(problems),
            "stories": len(sizes),
            "largest_story": max(sizes),
            "single_article_stories": sum(1 for s in sizes if s == 1),
            "reopen_replayed": replayed,
        }
    )
    benchlib.write_json(args.json, figures, article_files(args.data_dir), options)
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
