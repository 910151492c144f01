"""Fit the statement scorer (``newsfuse.fuse.statements``: which two sentences of independent
sources state one fact) on the hand-labelled claims, cross-validate it by story halves, and
write it to the file fusion reads.

    .venv/bin/python benchmarks/fit_claims.py DATA_DIR [--labels PATH ...] [--weights PATH] [--json PATH]

Pairs: in every labelled story (``benchmarks/data/claims-*.jsonl``; LABELLING.md says how they
were read), the statement sentences of two independent sources (copies and shared wire
sentences are one source) that both lie on labelled statements: a *positive* when the two lie
on one labelled fact (a statement two articles make), a *negative* when they lie on labelled
statements but on no common fact (each on a fact of its own, or on a ``single`` statement).
Sentences on no labelled quote are left out: the labellers recorded every shared fact but not
every sentence, so an unlabelled sentence is not known to be single.

scikit-learn ``LogisticRegression(C=1)`` on the signals of ``statements.PARTS``. To check the
weights are not tuned to single stories, it fits on the odd stories (by a CRC-32 of the story
id) and scores the even ones, and back, printing for each threshold the held-out precision and
recall of the positive pairs and of *mutual best* links (what alignment keeps: each sentence's
best match in the other source); the threshold written is the middle of the range over which
both halves' link precision stays at or above ``--min-precision``. ``related_min`` (below it a
sentence is single-source) is the highest threshold at which both halves' single-source sentences
lie on a labelled fact at most ``--max-single-elsewhere`` of the time, never below
``--related-floor`` (0.1: lower, sentences sharing only the story's topic become "related"; the
refit on the int8 encoder would have taken 0.05, and the seeds' 75,000 displaced, which one
report gives, became related to another source's sentence). ``--weights`` (default
``src/newsfuse/fuse/statement_weights.json``) gets the fit on all stories.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import benchlib
from bench_fusion import adjudicate, article_index
from newsfuse.api import group_stories
from newsfuse.extractors import extract_articles
from newsfuse.fuse import Embedder
from newsfuse.fuse.claims import statement_rows
from newsfuse.fuse.context import build_context
from newsfuse.fuse.statements import PARTS, StatementWeights, statement_pairs
from newsfuse.geo import load_gazetteer
from newsfuse.inputs.jsonl import parse_record
from newsfuse.nlp import load_nlp

HERE = Path(__file__).resolve().parent
WEIGHTS_FILE = HERE.parent / "src" / "newsfuse" / "fuse" / "statement_weights.json"
THRESHOLDS = (0.05, 0.1, 0.15) + tuple(round(float(t), 2) for t in np.arange(0.2, 0.91, 0.05))


@dataclass
class StoryPairs:
    story: str
    x: np.ndarray  # (pairs, parts)
    y: np.ndarray  # (pairs,) bool
    pairs: list[tuple[int, int]]  # (i, j) indexes into the story's statement rows
    groups: np.ndarray  # (n,) the source of each statement row, as an int
    probability_input: np.ndarray  # (n, n, parts) all signals, for the mutual-best links
    labelled: np.ndarray  # (n,) the row lies on a labelled statement
    same_fact: np.ndarray  # (n, n) bool
    texts: list[str]  # the statement sentences, for --errors


def _spans(record: Mapping[str, Any], texts: Mapping[str, str]) -> list[tuple[str, int, int, int]]:
    """Labelled statement spans: (article, start, end, fact id or -1 for a single statement)."""
    out = []
    for k, fact in enumerate(record.get("facts", ())):
        for q in fact.get("quotes", ()):
            start = texts.get(q["article"], "").find(q["quote"])
            if start >= 0:
                out.append((q["article"], start, start + len(q["quote"]), k))
    for q in record.get("single", ()):
        start = texts.get(q["article"], "").find(q["quote"])
        if start >= 0:
            out.append((q["article"], start, start + len(q["quote"]), -1))
    return out


def _apart(
    record: Mapping[str, Any], texts: Mapping[str, str], apart: Sequence[tuple[Mapping[str, str], Mapping[str, str]]]
) -> list[tuple[tuple[str, int, int], tuple[str, int, int]]]:
    out = []
    for a, b in apart:
        sa, sb = texts.get(a["article"], "").find(a["quote"]), texts.get(b["article"], "").find(b["quote"])
        if sa >= 0 and sb >= 0:
            out.append(((a["article"], sa, sa + len(a["quote"])), (b["article"], sb, sb + len(b["quote"]))))
    return out


def story_pairs(record, facts, embedder, apart=()) -> StoryPairs | None:
    stories = group_stories(facts)
    story = max(stories, key=lambda s: len({f.article.id for f in s.articles} & set(record["articles"])))
    ctx = build_context(story, embedder)
    rows = statement_rows(ctx)
    pairs_all = statement_pairs(ctx, rows, embedder)
    texts = {f.article.id: f.article.text for f in ctx.facts}
    spans = _spans(record, texts)
    kept_apart = _apart(record, texts, apart)
    n = len(rows)
    on: list[set[int]] = []
    labelled = np.zeros(n, dtype=bool)
    where: list[tuple[str, int, int]] = []
    for i, r in enumerate(rows):
        s = ctx.sentences[r]
        aid = ctx.facts[s.article_index].article.id
        where.append((aid, s.start, s.end))
        hits = [k for a, st, en, k in spans if a == aid and st < s.end and s.start < en]
        labelled[i] = bool(hits)
        on.append({k for k in hits if k >= 0})
    same_fact = np.zeros((n, n), dtype=bool)
    xs, ys, pairs = [], [], []
    for i in range(n):
        for j in range(i + 1, n):
            if pairs_all.same_source[i, j] or not (labelled[i] and labelled[j]):
                continue
            y = bool(on[i] & on[j]) and not _judged_apart(where[i], where[j], kept_apart)
            same_fact[i, j] = same_fact[j, i] = y
            xs.append(pairs_all.features[i, j])
            ys.append(y)
            pairs.append((i, j))
    sources = {
        s: k
        for k, s in enumerate(
            sorted({ctx.source_of_sentence(ctx.sentences[r].article_index, ctx.sentences[r].index) for r in rows})
        )
    }
    groups = np.asarray(
        [sources[ctx.source_of_sentence(ctx.sentences[r].article_index, ctx.sentences[r].index)] for r in rows]
    )
    if not xs:
        return None
    return StoryPairs(
        record["story"],
        np.asarray(xs),
        np.asarray(ys),
        pairs,
        groups,
        pairs_all.features,
        labelled,
        same_fact,
        [ctx.sentences[r].text for r in rows],
    )


def _judged_apart(a: tuple[str, int, int], b: tuple[str, int, int], apart) -> bool:
    def on(x, y) -> bool:
        return x[0] == y[0] and x[1] < y[2] and y[1] < x[2]

    return any((on(a, x) and on(b, y)) or (on(a, y) and on(b, x)) for x, y in apart)


def fit(stories: Sequence[StoryPairs]) -> StatementWeights:
    from sklearn.linear_model import LogisticRegression

    x = np.concatenate([s.x for s in stories])
    y = np.concatenate([s.y for s in stories])
    model = LogisticRegression(C=1.0, max_iter=2000, class_weight=None)
    model.fit(x, y)
    return StatementWeights(float(model.intercept_[0]), tuple(float(w) for w in model.coef_[0]), 0.5, 0.1)


def links(story: StoryPairs, weights: StatementWeights, threshold: float) -> set[tuple[int, int]]:
    """Mutual-best links at a threshold, as ``claims.align`` makes them."""
    z = weights.bias + story.probability_input @ np.asarray(weights.weights, dtype=np.float32)
    p = 1.0 / (1.0 + np.exp(-z))
    same = story.groups[:, None] == story.groups[None, :]
    p[same] = 0.0
    out = set()
    n = len(story.groups)
    best: dict[tuple[int, int], int] = {}
    for i in range(n):
        for g in set(story.groups.tolist()) - {int(story.groups[i])}:
            cols = np.flatnonzero(story.groups == g)
            j = int(cols[np.argmax(p[i, cols])])
            if p[i, j] >= threshold:
                best[(i, g)] = j
    for (i, _), j in best.items():
        if best.get((j, int(story.groups[i]))) == i and i < j:
            out.add((i, j))
    return out


def evaluate(stories: Sequence[StoryPairs], weights: StatementWeights) -> dict[float, dict[str, float]]:
    out = {}
    for t in THRESHOLDS:
        tp = fp = fn = ltp = lfp = 0
        single_on_fact = single_labelled = 0
        for s in stories:
            z = weights.bias + s.x @ np.asarray(weights.weights)
            p = 1.0 / (1.0 + np.exp(-z))
            tp += int(((p >= t) & s.y).sum())
            fp += int(((p >= t) & ~s.y).sum())
            fn += int(((p < t) & s.y).sum())
            linked = links(s, weights, t)
            for i, j in linked:
                if s.labelled[i] and s.labelled[j]:
                    ltp += bool(s.same_fact[i, j])
                    lfp += not s.same_fact[i, j]
            # single-source: no sentence of another source at or above t (what related_min decides)
            z = weights.bias + s.probability_input @ np.asarray(weights.weights, dtype=np.float32)
            q = 1.0 / (1.0 + np.exp(-z))
            q[s.groups[:, None] == s.groups[None, :]] = 0.0
            for i in np.flatnonzero(s.labelled):
                if q[i].max() >= t:
                    continue
                single_labelled += 1
                single_on_fact += bool(s.same_fact[i].any())
        out[t] = {
            "pair_precision": tp / (tp + fp) if tp + fp else float("nan"),
            "pair_recall": tp / (tp + fn) if tp + fn else float("nan"),
            "link_precision": ltp / (ltp + lfp) if ltp + lfp else float("nan"),
            "links_right": ltp,
            "single_stated_elsewhere": single_on_fact / single_labelled if single_labelled else float("nan"),
            "single": single_labelled,
        }
    return out


def load(
    data_dir: Path, label_files: Sequence[Path], cache: Path | None, second_reading: Path | None = None
) -> list[StoryPairs]:
    """The labelled pairs of every story; with ``second_reading``, the labels as that reading
    adjudicates them (bench_fusion.adjudicate: its facts added, the pairs it judged apart negative)."""
    embedder = Embedder.for_fusion()
    out: list[StoryPairs] = []
    second = benchlib.read_jsonl(second_reading) if second_reading else []
    for path in label_files:
        records = benchlib.read_jsonl(path)
        wanted = {a for r in records for a in r["articles"]}
        articles, _ = article_index(data_dir, wanted)
        rows = [dict(articles[a], story=r["story"]) for r in records for a in r["articles"]]
        inputs = [parse_record(row, f"{row['id']}") for row in rows]
        key = json.dumps(rows, sort_keys=True).encode()
        facts, _ = benchlib.cached_facts(
            inputs, [key], cache, lambda inputs=inputs: list(extract_articles(inputs, load_nlp(), load_gazetteer()))
        )
        for r in records:
            mine = [f for f in facts if f.article.story == r["story"]]
            r, apart = adjudicate(r, [x for x in second if x["set"] == path.stem and x["story"] == r["story"]])
            sp = story_pairs(r, mine, embedder, apart)
            if sp is not None:
                out.append(sp)
    return out


def half(story: str) -> int:
    return zlib.crc32(story.encode()) % 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument(
        "--labels",
        type=Path,
        nargs="+",
        default=[HERE / "data" / "claims-ecbplus.jsonl", HERE / "data" / "claims-gva.jsonl"],
    )
    parser.add_argument(
        "--second-reading",
        type=Path,
        default=None,
        help="fit and score on the labels as this blind second reading adjudicates them "
        "(benchmarks/data/claims-second-reading.jsonl)",
    )
    parser.add_argument("--cache", type=Path, default=benchlib.default_cache())
    parser.add_argument("--weights", type=Path, default=WEIGHTS_FILE)
    parser.add_argument("--min-precision", type=float, default=0.85, help="held-out link precision to keep")
    parser.add_argument(
        "--max-single-elsewhere",
        type=float,
        default=0.25,
        help="held-out share of single-source sentences another source states, at most",
    )
    parser.add_argument(
        "--related-floor",
        type=float,
        default=0.1,
        help="related_min is never below this: lower, a sentence that shares only the story's topic with "
        "another source's is shown as related, not as what only one source says (the seeds: the 75,000 "
        "displaced that one report gives)",
    )
    benchlib.add_json_option(parser)
    args = parser.parse_args(argv)
    stories = load(args.data_dir, args.labels, args.cache, args.second_reading)
    print(
        f"{len(stories)} stories, {sum(len(s.y) for s in stories)} labelled pairs, "
        f"{sum(int(s.y.sum()) for s in stories)} positive"
    )
    held: dict[str, dict[float, dict[str, float]]] = {}
    for k in (1, 0):
        train = [s for s in stories if half(s.story) == k]
        test = [s for s in stories if half(s.story) != k]
        w = fit(train)
        held[f"fit {'odd' if k else 'even'}, score {'even' if k else 'odd'}"] = evaluate(test, w)
    print("threshold  " + "  ".join(f"{name:^44}" for name in held))
    print(
        "           "
        + "  ".join(f"{'pair P':>8}{'pair R':>8}{'link P':>8}{'links':>7}{'single*':>9}{'n':>6}   " for _ in held)
    )
    for t in THRESHOLDS:
        row = []
        for figs in held.values():
            f = figs[t]
            row.append(
                f"{f['pair_precision']:8.3f}{f['pair_recall']:8.3f}{f['link_precision']:8.3f}"
                f"{f['links_right']:7d}{f['single_stated_elsewhere']:9.3f}{f['single']:6d}   "
            )
        print(f"{t:9.2f}  " + "  ".join(row))
    print(
        "(link P: mutual-best links at the threshold that join one labelled fact; single*: of the labelled "
        "sentences no other source's sentence reaches the threshold for (n), the share on a labelled fact)"
    )
    ok = [t for t in THRESHOLDS if all(figs[t]["link_precision"] >= args.min_precision for figs in held.values())]
    threshold = min(ok, key=lambda t: abs(t - (min(ok) + max(ok)) / 2)) if ok else 0.5
    print(f"thresholds with held-out link precision >= {args.min_precision} on both halves: {ok}; chosen {threshold}")
    low = [
        t
        for t in THRESHOLDS
        if all(figs[t]["single_stated_elsewhere"] <= args.max_single_elsewhere for figs in held.values())
    ]
    related_min = max(max(low) if low else min(THRESHOLDS), args.related_floor)
    print(
        f"thresholds below which held-out single-source sentences lie on a labelled fact <= "
        f"{args.max_single_elsewhere} on both halves: {low}; related_min {related_min} "
        f"(never below {args.related_floor})"
    )
    weights = fit(stories)
    print(
        "weights (all stories):",
        dict(zip(("bias", *PARTS), (round(weights.bias, 3), *(round(w, 3) for w in weights.weights)))),
    )
    args.weights.write_text(
        json.dumps(
            {
                "about": "The statement scorer's logistic model (newsfuse.fuse.statements: weights over PARTS). "
                "Written by benchmarks/fit_claims.py; do not edit by hand: refit instead.",
                "fitted": {
                    "by": "benchmarks/fit_claims.py " + " ".join(sys.argv[1:]),
                    "date": dt.date.today().isoformat(),
                    "commit": benchlib.git_commit(),
                    "data": {p.name: benchlib.sha256_file(p) for p in args.labels},
                    "stories": len(stories),
                    "pairs": int(sum(len(s.y) for s in stories)),
                    "held_out": {
                        name: {str(t): {k: round(v, 4) for k, v in figs[t].items()} for t in THRESHOLDS}
                        for name, figs in held.items()
                    },
                },
                "threshold": threshold,
                "related_min": related_min,
                "weights": {"bias": weights.bias, **dict(zip(PARTS, weights.weights))},
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.weights}")
    figures: dict[str, float] = {}
    for name, figs in held.items():
        key = name.replace(" ", "_").replace(",", "")
        at, low = figs[threshold], figs[related_min]
        figures |= {
            f"{key}_link_precision": at["link_precision"],
            f"{key}_links_right": at["links_right"],
            f"{key}_pair_recall": at["pair_recall"],
            f"{key}_single_stated_elsewhere": low["single_stated_elsewhere"],
            f"{key}_single": low["single"],
        }
    benchlib.write_json(args.json, figures, list(args.labels), {"threshold": threshold, "related_min": related_min})
    return 0


if __name__ == "__main__":
    sys.exit(main())
