"""Propositions: who did what to whom, one per content verb, from the dependency parse.

"Local officials said some security officers had surrendered to the Taliban, and the insurgents
opened the gates of the city jail, freeing hundreds of prisoners" holds three statements a
second outlet may confirm one by one. Each becomes a short normalised phrase
("security officers surrender to Taliban", "insurgents open gates", "insurgents free prisoners")
for alignment, with the offsets of its clause as evidence. Passives are turned active
("the Taliban have been pushed back by special forces" -> "special forces push back Taliban").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..data.speech_vocab import XCOMP_CUES
from ..model import Article, Proposition
from .common import sentence_index

# Verbs that carry no event of their own: reporting verbs (their clause is the statement),
# copulas and light verbs.
NON_EVENT_VERBS = frozenset(
    "say tell report quote add state claim insist believe think know according be have do get make "
    "appear seem come go begin continue include remain".split()
)
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "acl", "xcomp", "pcomp", "parataxis"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "poss", "nmod", "quantmod"})
MAX_PREPS = 2
# Clauses hanging off a verb that are statements of their own, left out of its evidence span.
NESTED_CLAUSE_DEPS = frozenset({"conj", "advcl", "ccomp", "parataxis"})


def _phrase(head: Token) -> list[Token]:
    """The head noun with its close modifiers ("city jail", "hundreds of prisoners")."""
    tokens = [t for t in head.lefts if t.dep_ in MODIFIER_DEPS and not t.is_punct]
    tokens.append(head)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            tokens.extend(t for t in child.rights if t.dep_ == "pobj")
            for pobj in child.rights:
                tokens[-1:-1] = [t for t in pobj.lefts if t.dep_ in MODIFIER_DEPS]
    return sorted(set(tokens), key=lambda t: t.i)


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject and whether it is passive; inherited along conj/participle chains."""
    seen = 0
    while verb is not None and seen < 4:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return child, child.dep_ == "nsubjpass"
        if verb.dep_ in {"conj", "advcl", "acl", "xcomp"} and verb.head is not verb:
            verb = verb.head
            seen += 1
            continue
        break
    return None, False


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _words(tokens: list[Token]) -> str:
    return " ".join(
        t.lemma_.lower() if t.pos_ in {"NOUN", "VERB"} else t.text for t in tokens if not t.is_punct and t.pos_ != "DET"
    )


def _unasserted(verb: Token) -> bool:
    """An infinitive the text does not say happened: under a negated verb ("Tamimi was not asked
    to enter a plea") or a verb of wanting, asking or refusing ("refused to enter a plea")."""
    if verb.dep_ != "xcomp":
        return False
    head = verb.head
    return any(c.dep_ == "neg" for c in head.children) or head.lemma_.lower() in XCOMP_CUES


def proposition(verb: Token) -> Proposition | None:
    if verb.pos_ != "VERB" or verb.lemma_.lower() in NON_EVENT_VERBS or verb.dep_ not in CLAUSE_DEPS:
        return None
    if _unasserted(verb):
        return None
    subject, passive = _subject(verb)
    obj = next((c for c in verb.children if c.dep_ in OBJECT_DEPS), None)
    if passive:
        subject, obj = _agent(verb), subject
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ != "by"][:MAX_PREPS]
    if subject is None and obj is None and not preps:
        return None
    negated = any(c.dep_ == "neg" for c in verb.children)
    particle = [c for c in verb.children if c.dep_ == "prt"]
    parts: list[str] = []
    if subject is not None:
        parts.append(_words(_phrase(subject)))
    parts.append(("not " if negated else "") + verb.lemma_.lower() + "".join(" " + p.lower_ for p in particle))
    if obj is not None:
        parts.append(_words(_phrase(obj)))
    for prep in preps:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            parts.append(prep.lower_ + " " + _words(_phrase(pobj)))
    text = " ".join(p for p in parts if p)
    if len(text.split()) < 3:
        return None
    # Evidence: the clause, i.e. the verb's subtree within its sentence, widened to the
    # subject when the subject stands outside it (inherited subjects do).
    sent = verb.sent
    nested = {
        t.i for c in verb.children if c.dep_ in NESTED_CLAUSE_DEPS and c.pos_ in {"VERB", "AUX"} for t in c.subtree
    }
    nested |= {c.i for c in verb.children if c.dep_ == "cc"}
    tokens = [t for t in verb.subtree if sent.start <= t.i < sent.end and t.i not in nested]
    if subject is not None and subject.sent == sent:
        tokens.extend(_phrase(subject))
    # A clause's own subordinate clauses are separate propositions; keep evidence tight.
    start_tok = min(tokens, key=lambda t: t.i)
    end_tok = max(tokens, key=lambda t: t.i)
    while end_tok.is_punct and end_tok.i > start_tok.i:
        end_tok = verb.doc[end_tok.i - 1]
    while start_tok.is_punct and start_tok.i < end_tok.i:
        start_tok = verb.doc[start_tok.i + 1]
    start, end = start_tok.idx, end_tok.idx + len(end_tok.text)
    return Proposition(
        text=text,
        start=start,
        end=end,
        sentence=sentence_index(verb.doc, verb),
        negated=negated,
        verb=verb.lemma_.lower(),
    )


def extract_propositions(doc: Doc, article: Article) -> list[Proposition]:
    out = []
    for token in doc:
        prop = proposition(token)
        if prop is not None:
            out.append(prop)
    return out
