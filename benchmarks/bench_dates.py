"""Dates on the dev sets: incident dates on GVDB, publication-date inference, and the rule that
nothing relative is resolved without a publication date.

Usage: python benchmarks/bench_dates.py DATA_DIR [--docbin DIR] [--json PATH]

- gvdb-dev: the gold ``date`` of each article is compared with the article's resolved
  day-granular dates: is it among them (exactly, within one day), is it the earliest, the most
  mentioned. GVDB has no ``published``; it is run as given (publication inferred from the text
  where possible) and with ``published`` taken from a date in the article's URL
  (``/2016/01/27/``, ``/2016/jan/26/``, ``/20150803/``), which a crawler would have as metadata.
  The gold is never used as the publication date.
- polnear-dev has ``published``: inference is scored by hiding it and comparing.
- all sets: an article left without a publication date must have no resolved relative date.

``--docbin DIR`` reuses ``DIR/NAME.spacy`` DocBin files parsed by ``load_nlp`` (dev loops);
without it each set is parsed here.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

import benchlib
from newsfuse.extractors.dates import extract_dates, infer_published
from newsfuse.model import Article, DateMention
from newsfuse.nlp import load_nlp

SETS = ("gvdb-dev", "polnear-dev", "ecbplus-dev", "geowebnews")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def to_article(row: dict[str, Any]) -> Article:
    published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
    return Article(
        id=row["id"],
        text=row["text"],
        title=row.get("title"),
        source=row.get("source"),
        url=row.get("url"),
        published=published,
    )


def parse(rows: list[dict[str, Any]], name: str, docbin: Path | None) -> list[Doc]:
    nlp = load_nlp()
    if docbin is not None and (docbin / f"{name}.spacy").exists():
        docs = list(DocBin().from_disk(docbin / f"{name}.spacy").get_docs(nlp.vocab))
        if [d.text for d in docs] == [r["text"] for r in rows]:
            return docs
    return list(nlp.pipe((r["text"] for r in rows), batch_size=16))


def gold_date(value: str) -> dt.date:
    """GVDB's gold dates are ISO, except a few without zero padding ("2015-8-23")."""
    year, month, day = (int(part) for part in value.split("-"))
    return dt.date(year, month, day)


def url_date(url: str | None) -> dt.date | None:
    """A date written in a URL path, as news sites do."""
    if not url:
        return None
    patterns = (
        r"/(?P<y>20\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})/",
        r"/(?P<y>20\d\d)/(?P<m>[a-z]{3})/(?P<d>\d{1,2})/",
        r"/(?P<y>20\d\d)(?P<m>\d\d)(?P<d>\d\d)/",
        r"/(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)",
    )
    for pattern in patterns:
        m = re.search(pattern, url.lower())
        if m:
            month = _MONTHS.get(m["m"]) if not m["m"].isdigit() else int(m["m"])
            try:
                return dt.date(int(m["y"]), month or 0, int(m["d"]))
            except ValueError:
                continue
    return None


def run(doc: Doc, article: Article) -> tuple[Article, list[DateMention]]:
    article = infer_published(doc, article)
    return article, extract_dates(doc, article)


def day_dates(mentions: Iterable[DateMention]) -> list[dt.date]:
    return [m.date for m in mentions if m.date is not None and m.granularity == "day"]


def score_incidents(results: list[tuple[Article, list[DateMention]]], gold: dict[str, dt.date]) -> dict[str, float]:
    n = len(results)
    counts = Counter()
    for article, mentions in results:
        target = gold[article.id]
        days = day_dates(mentions)
        if article.published is not None:
            counts["with published"] += 1
        if not days:
            continue
        counts["any day date"] += 1
        counts["gold among dates"] += target in days
        counts["gold within 1 day"] += any(abs((d - target).days) <= 1 for d in days)
        counts["gold = earliest"] += min(days) == target
        top = Counter(days).most_common()
        best = min(d for d, c in top if c == top[0][1])  # ties: the earliest
        counts["gold = most mentioned"] += best == target
    return {
        k: counts[k] / n
        for k in (
            "with published",
            "any day date",
            "gold among dates",
            "gold within 1 day",
            "gold = earliest",
            "gold = most mentioned",
        )
    }


def unresolved_ok(results: list[tuple[Article, list[DateMention]]]) -> int:
    """Articles breaking the rule: no publication date, yet a non-self-contained date resolved."""
    return sum(1 for a, ms in results if a.published is None and any(m.date and m.anchor != "text" for m in ms))


