"""Claims: which statements independent sources share, which only one makes, which conflict.

The unit is the sentence, the proof a reader checks. Two sentences of two independent sources
(copies and shared wire sentences are one source: :mod:`newsfuse.fuse.copies`) state one fact
when the statement scorer (:mod:`newsfuse.fuse.statements`, fitted on the hand-labelled claims)
finds them likely to, and each is the other's best match in its source. Such links make groups;
a group is ``corroborated``, or ``conflicting`` when two of its sentences contradict each other
(:func:`contradiction`), or ``updated`` when a later report changed a figure.

What is left is not all "only in one source". A sentence another source has a close but
uncertain counterpart to is ``related``, shown beside that counterpart ("the Taliban entered the
city" / "the Taliban briefly seized the police headquarters": the same scene, not known to be the
same fact); only a sentence no other source comes near is ``single_source``. The two thresholds
(``statement_weights.json``, chosen by ``benchmarks/fit_claims.py`` on held-out stories) set how
sure each word is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from ..data.stop_words import ENGLISH_STOP_WORDS
from ..model import STATUSES, Claim, Proposition, Status
from .attributes import SPELLING_MIN
from .config import DEFAULT, FuseConfig
from .context import StoryContext, StorySentence
from .embed import Embedder
from .event import date_cue
from .statements import NOT_FIGURES, NUMBER_WORDS, StatementWeights, load_statement_weights, statement_pairs

# Lines that are page furniture rather than statements.
_BOILERPLATE = re.compile(r"^\W*(read more|related|advertisement|follow us|sign up|watch)\b|pic\.twitter\.com", re.I)


def is_statement(s: StorySentence, config: FuseConfig = DEFAULT) -> bool:
    return len(s.text.split()) >= config.min_statement_words and not _BOILERPLATE.search(s.text)


def statement_rows(ctx: StoryContext) -> list[int]:
    """Rows of ``ctx.sentences`` that are statements (not headings, captions or link lines)."""
    return [i for i, s in enumerate(ctx.sentences) if is_statement(s, ctx.config)]


# -- contradictions ------------------------------------------------------------------------------

_NUMBER_VALUE = NUMBER_WORDS | {
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
    "ninety": "90", "hundred": "100",
}  # fmt: skip
# A figure and the word it counts: "12 points", "18 people", "10 years", "$108 million". The
# unit is what makes two figures comparable: "two people were killed and seven wounded" and
# "two dead" share no unit with "seven", so neither contradicts.
_FIGURE_UNIT = re.compile(
    r"(?<![\w.,-])(\d[\d,]*(?:\.\d+)?|" + "|".join(_NUMBER_VALUE) + r")\s+"
    r"(?:(?:more|other|additional|further|total|of\s+the)\s+)?([A-Za-z][a-z]{2,})\b",
    re.I,
)
# Words after a number that are no unit of it ("5 on Friday", "20 as firefighters", "one of them").
_NOT_UNITS = frozenset(
    "and or but the a an as at on in of to for from with by than who which that was were is are had has have "
    "said says times time percent per cent am pm about after before when while into".split()
)


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ies", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:and|while|but|whereas)\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:['’][A-Za-z]+)?\b")
_NOT_OWNERS = frozenset("The A An He She They It His Her Their Its This That These Those In On At".split())


def _owner(text: str, position: int, names: frozenset[str]) -> str:
    """Whose figure it is: the first name of the clause before it, its subject as a rule
    ("Richard Carter had 12 points" -> "richard"; "Artino complemented Echenique by scoring 14
    points" -> "artino"), or "" when the clause names no one. A capitalised first word of the
    sentence is a name only when the story's entities have it ("Estimated damage ..." names no one)."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)), default=0)
    for m in _CAPITALISED.finditer(text, start, position):
        word = m.group()
        if word in _NOT_OWNERS or (not text[: m.start()].strip() and word not in names):
            continue
        return word.lower()
    return ""


def figures_by_unit(text: str, names: frozenset[str] = frozenset()) -> dict[tuple[str, str], set[str]]:
    """The figures of a sentence by (unit, owner): "Richard Carter had 12 points" -> {("point",
    "carter"): {"12"}}. Figures in parentheses are left out with every figure of their unit: they
    restate another ("85 million euros ($108 million)") in a unit a second source may not use.
    A figure in digits is also keyed by the noun it is the value of, with no owner, so that two
    sources giving it with a unit and without still meet: "a record of 2,116 points" and "a
    record of 2,106" -> ("<record", ""); "a mother of 12"; "temperatures were minus 20". With a
    unit, only a noun before "of" is one ("Police said 18 people" is no value of "said")."""
    clean = NOT_FIGURES.sub(lambda m: " " * len(m.group()), text)
    out: dict[tuple[str, str], set[str]] = {}
    bracketed: set[str] = set()
    depth_at = _depths(clean)
    owner = ""
    for m in _FIGURE_UNIT.finditer(clean):
        number, unit = m.group(1), m.group(2)
        if unit.lower() in _NOT_UNITS:
            continue
        key = _stem(unit)
        if depth_at[m.start()]:
            bracketed.add(key)
            continue
        value = _NUMBER_VALUE.get(number.lower(), number.replace(",", ""))
        # A clause naming no one continues a list: "Echenique had 11 points, 11 rebounds".
        owner = _owner(clean, m.start(), names) or owner
        out.setdefault((key, owner), set()).add(value)
    with_unit = {m.start(1) for m in _FIGURE_UNIT.finditer(clean) if m.group(2).lower() not in _NOT_UNITS}
    for m in _BARE_FIGURE.finditer(clean):
        if depth_at[m.start()]:
            continue
        anchor = _anchor(clean, m.start(), of_only=m.start() in with_unit)
        if anchor:
            out.setdefault(("<" + anchor, ""), set()).add(m.group().replace(",", ""))
    return {k: v for k, v in out.items() if k[0] not in bracketed}


# A figure in digits that is no year ("2011") and no day of a month ("March 27").
_BARE_FIGURE = re.compile(r"(?<![\w.,$£€-])(?!(?:19|20)\d\d\b)\d[\d,]*(?:\.\d+)?(?![\w-]|[.,]\d)")
# Words between a figure and the word it is the value of: "a record of 2,116", "temperatures were
# minus 20", "a mother of about 12".
_APPROXIMATE = frozenset("about nearly roughly approximately around some almost just only least minus".split())
_ANCHOR_GAP = ENGLISH_STOP_WORDS | _APPROXIMATE
_MONTHS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june july august september "
    "october november december".split()
)


