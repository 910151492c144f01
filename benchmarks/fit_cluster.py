"""Fit the clusterer's logistic weights (``Weights``, ``RevisionWeights``) on ECB+ (ecbplus-dev),
cross-validate them by topic, and write them to the file the clusterer reads.

    .venv/bin/python benchmarks/fit_cluster.py DATA_DIR --cache DIR [--orders 3] [--weights PATH] [--json PATH]

``--weights`` (default ``src/newsfuse/cluster/weights.json``, what ``ClusterConfig`` uses) gets
the fit on all topics, with where it came from (data hashes, commit, pairs, the held-out
figures); give another path to look at a refit without shipping it. How the weights are
obtained: an online pass over
the articles in each of ``--orders`` input orders (the file's, then shuffles with seeds 1, 2)
in which every article joins its *true* story (teacher forcing), recording for every candidate
story the index returns the similarities ``PARTS`` and whether it is the article's story
(~23k pairs); then scikit-learn ``LogisticRegression(C=10)`` on those pairs. To check that the
weights are not tuned to single documents, it also fits on the odd ECB+ topics and clusters the
even ones (and back), reporting B-cubed F1 per order and threshold on the held-out half.
Extraction and embeddings are the benchmark's (``bench_cluster.py``, same cache).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

import benchlib
from bench_cluster import bcubed, embeddings, extract
from newsfuse.cluster import ClusterConfig, StoryClusterer, Weights
from newsfuse.cluster import clusterer as cl
from newsfuse.cluster.clusterer import (
    PARTS,
    REVISION_PARTS,
    WEIGHTS_FILE,
    RevisionWeights,
    relative_similarities,
    similarities,
)
from newsfuse.cluster.story import StoryState
from newsfuse.inputs import read_inputs

THRESHOLDS = (0.2, 0.3, 0.4)


def _teacher_forced(facts, vectors, order, gold):
    """An online pass in which every article joins its true story: yields the clusterer, and
    each article's features and vectors just before it joins."""
    c = StoryClusterer(ClusterConfig(), embedding_dim=vectors.shape[1])
    for i in order:
        a = cl.featurize(facts[i], vectors[i], c._hasher)
        c._arrivals += 1
        c._observe(a)
        v = c._vectors(a)
        c._levels.add(a.id, a.embedding, v["names"])
        yield c, a, v
        g = gold[a.id]
        if g not in c._stories:
            c._stories[g] = StoryState(g, vectors.shape[1])
        c._join(g, a, v)


def teacher_forced_pairs(facts, vectors, order, gold, topic) -> list[tuple[list[float], bool, int]]:
    """(similarities, is the true story, topic) for every candidate an article meets when every
    earlier article sits in its true story."""
    rows = []
    for c, a, v in _teacher_forced(facts, vectors, order, gold):
        for s in c._candidates(a):
            p = similarities(a, v, c._stories[s])
            rows.append(([p[n] for n in PARTS], s == gold[a.id], topic[a.id]))
    return rows


def revision_pairs(facts, vectors, order, gold, topic) -> list[tuple[list[float], bool, int]]:
    """(revision similarities, is the true story, topic) for every article against its own
    story without it and against the other candidate stories, once every article sits in its
    true story: the situation a delayed decision meets when the stream so far is known."""
    joined = [(c, a, v) for c, a, v in _teacher_forced(facts, vectors, order, gold)]
    c = joined[0][0]
    c._level_cache.clear()

    def parts(a, v, story) -> list[float]:
        p = similarities(a, v, story)
        p.update(relative_similarities(a, v, story, c._levels_of([(a, v), *story.members])))
        return [p[n] for n in REVISION_PARTS]

    rows = []
    for _, a, v in joined:
        g = gold[a.id]
        now = c._vectors(a)
        own = c._stories[g]
        if own.size > 1:
            own.remove(a, v)
            rows.append((parts(a, now, own), True, topic[a.id]))
            own.add(a, v, own.touched)
        rows.extend((parts(a, now, c._stories[s]), False, topic[a.id]) for s in c._candidates(a) if s != g)
    return rows


def fit(rows, topics, kind: type[Weights] = Weights) -> Weights:
    from sklearn.linear_model import LogisticRegression

    X = np.array([r[0] for r in rows if r[2] in topics])
    y = np.array([r[1] for r in rows if r[2] in topics])
    lr = LogisticRegression(C=10.0, max_iter=5000).fit(X, y)
    return kind(bias=float(lr.intercept_[0]), **{n: float(w) for n, w in zip(kind.parts, lr.coef_[0])})


def run(facts, vectors, order, config, keep=None) -> dict[str, str]:
    c = StoryClusterer(config, embedding_dim=vectors.shape[1])
    pred = {}
    for i in order:
        if keep is None or facts[i].article.id in keep:
            a = c.add(facts[i], vectors[i])
            pred[a.article] = a.story
            for r in c.revisions():
                pred[r.article] = r.story
    for r in c.flush():
        pred[r.article] = r.story
    return pred


