"""Per-article extraction: one spaCy Doc and its Article in, ArticleFacts out.

Each stage is a pure function ``(doc, article, ...) -> list[...]``; this module only runs them
in order. The publication date is settled first because relative dates are resolved against it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..geo import Gazetteer
from ..model import Article, ArticleFacts, Sentence
from .counts import extract_counts
from .dates import extract_dates, infer_published
from .entities import extract_entities
from .places import extract_places
from .propositions import extract_propositions
from .quotes import extract_quotes
from .roles import extract_roles


def extract_article(doc: Doc, article: Article, gazetteer: Gazetteer | None = None) -> ArticleFacts:
    article = infer_published(doc, article)
    places = extract_places(doc, article, gazetteer)
    entities = extract_entities(doc, article, places)
    return ArticleFacts(
        article=article,
        sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents),
        entities=tuple(entities),
        places=tuple(places),
        dates=tuple(extract_dates(doc, article)),
        counts=tuple(extract_counts(doc, article)),
        quotes=tuple(extract_quotes(doc, article, entities)),
        roles=tuple(extract_roles(doc, article, entities)),
        propositions=tuple(extract_propositions(doc, article)),
    )


def extract_articles(
    articles: Iterable[Article], nlp: Language, gazetteer: Gazetteer | None = None, batch_size: int = 16
) -> Iterator[ArticleFacts]:
    """Run the pipeline over many articles, streaming (``nlp.pipe``), in input order."""
    pairs = nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size)
    for doc, article in pairs:
        yield extract_article(doc, article, gazetteer)


__all__ = [
    "extract_article",
    "extract_articles",
    "extract_counts",
    "extract_dates",
    "extract_entities",
    "extract_places",
    "extract_propositions",
    "extract_quotes",
    "extract_roles",
    "infer_published",
]
