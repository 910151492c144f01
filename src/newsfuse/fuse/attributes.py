"""What sources say about one named person, compared source by source: the spelling of the
name and the age.

Local coverage of one shooting spells a victim "Akielah" in one outlet and "Akeilah" in
another, or gives a suspect's age as 25, 26 and 24: the reader must know the sources disagree,
and a sentence aligner never sees it (the sentences say different things around the name).
Actors (:mod:`.actors`) already join the variants of one name across articles; here each
variant and each stated age is kept with the source that printed it, and becomes a claim:

- **spelling**: two independent sources print the same part of the name (given name or
  surname) differently, beyond case, accents and punctuation ("Akielah" / "Akeilah", "Anaiya" /
  "Aniaya"; not "Anaiya" / "A'Naiya");
  a middle name left out is not a difference, and neither are transliterations: in a story
  whose event lies where names are written in another script ("Hasamuddin" / "Hisamudin
  Shams" in Afghanistan) spellings are each outlet's style;
- **age**: "Nicholas Lindsay, 25,", "25-year-old Nicholas Lindsay", "Lindsay, a 25-year-old";
  ages from two independent sources agree when they differ by no more than the time between
  the reports allows (a birthday may fall in between: ``FuseConfig.age_birthday_days``), else
  they conflict. One age from two sources is a corroborated claim; ages that grow with the
  time between the reports are an update.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..model import Claim, Evidence
from .actors import ActorCluster, name_tokens
from .context import StoryContext

# "Nicholas Lindsay, 25," / "Lindsay, 25." / "Lindsay (25)" / "Lindsay, age 25" / "Lindsay, a 25-year-old"
_AGE_AFTER = re.compile(
    r"\s*(?:,\s*(?:age\s+|aged\s+)?(\d{1,3})(?=\s*(?:,|\.(?!\d)|;|\)|\s+(?:of|and|from|was|is|who|were|has|had)\b|$))"
    r"|\((\d{1,3})\)"
    r"|,\s*(?:a|an|the)\s+(\d{1,3})-year-old\b)"
)
# "25-year-old Nicholas Lindsay", "the 25-year-old suspect, Nicholas Lindsay"
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s+(?:[a-z]+\s+){0,2}(?:,\s*)?$")
_AGE_MAX = 120
# Two spellings of one name part are this alike at least ("Akielah" / "Akeilah" 86, "Anaiya" /
# "Aniaya" 83); below, the entity span took a title or another word ("Officer John"), set by hand.
SPELLING_MIN = 70


# Countries whose people's names reach English news transliterated from another script (Arabic,
# Persian, Cyrillic, Greek, Hebrew, Indic, Chinese, Japanese, Korean, Thai, Ethiopic, ...): ISO
# 3166-1 alpha-2, set by hand.
NON_LATIN_SCRIPT_COUNTRIES = frozenset(
    "AF IR IQ SY SA YE EG LY SD SS JO LB PS IL AE QA KW BH OM DZ MA TN MR RU UA BY KZ KG TJ MN CN TW HK MO "
    "JP KR KP TH MM LA KH IN PK BD NP LK BT MV GR CY GE AM BG RS MK ET ER".split()
)


@dataclass(frozen=True)
class _Stated:
    value: str  # the spelling, or the age as digits
    source: str  # independent source
    article_index: int
    published: dt.date | None
    evidence: Evidence


def _spelling(token: str) -> str:
    """A name part as spelt, without case, accents, a possessive ending or inner apostrophes and
    hyphens: what a copy editor's house style changes ("De’Shaun" / "DeShaun", "A’Naiya" /
    "Anaiya" are one spelling, as benchmarks/data/LABELLING.md has it; "Aniaya" is another)."""
    token = unicodedata.normalize("NFKD", token.replace("’", "'").replace("‘", "'"))
    token = "".join(c for c in token if not unicodedata.combining(c)).lower()
    token = re.sub(r"'s$|'$", "", token)
    return re.sub(r"(?<=\w)['-](?=\w)", "", token.strip('.,;:"()'))


def _name_parts(name: str) -> tuple[str, str] | None:
    """(given name, surname) of a written full name; None for a bare surname or an initial."""
    words = [w for w in name.split() if _spelling(w)]
    keys = name_tokens(name)
    if len(words) < 2 or len(keys) < 2:
        return None
    given, surname = _spelling(words[0]), _spelling(words[-1])
    if len(given.replace(".", "")) <= 1 or surname in {"jr", "sr", "ii", "iii", "iv"}:
        return None
    return given, surname


def _spelling_claims(ctx: StoryContext, cluster: ActorCluster) -> list[Claim]:
    by_part: dict[int, list[_Stated]] = defaultdict(list)
    for ai, si, start, end in cluster.mentions:
        article = ctx.facts[ai].article
        parts = _name_parts(article.text[start:end])
        if parts is None:
            continue
        for i, part in enumerate(parts):
            by_part[i].append(
                _Stated(part, ctx.source_of_sentence(ai, si), ai, article.published, ctx.evidence(ai, start, end, si))
            )
    claims = []
    for i, stated in sorted(by_part.items()):
        common = Counter(s.value for s in stated).most_common(1)[0][0]
        stated = [s for s in stated if fuzz.ratio(s.value, common) >= SPELLING_MIN]
        # the spelling each source uses most; a source spelling the name two ways disagrees with itself only
        by_source: dict[str, dict[str, list[_Stated]]] = defaultdict(lambda: defaultdict(list))
        for s in stated:
            by_source[s.source][s.value].append(s)
        spelt = {
            src: max(v.items(), key=lambda kv: (len(kv[1]), -kv[1][0].evidence.start)) for src, v in by_source.items()
        }
        variants = {value for value, _ in spelt.values()}
        if len(spelt) < 2 or len(variants) < 2:
            continue
        per_article: Counter[int] = Counter()
        kept = []
        for _, items in spelt.values():
            for item in items:
                if per_article[item.article_index] < ctx.config.evidence_per_article:
                    per_article[item.article_index] += 1
                    kept.append(item)
        evidence = tuple(i.evidence for i in sorted(kept, key=lambda i: (i.article_index, i.evidence.start)))
        part = "first name" if i == 0 else "surname"
        shown = " vs ".join(sorted({e.quote for e in evidence}))
        claims.append(
            Claim(
                text=f"Spelling of {cluster.full_name}'s {part}: {shown}",
                status="conflicting",
                evidence=evidence,
                articles=tuple(dict.fromkeys(e.article for e in evidence)),
                reason=f"the sources spell the {part} differently: {shown}",
                kind="spelling",
            )
        )
    return claims


def _age_at(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(age, span start, span end) stated right at a name mention."""
    after = _AGE_AFTER.match(text, end, min(len(text), end + 30))
    if after:
        value = next(g for g in after.groups() if g)
        return int(value), start, after.end()
    before = _AGE_BEFORE.search(text, max(0, start - 60), start)
    if before:
        return int(before.group(1)), before.start(), end
    return None


