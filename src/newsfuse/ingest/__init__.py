"""Reading inputs into Articles: files, directories, JSON Lines, standard input.

Bad inputs never stop the run: each becomes an :class:`InputProblem` (origin + reason, one line
for the user) and is skipped. Whatever is read is returned whole or not at all.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..model import Article
from .errors import BadInput, InputProblem
from .html import read_html
from .jsonl import read_jsonl
from .text import read_text

__all__ = ["BadInput", "InputProblem", "IngestResult", "read_inputs", "SUPPORTED_SUFFIXES"]

READERS = {".txt": read_text, ".html": read_html, ".htm": read_html}
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


def _files_below(directory: Path) -> list[Path]:
    # Sorted so that a directory always yields the same input order (stream clustering cares).
    return sorted(
        p for p in directory.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def _read_path(path: Path) -> Iterator[Article | InputProblem]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        try:
            with path.open("rb") as stream:
                yield from read_jsonl(stream, str(path))
        except OSError as exc:
            yield InputProblem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    reader = READERS.get(suffix)
    if reader is None:
        yield InputProblem(str(path), f"unsupported file type {suffix or '(no extension)'!r}; expected one of {', '.join(SUPPORTED_SUFFIXES)}")
        return
    try:
        yield reader(path)
    except BadInput as exc:
        yield InputProblem(str(path), str(exc))


def iter_inputs(inputs: Iterable[str | Path], stdin: BinaryIO | None = None) -> Iterator[Article | InputProblem]:
    """Articles and problems in input order; ``-`` reads JSON Lines from standard input."""
    for item in inputs:
        if str(item) == "-":
            yield from read_jsonl(stdin if stdin is not None else sys.stdin.buffer, "<stdin>")
            continue
        path = Path(item)
        if path.is_dir():
            files = _files_below(path)
            if not files:
                yield InputProblem(str(path), f"directory has no {', '.join(SUPPORTED_SUFFIXES)} files")
            for file in files:
                yield from _read_path(file)
        elif path.is_file():
            yield from _read_path(path)
        elif path.exists():
            yield InputProblem(str(path), "not a regular file or directory")
        else:
            yield InputProblem(str(path), "no such file or directory")


def read_inputs(inputs: Iterable[str | Path], stdin: BinaryIO | None = None) -> IngestResult:
    result = IngestResult()
    for item in iter_inputs(inputs, stdin):
        if isinstance(item, InputProblem):
            result.problems.append(item)
        else:
            result.articles.append(item)
    return result
