"""Claims: each article's statements aligned across articles.

The unit of alignment is a proposition (who did what to whom, see
:mod:`newsfuse.extractors.propositions`): whole sentences of two reports of one event are all
"about the Taliban and Afghan forces" and look alike to a sentence encoder, while short
propositions ("Taliban capture dozen district" / "Taliban seize dozen district") separate
what is the same statement from what is merely the same topic.

Two propositions of two independent sources are one claim when they are each other's best
match, similar as wholes, and their verbs and subjects are compatible (so "commandos arrive
in Qala-e-Naw" does not confirm "Taliban enter Qala-e-Naw"). An aligned group is
``corroborated`` unless it contradicts itself — different figures, or one side negated — which
makes it ``conflicting``. A sentence none of whose propositions aligns is a ``single_source``
claim of its article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..model import STATUSES, Claim, Proposition
from .config import DEFAULT, FuseConfig
from .context import StoryContext, StorySentence
from .embed import Embedder

_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_NEGATION = re.compile(r"\b(not|no|never|denied|denies|deny|false|refused)\b|n't\b", re.I)
# Lines that are page furniture rather than statements.
_BOILERPLATE = re.compile(r"^\W*(read more|related|advertisement|follow us|sign up|watch)\b|pic\.twitter\.com", re.I)


def is_statement(s: StorySentence, config: FuseConfig = DEFAULT) -> bool:
    return len(s.text.split()) >= config.min_statement_words and not _BOILERPLATE.search(s.text)


# Digits that are no figure of the statement: clock times ("9:40 p.m.", "5 a.m."), phone
# numbers, scores and ranges written with a dash ("62-46", "15-2 run").
_NOT_FIGURES = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\b\d{1,2}:\d{2}\b|"
    r"\(?\b\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}\b|\b\d+\s*[-–]\s*\d+\b",
    re.I,
)


def _numbers(text: str) -> set[str]:
    return {n.rstrip(".,").replace(",", "") for n in _NUMBER.findall(_NOT_FIGURES.sub(" ", text))}


def contradiction(a: Proposition, b: Proposition) -> str | None:
    """Why two aligned propositions disagree, or None."""
    na, nb = _numbers(a.text), _numbers(b.text)  # times, phone numbers and scores left out
    if na and nb and not (na & nb):
        return f"different figures: {', '.join(sorted(na))} vs {', '.join(sorted(nb))}"
    if a.negated != b.negated and a.verb and a.verb == b.verb:
        # Only the same verb denied: "They didn't find a gun" does not deny "They are still
        # searching for the second gun" (fusion-dev and claims-ecbplus: 0 of 4 negation
        # conflicts between different verbs were real).
        return "one source negates what the other states"
    return None


@dataclass(frozen=True)
class _Prop:
    article_index: int
    prop: Proposition
    source: str


def _word_similarity(embedder: Embedder, phrases: list[str]) -> Callable[[str, str], float]:
    embedder.encode(sorted(set(p for p in phrases if p)))  # one batch up front

    def sim(a: str, b: str) -> float:
        return 1.0 if not a or not b else embedder.similarity(a, b)

    return sim


def _subject(p: Proposition) -> str:
    # The subject is the text before the verb lemma in the normalised phrase.
    head = p.text.split(" " + p.verb, 1)[0] if p.verb and (" " + p.verb) in p.text else ""
    return head if head and not head.startswith(p.verb or "\0") else ""


def _head(phrase: str) -> str:
    return phrase.rsplit(" ", 1)[-1].lower() if phrase else ""


def align(ctx: StoryContext, embedder: Embedder) -> list[list[_Prop]]:
    props: list[_Prop] = []
    for ai, f in enumerate(ctx.facts):
        rows = {s.index for s in ctx.sentences if s.article_index == ai and is_statement(s, ctx.config)}
        props.extend(_Prop(ai, p, ctx.source_of_sentence(ai, p.sentence)) for p in f.propositions if p.sentence in rows)
    if len({p.source for p in props}) < 2:
        return []  # one independent source: nothing to align, and nothing to encode
    emb = embedder.encode([p.prop.text for p in props])
    sims = emb @ emb.T
    verbs = [p.prop.verb for p in props]
    heads = [_head(_subject(p.prop)) for p in props]
    same_verb = np.array([[va == vb for vb in verbs] for va in verbs], dtype=np.float32)
    same_head = np.array([[ha == hb != "" for hb in heads] for ha in heads], dtype=np.float32)
    lifted = sims + ctx.config.same_word_lift * (same_verb + same_head)
    word_sim = _word_similarity(embedder, [p.prop.verb or "" for p in props] + [_subject(p.prop) for p in props])
    sources = sorted({p.source for p in props})
    members = {s: [i for i, p in enumerate(props) if p.source == s] for s in sources}

    parent = list(range(len(props)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def compatible(a: int, b: int) -> bool:
        pa, pb = props[a].prop, props[b].prop
        return (
            word_sim(pa.verb or "", pb.verb or "") >= ctx.config.verb_min
            and word_sim(_subject(pa), _subject(pb)) >= ctx.config.subject_min_claims
        )

    def best(a: int, source: str) -> int | None:
        # The best *compatible* match: an incompatible one scoring higher must not hide it.
        fits = [j for j in members[source] if lifted[a, j] >= ctx.config.align_min and compatible(a, j)]
        return max(fits, key=lambda j: lifted[a, j]) if fits else None

    for a, pa in enumerate(props):
        for src in sources:
            if src == pa.source:
                continue
            b = best(a, src)
            if b is not None and best(b, pa.source) == a:  # mutual best
                parent[find(a)] = find(b)
    groups: dict[int, list[_Prop]] = {}
    for i, p in enumerate(props):
        groups.setdefault(find(i), []).append(p)
    return [g for g in groups.values() if len({p.source for p in g}) > 1]


def fuse_claims(ctx: StoryContext, embedder: Embedder) -> list[Claim]:
    claims = []
    covered: set[tuple[int, int]] = set()
    for group in align(ctx, embedder):
        group.sort(key=lambda p: (p.article_index, p.prop.start))
        reason = next(
            (
                r
                for i, a in enumerate(group)
                for b in group[i + 1 :]
                if a.source != b.source and (r := contradiction(a.prop, b.prop))
            ),
            None,
        )
        evidence = tuple(ctx.evidence(p.article_index, p.prop.start, p.prop.end, p.prop.sentence) for p in group)
        covered |= {(p.article_index, p.prop.sentence) for p in group}
        claims.append(
            Claim(
                text=" ".join(evidence[0].quote.split()),
                status="conflicting" if reason else "corroborated",
                evidence=evidence,
                articles=tuple(dict.fromkeys(ctx.facts[p.article_index].article.id for p in group)),
                reason=reason,
            )
        )
    for s in ctx.sentences:
        if (s.article_index, s.index) in covered or not is_statement(s, ctx.config) or s.index == 0:
            continue  # the headline restates the story; its claims are in the body
        claims.append(
            Claim(
                text=s.text,
                status="single_source",
                evidence=(ctx.sentence_evidence(s),),
                articles=(ctx.facts[s.article_index].article.id,),
            )
        )
    return order_claims(ctx, claims)


def order_claims(ctx: StoryContext, claims: list[Claim]) -> list[Claim]:
    """By status, then where each first stands in the story (its first article, its offset)."""
    article_pos = {f.article.id: i for i, f in enumerate(ctx.facts)}
    return sorted(
        claims,
        key=lambda c: (STATUSES.index(c.status), article_pos[c.evidence[0].article], c.evidence[0].start),
    )
