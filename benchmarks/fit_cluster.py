"""Fit the clusterer's logistic weights (``Weights``, ``RevisionWeights``) on ECB+ (ecbplus-dev)
and gva-dev together, cross-validate them by topic / incident halves, and write them to the
file the clusterer reads.

    .venv/bin/python benchmarks/fit_cluster.py DATA_DIR --cache DIR [--sets ecbplus-dev gva-dev] [--orders 3] [--weights PATH] [--json PATH]

``--weights`` (default ``src/newsfuse/cluster/weights.json``, what ``ClusterConfig`` uses) gets
the fit on everything, with where it came from (data hashes, commit, pairs, the held-out
figures); give another path to look at a refit without shipping it. How the weights are
obtained: an online pass over each set's articles in which every article joins its *true*
story (teacher forcing), recording for every candidate story the index returns (within the
horizon) the similarities ``PARTS`` and whether it is the article's story; ECB+ (undated) in
``--orders`` input orders (the file's, then shuffles with seeds 1, 2), gva-dev (a dated
stream) in its file's order, which is publication order. Then scikit-learn
``LogisticRegression(C=10)`` on all those pairs. The two sets teach different things: ECB+
two same-kind events per topic told in one vocabulary, years apart; gva-dev raw scrapes with
page furniture, follow-ups weeks later and same-city shootings days apart. To check that the
weights are not tuned to single documents, it also fits on the odd ECB+ topics and odd GVA
incidents (by a CRC-32 of the id) and clusters the even ones of each set (and back),
reporting B-cubed F1 per set, order and threshold on the held-out half. Extraction and
embeddings are the benchmark's (``bench_cluster.py``, same cache).
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
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

import benchlib
from bench_cluster import SETS, bcubed, embeddings, extract
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
            if not c._stories[s].in_window(a.published, c._horizon):
                continue
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
        rows.extend(
            (parts(a, now, c._stories[s]), False, topic[a.id])
            for s in c._candidates(a)
            if s != g and c._stories[s].in_window(a.published, c._horizon)
        )
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


@dataclass
class DevSet:
    """One labelled set: its articles' facts and embeddings, gold stories, the group each
    article's cross-validation half is taken by (ECB+ topic, GVA incident) and its input orders."""

    name: str
    files: list[Path]
    facts: list
    vectors: np.ndarray
    gold: dict[str, str]
    group: dict[str, int]
    orders: list[list[int]]


