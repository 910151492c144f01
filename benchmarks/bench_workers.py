"""Extraction and fusion on every core: ``--workers N`` against one process, on the same articles,
in one run.

    python benchmarks/bench_workers.py ../shared/data [--n 200] [--workers 2] [--dataset gva-dev] [--json PATH]

Extracts the first N articles of the dataset twice: in this process (``api.iter_extract``, models
already loaded, so its time is the work alone), then with ``WorkerPool(workers)`` (whose time
includes starting the workers and loading their models: what a user waits for). Prints each wall
time, the speed-up (one process's time over the pool's; and over the pool's time less its start,
``WorkerPool.start``: what an input long enough to hide the start sees), the CPU both spent (the pool's over one
process's: the cost of starting and feeding workers, which a machine shared with other work shows
as a lost speed-up) and whether the facts are the same, article for article (they must be:
``identical`` is gated at 1).

Then fusion: the articles grouped by their gva-dev incident (stories given, as
``bench_incidents.py`` does), every story fused in this process (``Embedder.for_fusion``, loaded
before the clock) and with ``WorkerPool(workers).fuse`` (a fresh pool: its start is counted), and
the reports compared (``fuse_identical``, gated at 1).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import benchlib
from newsfuse.api import group_stories, iter_extract
from newsfuse.fuse import Embedder, fuse_story
from newsfuse.geo import load_gazetteer
from newsfuse.model import article_facts_to_json, to_json
from newsfuse.nlp import load_nlp
from newsfuse.workers import WorkerPool


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dataset", default="gva-dev")
    benchlib.add_json_option(parser)
    args = parser.parse_args()
    path = args.data_dir / f"{args.dataset}.jsonl"
    gold = args.data_dir / f"{args.dataset}.gold.jsonl"
    story_of = {g["id"]: g["story"] for g in benchlib.read_jsonl(gold)} if gold.exists() else None
    articles = benchlib.read_articles(path, story=story_of)[: args.n]
    load_nlp(), load_gazetteer()  # one process's models: loaded before its clock starts
    t0, c0 = time.perf_counter(), time.process_time()
    facts = list(iter_extract(articles))
    t_one, cpu_one = time.perf_counter() - t0, time.process_time() - c0
    t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    with WorkerPool(args.workers, min_articles=1) as pool:
        t_start = pool.start()
        facts_many = list(pool.extract(articles))
    # the workers have exited here: their CPU is counted in RUSAGE_CHILDREN
    t_many = time.perf_counter() - t0
    cpu_many = time.process_time() - c0 + _children_cpu() - k0
    # compared after the clocks: serialising in the parent would take a core from the workers
    identical = int([article_facts_to_json(f) for f in facts_many] == [article_facts_to_json(f) for f in facts])
    print(f"{len(articles)} articles of {args.dataset}")
    print(f"  one process (models loaded):       {t_one:7.1f} s  {len(articles) / t_one:5.2f} articles/s")
    print(f"  {args.workers} workers (start included):     {t_many:7.1f} s  {len(articles) / t_many:5.2f} articles/s")
    print(f"  speed-up {t_one / t_many:.2f}x; same facts, article for article: {'yes' if identical else 'NO'}")
    print(
        f"  of which starting the workers {t_start:.1f} s; the work alone {t_many - t_start:.1f} s: "
        f"speed-up {t_one / (t_many - t_start):.2f}x (what a long input sees)"
    )
    print(
        f"  CPU: one process {cpu_one:.1f} s, workers and parent {cpu_many:.1f} s "
        f"({cpu_many / cpu_one:.2f}x: what starting and feeding the workers costs; a busy machine "
        "shows it in the speed-up, a quiet one does not)"
    )
    stories = group_stories(facts)
    embedder = Embedder.for_fusion()
    t0, c0 = time.perf_counter(), time.process_time()
    fused_one = [fuse_story(s, embedder) for s in stories]
    tf_one, cf_one = time.perf_counter() - t0, time.process_time() - c0
    t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    with WorkerPool(args.workers, min_articles=1) as pool:
        tf_start = pool.start(fusion=True)
        fused_many = list(pool.fuse(stories))
    tf_many = time.perf_counter() - t0
    cf_many = time.process_time() - c0 + _children_cpu() - k0
    fuse_identical = int([to_json(r) for r in fused_many] == [to_json(r) for r in fused_one])
    tf_work = tf_many - tf_start
    print(f"fusion of the {len(stories)} stories of those articles")
    print(f"  one process (encoder loaded):       {tf_one:7.1f} s  {len(articles) / tf_one:5.2f} articles/s")
    print(f"  {args.workers} workers (start included):     {tf_many:7.1f} s  {len(articles) / tf_many:5.2f} articles/s")
    print(f"  speed-up {tf_one / tf_many:.2f}x; same reports: {'yes' if fuse_identical else 'NO'}")
    print(
        f"  of which starting the workers {tf_start:.1f} s; the work alone {tf_work:.1f} s: speed-up "
        f"{tf_one / tf_work:.2f}x"
    )
    print(f"  CPU: one process {cf_one:.1f} s, workers and parent {cf_many:.1f} s ({cf_many / cf_one:.2f}x)")
    benchlib.write_json(
        args.json,
        {
            "speedup": t_one / t_many,
            "speedup_started": t_one / (t_many - t_start),
            "start_seconds": t_start,
            "fuse_speedup_started": tf_one / tf_work,
            "fuse_start_seconds": tf_start,
            "identical": identical,
            "fuse_speedup": tf_one / tf_many,
            "fuse_identical": fuse_identical,
            "fuse_cpu_ratio": cf_many / cf_one,
            "fuse_one_process_articles_per_s": len(articles) / tf_one,
            "fuse_workers_articles_per_s": len(articles) / tf_many,
            "one_process_articles_per_s": len(articles) / t_one,
            "workers_articles_per_s": len(articles) / t_many,
            "cpu_ratio": cpu_many / cpu_one,
        },
        [path, gold],
        {"n": args.n, "workers": args.workers, "dataset": args.dataset},
    )


if __name__ == "__main__":
    main()
