"""`newsfuse analyze` on 20 reports of one story: wall time with model loading, and per stage.

    python benchmarks/bench_analyze.py ../shared/data [--n 20] [--json PATH]

The 20 reports are the articles of ECB+'s largest gold stories (real reports of one event,
filled up from the next largest when one story has fewer), given one `story` key. The first
figure is the whole CLI in a fresh process (python start, model loading, extraction, fusion,
rendering), the target being under 30 s; then the same work in-process, stage by stage.
Seconds on a shared machine: reported, not gated.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import benchlib


def story_articles(data_dir: Path, n: int) -> list[dict]:
    gold = {}
    with open(data_dir / "ecbplus-dev.gold.jsonl", encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            gold[g["id"]] = g["story"]
    articles = {}
    with open(data_dir / "ecbplus-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            articles[r["id"]] = r
    chosen: list[dict] = []
    for story, _ in Counter(gold.values()).most_common():
        chosen.extend(dict(articles[i], story="bench") for i in sorted(articles) if gold.get(i) == story)
        if len(chosen) >= n:
            break
    return chosen[:n]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--n", type=int, default=20)
    benchlib.add_json_option(parser)
    args = parser.parse_args()
    rows = story_articles(args.data_dir, args.n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        cli = [
            str(Path(sys.executable).parent / "newsfuse"),
            "analyze",
            str(path),
            "--format",
            "json",
            "-o",
            str(Path(tmp) / "r.json"),
        ]
        t0 = time.perf_counter()
        subprocess.run(cli, check=True, capture_output=True)
        wall = time.perf_counter() - t0
        report = json.loads((Path(tmp) / "r.json").read_text(encoding="utf-8"))

        from newsfuse.api import build_report, group_stories, read
        from newsfuse.extractors import extract_articles
        from newsfuse.fuse import Embedder, fuse_story
        from newsfuse.geo import load_gazetteer
        from newsfuse.nlp import load_nlp
        from newsfuse.render import render

        times = {}
        t = time.perf_counter()
        nlp, gazetteer, embedder = load_nlp(), load_gazetteer(), Embedder.for_fusion()
        times["load models"] = time.perf_counter() - t
        t = time.perf_counter()
        articles = read([path]).articles
        times["ingest"] = time.perf_counter() - t
        t = time.perf_counter()
        facts = list(extract_articles(articles, nlp, gazetteer))
        times["extract"] = time.perf_counter() - t
        t = time.perf_counter()
        stories = [fuse_story(s, embedder) for s in group_stories(facts)]
        times["fuse"] = time.perf_counter() - t
        t = time.perf_counter()
        for fmt in ("text", "html"):
            render(build_report(facts, stories), fmt)
        times["render text+html"] = time.perf_counter() - t

    s = report["stories"][0]
    print(f"{len(rows)} reports, {sum(len(r['text']) for r in rows):,} characters, one story")
    print(f"newsfuse analyze (fresh process, models loaded): {wall:.1f}s (target < 30 s)")
    for name, value in times.items():
        print(f"  {name:18s} {value:6.2f}s")
    statuses = Counter(c["status"] for c in s["claims"])
    print(
        f"report: {len(s['actors'])} actors, {len(s['counts'])} counts, {len(s['quotes'])} quotes, claims {dict(statuses)}"
    )
    figures = {
        "reports": len(rows),
        "fresh_process_seconds": wall,
        **{f"{name.split()[0]}_seconds": value for name, value in times.items()},
        "actors": len(s["actors"]),
        "counts": len(s["counts"]),
        "quotes": len(s["quotes"]),
        **{f"claims_{k}": v for k, v in statuses.items()},
    }
    data = [args.data_dir / "ecbplus-dev.jsonl", args.data_dir / "ecbplus-dev.gold.jsonl"]
    benchlib.write_json(args.json, figures, data, {"n": args.n})


if __name__ == "__main__":
    main()