def load_set(data_dir: Path, name: str, cache: Path | None, orders: int) -> DevSet:
    data_file = data_dir / f"{name}.jsonl"
    gold_file = data_dir / f"{name}.gold.jsonl"
    gold = {r["id"]: r["story"] for r in map(json.loads, gold_file.open())}
    if name == "ecbplus-dev":
        group = {a: int(re.match(r"\d+", g).group()) for a, g in gold.items()}  # the topic
    else:
        # Incidents are independent events; a stable hash of the id splits them in halves.
        group = {a: zlib.crc32(g.encode()) for a, g in gold.items()}
    facts, _ = extract(read_inputs([data_file]).articles, data_file.read_bytes(), cache)
    vectors, _ = embeddings(facts, cache)
    n = len(facts)
    # A dated stream is fed in its file's order (publication order); ECB+ is undated, so its
    # orders are the file's and shuffles.
    count = orders if name == "ecbplus-dev" else 1
    order_list = [list(range(n))] + [random.Random(seed).sample(range(n), n) for seed in range(1, count)]
    return DevSet(name, [data_file, gold_file], facts, vectors, gold, group, order_list)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--orders", type=int, default=3, help="input orders of ECB+ (a dated stream has one)")
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS), help="dev sets fitted on together")
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
    sets = [load_set(args.data_dir, name, args.cache, args.orders) for name in args.sets]
    rows: list = []
    revision_rows: list = []
    for ds in sets:
        group = {a: (ds.name, g) for a, g in ds.group.items()}
        set_rows = [r for order in ds.orders for r in teacher_forced_pairs(ds.facts, ds.vectors, order, ds.gold, group)]
        set_revision = revision_pairs(ds.facts, ds.vectors, ds.orders[0], ds.gold, group)
        print(
            f"{ds.name}: {len(set_rows)} (article, candidate story) pairs, {sum(r[1] for r in set_rows)} positive; "
            f"{len(set_revision)} revision pairs, {sum(r[1] for r in set_revision)} positive"
        )
        rows += set_rows
        revision_rows += set_revision
    base = ClusterConfig()
    figures: dict[str, float] = {"pairs": len(rows), "revision_pairs": len(revision_rows)}
    held_out: dict[str, float] = {}
    groups = {(ds.name, g) for ds in sets for g in ds.group.values()}
    odd = {g for g in groups if g[1] % 2}
    for train, parity, name in ((odd, 0, "fit odd, cluster even"), (groups - odd, 1, "fit even, cluster odd")):
        weights = fit(rows, train)
        revision = fit(revision_rows, train, RevisionWeights)
        print(f"{name}: " + ", ".join(f"{k} {v:.2f}" for k, v in asdict(weights).items()))
        print("  revision: " + ", ".join(f"{k} {v:.2f}" for k, v in asdict(revision).items()))
        key = "even" if parity == 0 else "odd"
        for ds in sets:
            keep = {a for a, g in ds.group.items() if g % 2 == parity}
            truth = {a: ds.gold[a] for a in keep}
            for threshold in THRESHOLDS:
                config = replace(base, weights=weights, revision_weights=revision, threshold=threshold)
                scores = [bcubed(run(ds.facts, ds.vectors, o, config, keep), truth)[2] for o in ds.orders]
                print(
                    f"  {ds.name} threshold {threshold:.2f}: B-cubed F1 "
                    + " ".join(f"{s:.3f}" for s in scores)
                    + f"  mean {statistics.fmean(scores):.3f}"
                )
                if threshold == base.threshold:
                    held_out[f"{ds.name}: {name}"] = round(statistics.fmean(scores), 4)
                    figures[f"{ds.name}_held_out_bcubed_f1_{key}"] = statistics.fmean(scores)
            scores = [bcubed(run(ds.facts, ds.vectors, o, base, keep), truth)[2] for o in ds.orders]
            figures[f"{ds.name}_shipped_bcubed_f1_{key}"] = statistics.fmean(scores)
            print(
                f"  {ds.name}, shipped weights on the same half (threshold {base.threshold}): "
                + " ".join(f"{s:.3f}" for s in scores)
                + f"  mean {statistics.fmean(scores):.3f}"
            )
    weights = fit(rows, groups)
    print("fit on all (Weights): " + ", ".join(f"{k} {v:.2f}" for k, v in asdict(weights).items()))
    revision = fit(revision_rows, groups, RevisionWeights)
    print("fit on all (RevisionWeights): " + ", ".join(f"{k} {v:.2f}" for k, v in asdict(revision).items()))
    files = [f for ds in sets for f in ds.files]
    fitted = {
        "by": " ".join(["benchmarks/fit_cluster.py", *(argv if argv is not None else sys.argv[1:])]),
        "date": dt.date.today().isoformat(),
        "commit": benchlib.git_commit(),
        "data": {p.name: benchlib.sha256_file(p) for p in files},
        "orders": {ds.name: len(ds.orders) for ds in sets},
        "pairs": len(rows),
        "revision_pairs": len(revision_rows),
        "held_out_bcubed_f1": held_out,
        "threshold": base.threshold,
    }
    write_weights(args.weights, weights, revision, fitted)
    benchlib.write_json(args.json, figures, files, {"orders": args.orders, "sets": args.sets})
    return 0


if __name__ == "__main__":
    sys.exit(main())
