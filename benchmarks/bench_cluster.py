"""Story clustering on ECB+ (ecbplus-dev) or on real dated streams (gva-dev), scored exactly as
data/README.md defines it.

    .venv/bin/python benchmarks/bench_cluster.py DATA_DIR [--set ecbplus-dev|gva-dev] [--orders 3] [--window D] [--horizon D] [--sweep] [--cache DIR] [--revise N] [--json PATH]

``--set gva-dev``: the Gun Violence Archive's incidents, raw local news scraped over days and
weeks, in the file's order (by publication date: a dated stream is fed as it would arrive, so
``--orders`` does not apply).

Runs the real pipeline: ``extract_articles(articles, load_nlp(), load_gazetteer())``, the
sentence encoder on each article's title + lead, then the online clusterer, one pass, in the
file's order (already random) and in ``--orders - 1`` more shuffles with fixed seeds. It is
never told the number of stories. Reports B-cubed P/R/F1 and pairwise P/R/F1 per order, their
spread, and throughput with what each timing includes. ``--sweep`` adds F1 against the
threshold. ``--cache DIR`` keeps extraction and embeddings between runs (keyed by the source
of the extractors and the data, so a changed extractor is re-run: ``benchlib.cached_facts``). The scored result is the
stream's final one: each article's assignment from ``add`` with the clusterer's window-bounded
revisions applied (``revisions()`` after every article, ``flush()`` at the end); ``--revise 0``
scores the undelayed one-pass decisions. Weights are fitted by ``fit_cluster.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np

import benchlib
from newsfuse.cluster import ClusterConfig, StoryClusterer, embed
from newsfuse.extractors import extract_articles
from newsfuse.geo import load_gazetteer
from newsfuse.inputs import read_inputs
from newsfuse.model import ArticleFacts
from newsfuse.nlp import load_encoder, load_nlp

SETS = ("ecbplus-dev", "gva-dev")
SWEEP = (0.22, 0.25, 0.28, 0.30, 0.32, 0.35, 0.38, 0.42)


# -- scoring (data/README.md, ecbplus-dev) -----------------------------------------------------


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Per article: share of its predicted cluster in its gold story (P) and share of its gold
    story in its predicted cluster (R), averaged over articles."""
    clusters: dict[str, set[str]] = defaultdict(set)
    stories: dict[str, set[str]] = defaultdict(set)
    for a in pred:
        clusters[pred[a]].add(a)
        stories[gold[a]].add(a)
    p = statistics.fmean(len(clusters[pred[a]] & stories[gold[a]]) / len(clusters[pred[a]]) for a in pred)
    r = statistics.fmean(len(clusters[pred[a]] & stories[gold[a]]) / len(stories[gold[a]]) for a in pred)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """P/R/F1 over all pairs of articles put in one cluster."""

    def pairs(labels: Mapping[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for a in sorted(labels):
            groups[labels[a]].append(a)
        return {(x, y) for g in groups.values() for i, x in enumerate(g) for y in g[i + 1 :]}

    predicted, true = pairs(pred), pairs(gold)
    hit = len(predicted & true)
    p = hit / len(predicted) if predicted else 0.0
    r = hit / len(true) if true else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


# -- pipeline with an optional cache -------------------------------------------------------------


def extract(articles, data: bytes, cache: Path | None) -> tuple[list[ArticleFacts], float | None]:
    """Facts of the articles, from ``cache`` when the data and the extraction code are unchanged;
    the seconds extraction took (None when cached)."""
    with benchlib.timed() as t:
        facts, cached = benchlib.cached_facts(
            articles, [data], cache, lambda: list(extract_articles(articles, load_nlp(), load_gazetteer()))
        )
    return facts, None if cached else t.wall


def embeddings(facts: Sequence[ArticleFacts], cache: Path | None) -> tuple[np.ndarray, float | None]:
    from newsfuse.cluster import embedding_text

    key = benchlib.digest(*(embedding_text(f).encode() for f in facts))
    path = cache / f"emb-{key}.npy" if cache else None
    if path and path.exists():
        return np.load(path), None
    encoder = load_encoder()  # loading is not timed: once per process
    start = time.perf_counter()
    vectors = embed(facts, encoder)
    elapsed = time.perf_counter() - start
    if path:
        np.save(path, vectors)
    return vectors, elapsed


def cluster(
    facts: Sequence[ArticleFacts], vectors: np.ndarray, order: Sequence[int], config: ClusterConfig
) -> tuple[dict[str, str], float, int]:
    clusterer = StoryClusterer(config, embedding_dim=vectors.shape[1])
    start = time.perf_counter()
    result = {}
    copies = 0
    copy_of = {}
    for i in order:
        assignment = clusterer.add(facts[i], vectors[i])
        result[assignment.article] = assignment.story
        copy_of[assignment.article] = assignment.copy_of
        for revision in clusterer.revisions():
            result[revision.article] = revision.story
    for revision in clusterer.flush():
        result[revision.article] = revision.story
    copies = sum(c is not None for c in copy_of.values())
    return result, time.perf_counter() - start, copies


class _CachedEncoder:
    """The embeddings already computed, looked up by the text they were computed from: the
    store's ingest embeds each batch itself, and this gives it the same vectors."""

    def __init__(self, facts: Sequence[ArticleFacts], vectors: np.ndarray) -> None:
        from newsfuse.cluster import embedding_text

        self._by_text = {embedding_text(f): v for f, v in zip(facts, vectors)}
        self._dim = vectors.shape[1]

    def get_sentence_embedding_dimension(self) -> int:
        return self._dim

    def encode(self, texts, **_: object) -> np.ndarray:
        return np.vstack([self._by_text[t] for t in texts]) if texts else np.zeros((0, self._dim), np.float32)


def store_agreement(
    facts: Sequence[ArticleFacts], vectors: np.ndarray, config: ClusterConfig, batch_size: int, runs: int
) -> tuple[float, dict[str, str], float]:
    """``ingest --db`` of the stream (in file order, batches of ``batch_size``, split over
    ``runs`` ingest calls, each a fresh process's state rebuilt from the store, fusion off)
    against ``cluster`` of it: the adjusted Rand index of the two groupings, the stored one,
    and the ingest's articles/s."""
    import tempfile

    from sklearn.metrics import adjusted_rand_score

    from newsfuse.store import StoreIngester, connect

    by_id = {f.article.id: f for f in facts}
    encoder = _CachedEncoder(facts, vectors)
    clustered, _, _ = cluster(facts, vectors, range(len(facts)), config)
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "news.db")
        start = time.perf_counter()
        chunk = -(-len(facts) // runs)
        for r in range(runs):
            ingester = StoreIngester(
                conn,
                lambda arts: (by_id[a.id] for a in arts),
                encoder,
                config=config,
                batch_size=batch_size,
                fuse=False,
            )
            ingester.ingest([f.article for f in facts[r * chunk : (r + 1) * chunk]])
        seconds = time.perf_counter() - start
        stored = dict(conn.execute("SELECT id, story_id FROM articles"))
        conn.close()
    ids = [f.article.id for f in facts]
    return adjusted_rand_score([clustered[i] for i in ids], [stored[i] for i in ids]), stored, len(ids) / seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument(
        "--orders", type=int, default=3, help="input orders: the file's, then shuffles with seeds 1, 2, ..."
    )
    parser.add_argument("--set", choices=SETS, default=SETS[0], help="which dev set (default: %(default)s)")
    parser.add_argument("--sweep", action="store_true", help="also report F1 against the threshold")
    parser.add_argument(
        "--store",
        action="store_true",
        help="also ingest the stream into a store (batches of 50, in 3 runs) and compare its grouping with cluster's",
    )
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--window", type=float, default=None, help="settling window in days (default: the clusterer's)")
    parser.add_argument(
        "--horizon", type=float, default=None, help="days a story stays a candidate (default: the clusterer's)"
    )
    parser.add_argument(
        "--revise", type=int, default=None, help="revision bound in articles (default: the clusterer's; 0 = none)"
    )
    parser.add_argument("--cache", type=Path, default=None, help="keep extraction and embeddings here between runs")
    parser.add_argument("--threads", type=int, default=2, help="torch threads (the machine is shared)")
    benchlib.add_json_option(parser)
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    data_file = args.data_dir / f"{args.set}.jsonl"
    gold_file = args.data_dir / f"{args.set}.gold.jsonl"
    gold = {r["id"]: r["story"] for r in map(json.loads, gold_file.open())}
    if args.set == "gva-dev":
        args.orders = 1
    ingest = read_inputs([data_file])
    if ingest.problems:
        print(f"warning: {len(ingest.problems)} unreadable records", file=sys.stderr)
    articles = ingest.articles
    facts, t_extract = extract(articles, data_file.read_bytes(), args.cache)
    vectors, t_embed = embeddings(facts, args.cache)
    config = ClusterConfig()
    if args.threshold is not None:
        config = replace(config, threshold=args.threshold)
    if args.revise is not None:
        config = replace(config, revise_articles=args.revise)
    if args.window is not None:
        config = replace(config, window_days=args.window)
    if args.horizon is not None:
        config = replace(config, horizon_days=args.horizon)
    n = len(facts)

    orders = [list(range(n))] + [random.Random(seed).sample(range(n), n) for seed in range(1, args.orders)]
    rows = []
    print(
        f"{args.set}: {n} articles, {len(set(gold.values()))} gold stories; threshold {config.threshold}, window {config.window_days} days, horizon {config.horizon_days} days, revision bound {config.revise_articles} articles"
    )
    print(
        f"{'order':<8} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pw P':>6} {'pw R':>6} {'pw F1':>6} {'stories':>7} {'copies':>6} {'cluster docs/s':>14}"
    )
    for k, order in enumerate(orders):
        pred, seconds, copies = cluster(facts, vectors, order, config)
        b, p = bcubed(pred, gold), pairwise(pred, gold)
        rows.append((b, p, seconds))
        name = "file" if k == 0 else f"seed {k}"
        print(
            f"{name:<8} {b[0]:6.3f} {b[1]:6.3f} {b[2]:6.3f} {p[0]:6.3f} {p[1]:6.3f} {p[2]:6.3f} {len(set(pred.values())):7d} {copies:6d} {n / seconds:14.0f}"
        )
    f1s = [r[0][2] for r in rows]
    pw = [r[1][2] for r in rows]
    print(
        f"B-cubed F1 mean {statistics.fmean(f1s):.3f}, min {min(f1s):.3f}, max {max(f1s):.3f}; "
        f"pairwise F1 mean {statistics.fmean(pw):.3f}, min {min(pw):.3f}, max {max(pw):.3f}"
    )

    t_cluster = statistics.fmean(r[2] for r in rows)
    print("throughput (models loaded once, not timed):")
    print(f"  extraction (spaCy + extractors): {'cached' if t_extract is None else f'{n / t_extract:.1f} docs/s'}")
    print(f"  embedding (title + lead):        {'cached' if t_embed is None else f'{n / t_embed:.1f} docs/s'}")
    print(f"  clustering (features, copies, index, scoring): {n / t_cluster:.0f} docs/s")
    if t_extract is not None and t_embed is not None:
        print(f"  end to end: {n / (t_extract + t_embed + t_cluster):.1f} docs/s")

    sweep = {}
    if args.sweep:
        print("threshold sensitivity (B-cubed F1 per order, then mean):")
        for threshold in SWEEP:
            cfg = replace(config, threshold=threshold)
            scores = [bcubed(cluster(facts, vectors, order, cfg)[0], gold)[2] for order in orders]
            sweep[threshold] = statistics.fmean(scores)
            print(f"  {threshold:.2f}  " + "  ".join(f"{s:.3f}" for s in scores) + f"   mean {sweep[threshold]:.3f}")
    figures = {
        "articles": n,
        "bcubed_f1_mean": statistics.fmean(f1s),
        "bcubed_f1_min": min(f1s),
        "bcubed_f1_max": max(f1s),
        "bcubed_p_mean": statistics.fmean(r[0][0] for r in rows),
        "bcubed_r_mean": statistics.fmean(r[0][1] for r in rows),
        "pairwise_f1_mean": statistics.fmean(pw),
        "cluster_docs_per_s": n / t_cluster,
        "cluster_docs_per_s_min": min(n / r[2] for r in rows),
        "cluster_docs_per_s_max": max(n / r[2] for r in rows),
    }
    figures.update({f"sweep_bcubed_f1_{t:.2f}": f for t, f in sweep.items()})
    if args.store:
        ari, stored, rate = store_agreement(facts, vectors, config, batch_size=50, runs=3)
        b = bcubed(stored, gold)
        print(
            f"store (ingest in batches of 50 over 3 runs, no fusion): adjusted Rand index with cluster {ari:.4f}; "
            f"B-cubed F1 {b[2]:.3f}; {rate:.0f} articles/s"
        )
        figures.update({"store_cluster_ari": ari, "store_bcubed_f1": b[2], "store_docs_per_s": rate})
    options = {
        k: getattr(args, k) for k in ("set", "orders", "threshold", "window", "horizon", "revise", "sweep", "store")
    }
    benchlib.write_json(args.json, figures, [data_file, gold_file], options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
