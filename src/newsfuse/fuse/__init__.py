"""Fusion: a Story (its articles' facts) in, a cross-checked StoryReport out."""

from __future__ import annotations

import dataclasses
from functools import cache

from threadpoolctl import ThreadpoolController

from ..model import FusedQuote, Story, StoryReport
from .actors import actor_clusters, find_actor, fuse_actors
from .attributes import attribute_claims
from .claims import fuse_claims, order_claims
from .config import DEFAULT, FuseConfig
from .context import StoryContext, build_context
from .counts import fuse_counts
from .embed import Embedder
from .event import event_type, fuse_when, fuse_where, headline
from .framing import framed_actors, fuse_framing
from .summary import fuse_summary

__all__ = ["Embedder", "FuseConfig", "fuse_story"]


def fuse_quotes(ctx: StoryContext, actors) -> list[FusedQuote]:
    out, seen = [], set()
    for ai, f in enumerate(ctx.facts):
        source = ctx.source_of[f.article.id]
        for q in f.quotes:
            key = (source, " ".join(q.text.split()).lower())
            if key in seen:  # the same statement in a syndicated copy
                continue
            seen.add(key)
            actor = find_actor(actors, q.speaker)
            out.append(
                FusedQuote(
                    speaker=actor.id if actor else None,
                    speaker_text=q.speaker,
                    text=q.text,
                    direct=q.direct,
                    evidence=ctx.evidence(ai, q.start, q.end, q.sentence),
                    cue=q.cue,
                    given_to=q.given_to,
                    negated=q.negated,
                )
            )
    return out


@cache
def _threadpools() -> ThreadpoolController:
    return ThreadpoolController()  # inspects the loaded BLAS libraries once


def fuse_story(story: Story, embedder: Embedder, config: FuseConfig = DEFAULT) -> StoryReport:
    """The story's report, computed on one BLAS thread. Fusion's products are of a few dozen
    sentence vectors: a second thread only waits (fusion of the 174 stories of 400 gva-dev articles:
    62 s of CPU with OpenBLAS on the machine's two cores, 32 s on one, and less wall time), and a
    sum split across threads can round differently, so the report would depend on the machine's
    cores (one 'related' evidence sentence did, between one process and the workers)."""
    with _threadpools().limit(limits=1, user_api="blas"):
        return _fuse_story(story, embedder, config)


def _fuse_story(story: Story, embedder: Embedder, config: FuseConfig) -> StoryReport:
    ctx = build_context(story, embedder, config)
    clusters = actor_clusters(ctx)
    actors = fuse_actors(ctx, clusters)
    framing = fuse_framing(ctx, actors)
    groups = framed_actors(framing)
    actors = [dataclasses.replace(a, kind="group") if a.id in groups else a for a in actors]
    claims = fuse_claims(ctx, embedder)
    summary = fuse_summary(ctx, claims)  # from the sentences' claims only
    when = fuse_when(ctx)
    where = fuse_where(ctx)
    countries = {w.country for w in where if w.role == "event" and w.country}
    claims = order_claims(ctx, claims + attribute_claims(ctx, clusters, event_countries=countries))
    return StoryReport(
        id=story.id,
        headline=headline(ctx),
        articles=tuple(f.article.id for f in ctx.facts),
        event_type=event_type(ctx),
        when=when,
        where=tuple(where),
        actors=tuple(actors),
        counts=tuple(fuse_counts(ctx, embedder, when.date)),
        quotes=tuple(fuse_quotes(ctx, actors)),
        claims=tuple(claims),
        summary=tuple(summary),
        framing=tuple(framing),
        copies=dict(story.copies),
    )