def _anchor(text: str, position: int, of_only: bool = False) -> str:
    """The noun a figure is the value of: the nearest word before it that is no function word,
    within four words; "" when that is a month (a date), a name or no word. ``of_only``: only a
    noun right before "of" ("a record of about 2,116")."""
    words = re.findall(r"[A-Za-z][A-Za-z'’]*|[^\sA-Za-z]+", text[max(0, position - 60) : position])[-4:]
    seen_of = False
    for word in reversed(words):
        low = word.lower()
        if low in _APPROXIMATE:
            continue
        if low in _ANCHOR_GAP:
            seen_of = seen_of or low == "of"
            if of_only and not seen_of:
                return ""
            continue
        if of_only and not seen_of:
            return ""
        if not word[0].isalpha() or low in _MONTHS or word[0].isupper() or len(low) < 3:
            return ""
        return _stem(low)
    return ""


def _depths(text: str) -> list[int]:
    depth, out = 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        out.append(depth)
        if ch == ")" and depth:
            depth -= 1
    return out


# Outcomes that exclude each other: one source's "rose" is another's "fell". Each pair is a
# contradiction only between two sentences already aligned as one fact, and only when neither
# sentence has both words.
_OPPOSITES = (
    ("rose", "fell"),
    ("increased", "decreased"),
    ("won", "lost"),
    ("opened", "closed"),
    ("convicted", "acquitted"),
    ("survived", "died"),
    ("confirmed", "denied"),
    ("accepted", "rejected"),
)


def _has(word: str, text: str) -> bool:
    return re.search(rf"\b{word}\b", text, re.I) is not None


