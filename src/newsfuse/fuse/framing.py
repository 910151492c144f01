"""Framing: the words each source uses for the same actor, shown where the sources differ.

A framing word ("terrorists", "militants") belongs to the actor it stands next to anywhere in
the story ("Taliban fighters", "#Taliban terrorists"); once a word is tied to an actor, its bare
uses ("the insurgents opened the gates") count for that actor in every source. When the story
ties framing words to exactly one actor, its other framing words ("the militants gained
access") name that same group: there is no other group they could mean.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..data.framing import FRAMING_TERMS
from ..model import Actor, Evidence, Framing
from .context import StoryContext

_TERM = re.compile(r"\b(" + "|".join(sorted(map(re.escape, FRAMING_TERMS), key=len, reverse=True)) + r")\b", re.I)


def _lemma(term: str) -> str:
    t = term.lower()
    return t[:-1] if t.endswith("s") and not t.endswith("ss") else t


def framed_actors(framing: list[Framing]) -> set[str]:
    """Actors the sources call fighters, militants, terrorists ...: groups, not mere organisations."""
    return {f.actor for f in framing}


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
            before = text[max(0, m.start() - ctx.config.framing_adjacent_chars) : m.start()]
            for actor_id, variants in names.items():
                # The name must modify the word directly: "Taliban fighters", "#Taliban terrorists".
                if any(re.search(r"\b" + re.escape(v) + r"\W{1,2}$", before) for v in variants):
                    tied.setdefault(_lemma(m.group(0)), actor_id)
    if len(set(tied.values())) == 1:
        only = next(iter(tied.values()))
        for _, term, _, _ in occurrences:
            tied.setdefault(_lemma(term), only)
    terms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for ai, term, start, end in occurrences:
        tied_to = tied.get(_lemma(term))
        if tied_to is None:
            continue
        actor_id = tied_to
        article_id = ctx.facts[ai].article.id
        lemma = _lemma(term)
        if lemma not in terms[actor_id][article_id]:
            evidence[actor_id].append(ctx.evidence(ai, start, end))
        terms[actor_id][article_id].add(lemma)
    out = []
    by_id = {a.id: a for a in group_actors}
    for actor_id, per_article in terms.items():
        sets = [frozenset(v) for v in per_article.values()]
        if len(set(sets)) == 1 and len(per_article) == len(ctx.facts):
            continue  # every source uses the same words: nothing to contrast
        out.append(
            Framing(
                actor=actor_id,
                name=by_id[actor_id].name,
                terms={a: tuple(sorted(v)) for a, v in per_article.items()},
                evidence=tuple(evidence[actor_id]),
            )
        )
    return out
