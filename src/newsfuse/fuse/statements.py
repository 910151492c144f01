"""Which sentences of two independent sources state the same fact: a pairwise score.

A sentence encoder alone cannot tell "the same fact" from "the same story": every sentence of a
report on one shooting is about that shooting, and paraphrases of one fact ("two dead and seven
injured" / "two people were killed and seven wounded") score no higher than two different facts
about the same victim. What separates them on the hand-labelled claims
(``benchmarks/data/claims-*.jsonl``) is the evidence of several weak signals together: the
encoder's similarity of the sentences and of their best pair of propositions, the words they
share weighted by how rare each is in the story (a victim's name is in every sentence, "garage"
in two), the figures and names they share or do not, and their lengths. A logistic model over
those signals (:data:`PARTS`), fitted by ``benchmarks/fit_claims.py`` on the labelled pairs and
kept in ``statement_weights.json``, gives the probability that two sentences state one fact.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..data.stop_words import ENGLISH_STOP_WORDS
from ..model import Proposition
from .context import StoryContext, StorySentence
from .embed import Embedder

# The signals, in the order of the weights vector (statement_weights.json names them).
PARTS: tuple[str, ...] = (
    "cosine",  # the two sentences' embeddings
    "proposition",  # the best pair of their propositions (the sentences' cosine when one has none)
    "containment",  # rarity-weighted share of the shorter sentence's words in the other
    "jaccard",  # rarity-weighted share of all their words that both have
    "shared_weight",  # the rarity weights of the words they share, summed, over ten (at most 1.5)
    "figures_shared",  # both state figures and share one
    "figures_differ",  # both state figures and share none
    "propositions_aligned",  # two of their propositions are each other's best compatible match
    "names_shared",  # capitalised words (names) in both, up to three, over three
    "names_only_one",  # names of the shorter not in the other, up to three, over three
    "length_ratio",  # log of the shorter's words over the longer's
    "both_lead",  # both among their articles' first sentences
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:['’][A-Za-z]+)?\b")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
# Digits that are no figure of the statement: clock times ("9:40 p.m.", "5 a.m."), phone
# numbers, scores and ranges written with a dash ("62-46", "15-2 run").
NOT_FIGURES = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\b\d{1,2}:\d{2}\b|"
    r"\(?\b\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}\b|\b\d+\s*[-–]\s*\d+\b",
    re.I,
)
# Number words and their values, for reading figures written out ("two dead" = "2 dead"); one map
# for the scorer's figure signals and for claims' contradictions.
NUMBER_WORDS: dict[str, str] = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"dozen": "12"}
_NOT_NAMES = frozenset(
    "The A An He She They It We I His Her Their Its Police Officers Authorities Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August September "
    "October November December Mr Mrs Ms Dr".split()
)
# Suffixes stripped so that "killed" / "killing" / "kills" and "shootings" / "shooting" meet.
_SUFFIX = re.compile(r"(?:ings?|ed|es|s|ly)$")
LEAD_SENTENCES = 4  # an article's headline and first three sentences: its summary of the event


def figures(text: str) -> frozenset[str]:
    """The figures a sentence states, digits and number words alike ("two" = "2"); clock times,
    phone numbers and scores are not figures."""
    clean = NOT_FIGURES.sub(" ", text)
    found = {n.rstrip(".,").replace(",", "") for n in _NUMBER.findall(clean)}
    words = [w.lower() for w in _WORD.findall(clean)]
    found.update(NUMBER_WORDS[w] for w in words if w in NUMBER_WORDS)
    return frozenset(f for f in found if f and f not in ("1", "0"))


def content_words(text: str) -> frozenset[str]:
    out = set()
    for w in _WORD.findall(text):
        w = w.lower().replace("’", "'")
        if w in ENGLISH_STOP_WORDS or len(w) < 3 or w.isdigit():
            continue
        stem = _SUFFIX.sub("", w) if len(w) > 5 else w
        out.add(stem)
    return frozenset(out)


def names(text: str) -> frozenset[str]:
    return frozenset(n for n in _NAME.findall(text) if n not in _NOT_NAMES)


@dataclass(frozen=True)
class StatementWeights:
    bias: float
    weights: tuple[float, ...]  # one per PARTS
    threshold: float  # two sentences state one fact at or above this probability
    # Below the threshold but at or above this, another source's sentence is a close counterpart
    # (a "related" statement); below it, no other source comes near (a single-source statement).
    related_min: float


@lru_cache(maxsize=1)
def load_statement_weights() -> StatementWeights:
    data = json.loads(resources.files(__package__).joinpath("statement_weights.json").read_text(encoding="utf-8"))
    w = data["weights"]
    return StatementWeights(
        float(w["bias"]), tuple(float(w[p]) for p in PARTS), float(data["threshold"]), float(data["related_min"])
    )


@dataclass(frozen=True)
class StatementPairs:
    """The story's statement sentences (rows into ``ctx.sentences``) and, for every two of them,
    the signals of :data:`PARTS` (``features[i, j]``) and whether they come from one source."""

    rows: tuple[int, ...]
    features: np.ndarray  # (n, n, len(PARTS)), float32
    same_source: np.ndarray  # (n, n), bool

    def probability(self, weights: StatementWeights) -> np.ndarray:
        z = weights.bias + self.features @ np.asarray(weights.weights, dtype=np.float32)
        p = 1.0 / (1.0 + np.exp(-z))
        p[self.same_source] = 0.0
        return p


def statement_pairs(ctx: StoryContext, rows: list[int], embedder: Embedder) -> StatementPairs:
    """Signals for every two of the given sentences (rows into ``ctx.sentences``)."""
    n = len(rows)
    sents = [ctx.sentences[r] for r in rows]
    emb = ctx.embeddings[rows] if n else np.zeros((0, ctx.embeddings.shape[1]), dtype=np.float32)
    cosine = emb @ emb.T

    # Propositions: the best pair's cosine, per sentence pair.
    prop_rows: list[int] = []
    prop_texts: list[str] = []
    where = {(s.article_index, s.index): i for i, s in enumerate(sents)}
    for ai, f in enumerate(ctx.facts):
        for p in f.propositions:
            i = where.get((ai, p.sentence))
            if i is not None and p.text:
                prop_rows.append(i)
                prop_texts.append(p.text)
    proposition = cosine.copy()
    if prop_texts:
        pe = embedder.encode(prop_texts)
        ps = pe @ pe.T
        owner = np.asarray(prop_rows)
        best = np.full((n, n), -1.0, dtype=np.float32)
        # max over the propositions of sentence a, then of sentence b
        by_a = np.full((n, len(prop_texts)), -1.0, dtype=np.float32)
        np.maximum.at(by_a, owner, ps)
        np.maximum.at(best.T, owner, by_a.T)
        has = np.zeros(n, dtype=bool)
        has[owner] = True
        both = has[:, None] & has[None, :]
        proposition = np.where(both, best, cosine)

    # Words weighted by rarity in the story (inverse sentence frequency).
    bags = [content_words(s.text) for s in sents]
    vocab: dict[str, int] = {}
    for bag in bags:
        # Sorted: a set's order follows the process's string hashes, and the column order decides
        # the rounding of the sums below; two copies of one sentence must score exactly alike in
        # every process (one process and the workers picked different copies on gva-dev).
        for w in sorted(bag):
            vocab.setdefault(w, len(vocab))
    x = np.zeros((n, max(len(vocab), 1)), dtype=np.float32)
    for i, bag in enumerate(bags):
        x[i, [vocab[w] for w in bag]] = 1.0
    df = x.sum(axis=0)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    shared = (x * idf) @ x.T
    total = x @ idf
    smaller = np.minimum(total[:, None], total[None, :])
    containment = np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)
    union = total[:, None] + total[None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)

    figs = [figures(s.text) for s in sents]
    nms = [names(s.text) for s in sents]
    lengths = np.asarray([max(len(s.text.split()), 1) for s in sents], dtype=np.float32)
    lead = np.asarray([s.index < LEAD_SENTENCES for s in sents], dtype=np.float32)
    fig_shared = np.zeros((n, n), dtype=np.float32)
    fig_differ = np.zeros((n, n), dtype=np.float32)
    names_shared = np.zeros((n, n), dtype=np.float32)
    names_only = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            if figs[i] and figs[j]:
                common = bool(figs[i] & figs[j])
                fig_shared[i, j] = fig_shared[j, i] = common
                fig_differ[i, j] = fig_differ[j, i] = not common
            if nms[i] or nms[j]:
                both_names = len(nms[i] & nms[j])
                short, other = (nms[i], nms[j]) if lengths[i] <= lengths[j] else (nms[j], nms[i])
                names_shared[i, j] = names_shared[j, i] = min(both_names, 3) / 3
                names_only[i, j] = names_only[j, i] = min(len(short - other), 3) / 3
    length_ratio = np.log(
        np.minimum(lengths[:, None], lengths[None, :]) / np.maximum(lengths[:, None], lengths[None, :])
    )
    both_lead = lead[:, None] * lead[None, :]

    features = np.stack(
        [
            cosine,
            proposition,
            containment,
            jaccard,
            np.minimum(shared / 10.0, 1.5),
            fig_shared,
            fig_differ,
            proposition_links(ctx, sents, embedder),
            names_shared,
            names_only,
            length_ratio,
            both_lead,
        ],
        axis=-1,
    ).astype(np.float32)
    sources = [ctx.source_of_sentence(s.article_index, s.index) for s in sents]
    same = np.asarray([[a == b for b in sources] for a in sources], dtype=bool).reshape(n, n)
    return StatementPairs(tuple(rows), features, same)


# -- propositions aligned: who did what to whom, matched across sources -----------------------------
#
# Whole sentences of two reports of one event are all "about the Taliban and Afghan forces";
# short propositions ("Taliban capture dozen district" / "Taliban seize dozen district") separate
# what is the same statement from what is merely the same topic, when their verbs and subjects are
# compatible too (so "commandos arrive in Qala-e-Naw" does not confirm "Taliban enter Qala-e-Naw").


def _subject(p: Proposition) -> str:
    # The subject is the text before the verb lemma in the normalised phrase.
    head = p.text.split(" " + p.verb, 1)[0] if p.verb and (" " + p.verb) in p.text else ""
    return head if head and not head.startswith(p.verb or "\0") else ""


def _head(phrase: str) -> str:
    return phrase.rsplit(" ", 1)[-1].lower() if phrase else ""


def proposition_links(ctx: StoryContext, sents: list[StorySentence], embedder: Embedder) -> np.ndarray:
    """(n, n) 1.0 where a proposition of one sentence and one of the other, from two sources,
    are each other's best compatible match above ``config.align_min``."""
    n = len(sents)
    out = np.zeros((n, n), dtype=np.float32)
    where = {(s.article_index, s.index): i for i, s in enumerate(sents)}
    props: list[tuple[int, Proposition, str]] = []  # (sentence, proposition, source)
    for ai, f in enumerate(ctx.facts):
        for p in f.propositions:
            i = where.get((ai, p.sentence))
            if i is not None and p.text:
                props.append((i, p, ctx.source_of_sentence(ai, p.sentence)))
    if len({src for _, _, src in props}) < 2:
        return out
    config = ctx.config
    emb = embedder.encode([p.text for _, p, _ in props])
    verbs = [p.verb for _, p, _ in props]
    heads = [_head(_subject(p)) for _, p, _ in props]
    same_verb = np.array([[va == vb for vb in verbs] for va in verbs], dtype=np.float32)
    same_head = np.array([[ha == hb != "" for hb in heads] for ha in heads], dtype=np.float32)
    lifted = emb @ emb.T + config.same_word_lift * (same_verb + same_head)
    phrases = [p.verb or "" for _, p, _ in props] + [_subject(p) for _, p, _ in props]
    embedder.encode(sorted(set(x for x in phrases if x)))  # one batch up front

    def word_sim(a: str, b: str) -> float:
        return 1.0 if not a or not b else embedder.similarity(a, b)

    def compatible(a: Proposition, b: Proposition) -> bool:
        return (
            word_sim(a.verb or "", b.verb or "") >= config.verb_min
            and word_sim(_subject(a), _subject(b)) >= config.subject_min_claims
        )

    sources = sorted({src for _, _, src in props})
    members = {s: [k for k, (_, _, src) in enumerate(props) if src == s] for s in sources}
    memo: dict[tuple[int, str], int | None] = {}

    def best(a: int, source: str) -> int | None:
        # The best *compatible* match: an incompatible one scoring higher must not hide it.
        if (a, source) not in memo:
            fits = [
                j for j in members[source] if lifted[a, j] >= config.align_min and compatible(props[a][1], props[j][1])
            ]
            memo[(a, source)] = max(fits, key=lambda j: lifted[a, j]) if fits else None
        return memo[(a, source)]

    for a, (ia, _, src_a) in enumerate(props):
        for src in sources:
            if src == src_a:
                continue
            b = best(a, src)
            if b is not None and best(b, src_a) == a:  # mutual best
                ib = props[b][0]
                out[ia, ib] = out[ib, ia] = 1.0
    return out
