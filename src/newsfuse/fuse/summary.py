"""A short extractive summary: the most central statements, corroborated ones first.

Each sentence scores its similarity to the story's centroid, plus a lift when other sources
corroborate it and when it stands early in its article (news puts the gist first). Near-
repeats of a chosen sentence are skipped. Every line cites its sentence and the sentences of
other sources that corroborate it.
"""

from __future__ import annotations

import numpy as np

from ..model import Claim, SummaryLine
from .claims import is_statement
from .context import StoryContext


def fuse_summary(ctx: StoryContext, claims: list[Claim]) -> list[SummaryLine]:
    rows = [i for i, s in enumerate(ctx.sentences) if is_statement(s, ctx.config) and s.index > 0]
    if not rows:
        return []
    claim_of: dict[tuple[str, int], Claim] = {}
    for each in claims:
        for ev in each.evidence:
            claim_of[(ev.article, ev.sentence)] = each
    centroid = ctx.embeddings[rows].mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0

    def score(r: int) -> float:
        s = ctx.sentences[r]
        claim = claim_of.get((ctx.facts[s.article_index].article.id, s.index))
        lift = ctx.config.summary_corroborated_lift if claim and claim.status == "corroborated" else 0.0
        return float(ctx.embeddings[r] @ centroid) + lift + (ctx.config.summary_lead_lift if s.index <= 3 else 0.0)

    chosen: list[int] = []
    for r in sorted(rows, key=score, reverse=True):
        if any(float(ctx.embeddings[r] @ ctx.embeddings[c]) > ctx.config.summary_repeat_max for c in chosen):
            continue
        chosen.append(r)
        if len(chosen) == ctx.config.summary_lines:
            break
    lines = []
    for r in sorted(chosen, key=lambda r: (ctx.sentences[r].article_index, ctx.sentences[r].index)):
        s = ctx.sentences[r]
        claim = claim_of.get((ctx.facts[s.article_index].article.id, s.index))
        own = ctx.sentence_evidence(s)
        others = tuple(
            e for e in (claim.evidence if claim else ()) if (e.article, e.sentence) != (own.article, own.sentence)
        )
        lines.append(SummaryLine(text=s.text, evidence=(own, *others)))
    return lines
