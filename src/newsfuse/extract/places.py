"""Toponyms found in the text and resolved to GeoNames."""

from __future__ import annotations

from spacy.tokens import Doc

from ..geo import Gazetteer
from ..model import Article, Place


def extract_places(doc: Doc, article: Article, gazetteer: Gazetteer | None) -> list[Place]:
    return []
