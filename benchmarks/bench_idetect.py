"""Displacement figures on idetect-dev, scored exactly as the data README defines them.

    python benchmarks/bench_idetect.py DATA_DIR [--errors] [--json PATH]

Runs ``newsfuse extract`` (``extract_articles`` with the spaCy pipeline and the gazetteer) on
``idetect-dev.jsonl``. A gold figure Q is found when the excerpt has a count of category
``displaced`` or ``evacuated`` with |low - Q| <= 1 or |high - Q| <= 1, or a band
low <= Q <= high no wider than high <= 1.5 x low. Reported: the share of the displacement
figures (every term but the housing ones) found so, the same with a count of any category, and
the housing terms (Destroyed / Partially Destroyed Housing, any category) scored separately;
then the found share per term.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import benchlib
from newsfuse.extractors import extract_articles
from newsfuse.geo import load_gazetteer
from newsfuse.model import Count
from newsfuse.nlp import load_nlp

DISPLACEMENT_CATEGORIES = frozenset({"displaced", "evacuated"})
HOUSING_TERMS = frozenset({"Destroyed Housing", "Partially Destroyed Housing"})


def matches(count: Count, quantity: int) -> bool:
    """|low - Q| <= 1 or |high - Q| <= 1, or a band low <= Q <= high with high <= 1.5 x low."""
    low, high = count.low, count.high
    if low is not None and abs(low - quantity) <= 1:
        return True
    if high is not None and abs(high - quantity) <= 1:
        return True
    return low is not None and high is not None and low <= quantity <= high and high <= 1.5 * low


def found(counts: Iterable[Count], quantity: int, categories: frozenset[str] | None) -> bool:
    """Some count (of ``categories``; of any when None) matches the gold quantity."""
    return any(matches(c, quantity) for c in counts if categories is None or c.category in categories)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--errors", action="store_true", help="print every displacement figure not found")
    benchlib.add_json_option(parser)
    args = parser.parse_args(argv)

    data = [args.data_dir / "idetect-dev.jsonl", args.data_dir / "idetect-dev.gold.jsonl"]
    articles = benchlib.read_articles(data[0])
    gold = benchlib.read_gold(data[1])
    nlp, gazetteer = load_nlp(), load_gazetteer()
    with benchlib.timed() as t:
        facts = {f.article.id: f for f in extract_articles(articles, nlp, gazetteer)}

    tally: Counter[str] = Counter()
    by_term: Counter[str] = Counter()
    by_term_found: Counter[str] = Counter()
    misses = []
    for article_id, record in gold.items():
        counts = facts[article_id].counts if article_id in facts else ()
        for fact in record["facts"]:
            q = fact["quantity"]
            if fact["term"] in HOUSING_TERMS:
                tally["housing"] += 1
                tally["housing found"] += found(counts, q, None)
                continue
            tally["displacement"] += 1
            hit = found(counts, q, DISPLACEMENT_CATEGORIES)
            tally["found"] += hit
            tally["found any category"] += found(counts, q, None)
            by_term[fact["term"]] += 1
            by_term_found[fact["term"]] += hit
            if not hit:
                misses.append((article_id, fact, counts))

    n, n_housing = tally["displacement"], tally["housing"]
    print(f"idetect-dev: {len(articles)} excerpts, {n} displacement figures, {n_housing} housing figures")
    print(
        f"displacement figures found as displaced/evacuated: {tally['found']}/{n} = {tally['found'] / n:.3f}; "
        f"with a count of any category: {tally['found any category']}/{n} = {tally['found any category'] / n:.3f}"
    )
    housing = tally["housing found"] / n_housing if n_housing else float("nan")
    print(f"housing figures found (any category): {tally['housing found']}/{n_housing} = {housing:.3f}")
    for term, total in by_term.most_common():
        print(f"  {term:<16} {by_term_found[term]:3d}/{total:<3d} = {by_term_found[term] / total:.3f}")
    print(f"extract: {len(articles) / t.wall:.1f} excerpts/s ({t.wall:.1f}s)")
    if args.errors:
        for article_id, fact, counts in misses:
            have = ", ".join(f"{c.category} {c.text!r} [{c.low}, {c.high}]" for c in counts) or "no counts"
            print(f"MISS {article_id} {fact['quantity']} {fact['term']} ({fact['unit']}): {have}")
    figures = {
        "displacement_figures": n,
        "found": tally["found"],
        "found_share": tally["found"] / n,
        "found_any_category": tally["found any category"],
        "found_any_category_share": tally["found any category"] / n,
        "housing_figures": n_housing,
        "housing_found": tally["housing found"],
        "housing_found_share": housing,
        "extract_seconds": t.wall,
    }
    benchlib.write_json(args.json, figures, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
