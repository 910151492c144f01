"""Extraction speed against spaCy's own nlp.pipe on the same texts, in the same run.

    python benchmarks/bench_speed.py ../shared/data [--n 200] [--dataset gvdb-dev] [--json PATH]

Prints docs/s for raw `nlp.pipe` and for the whole `extract` (parse + every extractor +
geocoding), their ratio, the time per extraction stage, and peak memory (ru_maxrss) of the
process. Runs each measurement twice, interleaved, and keeps the faster (the machine is shared).
The gate (baseline.json) holds the ratio, the geocoding share and the memory, not the docs/s.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import defaultdict
from pathlib import Path

import benchlib
from newsfuse.extractors import (
    extract_articles,
    extract_counts,
    extract_dates,
    extract_entities,
    extract_places,
    extract_propositions,
    extract_quotes,
    extract_roles,
    infer_published,
)
from newsfuse.geo import load_gazetteer
from newsfuse.model import Article
from newsfuse.nlp import load_nlp


def load(path: Path, n: int) -> list[Article]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out.append(Article(id=r["id"], text=r["text"], title=r.get("title")))
            if len(out) == n:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--dataset", default="gvdb-dev")
    benchlib.add_json_option(parser)
    args = parser.parse_args()
    articles = load(args.data_dir / f"{args.dataset}.jsonl", args.n)
    t0 = time.perf_counter()
    nlp = load_nlp()
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    gazetteer = load_gazetteer()
    t_gaz = time.perf_counter() - t0
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:10]))  # warm up

    pipe_times, extract_times = [], []
    for _ in range(2):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=16))
        pipe_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        facts = list(extract_articles(articles, nlp, gazetteer))
        extract_times.append(time.perf_counter() - t0)
    pipe, whole = min(pipe_times), min(extract_times)

    stages: dict[str, float] = defaultdict(float)
    for doc, article in zip(docs, articles):

        def timed(name, fn, *a):
            t = time.perf_counter()
            out = fn(*a)
            stages[name] += time.perf_counter() - t
            return out

        art = timed("published", infer_published, doc, article)
        places = timed("places", extract_places, doc, art, gazetteer)
        entities = timed("entities", extract_entities, doc, art, places)
        timed("dates", extract_dates, doc, art)
        timed("counts", extract_counts, doc, art)
        timed("quotes", extract_quotes, doc, art, entities)
        timed("roles", extract_roles, doc, art, entities)
        timed("propositions", extract_propositions, doc, art)

    n = len(articles)
    print(
        f"{args.dataset}: {n} articles, {sum(map(len, texts)):,} characters; models: spaCy {t_nlp:.2f}s, gazetteer {t_gaz:.2f}s"
    )
    print(f"nlp.pipe     {n / pipe:6.1f} docs/s ({pipe:.1f}s)")
    print(
        f"extract      {n / whole:6.1f} docs/s ({whole:.1f}s)   ratio {pipe / whole:.2f}x of nlp.pipe (target >= 0.67)"
    )
    for name, t in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:13s} {t:6.2f}s  {100 * t / pipe:5.1f}% of nlp.pipe time")
    geocoding = stages["places"] / (whole - stages["places"])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"geocoding adds {100 * geocoding:.1f}% to extract time (target <= 20%)")
    print(f"peak memory {peak:.0f} MB (target <= 2048)")
    assert len(facts) == n
    figures = {
        "articles": n,
        "nlp_pipe_docs_per_s": n / pipe,
        "extract_docs_per_s": n / whole,
        "extract_vs_nlp_pipe": pipe / whole,
        "geocoding_overhead": geocoding,
        "peak_memory_mb": peak,
        **{f"stage_{name}_share_of_nlp_pipe": t / pipe for name, t in stages.items()},
    }
    benchlib.write_json(
        args.json, figures, [args.data_dir / f"{args.dataset}.jsonl"], {"n": args.n, "dataset": args.dataset}
    )


if __name__ == "__main__":
    main()
