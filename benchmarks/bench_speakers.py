"""Who said it, on our own hand labels: are the speakers of real local-news quotes right?

Usage: python benchmarks/bench_speakers.py DATA_DIR [--errors] [--half odd|even] [--docbin PATH]

Reads the ``speakers`` lists of ``benchmarks/data/claims-gva.jsonl`` and ``claims-ecbplus.jsonl``
(651 + 388 statements, each ``{article, quote, speaker, speaker_quote}``, see that folder's
README and LABELLING.md) and the articles from ``DATA_DIR/gva-dev.jsonl`` and
``DATA_DIR/ecbplus-dev.jsonl``, runs the real extract (``load_nlp``, the gazetteer,
``extract_article``) over the labelled articles and scores ``quotes``:

- **coverage**: a labelled statement is covered when one extracted quote's content span overlaps
  at least half of its characters (the quote overlapping it most is the one judged);
- **speakers right**: of the covered statements, the share whose quote has the right speaker:
  its speaker mention (``speaker_start/end``) overlaps the labelled ``speaker_quote``, or its
  ``speaker`` matches the labelled ``speaker`` by the PolNeAR rules of ``bench_quotes.py``
  (lower-cased, titles and articles dropped, one's words a subset of the other's, or string
  similarity >= 0.85). Stricter than the bare span rule in two ways: a speaker left as a bare
  pronoun ("They", "you") is never right, and where the labelled mention is itself a pronoun
  ("he") the resolved name must match (overlapping the pronoun is not enough). The bare span
  rule's figure is printed too (``right_lax``). A statement labelled with no speaker mention
  (``speaker_quote`` null, "unnamed officials") is right when the quote has no speaker or a
  matching one;
- **negation kept**: of the covered statements whose labelled content holds a negation ("not",
  "n't", "never", "no" ...), the share whose quote still carries it: the negation word lies
  inside the quote's content, or the quote is marked ``negated`` (the cue itself was negated).
  Plus the hand-written cases of ``NEGATION_CASES`` below (the labels have few negated cues).

``--half odd|even`` scores only the odd or even stories (in label-file order), for tuning on one
half and checking on the other. ``--docbin`` caches the parsed docs (written when missing).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import benchlib
from bench_quotes import _PRONOUNS, load_articles, names_match
from newsfuse.model import Article, Quote

HERE = Path(__file__).resolve().parent
LABELS = [
    ("gva", HERE / "data" / "claims-gva.jsonl", "gva-dev.jsonl"),
    ("ecbplus", HERE / "data" / "claims-ecbplus.jsonl", "ecbplus-dev.jsonl"),
]
_NEGATION = re.compile(r"(?i)\b(?:not|never|no|nobody|nothing|none|neither|nor|cannot|without)\b|n[’']t\b")

# Sentences written for this benchmark: a negated or modal cue whose reported content must not be
# read as asserted. (text, fragment of the content, the speaker, whether the statement is negated)
NEGATION_CASES: list[tuple[str, str, str | None, bool]] = [
    ("Tamimi was not asked to enter a plea at the hearing on Monday.", "enter a plea", None, True),
    (
        "The sheriff did not say whether the suspect had a criminal record.",
        "the suspect had a criminal record",
        "sheriff",
        True,
    ),
    ("Police never said the victim was armed.", "the victim was armed", "Police", True),
    (
        "Governor Mary Hale said the bridge would not reopen before spring.",
        "the bridge would not reopen",
        "Mary Hale",
        False,
    ),
    (
        "Officials did not confirm reports that two officers had been hurt.",
        "two officers had been hurt",
        "Officials",
        True,
    ),
    ("The mayor said the city may close the park.", "the city may close the park", "mayor", False),
]


# -- locating the labels in the text -------------------------------------------------------------


def _occurrences(text: str, part: str) -> list[int]:
    out, i = [], text.find(part)
    while i >= 0:
        out.append(i)
        i = text.find(part, i + 1)
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def locate(text: str, label: dict[str, Any]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The content span and the speaker-mention span: the pair of occurrences closest together."""
    qs = [(i, i + len(label["quote"])) for i in _occurrences(text, label["quote"])]
    if not qs:
        return None, None
    sq = label.get("speaker_quote")
    ss = [(i, i + len(sq)) for i in _occurrences(text, sq)] if sq else []
    if not ss:
        return qs[0], None
    best = min(((q, s) for q in qs for s in ss), key=lambda p: (_gap(*p), p[0][0]))
    return best


