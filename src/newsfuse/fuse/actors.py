"""Actors across the articles of a story: name variants merged, different people kept apart.

Within an article a surname alone ("Shams") joins the full name it shortens. Across articles
two person names join when their surnames match closely and their given names are compatible
(fuzzy: "Hasamuddin" / "Hisamudin"), unless both carry roles that share no word ("governor" vs
"shopkeeper"), which marks two different people with one surname; descriptions anyone may carry
("woman", "20-year-old", "victim") are no such role. Organisations join on a
normalised name ("the defence ministry" = "Ministry of Defense").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import Actor, ActorKind, Evidence
from .config import DEFAULT, FuseConfig
from .context import StoryContext

# NORP (nationalities, religions: "Afghan", "Muslim") are not actors; armed or political groups
# the model tags ORG ("Taliban") become kind "group" where the story frames them as one.
KINDS: dict[str, ActorKind] = {"PERSON": "person", "ORG": "organization"}
# Words in roles that say nothing about who someone is ("the", "of", "provincial" ...).
ROLE_STOP = {
    "the",
    "a",
    "an",
    "of",
    "for",
    "in",
    "at",
    "to",
    "and",
    "former",
    "then",
    "provincial",
    "local",
    "senior",
    "deputy",
    "acting",
    "top",
    "chief",
}
# British/American spellings and word orders of one organisation name.
ORG_SPELLINGS = {"defence": "defense", "programme": "program", "organisation": "organization", "centre": "center"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w\s]", " ", text.lower()).strip()


_POSSESSIVE = re.compile(r"['’]s\b")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['’‘](?=\w)")  # "A’Naiya", "O'Brien": one word


def name_tokens(name: str) -> list[str]:
    name = _INNER_APOSTROPHE.sub("", _POSSESSIVE.sub("", name))
    return [t for t in _fold(name).split() if t not in {"the", "mr", "mrs", "ms", "dr"}]


def org_key(name: str) -> str:
    """ "the defence ministry" and "Ministry of Defense" -> "defense ministry"."""
    words = [ORG_SPELLINGS.get(w, w) for w in _fold(name).split() if w not in {"the", "s"}]
    if len(words) >= 3 and words[1] == "of":  # "ministry of defense" -> "defense ministry"
        words = words[2:] + [words[0]]
    return " ".join(words)


# Words of a description that any person may carry beside an office ("the woman, 20-year-old" and
# "his girlfriend" describe one victim): they never tell two people apart.
DESCRIPTION_WORDS = frozenset(
    "his her their its year old man woman men women boy girl male female teen teenager child kid baby person "
    "resident victim".split()
)


def role_words(roles: set[str]) -> set[str]:
    words = set()
    for r in roles:
        words |= {
            w
            for w in _fold(r).split()
            if w not in ROLE_STOP and w not in DESCRIPTION_WORDS and len(w) > 2 and not any(c.isdigit() for c in w)
        }
    return words


@dataclass
class ActorCluster:
    kind: ActorKind
    names: Counter = field(default_factory=Counter)
    roles: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int, int, int]] = field(default_factory=list)  # (article, sentence, start, end)
    first: tuple[int, int] = (10**9, 10**9)

    @property
    def full_name(self) -> str:
        # The longest common variant: a full name beats a bare surname.
        return max(self.names, key=lambda n: (len(name_tokens(n)) > 1, self.names[n], -self.first[0]))


def _given_names(ta: list[str], tb: list[str]) -> tuple[str, str]:
    """The given names of two full names as compared: all of them, or the first alone when one
    name has a middle name the other leaves out ("Anaiya Denise Montgomery" / "Aniaya
    Montgomery")."""
    if len(ta) != len(tb):
        return ta[0], tb[0]
    return " ".join(ta[:-1]), " ".join(tb[:-1])


def persons_compatible(a: ActorCluster, b: ActorCluster, config: FuseConfig = DEFAULT) -> bool:
    ta, tb = name_tokens(a.full_name), name_tokens(b.full_name)
    if not ta or not tb:
        return False
    if fuzz.ratio(ta[-1], tb[-1]) < config.surname_min:
        return False
    if len(ta) > 1 and len(tb) > 1 and fuzz.ratio(*_given_names(ta, tb)) < config.given_name_min:
        return False
    wa, wb = role_words(a.roles), role_words(b.roles)
    if wa and wb and not (wa & wb):
        return False
    if (len(ta) == 1 or len(tb) == 1) and not (wa and wb and wa & wb) and ta[-1] != tb[-1]:
        return False  # a bare, differently spelt surname needs a shared role to join
    return True


def _article_clusters(ctx: StoryContext, ai: int) -> list[ActorCluster]:
    facts = ctx.facts[ai]
    roles_by_name: dict[str, set[str]] = defaultdict(set)
    for r in facts.roles:
        roles_by_name[r.name].add(r.role)
    clusters: list[ActorCluster] = []
    index: dict[str, ActorCluster] = {}
    ents = sorted((e for e in facts.entities if e.label in KINDS), key=lambda e: -len(e.text.split()))
    for e in ents:
        kind = KINDS[e.label]
        key = _fold(e.text) if kind == "person" else org_key(e.text)
        if not key:
            continue
        cluster = index.get(kind + ":" + key)
        if cluster is None and kind == "person":
            toks = key.split()
            # "Shams" alone shortens the full name met in this article.
            for c in clusters:
                if c.kind == "person" and len(toks) == 1 and name_tokens(c.full_name)[-1:] == toks:
                    cluster = c
                    break
        if cluster is None:
            cluster = ActorCluster(kind)
            clusters.append(cluster)
        index[kind + ":" + key] = cluster
        cluster.names[e.text] += 1
        cluster.roles |= roles_by_name.get(e.text, set())
        cluster.mentions.append((ai, e.sentence, e.start, e.end))
        cluster.first = min(cluster.first, (ai, e.start))
    return clusters


def _merge(into: ActorCluster, other: ActorCluster) -> None:
    into.names.update(other.names)
    into.roles |= other.roles
    into.mentions.extend(other.mentions)
    into.first = min(into.first, other.first)


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-") or "actor"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def actor_clusters(ctx: StoryContext) -> list[ActorCluster]:
    """The story's people and organisations, each with every mention in every article."""
    merged: list[ActorCluster] = []
    for ai in range(len(ctx.facts)):
        for c in _article_clusters(ctx, ai):
            target = None
            for m in merged:
                if m.kind != c.kind:
                    continue
                if c.kind == "person" and persons_compatible(m, c, ctx.config):
                    target = m
                elif c.kind != "person" and org_key(m.full_name) == org_key(c.full_name):
                    target = m
                if target:
                    break
            if target:
                _merge(target, c)
            else:
                merged.append(c)
    return merged


def fuse_actors(ctx: StoryContext, clusters: list[ActorCluster] | None = None) -> list[Actor]:
    merged = actor_clusters(ctx) if clusters is None else clusters
    taken: set[str] = set()
    actors = []
    for c in sorted(merged, key=lambda c: (-len({m[0] for m in c.mentions}), -len(c.mentions), c.first)):
        name = c.full_name
        evidence: list[Evidence] = []
        per_article: Counter = Counter()
        for ai, si, start, end in sorted(c.mentions):
            if per_article[ai] < ctx.config.evidence_per_article:
                evidence.append(ctx.evidence(ai, start, end, si))
                per_article[ai] += 1
        aliases = tuple(sorted({n for n in c.names if _fold(n) != _fold(name)}))
        actors.append(
            Actor(
                id=_slug(name, taken),
                name=name,
                aliases=aliases,
                kind=c.kind,
                roles=tuple(sorted(c.roles, key=lambda r: (r.lower(), r))),
                evidence=tuple(evidence),
                articles=tuple(dict.fromkeys(ctx.facts[m[0]].article.id for m in sorted(c.mentions))),
            )
        )
    return actors


def find_actor(actors: list[Actor], name: str | None) -> Actor | None:
    """The actor a speaker name refers to (exact, alias, or surname of a person)."""
    if not name:
        return None
    folded = _fold(name)
    key = org_key(name)
    for a in actors:
        if (
            folded == _fold(a.name)
            or folded in {_fold(x) for x in a.aliases}
            or (a.kind != "person" and key == org_key(a.name))
        ):
            return a
    toks = name_tokens(name)
    for a in actors:
        if a.kind == "person" and toks and name_tokens(a.name)[-1:] == toks[-1:] and len(toks) == 1:
            return a
    # "a spokesperson from the Ministry of Interior Affairs" speaks for the ministry.
    named = [a for a in actors if a.kind != "person" and re.search(r"\b" + re.escape(_fold(a.name)) + r"\b", folded)]
    return max(named, key=lambda a: len(a.name)) if named else None
