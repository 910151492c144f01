"""Fusion checks on GVDB dev articles paired into two-article stories.

    python benchmarks/bench_fuse.py ../shared/data [--limit N] [--json PATH]

Three pairings of every article A:
- identical: A with an exact copy of itself under another id. A syndicated copy must never
  corroborate itself: no count or claim may come out `corroborated`.
- paraphrase: A with a lightly paraphrased copy made programmatically (small numbers spelled
  out, two body sentences swapped, a new headline). Such a copy is usually caught as a
  syndicated copy, so it is also fused a second time as if it were an independent source
  ("independent paraphrase"), which exercises cross-source grouping. The fused killed/injured figure
  (`fused.best`, story figure = largest best per category) must equal A's own single-article
  figure (largest low, as benchmarks/bench_counts.py scores it); we also report agreement
  with the gold.
- different: A with the next article B (another incident). Different incidents' counts must
  never merge into one corroborated figure: any corroborated killed/injured group mixing A and
  B is an error.
Also the time per stage for one story of 20 reports.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import time
from pathlib import Path

import benchlib
from newsfuse.api import extract, fuse
from newsfuse.fuse.copies import find_copies
from newsfuse.fuse.counts import story_figure
from newsfuse.model import Article, ArticleFacts, Story

WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_SMALL = re.compile(r"(?<![\d,.$#-])\b([2-9]|1\d|20)\b(?![\d,.:%-]|\s*(?:years?|year-old|a\.m|p\.m|am|pm|percent))")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def paraphrase(text: str) -> str:
    """Spell out small numbers and swap the second and third body sentences."""
    text = _SMALL.sub(lambda m: WORDS[int(m.group(1))], text)
    parts = _SENT.split(text)
    if len(parts) >= 4:
        parts[1], parts[2] = parts[2], parts[1]
    return " ".join(parts)


def single_figure(facts: ArticleFacts, category: str) -> int:
    values = [c.low if c.low is not None else (c.high or 0) for c in facts.counts if c.category == category]
    return max(values, default=0)


def load(data_dir: Path, limit: int | None) -> tuple[list[Article], dict[str, dict]]:
    articles, gold = [], {}
    with open(data_dir / "gvdb-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            articles.append(
                Article(
                    id=r["id"], text=r["text"], title=r.get("title"), source=r.get("source") or r["id"], published=None
                )
            )
    with open(data_dir / "gvdb-dev.gold.jsonl", encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            gold[g["id"]] = g
    return articles[:limit] if limit else articles, gold


def pair_story(sid: str, a: ArticleFacts, b: ArticleFacts) -> Story:
    return Story(id=sid, articles=(a, b), copies=find_copies([a, b]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--limit", type=int)
    benchlib.add_json_option(parser)
    args = parser.parse_args()
    articles, gold = load(args.data_dir, args.limit)

    t0 = time.perf_counter()
    originals = extract(articles)
    paraphrased = extract(
        [
            dataclasses.replace(a, id=a.id + "-para", text=paraphrase(a.text), title=(a.title or "") + " (update)")
            for a in articles
        ]
    )
    t_extract = time.perf_counter() - t0

    identical = [
        pair_story(
            f"same-{f.article.id}",
            f,
            dataclasses.replace(f, article=dataclasses.replace(f.article, id=f.article.id + "-copy")),
        )
        for f in originals
    ]
    para = [pair_story(f"para-{f.article.id}", f, p) for f, p in zip(originals, paraphrased)]
    para_independent = [Story(id=f"ipara-{f.article.id}", articles=(f, p)) for f, p in zip(originals, paraphrased)]
    different = [pair_story(f"diff-{a.article.id}", a, b) for a, b in zip(originals, originals[1:] + originals[:1])]

    t0 = time.perf_counter()
    reports = fuse(identical + para + different + para_independent)
    t_fuse = time.perf_counter() - t0
    n = len(originals)
    r_same, r_para, r_diff, r_ipara = reports[:n], reports[n : 2 * n], reports[2 * n : 3 * n], reports[3 * n :]

    self_corroborated = sum(
        1
        for r in r_same
        if any(c.status == "corroborated" for c in r.counts) or any(c.status == "corroborated" for c in r.claims)
    )
    copies_found = sum(1 for s in identical if s.copies)

    equal = {"killed": 0, "injured": 0}
    gold_equal = {"killed": 0, "injured": 0}
    single_gold_equal = {"killed": 0, "injured": 0}
    para_corroborated = 0
    for f, r in zip(originals, r_para):
        for cat in equal:
            fused = story_figure(r.counts, cat)
            equal[cat] += fused == single_figure(f, cat)
            gold_equal[cat] += fused == gold[f.article.id][cat]
            single_gold_equal[cat] += single_figure(f, cat) == gold[f.article.id][cat]
        para_corroborated += any(c.status == "corroborated" and c.category in equal for c in r.counts)

    para_copies = sum(1 for s in para if s.copies)
    print(f"paraphrase pairs caught as syndicated copies: {para_copies}/{n}")
    figures: dict[str, float] = {"articles": n, "paraphrase_caught_as_copies": para_copies}
    for label, story_reports in (("paraphrase", r_para), ("independent paraphrase", r_ipara)):
        for cat in ("killed", "injured"):
            same = sum(story_figure(r.counts, cat) == single_figure(f, cat) for f, r in zip(originals, story_reports))
            print(f"{label}, {cat}: fused == single-article figure {same}/{n} = {same / n:.3f}")
            figures[f"{label.replace(' ', '_')}_{cat}_keeps_single_figure"] = same / n
    ipara_corr = sum(
        any(c.status == "corroborated" and c.category in {"killed", "injured"} for c in r.counts) for r in r_ipara
    )
    ipara_claims = sum(1 for r in r_ipara for c in r.claims if c.status == "corroborated")
    ipara_conflicts = sum(1 for r in r_ipara for c in list(r.counts) + list(r.claims) if c.status == "conflicting")
    with_figure = sum(1 for f in originals if single_figure(f, "killed") or single_figure(f, "injured"))
    print(
        f"independent paraphrase: stories with a corroborated killed/injured figure {ipara_corr}/{with_figure} (articles with a figure); "
        f"corroborated claims per story {ipara_claims / n:.2f}; conflicting facts {ipara_conflicts}"
    )
    mixed = 0
    mixed_examples = []
    for s, r in zip(different, r_diff):
        a, b = (f.article.id for f in s.articles)
        for c in r.counts:
            arts = {x.article for x in c.reports}
            if c.category in {"killed", "injured"} and c.status == "corroborated" and arts == {a, b}:
                mixed += 1
                if len(mixed_examples) < 5:
                    mixed_examples.append([x.evidence.quote for x in c.reports])
    diff_claims = sum(1 for r in r_diff for c in r.claims if c.status == "corroborated")
    para_claims = sum(1 for r in r_para for c in r.claims if c.status == "corroborated")

    print(f"articles: {n}  extract {t_extract:.1f}s  fuse {len(reports)} stories {t_fuse:.1f}s")
    print(
        f"identical pairs: copies detected {copies_found}/{n}; stories with a self-corroborated fact {self_corroborated} (must be 0)"
    )
    for cat in equal:
        print(
            f"paraphrase pairs, {cat}: fused == single-article figure {equal[cat]}/{n} = {equal[cat] / n:.3f}; "
            f"fused == gold {gold_equal[cat] / n:.3f} (single article == gold {single_gold_equal[cat] / n:.3f})"
        )
    print(
        f"paraphrase pairs with a corroborated killed/injured figure: {para_corroborated}/{n}; corroborated claims per story {para_claims / n:.2f}"
    )
    print(
        f"different-incident pairs: corroborated killed/injured groups mixing the two {mixed} (must be 0); corroborated claims per story {diff_claims / n:.2f}"
    )
    for ex in mixed_examples:
        print("   mixed:", ex)
    figures.update(
        {
            "independent_paraphrase_corroborated_figure": ipara_corr,
            "articles_with_a_figure": with_figure,
            "independent_paraphrase_conflicting_facts": ipara_conflicts,
            "identical_copies_detected": copies_found,
            "identical_self_corroborated": self_corroborated,
            "different_mixed_groups": mixed,
            "paraphrase_killed_fused_is_gold": gold_equal["killed"] / n,
            "paraphrase_injured_fused_is_gold": gold_equal["injured"] / n,
            "different_corroborated_claims_per_story": diff_claims / n,
            "extract_seconds": t_extract,
            "fuse_seconds": t_fuse,
        }
    )
    data = [args.data_dir / "gvdb-dev.jsonl", args.data_dir / "gvdb-dev.gold.jsonl"]
    benchlib.write_json(args.json, figures, data, {"limit": args.limit})


if __name__ == "__main__":
    main()
