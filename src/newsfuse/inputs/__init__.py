"""Reading inputs into Articles: files, directories, JSON Lines, standard input, web archives
(``.warc``/``.warc.gz``) and http(s) URLs (fetched by :mod:`.fetch`, read as HTML pages).

Bad inputs never stop the run: each becomes an :class:`InputProblem` (origin + reason, one line
for the user) and is skipped. Whatever is read is returned whole or not at all.
"""

from __future__ import annotations

import errno
import hashlib
import io
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..model import Article
from .errors import MAX_FILE_BYTES, BadInput, InputProblem, too_large
from .fetch import DEFAULT_POLICY, Fetcher, FetchPolicy, is_url
from .html import parse_html_file
from .jsonl import read_jsonl
from .text import parse_text, parse_text_file
from .warc import is_warc, read_warc
from .web import read_urls

__all__ = [
    "BadInput",
    "FetchPolicy",
    "InputProblem",
    "ReadResult",
    "parse_text",
    "read_bytes",
    "read_inputs",
    "unique_ids",
    "SUPPORTED_SUFFIXES",
]

# One article per file, from its bytes; .jsonl (many per file) is streamed instead.
PARSERS = {".txt": parse_text_file, ".html": parse_html_file, ".htm": parse_html_file}
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    @classmethod
    def of(cls, items: Iterable[Article | InputProblem]) -> ReadResult:
        result = cls()
        for item in items:
            if isinstance(item, InputProblem):
                result.problems.append(item)
            else:
                result.articles.append(item)
        return result


def _files_below(directory: Path) -> list[Path]:
    # Sorted so that a directory always yields the same input order (stream clustering cares).
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and (p.suffix.lower() in SUPPORTED_SUFFIXES or is_warc(p.name))
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def _unsupported(origin: str, suffix: str) -> InputProblem:
    return InputProblem(
        origin, f"unsupported file type {suffix or '(no extension)'!r}; expected one of {', '.join(SUPPORTED_SUFFIXES)}"
    )


def _read_path(path: Path) -> Iterator[Article | InputProblem]:
    suffix = path.suffix.lower()
    if is_warc(path.name):
        # Streamed record by record: a CC-NEWS file (about a gigabyte) is never held whole.
        try:
            with path.open("rb") as stream:
                yield from read_warc(stream, str(path))
        except OSError as exc:
            yield InputProblem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if suffix != ".jsonl" and suffix not in PARSERS:
        yield _unsupported(str(path), suffix)
        return
    try:
        if suffix == ".jsonl":
            with path.open("rb") as stream:
                yield from read_jsonl(stream, str(path))
            return
        # Size first, then a bounded read: a huge (or sparse, or growing) file never reaches
        # memory whole.
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield InputProblem(str(path), str(too_large(size)))
            return
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        yield InputProblem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(str(path), data)


def read_bytes(name: str, data: bytes) -> Iterator[Article | InputProblem]:
    """Articles of one file's bytes, read by the extension of ``name`` as a file of that name
    would be (an upload: nothing touches the filesystem, ``name`` is only a label)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(io.BytesIO(data), name)
        return
    if is_warc(name):
        yield from read_warc(io.BytesIO(data), name)
        return
    parser = PARSERS.get(suffix)
    if parser is None:
        yield _unsupported(name, suffix)
        return
    try:
        yield parser(data, name)
    except BadInput as exc:
        yield InputProblem(name, str(exc))


def unique_ids(items: Iterable[Article | InputProblem]) -> Iterator[Article | InputProblem]:
    """The items, with an article whose id an earlier one of a different text already has
    turned into a problem: facts and evidence are keyed by article id, so two texts under one
    id would make every offset ambiguous. (The same text twice is one article read twice: kept,
    and counted as a duplicate where it is stored.)"""
    first: dict[str, tuple[str, str]] = {}  # id -> (where first read, hash of its text)
    for item in items:
        if isinstance(item, Article):
            digest = hashlib.sha256(item.text.encode("utf-8", "surrogatepass")).hexdigest()
            seen = first.setdefault(item.id, (item.origin or item.id, digest))
            if seen[1] != digest:
                yield InputProblem(
                    item.origin or item.id, f"duplicate id {item.id!r} (first read at {seen[0]}) with a different text"
                )
                continue
        yield item


def iter_inputs(
    inputs: Iterable[str | Path], stdin: BinaryIO | None = None, *, fetch_policy: FetchPolicy | None = None
) -> Iterator[Article | InputProblem]:
    """Articles and problems in input order; ``-`` reads JSON Lines from standard input, an
    ``http(s)://`` URL is fetched under ``fetch_policy`` (default: :data:`.fetch.DEFAULT_POLICY`;
    consecutive URLs are fetched together, a few at a time)."""
    fetcher: Fetcher | None = None
    urls: list[str] = []
    try:
        for item in inputs:
            if isinstance(item, str) and is_url(item):
                urls.append(item)
                continue
            if urls:
                fetcher = fetcher or Fetcher(fetch_policy or DEFAULT_POLICY)
                yield from read_urls(urls, fetcher)
                urls = []
            yield from _iter_local(item, stdin)
        if urls:
            fetcher = fetcher or Fetcher(fetch_policy or DEFAULT_POLICY)
            yield from read_urls(urls, fetcher)
    finally:
        if fetcher is not None:
            fetcher.close()


def _iter_local(item: str | Path, stdin: BinaryIO | None) -> Iterator[Article | InputProblem]:
    if str(item) == "-":
        yield from read_jsonl(stdin if stdin is not None else sys.stdin.buffer, "<stdin>")
        return
    path = Path(item)
    try:
        mode = path.stat().st_mode
    except OSError as exc:  # missing, a symlink loop, no permission, a name too long …
        missing = exc.errno == errno.ENOENT
        yield InputProblem(str(path), "no such file or directory" if missing else f"cannot read: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(mode):
        files = _files_below(path)
        if not files:
            yield InputProblem(str(path), f"directory has no {', '.join(SUPPORTED_SUFFIXES)} files")
        for file in files:
            yield from _read_path(file)
    elif stat.S_ISREG(mode):
        yield from _read_path(path)
    else:  # a FIFO, socket or device: reading it could block forever or never end
        yield InputProblem(str(path), "not a regular file or directory")


def read_inputs(
    inputs: Iterable[str | Path], stdin: BinaryIO | None = None, *, fetch_policy: FetchPolicy | None = None
) -> ReadResult:
    return ReadResult.of(unique_ids(iter_inputs(inputs, stdin, fetch_policy=fetch_policy)))