def _years_between(a: _Stated, b: _Stated, birthday_days: int) -> tuple[int, int]:
    """How many years older the person may be in ``b`` than in ``a`` (``a`` published first)."""
    if not (a.published and b.published):
        return (0, 0)
    days = (b.published - a.published).days
    whole = int(days / 365.25)
    return whole, whole + (1 if days - whole * 365.25 >= birthday_days else 0)


def _age_status(chosen: list[_Stated], birthday_days: int) -> str:
    """corroborated (one age), updated (ages that grow with the time between the reports), or
    conflicting."""
    if len({s.value for s in chosen}) == 1:
        return "corroborated"
    ordered = sorted(chosen, key=lambda s: s.published or dt.date.min)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if a.source == b.source:
                continue
            low, high = _years_between(a, b, birthday_days)
            if not low <= int(b.value) - int(a.value) <= high:
                return "conflicting"
    return "updated"


def _age_claim(ctx: StoryContext, cluster: ActorCluster) -> Claim | None:
    stated: list[_Stated] = []
    for ai, si, start, end in cluster.mentions:
        article = ctx.facts[ai].article
        found = _age_at(article.text, start, end)
        if found is None or not 0 < found[0] <= _AGE_MAX:
            continue
        age, span_start, span_end = found
        where = ctx.evidence(ai, span_start, span_end, si)
        stated.append(_Stated(str(age), ctx.source_of_sentence(ai, si), ai, article.published, where))
    if len({s.source for s in stated}) < 2:
        return None
    first_of: dict[tuple[str, str], _Stated] = {}
    for item in sorted(stated, key=lambda item: (item.article_index, item.evidence.start)):
        first_of.setdefault((item.source, item.value), item)
    chosen = list(first_of.values())
    name = cluster.full_name
    status = _age_status(chosen, ctx.config.age_birthday_days)
    evidence = tuple(s.evidence for s in chosen)
    articles = tuple(dict.fromkeys(e.article for e in evidence))
    if status == "corroborated":
        return Claim(
            text=f"{name} is {chosen[0].value}", status="corroborated", evidence=evidence, articles=articles, kind="age"
        )
    first_said: dict[str, _Stated] = {}
    for s in sorted(chosen, key=lambda s: (s.published or dt.date.min, int(s.value))):
        first_said.setdefault(s.value, s)
    shown = ", ".join(f"{s.value} ({s.published})" if s.published else s.value for s in first_said.values())
    return Claim(
        text=f"{name}'s age: {shown}",
        status="conflicting" if status == "conflicting" else "updated",
        evidence=evidence,
        articles=articles,
        reason=f"different ages: {shown}" if status == "conflicting" else None,
        kind="age",
    )


def attribute_claims(
    ctx: StoryContext, clusters: list[ActorCluster], event_countries: set[str] | frozenset[str] = frozenset()
) -> list[Claim]:
    """Spelling and age claims of the story's named people (clusters from
    :func:`.actors.actor_clusters`). Where the event is in a country whose names are written in
    another script (``event_countries``), spellings are transliterations: each outlet's house
    style, not a disagreement ("Hasamuddin" / "Hisamudin Shams": one person, two spellings, as
    the actor's aliases show)."""
    transliterated = bool(event_countries) and event_countries <= NON_LATIN_SCRIPT_COUNTRIES
    claims: list[Claim] = []
    for cluster in clusters:
        if cluster.kind != "person":
            continue
        if not transliterated:
            claims.extend(_spelling_claims(ctx, cluster))
        age = _age_claim(ctx, cluster)
        if age is not None:
            claims.append(age)
    return claims