def print_table(title: str, rows: dict[str, float]) -> None:
    print(f"  {title}")
    for key, value in rows.items():
        print(f"    {key:<24} {value:6.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--docbin", type=Path, default=None, help="directory of NAME.spacy parsed docs")
    benchlib.add_json_option(parser)
    args = parser.parse_args(argv)

    stage_seconds, parse_seconds, stage_docs, violations = 0.0, 0.0, 0, 0
    figures: dict[str, float] = {}
    data: list[Path] = []
    for name in SETS:
        path = args.data_dir / f"{name}.jsonl"
        if not path.exists():
            continue
        data.append(path)
        rows = read_jsonl(path)
        articles = [to_article(r) for r in rows]
        t0 = time.perf_counter()
        docs = parse(rows, name, args.docbin)
        parse_seconds += time.perf_counter() - t0
        t0 = time.perf_counter()
        results = [run(doc, a) for doc, a in zip(docs, articles)]
        stage_seconds += time.perf_counter() - t0
        stage_docs += len(docs)
        bad = unresolved_ok(results)
        violations += bad
        inferred = sum(a.published_inferred for a, _ in results)
        print(
            f"{name}: {len(rows)} articles, published in metadata {sum(a.published is not None for a in articles)}, "
            f"inferred {inferred}, relative dates resolved without a publication date: {bad}"
        )

        checked = [
            (url_date(a.url), inf.published)
            for inf, _ in results
            if inf.published_inferred
            for a in [inf]
            if url_date(a.url)
        ]
        agree = sum(u == p for u, p in checked)
        near = sum(abs((u - p).days) <= 1 for u, p in checked if p)
        print(f"  inferred vs a date in the URL: {agree}/{len(checked)} equal, {near} within a day")
        key = name.replace("-", "_")
        figures[f"{key}_inferred"] = inferred
        figures[f"{key}_inferred_checked_by_url"] = len(checked)
        figures[f"{key}_inferred_equal_url"] = agree

        if name == "gvdb-dev":
            data.append(args.data_dir / f"{name}.gold.jsonl")
            gold = {r["id"]: gold_date(r["date"]) for r in read_jsonl(data[-1])}
            given = score_incidents(results, gold)
            print_table("as given (published None; inferred from text where possible)", given)
            with_url = [dataclasses.replace(a, published=url_date(a.url)) for a in articles]
            has_url = sum(a.published is not None for a in with_url)
            url_is_gold = sum(a.published == gold[a.id] for a in with_url)
            url_results = [run(doc, a) for doc, a in zip(docs, with_url)]
            violations += unresolved_ok(url_results)
            print(f"  URL dates: {has_url} articles; URL date = gold date in {url_is_gold}")
            with_url_scores = score_incidents(url_results, gold)
            print_table("published = URL date where present", with_url_scores)
            for prefix, scores in (("gvdb_given", given), ("gvdb_url", with_url_scores)):
                figures.update({f"{prefix}_{k.replace(' ', '_').replace('=', 'is')}": v for k, v in scores.items()})

        if name == "polnear-dev":
            hidden = [dataclasses.replace(a, published=None) for a in articles]
            guessed = [infer_published(doc, a) for doc, a in zip(docs, hidden)]
            made = [(g, a) for g, a in zip(guessed, articles) if g.published is not None]
            right = sum(g.published == a.published for g, a in made)
            print(f"  published hidden: inferred for {len(made)}/{len(articles)}, correct {right}")
            figures["polnear_hidden_inferred"] = len(made)
            figures["polnear_hidden_inferred_correct"] = right
            for g, a in made:
                if g.published != a.published:
                    print(f"    wrong: {a.id} inferred {g.published} true {a.published}")

    print(f"all sets: {violations} articles with a relative date resolved without a publication date (must be 0)")
    print(
        f"dates stages (infer_published + extract_dates): {1000 * stage_seconds / max(stage_docs, 1):.2f} ms/doc "
        f"over {stage_docs} docs; parsing (nlp.pipe, or reading --docbin): "
        f"{1000 * parse_seconds / max(stage_docs, 1):.1f} ms/doc"
    )
    figures["relative_resolved_without_published"] = violations
    figures["dates_stages_ms_per_doc"] = 1000 * stage_seconds / max(stage_docs, 1)
    figures["parse_ms_per_doc"] = 1000 * parse_seconds / max(stage_docs, 1)
    benchlib.write_json(args.json, figures, data, {"docbin": args.docbin is not None})
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
