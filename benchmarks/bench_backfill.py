"""``newsfuse backfill`` at scale: articles/s end to end on a Dask LocalCluster, and what bounds it.

    python benchmarks/bench_backfill.py ../shared/data [--n 20000] [--workers 2] [--partition-size 64]
        [--check 200] [--json PATH]

The articles are the dev sets replayed as ``bench_store.py`` replays them (rounds dated beyond the
clusterer's horizon, texts perturbed from the second round on), ``--n`` of them. A LocalCluster
of ``--workers`` processes (one thread each) is started and its models loaded before the clock
(that start is printed apart), then one backfill into a new store. Prints:

- articles/s end to end (reading, extraction, clustering, fusion, writing);
- the extraction rate of one worker (articles per CPU second of its tasks: spaCy, the gazetteer
  and the cluster embedding), the serial rate of the client (articles per CPU second of this
  process while it reads, clusters and writes: the part no worker can take; its clustering time by
  wall clock too, first and last 500 articles), the fusion rate of one worker, and the seconds the
  client spends loading members and writing reports;
- peak resident memory of each worker and of the client;
- the projection to 10M articles on W workers, with the measured constants:
  T(W) = max(N / (W r_x), N / r_c) + N / (W r_f) + N / r_w
  (extraction and clustering overlap; fusion comes after, its writes on the client);
- then, on the first ``--check`` articles, whether backfill gives the stories (article -> story)
  of ``ingest`` (StoreIngester with the encoder in this process) and how far the embeddings
  computed on the workers are from those computed here.

Speeds on a shared machine: reported, not gated (no floor in baseline.json).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from contextlib import ExitStack, closing
from pathlib import Path

import numpy as np

import benchlib
from bench_store import article_files, at, generate, load_records
from newsfuse import backfill as backfill_module
from newsfuse.store import connect, verify

TEN_MILLION = 10_000_000


def _groups(db: Path) -> tuple[set[frozenset[str]], dict[str, np.ndarray]]:
    with closing(connect(db)) as conn:
        members: dict[str, set[str]] = {}
        for aid, sid in conn.execute("SELECT id, story_id FROM articles"):
            members.setdefault(sid, set()).add(aid)
        vectors = {
            aid: np.frombuffer(blob, dtype=np.float32)
            for aid, blob in conn.execute(
                "SELECT a.id, f.embedding FROM articles a JOIN article_facts f ON f.seq = a.seq"
            )
        }
    return {frozenset(m) for m in members.values()}, vectors


def _warm(client) -> float:
    t0 = time.perf_counter()
    client.run(backfill_module.warm)
    return time.perf_counter() - t0


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:,.1f} h" if seconds >= 3600 else f"{seconds / 60:,.1f} min"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=backfill_module.DEFAULT_PARTITION)
    parser.add_argument(
        "--check", type=int, default=200, help="articles on which backfill's stories are compared with ingest's (0: no)"
    )
    benchlib.add_json_option(parser)
    args = parser.parse_args()
    options = {k: getattr(args, k) for k in ("n", "workers", "partition_size", "check")}

    records = load_records(args.data_dir)
    articles = generate(records, args.n)
    figures: dict[str, float] = {"articles": len(articles), "workers": args.workers}
    with tempfile.TemporaryDirectory(prefix="bench_backfill.") as tmp, ExitStack() as stack:
        t0 = time.perf_counter()
        client = backfill_module.open_client(stack, None, args.workers)
        t_cluster = time.perf_counter() - t0
        t_models = _warm(client)
        print(
            f"{len(records)} dev articles replayed into {len(articles)}; LocalCluster of {args.workers} workers "
            f"started in {t_cluster:.1f}s, their models loaded in {t_models:.1f}s (not counted below)",
            flush=True,
        )
        last = [time.perf_counter()]
        curve: list[tuple[int, float]] = [(0, 0.0)]  # (articles done, cumulative clustering seconds)

        def on_batch(stats) -> None:
            curve.append((stats.done, stats.times["cluster"]))
            if time.perf_counter() - last[0] >= 30:
                last[0] = time.perf_counter()
                print(f"  {stats.done:6d} articles  {stats.rate:5.2f} articles/s", flush=True)

        def on_fuse(done: int, total: int) -> None:
            if done and (time.perf_counter() - last[0] >= 30 or done == total):
                last[0] = time.perf_counter()
                print(f"  fused {done}/{total} stories", flush=True)

        db = Path(tmp) / "news.db"
        stats = backfill_module.backfill(
            articles,
            db,
            client=client,
            partition_size=args.partition_size,
            on_batch=on_batch,
            on_fuse=on_fuse,
        )
        ingest = stats.ingest
        n = ingest.done
        wall = stats.seconds
        w = stats.workers
        client_serial = ingest.times["cluster"] + ingest.times["db"]
        r_x = n / stats.extract_task_seconds  # one worker's extraction rate (per CPU second of its tasks)
        # The client's serial rate, by its CPU: every CPU second of this process while reading,
        # clustering, writing and talking to the scheduler (an upper bound on the serial work; the
        # wall-clock timers of clustering and SQL also count the time the busy machine gave the
        # CPU to the workers).
        r_c = n / stats.client_cpu_seconds
        r_c_wall = n / client_serial
        span = min(500, n // 2) or n
        first_ms = 1000 * at(curve, span) / span
        last_ms = 1000 * (at(curve, n) - at(curve, n - span)) / span
        r_f = n / stats.fuse_task_seconds  # one worker's fusion rate (articles per task second)
        r_w = n / stats.fuse_write_seconds  # the client's rate loading members and writing reports
        with closing(connect(db)) as conn:
            problems = verify(conn)
            stories = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        print(
            f"\nbackfilled {ingest.added} articles ({ingest.duplicates} duplicates, {len(ingest.problems)} skipped) "
            f"into {stories} stories in {wall:.1f}s on {w} workers: {n / wall:.2f} articles/s end to end"
        )
        print(
            f"  reading, extraction, clustering: {ingest.seconds:.1f}s ({n / ingest.seconds:.2f} articles/s); "
            f"fusion of {stats.stories_fused} stories: {stats.fuse_seconds:.1f}s ({n / stats.fuse_seconds:.2f} articles/s)"
        )
        print(
            f"  extraction per worker  r_x = {r_x:6.2f} articles/s  ({stats.extract_task_seconds:.1f} CPU-s of tasks in "
            f"{stats.partitions} partitions; the client waited {ingest.times['extract']:.1f}s for them)"
        )
        print(
            f"  client, serial         r_c = {r_c:6.2f} articles/s  ({stats.client_cpu_seconds:.1f} CPU-s: reading, "
            f"clustering, SQL, Dask); by wall clock cluster {ingest.times['cluster']:.1f}s + SQL {ingest.times['db']:.1f}s "
            f"= {r_c_wall:.2f} articles/s"
        )
        print(
            f"  clustering ms/article: first {span} {first_ms:.1f}, last {span} {last_ms:.1f} (wall; grows with the "
            "stories open in the window: this replay puts a round of 2,902 articles in 3 days)"
        )
        print(f"  fusion per worker      r_f = {r_f:6.2f} articles/s  ({stats.fuse_task_seconds:.1f} CPU-s of tasks)")
        print(f"  fusion writes, client  r_w = {r_w:6.2f} articles/s  ({stats.fuse_write_seconds:.1f}s, serial)")
        peaks = stats.worker_peak_rss_mb
        print(
            "  peak RSS: workers "
            + ", ".join(f"{v:.0f} MB" for v in peaks.values())
            + f"; client {stats.client_peak_rss_mb:.0f} MB"
        )
        print(f"  verify: {len(problems)} problems")
        print(
            f"\nprojection for N = 10M articles on W workers (constants measured here, {w} workers on a shared machine):\n"
            f"  T(W) = max(N / (W * {r_x:.2f}), N / {r_c:.1f}) + N / (W * {r_f:.2f}) + N / {r_w:.1f}  seconds"
        )
        w_star = r_c / r_x
        print(f"  the client's clustering bounds the first phase from W = r_c / r_x = {w_star:.0f} workers on")
        for workers in (2, 8, 32, 128, 512):
            first = max(TEN_MILLION / (workers * r_x), TEN_MILLION / r_c)
            total = first + TEN_MILLION / (workers * r_f) + TEN_MILLION / r_w
            bound = "clustering" if TEN_MILLION / r_c >= TEN_MILLION / (workers * r_x) else "extraction"
            print(f"  W = {workers:4d}: {_hours(total):>10}  (first phase bound by {bound})")
        figures.update(
            {
                "added": ingest.added,
                "stories": stories,
                "articles_per_s": n / wall,
                "seconds": wall,
                "ingest_seconds": ingest.seconds,
                "fuse_seconds": stats.fuse_seconds,
                "cluster_start_seconds": t_cluster,
                "model_load_seconds": t_models,
                "extract_per_worker_articles_per_s": r_x,
                "client_serial_articles_per_s": r_c,
                "client_cluster_wall_articles_per_s": r_c_wall,
                "cluster_ms_per_article_first": first_ms,
                "cluster_ms_per_article_last": last_ms,
                "fuse_per_worker_articles_per_s": r_f,
                "client_fuse_write_articles_per_s": r_w,
                "client_peak_rss_mb": stats.client_peak_rss_mb,
                "worker_peak_rss_mb_max": max(peaks.values()) if peaks else 0.0,
                "verify_problems": len(problems),
                "workers_to_bind_clustering": w_star,
                "projected_10m_hours_at_32_workers": (
                    max(TEN_MILLION / (32 * r_x), TEN_MILLION / r_c) + TEN_MILLION / (32 * r_f) + TEN_MILLION / r_w
                )
                / 3600,
            }
        )

        if args.check:
            from newsfuse import api
            from newsfuse.nlp import load_encoder
            from newsfuse.store import StoreIngester

            prefix = articles[: args.check]
            a, b = Path(tmp) / "check-backfill.db", Path(tmp) / "check-ingest.db"
            backfill_module.backfill(prefix, a, client=client, partition_size=args.partition_size)
            with closing(connect(b)) as conn:
                # Stories only: fusion does not change them (the reports are compared in tests/test_backfill.py).
                StoreIngester(conn, api.iter_extract, load_encoder(), fuse=False).ingest(prefix)
            (mine, vectors_mine), (theirs, vectors_theirs) = _groups(a), _groups(b)
            same = int(mine == theirs)
            delta = max(float(np.abs(vectors_mine[k] - vectors_theirs[k]).max()) for k in vectors_mine)
            exact = sum(1 for k in vectors_mine if np.array_equal(vectors_mine[k], vectors_theirs[k]))
            print(
                f"\nfirst {len(prefix)} articles: backfill's stories {'==' if same else '!='} ingest's "
                f"({len(mine)} vs {len(theirs)} stories); embeddings from the workers: {exact}/{len(vectors_mine)} "
                f"bit-identical to this process's, largest difference {delta:.2e}"
            )
            figures.update(
                {
                    "check_articles": len(prefix),
                    "same_stories_as_ingest": same,
                    "embedding_max_abs_diff": delta,
                    "embeddings_identical": exact / len(vectors_mine),
                }
            )
    benchlib.write_json(args.json, figures, article_files(args.data_dir), options)


if __name__ == "__main__":
    main()
