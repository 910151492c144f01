"""Framing: the words each source uses for the same actor, shown where the sources differ.

A framing word ("terrorists", "militants") belongs to the actor it stands next to anywhere in
the story ("Taliban fighters", "#Taliban terrorists"); once a word is tied to an actor, its bare
uses ("the insurgents opened the gates") count for that actor in every source.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..data.framing import FRAMING_TERMS
from ..model import Actor, Evidence, Framing
from .context import StoryContext

_TERM = re.compile(r"\b(" + "|".join(sorted(map(re.escape, FRAMING_TERMS), key=len, reverse=True)) + r")\b", re.I)
# How far (characters) a framing word may stand from the actor's name to be tied to it.
ADJACENT = 12


def _lemma(term: str) -> str:
    t = term.lower()
    return t[:-1] if t.endswith("s") and not t.endswith("ss") else t


def fuse_framing(ctx: StoryContext, actors: list[Actor]) -> list[Framing]:
    group_actors = [a for a in actors if a.kind in {"organization", "group"}]
    if not group_actors:
        return []
    names = {a.id: [a.name, *a.aliases] for a in group_actors}
    occurrences = []  # (article index, term, start, end)
    tied: dict[str, str] = {}  # term lemma -> actor id
    for ai, f in enumerate(ctx.facts):
        text = f.article.text
        for m in _TERM.finditer(text):
            occurrences.append((ai, m.group(0), m.start(), m.end()))
            window = text[max(0, m.start() - ADJACENT):m.end() + ADJACENT]
            for actor_id, variants in names.items():
                if any(re.search(r"\b" + re.escape(v) + r"\b", window) for v in variants):
                    tied.setdefault(_lemma(m.group(0)), actor_id)
    terms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for ai, term, start, end in occurrences:
        actor_id = tied.get(_lemma(term))
        if actor_id is None:
            continue
        article_id = ctx.facts[ai].article.id
        lemma = _lemma(term)
        if lemma not in terms[actor_id][article_id]:
            evidence[actor_id].append(ctx.evidence(ai, start, end))
        terms[actor_id][article_id].add(lemma)
    out = []
    by_id = {a.id: a for a in group_actors}
    for actor_id, per_article in terms.items():
        sets = [frozenset(v) for v in per_article.values()]
        if len(per_article) < 2 or len(set(sets)) == 1:
            continue  # one source, or all use the same words: nothing to contrast
        out.append(Framing(
            actor=actor_id, name=by_id[actor_id].name,
            terms={a: tuple(sorted(v)) for a, v in per_article.items()}, evidence=tuple(evidence[actor_id]),
        ))
    return out
