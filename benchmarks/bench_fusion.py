"""Fused reports against what a careful reader recorded (fusion-dev), scored as the data README
defines it.

    python benchmarks/bench_fusion.py DATA_DIR [--labels PATH ...] [--errors] [--no-cache] [--threads 1] [--json PATH]

For each labelled incident its articles (looked up by id in DATA_DIR's article files, gva-dev
for fusion-dev) are given one ``story`` key and analysed as ``newsfuse analyze --format json``
does (extract, group by the key, fuse); the report's JSON is scored by :func:`score_labels`:

- each labelled quote is located in its article with ``text.find(quote)``; a report item
  *touches* it when one of the item's evidence spans in that article overlaps it;
- **figures**: every per-source report of every count row is one extracted figure: right when
  it touches a labelled figure quote of its article, wrong when it touches only a
  ``not_figures`` quote, unknown otherwise. Precision = right / (right + wrong); on-labelled =
  right / all extracted figures. Recall: labelled figures of category killed/injured/shot and
  scope total touched by some count row;
- **conflicts**: report items (count rows and claims) with status ``conflicting``; an item
  matches a labelled conflict when it touches that conflict's quotes in two different articles.
  Precision = matching items / flagged items, where flagged items matching a labelled update
  (and no conflict) are counted apart, out of both; recall = labelled conflicts matched;
- **agreements**: labelled agreements (``facts`` in the claims files) that some
  ``corroborated`` item touches in two of their articles;
- **corroboration precision**: of the ``corroborated`` items that touch a labelled statement (a
  fact's quote or a ``single`` quote), those touching one labelled fact in two articles;
- **single-source claims stated elsewhere**: of the ``single_source`` claims that touch a
  labelled statement, those touching a labelled fact (a statement two sources make): the
  share "only in one source" gets wrong;
- **event date**: ``when.date`` equal to the labelled date.

The report story of an incident is the one holding most of its articles (with one story key
per incident, its own). ``--labels`` scores other files in the fusion-dev format (extra keys
are ignored), each separately; the default is DATA_DIR/fusion-dev.jsonl. Counts are shown as
n/N: the set is small.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import benchlib
from newsfuse.api import build_report, fuse, group_stories
from newsfuse.extractors import extract_articles
from newsfuse.fuse import Embedder
from newsfuse.geo import load_gazetteer
from newsfuse.model import Article, report_to_json
from newsfuse.nlp import load_nlp

RECALL_CATEGORIES = frozenset({"killed", "injured", "shot"})
# Sentences of this many words written word for word alike in two articles are one text copied
# (FuseConfig.shared_sentence_min_words: shorter ones may match by chance).
COPIED_MIN_WORDS = 6
# The figures a second reading of the claims labels changes (the rest it leaves as they were).
ADJUDICATED = (
    "conflicts_precision",
    "conflicts_recall",
    "conflicts_labelled",
    "agreements_found_share",
    "agreements_labelled",
    "corroboration_precision",
    "corroborated_right",
    "corroborated_wrong",
    "single_stated_elsewhere_share",
    "single_stated_elsewhere",
    "single_on_labels",
)
Span = tuple[str, int, int]  # article, start, end

# -- scoring ----------------------------------------------------------------------------------------


def ratio(n: int, d: int) -> float:
    return n / d if d else float("nan")


def show(n: int, d: int) -> str:
    return f"{n}/{d} = {ratio(n, d):.3f}" if d else f"{n}/0"


@dataclass
class FusionScore:
    incidents: int = 0
    no_story: int = 0
    quotes: int = 0
    quotes_not_found: list[tuple[str, str]] = field(default_factory=list)
    figure_rows: int = 0  # per-source reports of count rows
    figures_right: int = 0
    figures_wrong: int = 0
    recall_labelled: int = 0
    recall_touched: int = 0
    flagged: int = 0
    flagged_matching: int = 0
    flagged_update: int = 0  # matching a labelled update and no labelled conflict: counted apart
    conflicts: int = 0
    conflicts_matched: int = 0
    agreements: int = 0
    agreements_found: int = 0
    corroborated_right: int = 0  # corroborated items on one labelled fact in two articles
    corroborated_wrong: int = 0  # on labelled quotes, but no one fact in two articles
    single_on_labels: int = 0  # single-source claims on a labelled statement (a fact or a single)
    single_stated_elsewhere: int = 0  # ... on a labelled fact (which two sources state)
    single_labelled: int = 0  # labelled "single" statements (fusion-dev has none: no share then)
    dates: int = 0
    dates_right: int = 0
    notes: list[str] = field(default_factory=list)  # for --errors
    # kind of flagged item -> [matching a labelled conflict, not labelled] (for --errors)
    flagged_by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    @property
    def figures_unknown(self) -> int:
        return self.figure_rows - self.figures_right - self.figures_wrong

    def figures(self) -> dict[str, float]:
        """The headline figures (shares, with their counts)."""
        return {
            "incidents": self.incidents,
            "figures_precision": ratio(self.figures_right, self.figures_right + self.figures_wrong),
            "figures_on_labelled": ratio(self.figures_right, self.figure_rows),
            "figures_recall": ratio(self.recall_touched, self.recall_labelled),
            "figures_right": self.figures_right,
            "figures_wrong": self.figures_wrong,
            "figures_unknown": self.figures_unknown,
            "figure_rows": self.figure_rows,
            "recall_touched": self.recall_touched,
            "recall_labelled": self.recall_labelled,
            "conflicts_precision": ratio(self.flagged_matching, self.flagged - self.flagged_update),
            "conflicts_recall": ratio(self.conflicts_matched, self.conflicts),
            "conflicts_flagged": self.flagged,
            "conflicts_flagged_matching": self.flagged_matching,
            "conflicts_flagged_update": self.flagged_update,
            "conflicts_matched": self.conflicts_matched,
            "conflicts_labelled": self.conflicts,
            "agreements_found_share": ratio(self.agreements_found, self.agreements),
            "agreements_found": self.agreements_found,
            "agreements_labelled": self.agreements,
            "corroboration_precision": ratio(
                self.corroborated_right, self.corroborated_right + self.corroborated_wrong
            ),
            "corroborated_right": self.corroborated_right,
            "corroborated_wrong": self.corroborated_wrong,
            "single_stated_elsewhere_share": (
                ratio(self.single_stated_elsewhere, self.single_on_labels) if self.single_labelled else None
            ),
            "single_stated_elsewhere": self.single_stated_elsewhere,
            "single_on_labels": self.single_on_labels,
            "event_date": ratio(self.dates_right, self.dates),
            "event_date_right": self.dates_right,
            "quotes_not_found": len(self.quotes_not_found),
        }


def _overlaps(spans: Iterable[Span], target: Span) -> bool:
    article, start, end = target
    return any(a == article and s < end and start < e for a, s, e in spans)


def _evidence_spans(evidence: Iterable[Mapping[str, Any]]) -> list[Span]:
    return [(e["article"], e["start"], e["end"]) for e in evidence]


def _item_spans(item: Mapping[str, Any]) -> list[Span]:
    """Evidence spans of a count row (its per-source reports) or of a claim."""
    if "reports" in item:
        return _evidence_spans(r["evidence"] for r in item["reports"])
    return _evidence_spans(item.get("evidence", ()))


def _touches_two(spans: Sequence[Span], quotes: Sequence[Span]) -> bool:
    """The item touches quotes of two different articles."""
    return len({q[0] for q in quotes if _overlaps(spans, q)}) >= 2


Apart = Sequence[tuple[Span, Span]]  # two sentences a reader judged not to state one fact


def _apart(a: Span, b: Span, apart: Apart) -> bool:
    def on(x: Span, y: Span) -> bool:
        return x[0] == y[0] and x[1] < y[2] and y[1] < x[2]

    return any((on(a, x) and on(b, y)) or (on(a, y) and on(b, x)) for x, y in apart)


def _states_fact(spans: Sequence[Span], quotes: Sequence[Span], apart: Apart = ()) -> bool:
    """The item touches two quotes of one fact in two different articles, two quotes a reader
    did not judge apart."""
    touched = [q for q in quotes if _overlaps(spans, q)]
    return any(a[0] != b[0] and not _apart(a, b, apart) for i, a in enumerate(touched) for b in touched[i + 1 :])


def score_labels(
    records: Iterable[Mapping[str, Any]],
    stories: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    second: Sequence[Mapping[str, Any]] = (),
) -> FusionScore:
    """Score report stories (the contract's story objects, as ``analyze --format json`` writes
    them) against labelled records in the fusion-dev format; ``texts`` maps article id to text.
    Keys other than those the metric reads are ignored; a missing list counts as empty. A
    record without ``agreements`` is scored on its ``facts`` (the claims files' name for
    statements two or more articles make: benchmarks/data/LABELLING.md). ``second``: a second
    reading of the same stories (claims-second-reading.jsonl, :func:`adjudicate`) that adds the
    facts and conflicts it found and keeps apart the sentences it judged not one fact."""
    score = FusionScore()

    def locate(article: str, quote: str) -> Span | None:
        score.quotes += 1
        start = texts.get(article, "").find(quote)
        if start < 0:
            score.quotes_not_found.append((article, quote))
            return None
        return (article, start, start + len(quote))

    def located(items: Iterable[Mapping[str, Any]]) -> list[Span]:
        spans = (locate(q["article"], q["quote"]) for q in items)
        return [s for s in spans if s is not None]

    for record in records:
        record, apart_quotes = adjudicate(record, [r for r in second if r["story"] == record["story"]])
        apart = [(a, b) for a, b in ((locate(**x), locate(**y)) for x, y in apart_quotes) if a and b]
        score.incidents += 1
        members = set(record["articles"])
        held = [(len(members & set(s["articles"])), -i) for i, s in enumerate(stories)]
        best = max(held, default=(0, 0))
        story: Mapping[str, Any] = stories[-best[1]] if best[0] else {}
        if not story:
            score.no_story += 1
            score.notes.append(f"{record['story']}: no report story holds its articles")
        counts = list(story.get("counts", ()))
        claims = list(story.get("claims", ()))

        # figures
        figures = [(f, locate(f["article"], f["quote"])) for f in record.get("figures", ())]
        figure_spans = [s for _, s in figures if s is not None]
        not_figure_spans = located(record.get("not_figures", ()))
        for row in counts:
            for report in row["reports"]:
                span = _evidence_spans([report["evidence"]])
                score.figure_rows += 1
                if any(_overlaps(span, q) for q in figure_spans):
                    score.figures_right += 1
                elif any(_overlaps(span, q) for q in not_figure_spans):
                    score.figures_wrong += 1
                    score.notes.append(f"{record['story']}: figure on a not-figure: {report['evidence']['quote']!r}")
        row_spans = [_item_spans(row) for row in counts]
        for figure, span in figures:
            if figure.get("category") in RECALL_CATEGORIES and figure.get("scope") == "total":
                score.recall_labelled += 1
                touched = span is not None and any(_overlaps(spans, span) for spans in row_spans)
                score.recall_touched += touched
                if not touched:
                    score.notes.append(
                        f"{record['story']}: figure missed: {figure['category']} {figure.get('low')} "
                        f"in {figure['article']}: {figure['quote'][:100]!r}"
                    )

        # conflicts
        conflicts = [located(c.get("quotes", ())) for c in record.get("conflicts", ())]
        updates = [located(u.get("quotes", ())) for u in record.get("updates", ())]
        flagged_items = [i for i in counts + claims if i.get("status") == "conflicting"]
        flagged = [_item_spans(i) for i in flagged_items]
        score.flagged += len(flagged)
        for item, spans in zip(flagged_items, flagged):
            what = _kind_of(item)
            if any(_touches_two(spans, quotes) for quotes in conflicts):
                score.flagged_matching += 1
                score.flagged_by_kind[what][0] += 1
            elif any(_touches_two(spans, quotes) for quotes in updates):
                score.flagged_update += 1
            else:
                score.flagged_by_kind[what][1] += 1
                score.notes.append(f"{record['story']}: conflict flagged, not labelled ({what}): {spans[:2]}")
        score.conflicts += len(conflicts)
        for labelled, quotes in zip(record.get("conflicts", ()), conflicts):
            matched = any(_touches_two(spans, quotes) for spans in flagged)
            score.conflicts_matched += matched
            if not matched:
                score.notes.append(f"{record['story']}: conflict missed: {labelled.get('what', '')[:100]!r}")

        # agreements
        corroborated_items = [i for i in counts + claims if i.get("status") == "corroborated"]
        corroborated = [_item_spans(i) for i in corroborated_items]
        fact_quotes = []
        for agreement in record.get("agreements", record.get("facts", ())):
            quotes = located(agreement.get("quotes", ()))
            fact_quotes.append(quotes)
            score.agreements += 1
            score.agreements_found += any(_states_fact(spans, quotes, apart) for spans in corroborated)
        single_quotes = located(record.get("single", ()))
        score.single_labelled += len(record.get("single", ()))
        all_fact_quotes = [q for quotes in fact_quotes for q in quotes]
        for item, spans in zip(corroborated_items, corroborated):
            if any(_states_fact(spans, quotes, apart) for quotes in fact_quotes):
                score.corroborated_right += 1
            elif any(_overlaps(spans, q) for q in all_fact_quotes + single_quotes):
                score.corroborated_wrong += 1
                shown = " | ".join(texts.get(a, "")[s:e][:90] for a, s, e in spans[:3])
                score.notes.append(
                    f"{record['story']}: corroborated, not one labelled fact ({_kind_of(item)}): {shown!r}"
                )
        for claim in claims:
            if claim.get("status") != "single_source":
                continue
            spans = _item_spans(claim)
            own = {a for a, _, _ in spans}
            # a labelled fact this claim states that another article states too
            on_fact = any(
                _overlaps(spans, q) and any(o[0] not in own and not _apart(q, o, apart) for o in quotes)
                for quotes in fact_quotes
                for q in quotes
            )
            if on_fact or any(_overlaps(spans, q) for q in single_quotes):
                score.single_on_labels += 1
                score.single_stated_elsewhere += on_fact

        # event date
        event = record.get("event") or {}
        if event.get("date"):
            score.dates += 1
            got = (story.get("when") or {}).get("date")
            score.dates_right += got == event["date"]
            if got != event["date"]:
                score.notes.append(f"{record['story']}: event date {got}, labelled {event['date']}")
    return score


def adjudicate(
    record: Mapping[str, Any], second: Sequence[Mapping[str, Any]]
) -> tuple[Mapping[str, Any], list[tuple[dict[str, str], dict[str, str]]]]:
    """The record as the second reading leaves it, and the quote pairs it keeps apart. Two
    sentences judged "same_fact", or a sentence "stated_elsewhere" with its counterpart, are a
    fact, unless the reader found them word for word the same and they are sentences (one text
    copied: LABELLING.md's copies of one wire text state no shared fact), not fragments ("Jimerson,
    29", which two outlets may well write alike); a "conflict" is a conflict, or one more pair of a labelled conflict holding one of
    its sentences; two
    sentences judged "related" or "different" never count as one fact, whatever fact lists them."""
    if not second:
        return record, []
    facts = list(record.get("agreements", record.get("facts", ())))
    conflicts = list(record.get("conflicts", ()))
    apart: list[tuple[dict[str, str], dict[str, str]]] = []

    def same(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
        return a["article"] == b["article"] and (a["quote"] in b["quote"] or b["quote"] in a["quote"])

    def extended(quotes: list[dict[str, str]]) -> bool:
        """A labelled conflict holding one of the sentences takes the other too (one disagreement
        found again between other articles), and the pair is no new conflict."""
        for k, conflict in enumerate(conflicts):
            held = [q for q in quotes if any(same(q, c) for c in conflict.get("quotes", ()))]
            if held:
                conflicts[k] = {**conflict, "quotes": [*conflict["quotes"], *(q for q in quotes if q not in held)]}
                return True
        return False

    for r in second:
        if r["kind"] == "pair":
            quotes = [r["a"], r["b"]]
        elif r.get("other"):
            quotes = [{"article": r["article"], "quote": r["quote"]}, r["other"]]
        else:
            continue
        copied = r.get("verbatim") and min(len(q["quote"].split()) for q in quotes) >= COPIED_MIN_WORDS
        if r["verdict"] in ("same_fact", "stated_elsewhere") and not copied:
            facts.append({"what": r.get("fact", ""), "quotes": quotes, "added": "second reading"})
        elif r["verdict"] == "conflict" and not extended(quotes):
            conflicts.append({"kind": "other", "what": r.get("why", ""), "quotes": quotes, "added": "second reading"})
        if r["kind"] == "pair" and r["verdict"] in ("related", "different", "conflict"):
            apart.append((r["a"], r["b"]))
    out = {k: v for k, v in record.items() if k != "agreements"}
    return out | {"facts": facts, "conflicts": conflicts}, apart


def _kind_of(item: Mapping[str, Any]) -> str:
    """What a flagged item is, for the error listing: a count row's category, a claim's kind and
    the first words of its reason."""
    if "category" in item:
        return f"count {item['category']}"
    reason = (item.get("reason") or "").split(":")[0]
    return f"claim {item.get('kind', 'statement')} ({reason})"


def print_score(name: str, score: FusionScore) -> None:
    s = score
    print(
        f"{name}: {s.incidents} incidents ({s.no_story} without a report story); "
        f"{s.quotes - len(s.quotes_not_found)}/{s.quotes} labelled quotes located"
    )
    print(
        f"  figures: precision {show(s.figures_right, s.figures_right + s.figures_wrong)}, "
        f"on-labelled {show(s.figures_right, s.figure_rows)} ({s.figures_unknown} unknown); "
        f"recall (killed/injured/shot, scope total) {show(s.recall_touched, s.recall_labelled)}"
    )
    print(
        f"  conflicts: {s.flagged} flagged, {s.flagged_update} of them matching a labelled update (counted apart); "
        f"precision {show(s.flagged_matching, s.flagged - s.flagged_update)}; recall {show(s.conflicts_matched, s.conflicts)}"
    )
    print(f"  agreements found {show(s.agreements_found, s.agreements)}")
    print(
        f"  corroborated items on one labelled fact in two articles {show(s.corroborated_right, s.corroborated_right + s.corroborated_wrong)}"
        f" (of those on labelled statements); single-source claims that another source states "
        + (
            f"{show(s.single_stated_elsewhere, s.single_on_labels)} (of those on labelled statements)"
            if s.single_labelled
            else "not scored (no single-source statements labelled)"
        )
    )
    print(f"  event date {show(s.dates_right, s.dates)}")


# -- running ----------------------------------------------------------------------------------------


def article_index(data_dir: Path, wanted: set[str]) -> tuple[dict[str, dict[str, Any]], list[Path]]:
    """The article records with the wanted ids, from gva-dev first, then DATA_DIR's other article
    files; and the files they came from."""
    files = sorted(
        (p for p in data_dir.glob("*.jsonl") if not p.name.endswith(".gold.jsonl")),
        key=lambda p: (p.name != "gva-dev.jsonl", p.name),
    )
    found: dict[str, dict[str, Any]] = {}
    used = []
    for path in files:
        if not wanted - set(found):
            break
        hits = [
            r for r in benchlib.read_jsonl(path) if r.get("text") and r.get("id") in wanted and r["id"] not in found
        ]
        if hits:
            used.append(path)
            found.update((r["id"], r) for r in hits)
    missing = wanted - set(found)
    if missing:
        sys.exit(f"articles not found in {data_dir}: {', '.join(sorted(missing)[:5])} ...")
    return found, used


def analyze_records(
    records: Sequence[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]], cache: Path | None, refresh: bool
) -> tuple[list[dict[str, Any]], dict[str, str], benchlib.Timing, benchlib.Timing, bool]:
    """``analyze --format json`` over the labelled incidents, each one's articles given its
    story key: the report's stories, the texts, the extract and fuse timings, whether cached."""
    from newsfuse.inputs.jsonl import parse_record

    rows = [dict(articles[a], story=r["story"]) for r in records for a in r["articles"]]
    inputs: list[Article] = [parse_record(row, f"{row['id']}") for row in rows]
    key = json.dumps(rows, sort_keys=True).encode()
    with benchlib.timed() as t_extract:
        facts, cached = benchlib.cached_facts(
            inputs, [key], cache, lambda: list(extract_articles(inputs, load_nlp(), load_gazetteer())), refresh
        )
    embedder = Embedder.for_fusion()  # the model is loaded once per process: not timed
    with benchlib.timed() as t_fuse:
        report = build_report(facts, fuse(group_stories(facts), embedder))
    stories = report_to_json(report)["stories"]
    return stories, {f.article.id: f.article.text for f in facts}, t_extract, t_fuse, cached


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument(
        "--labels", type=Path, nargs="+", default=None, help="files in the fusion-dev format (default: fusion-dev)"
    )
    parser.add_argument("--errors", action="store_true", help="print every miss and false alarm")
    parser.add_argument(
        "--second-reading",
        type=Path,
        default=None,
        help="a blind second reading of the claims labels (benchmarks/data/claims-second-reading.jsonl): "
        "also score each label file as that reading adjudicates it (figures prefixed adjudicated_)",
    )
    parser.add_argument("--cache", type=Path, default=benchlib.default_cache(), help="extracted facts kept here")
    parser.add_argument("--no-cache", action="store_true", help="extract again (and refresh the cache)")
    benchlib.add_threads_option(parser)
    benchlib.add_json_option(parser)
    args = parser.parse_args(argv)
    benchlib.set_threads(args.threads)
    label_files = args.labels or [args.data_dir / "fusion-dev.jsonl"]

    figures: dict[str, float] = {}
    data: list[Path] = []
    for path in label_files:
        records = benchlib.read_jsonl(path)
        wanted = {a for r in records for a in r["articles"]}
        articles, files = article_index(args.data_dir, wanted)
        data += [path, *(f for f in files if f not in data)]
        stories, texts, t_extract, t_fuse, cached = analyze_records(records, articles, args.cache, args.no_cache)
        score = score_labels(records, stories, texts)
        print_score(f"{path.stem} ({len(wanted)} articles)", score)
        print(
            f"  time: extract {'cached' if cached else f'{t_extract.wall:.1f}s'}, fuse {t_fuse.wall:.1f}s "
            f"({len(stories)} stories)"
        )
        if score.quotes_not_found:
            print(f"  labelled quotes not found in their article: {len(score.quotes_not_found)}")
            for article, quote in score.quotes_not_found[:5]:
                print(f"    {article}: {quote[:100]!r}")
        if args.errors:
            for note in score.notes:
                print("   ", note)
            print("  flagged conflicts by kind (matching a labelled conflict / not labelled):")
            for kind, (right, wrong) in sorted(score.flagged_by_kind.items(), key=lambda kv: -sum(kv[1])):
                print(f"    {kind}: {right} / {wrong}")
        prefix = path.stem.replace("-", "_")
        figures.update({f"{prefix}_{k}": v for k, v in score.figures().items()})
        second = (
            [r for r in benchlib.read_jsonl(args.second_reading) if r["set"] == path.stem]
            if args.second_reading
            else []
        )
        if second:
            if args.second_reading not in data:
                data.append(args.second_reading)
            adjudicated = score_labels(records, stories, texts, second)
            print_score(f"{path.stem} as the second reading adjudicates it ({len(second)} judgements)", adjudicated)
            if args.errors:
                for note in adjudicated.notes:
                    print("   ", note)
            figures.update(
                {f"{prefix}_adjudicated_{k}": v for k, v in adjudicated.figures().items() if k in ADJUDICATED}
            )
        figures[f"{prefix}_fuse_seconds"] = t_fuse.wall
        if not cached:
            figures[f"{prefix}_extract_seconds"] = t_extract.wall
    tally = Counter(p.stem for p in label_files)
    if max(tally.values()) > 1:
        sys.exit("two label files with one name: their figures would collide")
    benchlib.write_json(args.json, figures, data, {"labels": sorted(p.name for p in label_files)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
