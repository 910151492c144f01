"""Entity labels before and after newsfuse's cleanup of spaCy NER, on GeoWebNews and PolNeAR.

Usage: python benchmarks/bench_entities.py DATA_DIR [--docbin DIR] [--json PATH]

- geowebnews: gold toponyms are places. For each gold toponym overlapped by a kept entity: is
  its label a place label (GPE/LOC/FAC)? And how many entities carry a place label while
  overlapping neither a gold toponym nor an ignored span (false places)? Reported for the raw
  model ("before"), the cleanup without places ("after"), the cleanup with the places stage's own
  output ("system places": the real pipeline), and with places built from the gold toponyms
  ("oracle places": an upper bound for the place rule, not a system score).
- polnear-dev: gold attribution sources that are names (capitalised, not a pronoun or "The ...")
  are mostly people and organisations: the share of them overlapped by a PERSON/ORG entity, and
  by one whose text equals the gold source with titles dropped.

``--docbin DIR`` reuses ``DIR/NAME.spacy`` DocBin files parsed by ``load_nlp`` (dev loops).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

import benchlib
from bench_dates import parse  # the same cached-parse helper
from newsfuse.data.entity_vocab import KEPT_LABELS, PERSON_TITLES
from newsfuse.extractors.entities import extract_entities
from newsfuse.model import Article, Entity, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_NAMES = frozenset("the a an he she they it i we his her their you this that those these who its".split())


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def raw_entities(doc: Doc) -> list[Entity]:
    """The model's entities with the kept labels, untouched: the "before"."""
    return [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in KEPT_LABELS]


def overlapping(entities: Sequence[Entity], start: int, end: int) -> list[Entity]:
    return [e for e in entities if e.start < end and start < e.end]


def geowebnews(rows: list[dict[str, Any]], gold: dict[str, Any], docs: list[Doc]) -> dict[str, float]:
    def system(name: str) -> Callable[[Doc, dict[str, Any]], list[Entity]]:
        if name == "before":
            return lambda doc, row: raw_entities(doc)
        if name == "after":
            return lambda doc, row: extract_entities(doc, Article(id=row["id"], text=row["text"]), ())
        if name == "system places":
            from newsfuse.extractors.places import extract_places
            from newsfuse.geo import load_gazetteer

            def run(doc: Doc, row: dict[str, Any]) -> list[Entity]:
                article = Article(id=row["id"], text=row["text"])
                return extract_entities(doc, article, extract_places(doc, article, load_gazetteer()))

            return run
        return lambda doc, row: extract_entities(
            doc,
            Article(id=row["id"], text=row["text"]),
            [
                Place(t["text"], t["start"], t["end"], geonames_id=t["geonames_id"] or 0)
                for t in gold[row["id"]]["toponyms"]
            ],
        )

    print("geowebnews: gold toponyms overlapped by an entity, and the entity's label")
    figures: dict[str, float] = {}
    for name in ("before", "after", "system places", "oracle places"):
        run = system(name)
        counts: Counter[str] = Counter()
        labels: Counter[str] = Counter()
        for row, doc in zip(rows, docs):
            entities = run(doc, row)
            g = gold[row["id"]]
            for t in g["toponyms"]:
                hits = overlapping(entities, t["start"], t["end"])
                counts["toponyms"] += 1
                if hits:
                    counts["tagged"] += 1
                    placey = any(h.label in PLACE_LABELS for h in hits)
                    counts["place label"] += placey
                    if not placey:
                        labels[hits[0].label] += 1
            spans = [(x["start"], x["end"]) for x in g["toponyms"] + g["ignore"]]
            for e in entities:
                if e.label in PLACE_LABELS:
                    counts["place entities"] += 1
                    counts["false places"] += not any(e.start < b and a < e.end for a, b in spans)
        tagged = counts["tagged"]
        print(
            f"  {name:<14} toponyms {counts['toponyms']}, tagged {tagged}; non-place label "
            f"{(tagged - counts['place label']) / tagged:.3f} ({tagged - counts['place label']}: "
            f"{dict(labels.most_common(4))}); false places {counts['false places']}/{counts['place entities']} "
            f"= {counts['false places'] / max(counts['place entities'], 1):.3f}"
        )
        key = "geowebnews_" + name.replace(" ", "_")
        figures[f"{key}_non_place_label"] = (tagged - counts["place label"]) / tagged
        figures[f"{key}_false_places"] = counts["false places"] / max(counts["place entities"], 1)
    return figures


