"""Extraction on every core: ``--workers N`` against one process, on the same articles, in one run.

    python benchmarks/bench_workers.py ../shared/data [--n 200] [--workers 2] [--dataset gva-dev] [--json PATH]

Extracts the first N articles of the dataset twice: in this process (``api.iter_extract``, models
already loaded, so its time is the work alone), then with ``ExtractPool(workers)`` (whose time
includes starting the workers and loading their models: what a user waits for). Prints each wall
time, the speed-up (one process's time over the pool's), the CPU both spent (the pool's over one
process's: the cost of starting and feeding workers, which a machine shared with other work shows
as a lost speed-up) and whether the facts are the same, article for article (they must be:
``identical`` is gated at 1).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import benchlib
from newsfuse.api import iter_extract
from newsfuse.geo import load_gazetteer
from newsfuse.model import article_facts_to_json
from newsfuse.nlp import load_nlp
from newsfuse.workers import ExtractPool


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
    articles = benchlib.read_articles(path)[: args.n]
    load_nlp(), load_gazetteer()  # one process's models: loaded before its clock starts
    t0, c0 = time.perf_counter(), time.process_time()
    one = [article_facts_to_json(f) for f in iter_extract(articles)]
    t_one, cpu_one = time.perf_counter() - t0, time.process_time() - c0
    t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    with ExtractPool(args.workers, min_articles=1) as pool:
        many = [article_facts_to_json(f) for f in pool.extract(articles)]
    # the workers have exited here: their CPU is counted in RUSAGE_CHILDREN
    t_many = time.perf_counter() - t0
    cpu_many = time.process_time() - c0 + _children_cpu() - k0
    identical = int(many == one)
    print(f"{len(articles)} articles of {args.dataset}")
    print(f"  one process (models loaded):       {t_one:7.1f} s  {len(articles) / t_one:5.2f} articles/s")
    print(f"  {args.workers} workers (start included):     {t_many:7.1f} s  {len(articles) / t_many:5.2f} articles/s")
    print(f"  speed-up {t_one / t_many:.2f}x; same facts, article for article: {'yes' if identical else 'NO'}")
    print(
        f"  CPU: one process {cpu_one:.1f} s, workers and parent {cpu_many:.1f} s "
        f"({cpu_many / cpu_one:.2f}x: what starting and feeding the workers costs; a busy machine "
        "shows it in the speed-up, a quiet one does not)"
    )
    benchlib.write_json(
        args.json,
        {
            "speedup": t_one / t_many,
            "identical": identical,
            "one_process_articles_per_s": len(articles) / t_one,
            "workers_articles_per_s": len(articles) / t_many,
            "cpu_ratio": cpu_many / cpu_one,
        },
        [path],
        {"n": args.n, "workers": args.workers, "dataset": args.dataset},
    )


if __name__ == "__main__":
    main()
