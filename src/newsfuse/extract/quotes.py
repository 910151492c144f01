"""Direct and indirect quotes with their speakers, resolved to names within the article."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import Article, Entity, Quote


def extract_quotes(doc: Doc, article: Article, entities: Sequence[Entity]) -> list[Quote]:
    return []