def _name_words(text: str) -> list[str]:
    words = re.findall(r"[\w.'’-]+", text)
    while words and words[0].lower() in PERSON_TITLES | {"the"}:
        words = words[1:]
    return [w for w in words if w not in ("'s", "’s")]


def is_named(source: str) -> bool:
    words = source.split()
    return bool(words) and words[0][:1].isupper() and words[0].lower() not in _NOT_NAMES


def polnear(rows: list[dict[str, Any]], gold: dict[str, Any], docs: list[Doc]) -> dict[str, float]:
    print("polnear-dev: named gold sources overlapped by a PERSON/ORG entity")
    figures: dict[str, float] = {}
    for name in ("before", "after"):
        counts: Counter[str] = Counter()
        labels: Counter[str] = Counter()
        for row, doc in zip(rows, docs):
            entities = (
                raw_entities(doc)
                if name == "before"
                else extract_entities(doc, Article(id=row["id"], text=row["text"]), ())
            )
            for a in gold[row["id"]]["attributions"]:
                if a["source_start"] is None or not is_named(a["source_text"]):
                    continue
                counts["named"] += 1
                hits = overlapping(entities, a["source_start"], a["source_end"])
                actor = [h for h in hits if h.label in ("PERSON", "ORG")]
                counts["person/org"] += bool(actor)
                counts["same name"] += any(_name_words(h.text) == _name_words(a["source_text"]) for h in actor)
                labels[hits[0].label if hits else "none"] += 1
        n = counts["named"]
        print(
            f"  {name:<7} named sources {n}: PERSON/ORG {counts['person/org'] / n:.3f}, "
            f"same name (titles dropped) {counts['same name'] / n:.3f}; first label {dict(labels.most_common(6))}"
        )
        figures[f"polnear_{name}_person_org"] = counts["person/org"] / n
        figures[f"polnear_{name}_same_name"] = counts["same name"] / n
    return figures


def changes(docs: list[Doc], rows: list[dict[str, Any]]) -> Counter[str]:
    """What the cleanup did to the model's entities: each model entity that was dropped,
    relabelled or trimmed, by kind (with an example)."""
    seen: Counter[str] = Counter()
    for row, doc in zip(rows, docs):
        cleaned = extract_entities(doc, Article(id=row["id"], text=row["text"]), ())
        for ent in doc.ents:
            inside = [e for e in cleaned if ent.start_char <= e.start and e.end <= ent.end_char]
            if not inside:
                if ent.label_ in KEPT_LABELS:
                    seen[f"dropped {ent.label_} (e.g. {ent.text!r})"] += 1
                continue
            e = inside[0]
            if e.label != ent.label_:
                seen[f"relabelled {ent.label_} -> {e.label}"] += 1
            if e.text != ent.text:
                head = ent.text[: e.start - ent.start_char].strip()
                tail = ent.text[e.end - ent.start_char :].strip()
                seen[f"trimmed {'head ' + repr(head) if head else ''}{' tail ' + repr(tail) if tail else ''}"] += 1
    return seen


def timing(docs: list[Doc], rows: list[dict[str, Any]]) -> float:
    t0 = time.perf_counter()
    for row, doc in zip(rows, docs):
        extract_entities(doc, Article(id=row["id"], text=row["text"]), ())
    return (time.perf_counter() - t0) / max(len(docs), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--docbin", type=Path, default=None, help="directory of NAME.spacy parsed docs")
    benchlib.add_json_option(parser)
    args = parser.parse_args(argv)
    seconds = []
    figures: dict[str, float] = {}
    data: list[Path] = []
    for name, score in (("geowebnews", geowebnews), ("polnear-dev", polnear)):
        data += [args.data_dir / f"{name}.jsonl", args.data_dir / f"{name}.gold.jsonl"]
        rows = read_jsonl(data[-2])
        gold = {g["id"]: g for g in read_jsonl(data[-1])}
        docs = parse(rows, name, args.docbin)
        figures.update(score(rows, gold, docs))
        seconds.append(timing(docs, rows))
        made = changes(docs, rows)
        print(f"  cleanup changes on {name}: {sum(made.values())} of {sum(len(d.ents) for d in docs)} model entities")
        for kind, n in sorted(made.items(), key=lambda kv: -kv[1])[:12]:
            print(f"    {n:5d}  {kind}")
    print(f"entities stage (no places): {1000 * sum(seconds) / len(seconds):.2f} ms/doc")
    figures["entities_stage_ms_per_doc"] = 1000 * sum(seconds) / len(seconds)
    benchlib.write_json(args.json, figures, data, {"docbin": args.docbin is not None})
    return 0


if __name__ == "__main__":
    sys.exit(main())
