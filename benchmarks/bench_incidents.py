"""Fused figures, event date and event place of real multi-source stories (gva-dev), scored as the
data README defines them.

    python benchmarks/bench_incidents.py DATA_DIR [--limit N] [--cache DIR | --no-cache] [--threads 1] [--errors] [--json PATH]

``newsfuse analyze`` on ``gva-dev.jsonl`` with each article's ``story`` set to its incident
(``gva-dev.gold.jsonl``): extract, group by the key, fuse every story. Per incident
(``gva-dev.incidents.jsonl``), the report story holding most of its articles is scored:

- killed (injured): the largest ``fused.best`` among the story's counts of the category
  (``fused.low`` where ``best`` is null; 0 if none), exact match with the incident's figure;
- event date: ``when.date`` equal to the incident date, and within one day;
- event place: the story's ``where`` entry with role ``event``; the city is right when its
  name, folded (lower case, accents and punctuation removed, the words county, city, township,
  parish, borough, village, town, of, the dropped), equals the folded ``city_or_county``; the
  state is right when its ``admin1`` (without one, its name) equals the state the same way.

Shares are over all incidents (an incident without a report story, date or place counts as
wrong). Extraction of the 1,363 articles takes minutes and fusion much longer, so the extracted
facts are kept in ``--cache`` (default ``~/.cache/newsfuse/bench``) under a key of the data,
the labels and the extraction code (``benchlib.cached_facts``): a rerun after a fusion-only
change skips extraction. A run that extracts also times spaCy's own ``nlp.pipe`` on the same
texts and reports the analyze CPU time against it; a cached run cannot (``--no-cache``
extracts again, and refreshes the cache).
``--limit N`` scores the first N incidents only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import benchlib
from newsfuse.api import build_report, group_stories
from newsfuse.extractors import extract_articles
from newsfuse.fuse import Embedder, fuse_story
from newsfuse.geo import load_gazetteer
from newsfuse.model import report_to_json
from newsfuse.nlp import load_nlp

FOLD_DROP = frozenset("county city township parish borough village town of the".split())


def fold(name: str | None) -> str:
    """Lower case, accents and punctuation removed, the README's filler words dropped."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join(c for c in text if c.isalnum() or c.isspace())
    return " ".join(w for w in text.split() if w not in FOLD_DROP)


def story_figure(story: Mapping[str, Any], category: str) -> int:
    """The largest ``fused.best`` (``fused.low`` where best is null) among the story's counts of
    the category; 0 if none."""
    values = []
    for count in story.get("counts", ()):
        if count["category"] == category:
            fused = count["fused"]
            value = fused["best"] if fused["best"] is not None else fused["low"]
            if value is not None:
                values.append(value)
    return max(values, default=0)


def event_place(story: Mapping[str, Any]) -> Mapping[str, Any] | None:
    return next((w for w in story.get("where", ()) if w.get("role") == "event"), None)


def score_incidents(
    incidents: Sequence[Mapping[str, Any]], stories: Sequence[Mapping[str, Any]]
) -> tuple[Counter[str], list[str]]:
    """Tallies over the incidents (see the module docstring), and one line per miss."""
    tally: Counter[str] = Counter()
    misses: list[str] = []
    for incident in incidents:
        tally["incidents"] += 1
        members = set(incident["articles"])
        held = [(len(members & set(s["articles"])), -i) for i, s in enumerate(stories)]
        best = max(held, default=(0, 0))
        if not best[0]:
            tally["no report story"] += 1
            misses.append(f"{incident['story']}: no report story")
            continue
        story = stories[-best[1]]
        tally["articles in another story"] += len(members) - best[0]
        wrong = []
        for category in ("killed", "injured"):
            got = story_figure(story, category)
            ok = got == incident[category]
            tally[f"{category} exact"] += ok
            if not ok:
                wrong.append(f"{category} {got} (gold {incident[category]})")
        gold_date = dt.datetime.strptime(incident["date"], "%B %d, %Y").date()
        date = (story.get("when") or {}).get("date")
        if date is None:
            tally["no event date"] += 1
            wrong.append("no date")
        else:
            days = abs((dt.date.fromisoformat(date) - gold_date).days)
            tally["date exact"] += days == 0
            tally["date within one day"] += days <= 1
            if days:
                wrong.append(f"date {date} (gold {gold_date})")
        place = event_place(story)
        if place is None:
            tally["no event place"] += 1
            wrong.append("no event place")
        else:
            city = fold(place.get("name")) == fold(incident["city_or_county"])
            state = fold(place.get("admin1") or place.get("name")) == fold(incident["state"])
            tally["city right"] += city
            tally["state right"] += state
            if not (city and state):
                wrong.append(
                    f"place {place.get('name')!r}, {place.get('admin1')!r} "
                    f"(gold {incident['city_or_county']!r}, {incident['state']!r})"
                )
        if wrong:
            misses.append(f"{incident['story']}: " + "; ".join(wrong))
    return tally, misses