# -- scoring -------------------------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _bare_pronoun(text: str | None) -> bool:
    return text is not None and text.strip().lower() in _PRONOUNS


def speaker_right(q: Quote, label: dict[str, Any], sspan: tuple[int, int] | None, lax: bool = False) -> bool:
    """Whether ``q`` names the labelled speaker (see the module docstring for the rules)."""
    matches = q.speaker is not None and names_match(q.speaker, label["speaker"])
    if label.get("speaker_quote") is None:
        return q.speaker is None or matches
    if q.speaker is None:
        return False
    if matches and not _bare_pronoun(q.speaker):
        return True
    if sspan is None or q.speaker_start is None or q.speaker_end is None:
        return False
    overlaps = _overlap((q.speaker_start, q.speaker_end), sspan) > 0
    if lax:
        return overlaps or matches
    return overlaps and not _bare_pronoun(q.speaker) and not _bare_pronoun(label["speaker_quote"])


@dataclass
class Tally:
    statements: int = 0
    located: int = 0
    covered: int = 0
    right: int = 0
    right_lax: int = 0
    negations: int = 0
    negations_kept: int = 0
    errors: list[str] = field(default_factory=list)
    negation_errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)

    def figures(self) -> dict[str, Any]:
        def share(a: int, b: int) -> str:
            return f"{a}/{b} = {a / b:.3f}" if b else "0/0"

        return {
            "speakers_right": share(self.right, self.covered),
            "speakers_right_lax": share(self.right_lax, self.covered),
            "coverage": share(self.covered, self.statements),
            "negation_kept": share(self.negations_kept, self.negations),
            "labels_not_found_in_text": self.statements - self.located,
        }


def _best_quote(quotes: Sequence[Quote], span: tuple[int, int]) -> Quote | None:
    best, best_key = None, (0, 0)
    for q in quotes:
        ov = _overlap((q.start, q.end), span)
        key = (ov, -(q.end - q.start))
        if ov * 2 >= span[1] - span[0] and key > best_key:
            best, best_key = q, key
    return best


def _negation_kept(text: str, q: Quote, span: tuple[int, int]) -> bool:
    if getattr(q, "negated", False):
        return True
    return all(q.start <= span[0] + m.start() < q.end for m in _NEGATION.finditer(text[span[0] : span[1]]))


def _show(text: str, q: Quote | None) -> str:
    if q is None:
        return "-"
    mention = text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None
    neg = " negated" if getattr(q, "negated", False) else ""
    return f"{q.speaker!r}@{mention!r} cue={q.cue!r}{neg} :: {q.text[:120]!r}"


def score_article(article: Article, quotes: Sequence[Quote], labels: Sequence[dict[str, Any]]) -> Tally:
    t = Tally()
    text = article.text
    for label in labels:
        t.statements += 1
        span, sspan = locate(text, label)
        if span is None:
            continue
        t.located += 1
        q = _best_quote(quotes, span)
        if q is None:
            continue
        t.covered += 1
        ok = speaker_right(q, label, sspan)
        t.right += ok
        t.right_lax += speaker_right(q, label, sspan, lax=True)
        head = f"[{article.id}] gold={label['speaker']!r}@{label.get('speaker_quote')!r}"
        if not ok:
            t.errors.append(f"{head}\n    sys={_show(text, q)}")
        if _NEGATION.search(label["quote"]):
            t.negations += 1
            kept = _negation_kept(text, q, span)
            t.negations_kept += kept
            if not kept:
                t.negation_errors.append(f"{head} :: {label['quote'][:120]!r}\n    sys={_show(text, q)}")
    return t