def write_weights(path: Path, weights: Weights, revision: RevisionWeights, fitted: dict) -> None:
    """The file ``newsfuse.cluster.load_weights`` reads: both models and where they came from."""
    record = {
        "about": (
            "The story clusterer's two logistic models (newsfuse.cluster.clusterer: Weights over PARTS, "
            "RevisionWeights over REVISION_PARTS), read by load_weights() as ClusterConfig's defaults. "
            "Written by benchmarks/fit_cluster.py; do not edit by hand: refit instead."
        ),
        "fitted": fitted,
        "weights": weights.to_json(),
        "revision_weights": revision.to_json(),
    }
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    print(f"wrote the weights to {path}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--orders", type=int, default=3)
    parser.add_argument(
        "--weights",
        type=Path,
        default=WEIGHTS_FILE,
        help="write the fit on all topics here (default: the clusterer's own weights.json)",
    )
    benchlib.add_json_option(parser)
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(1)
    data_file = args.data_dir / "ecbplus-dev.jsonl"
    gold_file = args.data_dir / "ecbplus-dev.gold.jsonl"
    gold = {r["id"]: r["story"] for r in map(json.loads, gold_file.open())}
    topic = {a: int(re.match(r"\d+", g).group()) for a, g in gold.items()}
    facts, _ = extract(read_inputs([data_file]).articles, data_file.read_bytes(), args.cache)
    vectors, _ = embeddings(facts, args.cache)
    n = len(facts)
    orders = [list(range(n))] + [random.Random(seed).sample(range(n), n) for seed in range(1, args.orders)]

    rows = [r for order in orders for r in teacher_forced_pairs(facts, vectors, order, gold, topic)]
    print(f"{len(rows)} (article, candidate story) pairs, {sum(r[1] for r in rows)} positive")
    revision_rows = revision_pairs(facts, vectors, orders[0], gold, topic)
    print(f"{len(revision_rows)} revision pairs, {sum(r[1] for r in revision_rows)} positive")
    topics = set(topic.values())
    odd = {t for t in topics if t % 2}
    base = ClusterConfig()
    figures: dict[str, float] = {"pairs": len(rows), "revision_pairs": len(revision_rows)}
    held_out: dict[str, float] = {}
    for train, test, name, key in (
        (odd, topics - odd, "fit odd, cluster even", "even"),
        (topics - odd, odd, "fit even, cluster odd", "odd"),
    ):
        weights = fit(rows, train)
        revision = fit(revision_rows, train, RevisionWeights)
        keep = {a for a, t in topic.items() if t in test}
        print(f"{name}: " + ", ".join(f"{k} {v:.2f}" for k, v in asdict(weights).items()))
        print("  revision: " + ", ".join(f"{k} {v:.2f}" for k, v in asdict(revision).items()))
        for threshold in THRESHOLDS:
            config = replace(base, weights=weights, revision_weights=revision, threshold=threshold)
            scores = [bcubed(run(facts, vectors, o, config, keep), {a: gold[a] for a in keep})[2] for o in orders]
            print(
                f"  threshold {threshold:.2f}: B-cubed F1 "
                + " ".join(f"{s:.3f}" for s in scores)
                + f"  mean {statistics.fmean(scores):.3f}"
            )
            if threshold == base.threshold:
                held_out[name] = round(statistics.fmean(scores), 4)
                figures[f"held_out_bcubed_f1_{key}"] = statistics.fmean(scores)
        scores = [bcubed(run(facts, vectors, o, base, keep), {a: gold[a] for a in keep})[2] for o in orders]
        figures[f"shipped_bcubed_f1_{key}"] = statistics.fmean(scores)
        print(
            f"  shipped weights on the same half (threshold {base.threshold}): "
            + " ".join(f"{s:.3f}" for s in scores)
            + f"  mean {statistics.fmean(scores):.3f}"
        )
    weights = fit(rows, topics)
    print("fit on all topics (Weights): " + ", ".join(f"{k} {v:.2f}" for k, v in asdict(weights).items()))
    revision = fit(revision_rows, topics, RevisionWeights)
    print("fit on all topics (RevisionWeights): " + ", ".join(f"{k} {v:.2f}" for k, v in asdict(revision).items()))
    fitted = {
        "by": " ".join(["benchmarks/fit_cluster.py", *(argv if argv is not None else sys.argv[1:])]),
        "date": dt.date.today().isoformat(),
        "commit": benchlib.git_commit(),
        "data": {p.name: benchlib.sha256_file(p) for p in (data_file, gold_file)},
        "orders": args.orders,
        "pairs": len(rows),
        "revision_pairs": len(revision_rows),
        "held_out_bcubed_f1": held_out,
        "threshold": base.threshold,
    }
    write_weights(args.weights, weights, revision, fitted)
    benchlib.write_json(args.json, figures, [data_file, gold_file], {"orders": args.orders})
    return 0


if __name__ == "__main__":
    sys.exit(main())