FIGURES = (
    ("killed exact", "killed_exact"),
    ("injured exact", "injured_exact"),
    ("date exact", "date_exact"),
    ("date within one day", "date_within1"),
    ("city right", "city"),
    ("state right", "state"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="only the first N incidents")
    parser.add_argument("--cache", type=Path, default=benchlib.default_cache(), help="extracted facts kept here")
    parser.add_argument(
        "--no-cache", action="store_true", help="extract again, timed against nlp.pipe (and refresh the cache)"
    )
    parser.add_argument("--errors", action="store_true", help="print every incident with a wrong figure")
    benchlib.add_threads_option(parser)
    benchlib.add_json_option(parser)
    args = parser.parse_args(argv)
    benchlib.set_threads(args.threads)

    data = [args.data_dir / f"gva-dev{suffix}.jsonl" for suffix in ("", ".gold", ".incidents")]
    incidents = benchlib.read_jsonl(data[2])[: args.limit]
    story_of = {g["id"]: g["story"] for g in benchlib.read_jsonl(data[1])}
    wanted = {a for i in incidents for a in i["articles"]}
    articles = [a for a in benchlib.read_articles(data[0], story=story_of) if a.id in wanted]
    print(f"gva-dev: {len(incidents)} incidents, {len(articles)} articles", flush=True)

    key = [data[0].read_bytes(), data[1].read_bytes(), "\n".join(a.id for a in articles).encode()]
    nlp, gazetteer = load_nlp(), load_gazetteer()
    with benchlib.timed() as t_extract:
        facts, cached = benchlib.cached_facts(
            articles, key, args.cache, lambda: list(extract_articles(articles, nlp, gazetteer)), refresh=args.no_cache
        )
    t_pipe = None
    if not cached:
        with benchlib.timed() as t_pipe:
            for _ in nlp.pipe((a.text for a in articles), batch_size=16):
                pass

    embedder = Embedder.for_fusion()  # loaded once per process: not timed
    groups = group_stories(facts)
    reports = []
    last = time.perf_counter()
    with benchlib.timed() as t_fuse:
        for k, story in enumerate(groups, 1):
            reports.append(fuse_story(story, embedder))
            if time.perf_counter() - last > 60:
                last = time.perf_counter()
                print(f"  fused {k}/{len(groups)} stories", flush=True)
    stories = report_to_json(build_report(facts, reports))["stories"]

    tally, misses = score_incidents(incidents, stories)
    n = tally["incidents"]
    print(
        f"report: {len(stories)} stories; incidents without a report story {tally['no report story']}, "
        f"without an event date {tally['no event date']}, without an event place {tally['no event place']}; "
        f"articles outside their incident's story {tally['articles in another story']}"
    )
    for label, _ in FIGURES:
        print(f"  {label:<20} {tally[label]:4d}/{n} = {tally[label] / n:.3f}")
    with_parens = sum("(" in i["city_or_county"] for i in incidents)
    print(f"  (gold places written with a parenthesis, which the folding keeps: {with_parens})")

    fuse_cpu = t_fuse.cpu
    print(
        f"time: extract {'cached' if cached else f'{t_extract.wall:.0f}s (CPU {t_extract.cpu:.0f}s)'}, "
        f"fuse {t_fuse.wall:.0f}s (CPU {fuse_cpu:.0f}s) for {len(groups)} stories, "
        f"{t_fuse.wall / max(1, len(groups)):.2f} s/story"
    )
    figures: dict[str, float] = {"incidents": n, "articles": len(articles)}
    figures.update({name: tally[label] / n for label, name in FIGURES})
    figures.update(
        {
            "no_report_story": tally["no report story"],
            "no_event_date": tally["no event date"],
            "no_event_place": tally["no event place"],
            "fuse_seconds": t_fuse.wall,
            "fuse_cpu_seconds": fuse_cpu,
            "fuse_s_per_story": t_fuse.wall / max(1, len(groups)),
        }
    )
    if t_pipe is not None:
        analyze_cpu = t_extract.cpu + fuse_cpu
        print(
            f"analyze CPU {analyze_cpu:.0f}s (extract {t_extract.cpu:.0f}s + fuse {fuse_cpu:.0f}s) = "
            f"{analyze_cpu / t_pipe.cpu:.2f}x spaCy's nlp.pipe on the same texts ({t_pipe.cpu:.0f}s CPU); "
            f"extract alone {t_extract.cpu / t_pipe.cpu:.2f}x"
        )
        figures.update(
            {
                "extract_seconds": t_extract.wall,
                "extract_cpu_seconds": t_extract.cpu,
                "nlp_pipe_cpu_seconds": t_pipe.cpu,
                "analyze_cpu_vs_nlp_pipe": analyze_cpu / t_pipe.cpu,
                "extract_cpu_vs_nlp_pipe": t_extract.cpu / t_pipe.cpu,
            }
        )
    else:
        print("analyze CPU against nlp.pipe: not measured, extraction came from the cache (--no-cache measures it)")
    if args.errors:
        for line in misses:
            print("  ", line)
    benchlib.write_json(args.json, figures, data, {"limit": args.limit})
    return 0


if __name__ == "__main__":
    sys.exit(main())
