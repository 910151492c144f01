"""Does clustering cost grow with the stream? The clusterer alone over a store's articles.

    python benchmarks/bench_cluster_replay.py STORE.db [--round N] [--json PATH]

Reads every clustered article of a store ``bench_store.py --db STORE.db`` wrote (its stored
facts and cluster embeddings, in arrival order) and feeds them to a fresh ``StoryClusterer``
as the ingest did: no spaCy, no encoder, no SQL in the timing. Prints the milliseconds per
article (arrival, revisions and settling) and the peak RSS for each whole round of
bench_store's replay (``--round``: its dev articles per round, 2,902 with ../shared/data),
then for the last partial round with the end-of-stream settling (``flush``).

A round is the fair unit: an article is settled 1,000 arrivals after it came, so the first
1,000 articles of a stream pay for no settling and the last 1,000 pay for the settling of all
those still pending; bench_store's first and last spans compare those two. Each round pays
once for the settling of as many articles as it has.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import benchlib
from newsfuse.cluster import ClusterConfig, StoryClusterer
from newsfuse.store import connect
from newsfuse.store.queries import iter_clustered


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path, help="a store bench_store.py wrote (--db)")
    parser.add_argument("--round", type=int, default=2902, help="articles per replay round (default %(default)s)")
    benchlib.add_json_option(parser)
    args = parser.parse_args()

    conn = connect(args.store, create=False)
    (dim,) = conn.execute("SELECT length(embedding) / 4 FROM article_facts LIMIT 1").fetchone()
    clusterer = StoryClusterer(ClusterConfig(), embedding_dim=dim)
    figures: dict[str, float] = {"round_articles": args.round, "rss_mb_start": peak_rss_mb()}
    rounds: list[float] = []
    spent, n = 0.0, 0
    for _, _, _, facts, embedding in iter_clustered(conn, "1 = 1"):
        t0 = time.perf_counter()
        clusterer.add(facts, embedding)
        clusterer.revisions(), clusterer.settled()
        spent += time.perf_counter() - t0
        n += 1
        if n % args.round == 0:
            rounds.append(1000 * spent / args.round)
            spent = 0.0
            print(f"round {len(rounds)}: {rounds[-1]:.1f} ms/article, peak RSS {peak_rss_mb():.0f} MB", flush=True)
            figures[f"round{len(rounds)}_ms_per_article"] = rounds[-1]
            figures[f"round{len(rounds)}_peak_rss_mb"] = peak_rss_mb()
    conn.close()
    rest = n % args.round
    t0 = time.perf_counter()
    clusterer.flush()
    spent += time.perf_counter() - t0
    print(f"last {rest} articles with the end-of-stream settling: {1000 * spent / max(1, rest):.1f} ms/article")
    figures.update(
        {
            "articles": n,
            "rounds": len(rounds),
            "tail_ms_per_article": 1000 * spent / max(1, rest),
            "peak_rss_mb": peak_rss_mb(),
        }
    )
    if len(rounds) >= 3:
        # Round 1 settles only its last 1,900 articles' predecessors: from round 2 on, like for like.
        figures["last_vs_second_round"] = rounds[-1] / rounds[1]
        print(f"last whole round / round 2: {figures['last_vs_second_round']:.2f}")
    print(f"{n} articles; peak RSS {figures['peak_rss_mb']:.0f} MB (clusterer state and this process)")
    benchlib.write_json(args.json, figures, [args.store], {"round": args.round})


if __name__ == "__main__":
    main()
