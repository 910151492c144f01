"""Counts benchmark on gvdb-dev: killed / injured per article, scored as in data/README.md.

Usage: python benchmarks/bench_counts.py DATA_DIR [--limit N] [--json PATH]

Per article and category the system's figure is the largest ``low`` among that article's
counts of the category (``high`` when ``low`` is null; 0 when there are none). Reported:
exact-match and within-1 accuracy for killed and injured, the same on articles whose gold is
above 0, the all-zero baseline, and throughput: raw ``nlp.pipe``, the whole extract
(``extract_articles``), and the counts stage alone on the same Docs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import benchlib
from newsfuse.extractors import extract_articles
from newsfuse.extractors.counts import extract_counts
from newsfuse.model import Count
from newsfuse.nlp import load_nlp

CATEGORIES = ("killed", "injured")


def system_figure(counts: Iterable[Count], category: str) -> int:
    values = [c.low if c.low is not None else c.high for c in counts if c.category == category]
    present = [v for v in values if v is not None]
    return max(present) if present else 0


def accuracy(pairs: Sequence[tuple[int, int]], tolerance: int = 0) -> float:
    return sum(abs(s - g) <= tolerance for s, g in pairs) / len(pairs) if pairs else float("nan")


def report(figures: dict[str, dict[str, int]], gold: dict[str, dict[str, int]]) -> dict[str, float]:
    """Print the scores per category; return them as headline figures."""
    out: dict[str, float] = {}
    for category in CATEGORIES:
        pairs = [(figures[i][category], gold[i][category]) for i in figures]
        positive = [(s, g) for s, g in pairs if g > 0]
        zero = [(0, g) for _, g in pairs]
        print(
            f"{category:8} exact {accuracy(pairs):.3f}  within1 {accuracy(pairs, 1):.3f}  "
            f"| gold>0 (n={len(positive)}) exact {accuracy(positive):.3f} within1 {accuracy(positive, 1):.3f}  "
            f"| all-zero baseline exact {accuracy(zero):.3f}"
        )
        out[f"{category}_exact"] = accuracy(pairs)
        out[f"{category}_within1"] = accuracy(pairs, 1)
        out[f"{category}_exact_gold_positive"] = accuracy(positive)
        out[f"{category}_all_zero_baseline"] = accuracy(zero)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    benchlib.add_json_option(parser)
    args = parser.parse_args(argv)

    data = [args.data_dir / "gvdb-dev.jsonl", args.data_dir / "gvdb-dev.gold.jsonl"]
    articles = benchlib.read_articles(data[0])[: args.limit]
    gold = benchlib.read_gold(data[1])
    nlp = load_nlp()
    nlp("warm up")

    start = time.perf_counter()
    facts = list(extract_articles(articles, nlp))
    whole = time.perf_counter() - start
    figures = {f.article.id: {c: system_figure(f.counts, c) for c in CATEGORIES} for f in facts}

    start = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    raw = time.perf_counter() - start

    start = time.perf_counter()
    for doc, article in zip(docs, articles):
        extract_counts(doc, article)
    counts_only = time.perf_counter() - start

    n = len(articles)
    print(f"gvdb-dev: {n} articles")
    scores = report(figures, gold)
    print(
        f"throughput: nlp.pipe {n / raw:.1f} docs/s ({raw:.1f}s) | whole extract {n / whole:.1f} docs/s "
        f"({whole:.1f}s, {raw / whole:.2f}x of nlp.pipe) | counts stage {counts_only:.2f}s "
        f"= {100 * counts_only / raw:.1f}% of nlp.pipe time"
    )
    speed = {
        "nlp_pipe_docs_per_s": n / raw,
        "extract_docs_per_s": n / whole,
        "extract_vs_nlp_pipe": raw / whole,
        "counts_stage_share_of_nlp_pipe": counts_only / raw,
    }
    benchlib.write_json(args.json, {"articles": n, **scores, **speed}, data, {"limit": args.limit})
    return 0


if __name__ == "__main__":
    sys.exit(main())
