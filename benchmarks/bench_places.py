"""Toponym detection and geocoding on GeoWebNews, scored as the data README defines.

    python benchmarks/bench_places.py DATA_DIR [--limit N] [--errors] [--json PATH]

Runs the real pipeline (spaCy, then ``extract_article``) on ``DATA_DIR/geowebnews.jsonl``.
Scores: recall (gold toponyms overlapped by a system place), precision (system places
overlapping a gold toponym, among those not overlapping only ``ignore`` spans), accuracy@161km
(per gold toponym with coordinates: the overlapping system place with the largest overlap and
coordinates lies within 161 km; misses and unresolved count as wrong), median error km over
the detected-and-resolved, recall per type. Timing: extract with and without the gazetteer
over the same parsed documents (parse time counted in both), and the index load time.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import benchlib

KM = 161.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def score(
    preds: dict[str, list[Any]], gold: dict[str, dict[str, Any]], texts: dict[str, str], verbose: bool = False
) -> dict[str, Any]:
    """``preds``: article id -> Place objects (or dicts with start/end/lat/lon/text)."""

    def get(p: Any, k: str) -> Any:
        return p[k] if isinstance(p, dict) else getattr(p, k)

    n_gold = hit = n_coords = correct = 0
    n_sys = n_sys_counted = n_sys_right = 0
    errors: list[float] = []
    by_type: Counter[str] = Counter()
    by_type_hit: Counter[str] = Counter()
    for aid, g in gold.items():
        places = preds.get(aid, [])
        tops, ignore = g["toponyms"], g["ignore"]
        for t in tops:
            n_gold += 1
            by_type[t["type"]] += 1
            over = [(p, _overlap(t["start"], t["end"], get(p, "start"), get(p, "end"))) for p in places]
            over = [(p, o) for p, o in over if o > 0]
            if over:
                hit += 1
                by_type_hit[t["type"]] += 1
            if t.get("lat") is None or t.get("lon") is None:
                continue
            n_coords += 1
            located = [(p, o) for p, o in over if get(p, "lat") is not None]
            if not located:
                if verbose:
                    why = "missed" if not over else f"unresolved {get(over[0][0], 'text')!r}"
                    print(f"WRONG {aid} {t['text']!r} ({t['type']}) @{t['start']}: {why}")
                continue
            best = max(located, key=lambda po: po[1])[0]
            km = haversine_km(t["lat"], t["lon"], get(best, "lat"), get(best, "lon"))
            errors.append(km)
            if km <= KM:
                correct += 1
            elif verbose:
                print(
                    f"FAR   {aid} {t['text']!r} -> {get(best, 'name')} {get(best, 'country')} "
                    f"{get(best, 'feature')} {km:.0f} km"
                )
        for p in places:
            n_sys += 1
            s, e = get(p, "start"), get(p, "end")
            on_gold = any(_overlap(s, e, t["start"], t["end"]) for t in tops)
            on_ignore = any(_overlap(s, e, t["start"], t["end"]) for t in ignore)
            if on_ignore and not on_gold:
                continue
            n_sys_counted += 1
            if on_gold:
                n_sys_right += 1
            elif verbose:
                text = texts.get(aid, "")
                print(
                    f"FP    {aid} {get(p, 'text')!r} [{text[max(0, s - 30) : e + 30]!r}] -> {get(p, 'name')} {get(p, 'feature')}"
                )
    recall = hit / n_gold if n_gold else 0.0
    precision = n_sys_right / n_sys_counted if n_sys_counted else 0.0
    return {
        "gold_toponyms": n_gold,
        "system_places": n_sys,
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "accuracy_161km": round(correct / n_coords, 4) if n_coords else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "recall_by_type": {k: round(by_type_hit[k] / v, 3) for k, v in sorted(by_type.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="print every miss, far and false place")
    benchlib.add_json_option(parser)
    args = parser.parse_args(argv)

    from newsfuse.extractors import extract_article
    from newsfuse.geo import load_gazetteer
    from newsfuse.model import Article
    from newsfuse.nlp import load_nlp

    rows = [json.loads(line) for line in (args.data_dir / "geowebnews.jsonl").open(encoding="utf-8")]
    gold = {g["id"]: g for g in (json.loads(line) for line in (args.data_dir / "geowebnews.gold.jsonl").open())}
    if args.limit:
        rows = rows[: args.limit]
        gold = {r["id"]: gold[r["id"]] for r in rows}
    articles = [Article(id=r["id"], text=r["text"], title=r.get("title")) for r in rows]

    started = time.perf_counter()
    gazetteer = load_gazetteer()
    load_s = time.perf_counter() - started
    nlp = load_nlp()

    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    parse_s = time.perf_counter() - started

    # Interleaved, so that load from other processes affects both runs alike.
    with_s = without_s = 0.0
    preds: dict[str, list[Any]] = {}
    for doc, article in zip(docs, articles):
        t0 = time.perf_counter()
        extract_article(doc, article, None)
        t1 = time.perf_counter()
        facts = extract_article(doc, article, gazetteer)
        t2 = time.perf_counter()
        without_s += t1 - t0
        with_s += t2 - t1
        preds[article.id] = list(facts.places)
        for p in facts.places:  # the contract: offsets point at the text
            assert article.text[p.start : p.end] == p.text, (article.id, p)

    result = score(preds, gold, {a.id: a.text for a in articles}, verbose=args.errors)
    result["timing"] = {
        "articles": len(articles),
        "index_load_s": round(load_s, 3),
        "parse_s": round(parse_s, 2),
        "extract_without_geocoding_s": round(parse_s + without_s, 2),
        "extract_with_geocoding_s": round(parse_s + with_s, 2),
        "geocoding_overhead": round((with_s - without_s) / (parse_s + without_s), 4),
    }
    print(json.dumps(result, indent=2))
    figures = {k: v for k, v in result.items() if k not in ("recall_by_type", "timing")}
    figures.update({f"recall_{k}": v for k, v in result["recall_by_type"].items()})
    figures.update({k: v for k, v in result["timing"].items()})
    data = [args.data_dir / "geowebnews.jsonl", args.data_dir / "geowebnews.gold.jsonl"]
    benchlib.write_json(args.json, figures, data, {"limit": args.limit})
    return 0


if __name__ == "__main__":
    sys.exit(main())
