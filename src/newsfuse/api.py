"""The Python API; the CLI and the web app are thin layers over these functions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from .extract import extract_articles
from .geo import load_gazetteer
from .ingest import IngestResult, read_inputs
from .model import Article, ArticleFacts
from .nlp import load_nlp

Inputs = Iterable[str | Path] | Sequence[Article]


def read(inputs: Iterable[str | Path], stdin: BinaryIO | None = None) -> IngestResult:
    """Read files, directories, JSON Lines and ``-`` (stdin) into Articles and problems."""
    return read_inputs(inputs, stdin)


def iter_extract(articles: Iterable[Article]) -> Iterator[ArticleFacts]:
    """Extract facts from articles, streaming, with the process-wide models."""
    return extract_articles(articles, load_nlp(), load_gazetteer())


def _articles(inputs: Inputs) -> list[Article]:
    items = list(inputs)
    if all(isinstance(i, Article) for i in items):
        return items  # type: ignore[return-value]
    return read(items).articles  # type: ignore[arg-type]


def extract(inputs: Inputs) -> list[ArticleFacts]:
    """Facts of every readable input (bad inputs are skipped; use :func:`read` to see why)."""
    return list(iter_extract(_articles(inputs)))


def analyze(inputs: Inputs):  # -> Report, once fusion lands
    raise NotImplementedError("analyze lands with the fusion stage")