def contradiction(
    a: str,
    b: str,
    props_a: tuple[Proposition, ...] = (),
    props_b: tuple[Proposition, ...] = (),
    names: frozenset[str] = frozenset(),
    days_a: frozenset[str] = frozenset(),
    days_b: frozenset[str] = frozenset(),
    counted_a: Mapping[str, str] | None = None,
    counted_b: Mapping[str, str] | None = None,
    people: frozenset[str] = frozenset(),
) -> tuple[str, str] | None:
    """Why two sentences stating one fact disagree, as (kind, reason), or None. Kinds: figure
    (different values of the same unit), date (different days for what both tell), negation
    (one denies the verb the other asserts), outcome (opposite outcomes). Clock times, phone
    numbers and scores are no figures. ``names``: the words of the story's named entities (whose
    figure a number is); ``days_*``: the days each sentence dates what it tells (:func:`told_days`);
    ``counted_*``: what the extracted figures of each sentence count, by value (:func:`counted`):
    "a gunman shot seven people" and "three people are dead" are figures of people, but not of
    the same people."""
    if _different_days(days_a, days_b, night=bool(_NIGHT.search(a) or _NIGHT.search(b))):
        return "date", "different days: " + " vs ".join(", ".join(sorted(d)) for d in (days_a, days_b))
    fa, fb = figures_by_unit(a, names), figures_by_unit(b, names)
    for unit, owner in sorted(fa.keys() & fb.keys()):
        va, vb = fa[(unit, owner)], fb[(unit, owner)]
        if not va & vb and not _count_other_things(va, vb, counted_a or {}, counted_b or {}):
            shown = " vs ".join(", ".join(sorted(v, key=lambda x: (len(x), x))) for v in (va, vb))
            return "figure", f"different figures: {shown} ({unit.lstrip('<')})"
    named = _different_names(a, b, people)
    if named:
        return "name", f"different names: {named[0]} vs {named[1]}"
    said_a = {(p.verb, p.negated) for p in props_a if p.verb}
    said_b = {(p.verb, p.negated) for p in props_b if p.verb}
    # Only the same verb denied: "They didn't find a gun" does not deny "They are still searching
    # for the second gun" (fusion-dev and claims-ecbplus: 0 of 4 negation conflicts between
    # different verbs were real); and not when a source says it both ways.
    for verb, negated in said_b:
        if (verb, not negated) in said_a and (verb, negated) not in said_a and (verb, not negated) not in said_b:
            return "negation", "one source negates what the other states"
    for x, y in _OPPOSITES + tuple((y, x) for x, y in _OPPOSITES):
        if _has(x, a) and _has(y, b) and not _has(y, a) and not _has(x, b):
            return "outcome", f"opposite outcomes: {x} vs {y}"
    return None


