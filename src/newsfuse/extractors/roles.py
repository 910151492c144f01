"""Roles the article gives named people: appositions and titles in front of a name.

"Hasamuddin Shams, the provincial governor" / "provincial Governor Hisamudin Shams" /
"spokesman Fawad Aman" / "President Ashraf Ghani". Actor fusion uses roles to tell apart two
people who share a surname, and reports them beside each actor.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..model import Article, Entity, Role
from .common import doc_text, sentence_index

# Dependency labels by which a title word in front of a name hangs off the name's head.
_TITLE_DEPS = {"compound", "amod", "nmod", "nn"}
# Words that head an apposition without being a role ("Shams, 45," is an age, "Kabul, Afghanistan").
_NOT_ROLE_POS = {"NUM", "PROPN", "PRON", "PUNCT", "SYM", "X"}


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in {"the", "a", "an"} or tokens[0].pos_ == "DET"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _title_before(ent: Span) -> list[Token]:
    """Lower-case or Title-case role words right before the name that attach to it."""
    tokens: list[Token] = []
    i = ent.start - 1
    doc = ent.doc
    while i >= 0:
        tok = doc[i]
        if tok.ent_type_ and tok.ent_type_ not in {"NORP", ""} and tok.ent_iob_ != "O":
            break
        if (
            tok.dep_ in _TITLE_DEPS
            and ent.start <= tok.head.i < ent.end
            or (tokens and tok.head == tokens[0] and tok.dep_ in _TITLE_DEPS | {"amod"})
        ):
            if tok.pos_ in {"NOUN", "PROPN", "ADJ"} and not tok.is_punct:
                tokens.insert(0, tok)
                i -= 1
                continue
        break
    # A title needs a noun: "provincial Governor", "spokesman"; a lone adjective ("Afghan") is not one.
    if not any(t.pos_ in {"NOUN", "PROPN"} for t in tokens):
        return []
    return tokens


def _apposition(ent: Span) -> list[Token]:
    head = ent.root
    for child in head.children:
        if child.dep_ == "appos" and not (ent.start <= child.i < ent.end) and child.pos_ not in _NOT_ROLE_POS:
            tokens = _trim([t for t in child.subtree])
            if tokens and len(tokens) <= 12:
                return tokens
    # "the provincial governor, Hasamuddin Shams": the name is the apposition of the role.
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and not (ent.start <= head.head.i < ent.end):
        role_head = head.head
        tokens = _trim(
            [
                t
                for t in role_head.subtree
                if t.i < ent.start and t.i >= role_head.left_edge.i and not t.is_punct or t == role_head
            ]
        )
        tokens = [t for t in tokens if t.i < ent.start]
        if tokens and len(tokens) <= 8:
            return tokens
    return []


def _role(doc: Doc, name: Span, tokens: list[Token]) -> Role:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Role(name=name.text, role=doc_text(doc)[start:end], start=start, end=end, sentence=sentence_index(doc, name))


def extract_roles(doc: Doc, article: Article, entities: Sequence[Entity]) -> list[Role]:
    roles: list[Role] = []
    for entity in entities:
        if entity.label != "PERSON":
            continue
        span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        for tokens in (_title_before(span), _apposition(span)):
            if tokens:
                roles.append(_role(doc, span, tokens))
    return roles
