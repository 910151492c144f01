"""Who said what on PolNeAR dev: attribution P/R/F1 exactly as /work/shared/data/README.md defines it.

Usage: python benchmarks/bench_quotes.py DATA_DIR [--set polnear-dev] [--docbin PATH] [--errors N] [--json PATH]

Runs the real pipeline (``load_nlp`` + ``extract_articles``) on ``DATA_DIR/polnear-dev.jsonl`` and
scores ``quotes`` against ``polnear-dev.gold.jsonl``. It also times raw ``nlp.pipe`` against the
whole extract and against the quotes stage alone, since quotes must stay cheap.

``--docbin`` reuses parsed docs from an earlier run (a dev-loop shortcut; timings then cover
only the extract stages).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import benchlib
from newsfuse.model import Article, Quote

# -- agreement on the source ----------------------------------------------------------------------

# The README's "titles and articles dropped": honorifics and political titles that prefix a name.
_DROP = frozenset(
    "the a an mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. president senator "
    "representative governor secretary former vice candidate nominee".split()
)
_PRONOUNS = frozenset(
    "he she they who it i we you his her their its him them which that whom this these those me us my our your".split()
)


def _words(text: str) -> list[str]:
    words = [w for w in re.findall(r"[\w.'’-]+", text.lower())]
    return [w.strip(".") for w in words if w not in _DROP and w.strip(".") not in _DROP and w.strip(".")]


def names_match(system: str, gold: str) -> bool:
    a, b = _words(system), _words(gold)
    if not a or not b:
        return False
    sa, sb = set(a), set(b)
    if sa <= sb or sb <= sa:
        return True
    return SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= 0.85


def _last_name(speaker: str) -> str | None:
    words = [w for w in re.findall(r"[\w'’-]+", speaker) if w.lower().strip(".") not in _DROP]
    return words[-1] if words else None


def source_agrees(quote: Quote, gold: dict[str, Any], text: str) -> bool:
    if gold["source_start"] is None:
        return True
    gs, ge = gold["source_start"], gold["source_end"]
    if quote.speaker_start is not None and quote.speaker_end is not None:
        if quote.speaker_start < ge and gs < quote.speaker_end:
            return True
    if quote.speaker and names_match(quote.speaker, gold["source_text"]):
        return True
    if quote.speaker and gold["source_text"].strip().lower() in _PRONOUNS:
        last = _last_name(quote.speaker)
        if last and last[:1].isupper():
            window = text[max(0, gs - 1500) : gs]
            if re.search(r"(?<!\w)" + re.escape(last) + r"(?!\w)", window):
                return True
    return False


# -- coverage ---------------------------------------------------------------------------------------


def _covered(spans: Iterable[tuple[int, int]], by: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """(characters of ``spans`` inside the union of ``by``, total characters of ``spans``)."""
    marks: set[int] = set()
    for s, e in by:
        marks.update(range(s, e))
    total = inside = 0
    for s, e in spans:
        total += e - s
        inside += sum(1 for i in range(s, e) if i in marks)
    return inside, total


def _gold_spans(gold: dict[str, Any]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in gold["content_spans"]] or [(gold["content_start"], gold["content_end"])]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    gold_direct: int = 0
    found_direct: int = 0
    system: int = 0
    right: int = 0
    content_found: int = 0
    content_right: int = 0

    def add(self, other: Tally) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def score_article(text: str, quotes: Sequence[Quote], golds: Sequence[dict[str, Any]]) -> tuple[Tally, list, list]:
    """Tally one article; also return the missed gold and the wrong system quotes for study."""
    t = Tally(gold=len(golds), system=len(quotes))
    missed, wrong = [], []
    all_sys = [(q.start, q.end) for q in quotes]
    for g in golds:
        agreeing = [(q.start, q.end) for q in quotes if source_agrees(q, g, text)]
        inside, total = _covered(_gold_spans(g), agreeing)
        ok = total > 0 and inside * 2 >= total
        t.found += ok
        if g["direct"]:
            t.gold_direct += 1
            t.found_direct += ok
        c_in, c_tot = _covered(_gold_spans(g), all_sys)
        t.content_found += c_tot > 0 and c_in * 2 >= c_tot
        if not ok:
            missed.append(g)
    all_gold = [s for g in golds for s in _gold_spans(g)]
    for q in quotes:
        agreeing = [s for g in golds if source_agrees(q, g, text) for s in _gold_spans(g)]
        inside, total = _covered([(q.start, q.end)], agreeing)
        ok = total > 0 and inside * 2 >= total
        t.right += ok
        c_in, c_tot = _covered([(q.start, q.end)], all_gold)
        t.content_right += c_tot > 0 and c_in * 2 >= c_tot
        if not ok:
            wrong.append(q)
    return t, missed, wrong


def _prf(right: int, system: int, found: int, gold: int) -> tuple[float, float, float]:
    p = right / system if system else 0.0
    r = found / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(t: Tally) -> dict[str, float]:
    p, r, f = _prf(t.right, t.system, t.found, t.gold)
    cp, cr, cf = _prf(t.content_right, t.system, t.content_found, t.gold)
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "direct_recall": round(t.found_direct / t.gold_direct, 3) if t.gold_direct else 0.0,
        "content_precision": round(cp, 3),
        "content_recall": round(cr, 3),
        "content_f1": round(cf, 3),
        "gold": t.gold,
        "system": t.system,
    }


# -- running ---------------------------------------------------------------------------------------


def load_articles(path: Path) -> list[Article]:
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        published = dt.date.fromisoformat(r["published"][:10]) if r.get("published") else None
        articles.append(
            Article(
                id=r["id"],
                text=r["text"],
                title=r.get("title"),
                source=r.get("source"),
                url=r.get("url"),
                published=published,
            )
        )
    return articles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--set", default="polnear-dev")
    ap.add_argument("--docbin", type=Path, help="parsed docs of the same articles, in order (dev loop)")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses and false alarms")
    benchlib.add_json_option(ap)
    args = ap.parse_args(argv)

    from newsfuse.extractors import extract_article
    from newsfuse.extractors.entities import extract_entities
    from newsfuse.extractors.quotes import extract_quotes
    from newsfuse.nlp import load_nlp

    articles = load_articles(args.data_dir / f"{args.set}.jsonl")
    gold = {}
    for line in (args.data_dir / f"{args.set}.gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            gold[g["id"]] = g["attributions"]

    nlp = load_nlp()
    t0 = time.perf_counter()
    if args.docbin:
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(args.docbin).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    t_parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    facts = [extract_article(d, a) for d, a in zip(docs, articles)]
    t_extract = time.perf_counter() - t0

    # The quotes stage alone, on the entities it would be given.
    ents = [extract_entities(d, a) for d, a in zip(docs, articles)]
    t0 = time.perf_counter()
    for d, a, e in zip(docs, articles, ents):
        extract_quotes(d, a, e)
    t_quotes = time.perf_counter() - t0

    total = Tally()
    misses, wrongs = [], []
    for f in facts:
        t, missed, wrong = score_article(f.article.text, f.quotes, gold.get(f.article.id, []))
        total.add(t)
        misses += [(f.article, g) for g in missed]
        wrongs += [(f.article, q) for q in wrong]

    result = report(total)
    result["seconds_parse"] = round(t_parse, 2)
    result["seconds_extract_all"] = round(t_extract, 2)
    result["seconds_quotes"] = round(t_quotes, 3)
    if not args.docbin:
        result["extract_speed_vs_parse"] = round(t_parse / (t_parse + t_extract), 3)
    result["quotes_share_of_parse"] = round(t_quotes / t_parse, 4) if t_parse else None
    print(json.dumps(result, indent=1))
    data = [args.data_dir / f"{args.set}.jsonl", args.data_dir / f"{args.set}.gold.jsonl"]
    benchlib.write_json(args.json, result, data, {"set": args.set, "docbin": args.docbin is not None})

    for a, g in misses[: args.errors]:
        print(f"MISS [{a.id[:40]}] src={g['source_text']!r} cue={g['cue_text']!r} :: {g['content_text'][:160]!r}")
    for a, q in wrongs[: args.errors]:
        print(
            f"WRONG [{a.id[:40]}] spk={q.speaker!r}@{a.text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None!r} cue={q.cue!r} :: {q.text[:160]!r}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