_WEEKDAY = re.compile(r"^(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def told_days(ctx: StoryContext, row: int) -> frozenset[str]:
    """The days a sentence dates the event on: its day-precise dates whose own words tie them to
    the event ("shot Sunday", "Friday night's fire": :func:`.event.date_cue`), as ISO days, or as
    the weekday named when its article has no publication date to resolve it. Dates of a later
    step ("arrested Tuesday"), of a statement ("said Monday") or of nothing said are left out:
    two sentences stating one fact may tell it on different days of the reporting."""
    s = ctx.sentences[row]
    f = ctx.facts[s.article_index]
    days = set()
    for d in f.dates:
        if d.sentence != s.index or d.start < 0:
            continue
        if date_cue(f.article.text, s.start, s.end, d, None) != "event":
            continue
        if d.date is not None and d.granularity == "day":
            days.add(d.date.isoformat())
        elif d.date is None and (m := _WEEKDAY.match(d.text)):
            days.add(m.group(1).capitalize())
    return frozenset(days)


# A night spans two days: "late Saturday", "overnight" and "early Sunday" tell one time.
_NIGHT = re.compile(r"\b(?:night|overnight|midnight|late|early|a\.m\.|am)\b", re.I)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _day_number(day: str) -> int:
    if day[0].isdigit():
        return dt.date.fromisoformat(day).toordinal()
    return _WEEKDAYS.index(day)


def _different_days(a: frozenset[str], b: frozenset[str], night: bool = False) -> bool:
    """Days of one kind (ISO days, or weekday names of undated articles) in both, none shared,
    and, when either sentence tells of a night, none on neighbouring days."""

    def apart(x: set[str], y: set[str]) -> bool:
        if x & y:
            return False
        if not night:
            return True
        modulo = 7 if next(iter(x))[0].isalpha() else 0
        for dx in x:
            for dy in y:
                gap = abs(_day_number(dx) - _day_number(dy))
                if gap == 1 or (modulo and gap == modulo - 1):
                    return False
        return True

    kinds = [
        (x, y)
        for x, y in (
            ({d for d in a if d[0].isdigit()}, {d for d in b if d[0].isdigit()}),
            ({d for d in a if d[0].isalpha()}, {d for d in b if d[0].isalpha()}),
        )
        if x and y
    ]
    return bool(kinds) and all(apart(x, y) for x, y in kinds)


def counted(ctx: StoryContext, row: int) -> dict[str, str]:
    """What the extracted figures of a sentence count (their category), by value as written in
    digits: "shot seven people" -> {"7": "shot"}."""
    s = ctx.sentences[row]
    out: dict[str, str] = {}
    for c in ctx.facts[s.article_index].counts:
        if c.sentence == s.index and c.low is not None and c.high in (None, c.low):
            out[f"{c.low:g}"] = c.category
    return out


def _count_other_things(va: set[str], vb: set[str], counted_a: Mapping[str, str], counted_b: Mapping[str, str]) -> bool:
    """Every two of the values count things of different categories (killed / shot)."""
    return all(
        counted_a.get(x) is not None and counted_b.get(y) is not None and counted_a[x] != counted_b[y]
        for x in va
        for y in vb
    )


_FULL_NAME = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?!['’]s)")


def _different_names(a: str, b: str, people: frozenset[str]) -> tuple[str, str] | None:
    """Two sentences stating one fact name the person in it differently: the same given name
    with another surname, or the same surname with another given name ("Kristen Bell" / "Kristen
    Stewart", "Kevin Davis" / "Brian Davis"). Both must be names the reports tag as persons,
    neither sentence may have the other's name, and the two must differ as names, not as
    spellings (those are :mod:`.attributes`' spelling claims)."""
    na = {m.groups() for m in _FULL_NAME.finditer(a) if m.group() in people}
    nb = {m.groups() for m in _FULL_NAME.finditer(b) if m.group() in people}
    for ga, sa in sorted(na):
        for gb, sb in sorted(nb):
            if (ga, sa) in nb or (gb, sb) in na or (ga == gb) == (sa == sb):
                continue
            x, y = (sa, sb) if ga == gb else (ga, gb)
            if x not in b and y not in a and fuzz.ratio(x.lower(), y.lower()) < SPELLING_MIN:
                return f"{ga} {sa}", f"{gb} {sb}"
    return None


# -- alignment ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alignment:
    groups: tuple[tuple[int, ...], ...]  # rows of ctx.sentences stating one fact, 2+ sources
    related: tuple[tuple[int, int], ...]  # (row, its closest row in another source), uncertain
    # Two sentences of one group from different sources that the scorer itself finds state one
    # fact (at its threshold): a group joins sentences through others, and only two that state
    # one fact may contradict each other.
    one_fact: frozenset[frozenset[int]] = frozenset()


def align(ctx: StoryContext, embedder: Embedder, weights: StatementWeights | None = None) -> Alignment:
    weights = weights or load_statement_weights()
    rows = statement_rows(ctx)
    sources = [ctx.source_of_sentence(ctx.sentences[r].article_index, ctx.sentences[r].index) for r in rows]
    if len(set(sources)) < 2:
        return Alignment((), ())  # one independent source: nothing to align, nothing to encode
    p = statement_pairs(ctx, rows, embedder).probability(weights)
    n = len(rows)
    source_ids = sorted(set(sources))
    columns = {s: np.asarray([i for i in range(n) if sources[i] == s]) for s in source_ids}
    best: dict[tuple[int, str], int] = {}
    for i in range(n):
        for s, cols in columns.items():
            if s != sources[i]:
                best[(i, s)] = int(cols[np.argmax(p[i, cols])])

    # Links in order of confidence; two groups join only when every two of their sentences from
    # different sources are at least related: a chain of pairwise links (A~B, B~C, C~D) must not
    # make one "fact" of sentences that share nothing (one group of 38 sentences without it).
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    mutual = [(float(p[i, j]), i, j) for (i, _), j in best.items() if i < j and best.get((j, sources[i])) == i]
    for score, i, j in sorted(mutual, reverse=True):
        if score < weights.threshold:
            break
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        if all(p[a, b] >= weights.related_min or sources[a] == sources[b] for a in members[gi] for b in members[gj]):
            for a in members[gj]:
                group_of[a] = gi
            members[gi].extend(members.pop(gj))
    groups = [g for g in members.values() if len({sources[i] for i in g}) > 1]
    grouped = {i for g in groups for i in g}
    related: list[tuple[int, int]] = []
    seen: set[frozenset[int]] = set()
    for i in range(n):
        if i in grouped:
            continue
        j = int(np.argmax(p[i]))
        if p[i, j] >= weights.related_min and frozenset((i, j)) not in seen:
            seen.add(frozenset((i, j)))
            related.append((rows[i], rows[j]))
    one_fact = frozenset(
        frozenset((rows[a], rows[b]))
        for g in groups
        for k, a in enumerate(g)
        for b in g[k + 1 :]
        if sources[a] != sources[b] and p[a, b] >= weights.threshold
    )
    return Alignment(tuple(tuple(rows[i] for i in g) for g in groups), tuple(related), one_fact)


def _props(ctx: StoryContext, row: int) -> tuple[Proposition, ...]:
    s = ctx.sentences[row]
    return tuple(p for p in ctx.facts[s.article_index].propositions if p.sentence == s.index)


def _published(ctx: StoryContext, row: int):
    return ctx.facts[ctx.sentences[row].article_index].article.published


def fuse_claims(ctx: StoryContext, embedder: Embedder) -> list[Claim]:
    claims = []
    alignment = align(ctx, embedder)
    names = frozenset(w for f in ctx.facts for e in f.entities for w in e.text.split())
    people = frozenset(e.text for f in ctx.facts for e in f.entities if e.label == "PERSON")
    covered: set[int] = set()
    for group in alignment.groups:
        ordered = sorted(group, key=lambda r: (ctx.sentences[r].article_index, ctx.sentences[r].start))
        status, reason = _disagreement(ctx, ordered, names, alignment.one_fact, people)
        covered.update(group)
        claims.append(_claim(ctx, ordered, status, reason))
    for row, other in alignment.related:
        covered.update((row, other))  # the counterpart is shown here too: not single-source either
        # Shown beside its closest counterpart, but stated by its own article only. Not checked for
        # contradictions: two sentences not known to state one fact do not disagree about it
        # (claims-*.jsonl: 2 of 17 differences between related sentences were labelled conflicts).
        claims.append(_claim(ctx, [row, other], "related", None, own_only=True))
    for i, s in enumerate(ctx.sentences):
        if i in covered or not is_statement(s, ctx.config) or s.index == 0:
            continue  # the headline restates the story; its claims are in the body
        claims.append(_claim(ctx, [i], "single_source", None))
    return order_claims(ctx, claims)


def _disagreement(
    ctx: StoryContext,
    rows: list[int],
    names: frozenset[str],
    one_fact: frozenset[frozenset[int]],
    people: frozenset[str] = frozenset(),
) -> tuple[Status, str | None]:
    """How the sentences of one fact stand: corroborated, or conflicting / updated and why. Two
    sentences of the group are compared only when the scorer finds they state one fact
    (``one_fact``): a group of ten sentences about one player holds his points of the game and
    of a run, which do not contradict each other (claims-ecbplus: one false conflict fewer, no
    labelled one lost; claims-gva unchanged)."""
    status: Status = "corroborated"
    reason = None
    for k, a in enumerate(rows):
        for b in rows[k + 1 :]:
            sa, sb = ctx.sentences[a], ctx.sentences[b]
            if ctx.source_of_sentence(sa.article_index, sa.index) == ctx.source_of_sentence(sb.article_index, sb.index):
                continue
            if frozenset((a, b)) not in one_fact:
                continue
            found = contradiction(
                sa.text,
                sb.text,
                _props(ctx, a),
                _props(ctx, b),
                names,
                told_days(ctx, a),
                told_days(ctx, b),
                counted(ctx, a),
                counted(ctx, b),
                people,
            )
            if found is None:
                continue
            kind, why = found
            da, db = _published(ctx, a), _published(ctx, b)
            # A figure a report of another day gives differently is a changed account (a toll that
            # rose, a charge upgraded), not two sources disagreeing at one time.
            later = kind == "figure" and da is not None and db is not None and da != db
            if status == "corroborated" or (status == "updated" and not later):
                status, reason = ("updated" if later else "conflicting"), why
    return status, reason


def _claim(ctx: StoryContext, rows: list[int], status: Status, reason: str | None, own_only: bool = False) -> Claim:
    evidence = tuple(ctx.sentence_evidence(ctx.sentences[r]) for r in rows)
    ids = [ctx.facts[ctx.sentences[r].article_index].article.id for r in (rows[:1] if own_only else rows)]
    return Claim(
        text=ctx.sentences[rows[0]].text,
        status=status,
        evidence=evidence,
        articles=tuple(dict.fromkeys(ids)),
        reason=reason,
    )


def order_claims(ctx: StoryContext, claims: list[Claim]) -> list[Claim]:
    """By status, then where each first stands in the story (its first article, its offset)."""
    article_pos = {f.article.id: i for i, f in enumerate(ctx.facts)}
    return sorted(
        claims,
        key=lambda c: (STATUSES.index(c.status), article_pos[c.evidence[0].article], c.evidence[0].start),
    )