def negation_cases(nlp: Any, gazetteer: Any) -> tuple[int, int, list[str]]:
    """The hand-written cases: the content is extracted with its negation (or a negated cue)."""
    from newsfuse.extractors import extract_article

    right, errors = 0, []
    for k, (text, fragment, speaker, negated) in enumerate(NEGATION_CASES):
        facts = extract_article(nlp(text), Article(id=f"case-{k}", text=text), gazetteer)
        quotes = [q for q in facts.quotes if fragment in q.text]
        ok = bool(quotes) and all(
            getattr(q, "negated", False) == negated and (speaker is None or (q.speaker or "").endswith(speaker))
            for q in quotes
        )
        # A negated cue may also be left out altogether: nothing is then reported as said.
        ok = ok or (negated and not quotes and speaker is None)
        right += ok
        if not ok:
            errors.append(f"{text!r}: {[(q.speaker, q.text, getattr(q, 'negated', None)) for q in quotes]}")
    return right, len(NEGATION_CASES), errors


# -- running -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--errors", action="store_true", help="list the wrong speakers and lost negations")
    ap.add_argument("--half", choices=["odd", "even"], help="score the odd or even stories only")
    ap.add_argument("--docbin", type=Path, help="parsed docs of the labelled articles (dev loop; written if missing)")
    benchlib.add_json_option(ap)
    args = ap.parse_args(argv)

    from newsfuse.extractors import extract_article
    from newsfuse.geo import load_gazetteer
    from newsfuse.nlp import load_nlp

    wanted: list[tuple[str, Article, list[dict[str, Any]]]] = []
    for corpus, label_path, data_name in LABELS:
        records = [json.loads(line) for line in label_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        by_id = {a.id: a for a in load_articles(args.data_dir / data_name)}
        for k, rec in enumerate(records):
            if args.half and (k % 2 == 1) != (args.half == "odd"):
                continue
            per_article: dict[str, list[dict[str, Any]]] = {}
            for s in rec["speakers"]:
                per_article.setdefault(s["article"], []).append(s)
            for aid in sorted(per_article):
                wanted.append((corpus, by_id[aid], per_article[aid]))

    nlp = load_nlp()
    gazetteer = load_gazetteer()
    texts = [a.text for _, a, _ in wanted]
    if args.docbin and args.docbin.exists():
        from spacy.tokens import DocBin

        cached = {d.text: d for d in DocBin().from_disk(args.docbin).get_docs(nlp.vocab)}
        missing = [t for t in texts if t not in cached]
        cached.update({d.text: d for d in nlp.pipe(missing, batch_size=16)})
        docs = [cached[t] for t in texts]
    else:
        docs = list(nlp.pipe(texts, batch_size=16))
        if args.docbin:
            from spacy.tokens import DocBin

            bin_ = DocBin(store_user_data=False)
            for d in docs:
                bin_.add(d)
            args.docbin.parent.mkdir(parents=True, exist_ok=True)
            bin_.to_disk(args.docbin)

    tallies: dict[str, Tally] = {}
    for (corpus, article, labels), doc in zip(wanted, docs):
        facts = extract_article(doc, article, gazetteer)
        tallies.setdefault(corpus, Tally()).add(score_article(facts.article, facts.quotes, labels))

    right, n, case_errors = negation_cases(nlp, gazetteer)
    result: dict[str, Any] = {c: t.figures() for c, t in tallies.items()}
    result["negation_cases"] = f"{right}/{n}"
    print(json.dumps(result, indent=1))
    figures: dict[str, float | int | None] = {"negation_cases_right": right, "negation_cases": n}
    for corpus, t in tallies.items():
        figures[f"{corpus}_speakers_right"] = t.right / t.covered if t.covered else None
        figures[f"{corpus}_coverage"] = t.covered / t.statements if t.statements else None
        figures[f"{corpus}_negation_kept"] = t.negations_kept / t.negations if t.negations else None
    all_right, all_covered = sum(t.right for t in tallies.values()), sum(t.covered for t in tallies.values())
    figures["speakers_right"] = all_right / all_covered if all_covered else None
    benchlib.write_json(
        args.json,
        figures,
        [path for _, path, _ in LABELS] + [args.data_dir / name for _, _, name in LABELS],
        {"half": args.half},
    )
    if args.errors:
        for corpus, t in tallies.items():
            print(f"\n== {corpus}: wrong speakers ({len(t.errors)})")
            print("\n".join(t.errors))
            print(f"\n== {corpus}: negations lost ({len(t.negation_errors)})")
            print("\n".join(t.negation_errors))
        print(f"\n== hand-written negation cases wrong ({len(case_errors)})")
        print("\n".join(case_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
