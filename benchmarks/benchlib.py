"""What the benchmarks share: reading a data set, hashing data files, timing, caching extracted
facts, and writing a run's headline figures as JSON (``--json PATH``).

Every script runs as ``python benchmarks/NAME.py DATA_DIR ...``, so this directory is on
``sys.path`` and ``import benchlib`` works; ``newsfuse`` itself is the installed (editable)
package (set ``PYTHONPATH=src`` to measure a worktree other than the installed one).

The JSON a run writes (``write_json``), read by ``check.py`` and ``readme_table.py``::

    {"bench": NAME (the file's stem), "script", "command", "options": {what shapes the figures},
     "figures": {name: number}, "data": {file name: sha256}, "commit", "dirty", "date",
     "seconds", "machine": {"cpus", "python", "load_at_start", "load_at_end", "torch_threads",
     "OMP_NUM_THREADS"}}
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import newsfuse
from newsfuse.inputs import read_inputs
from newsfuse.model import Article, ArticleFacts, article_facts_from_json, article_facts_to_json

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# the package measured (PYTHONPATH may point at another checkout): the facts cache keys on its source
SRC = Path(newsfuse.__file__).resolve().parent
RESULTS = HERE / "results"
BASELINE = HERE / "baseline.json"
_STARTED = time.perf_counter()

# -- data -----------------------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records of a JSON Lines file (split on ``\\n`` only, as the data README says)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def read_articles(path: Path, story: Mapping[str, str] | None = None) -> list[Article]:
    """A data set's articles, read as ``newsfuse`` reads a JSON Lines input (a bad line is
    reported on standard error and skipped, as the CLI does). ``story`` (article id -> key)
    sets each listed article's ``story``, as a caller grouping its articles would."""
    result = read_inputs([path])
    for problem in result.problems:
        print(f"warning: skipped {problem.origin}: {problem.reason}", file=sys.stderr)
    if story is None:
        return list(result.articles)
    return [replace(a, story=story[a.id]) if a.id in story else a for a in result.articles]


def read_gold(path: Path, key: str = "id") -> dict[str, dict[str, Any]]:
    """Gold records by ``key`` (the article id, or ``story``)."""
    return {g[key]: g for g in read_jsonl(path)}


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# -- timing ---------------------------------------------------------------------------------------


@dataclass
class Timing:
    wall: float = 0.0  # seconds on the clock
    cpu: float = 0.0  # CPU seconds of this process (all its threads)

    def __iadd__(self, other: Timing) -> Timing:
        self.wall += other.wall
        self.cpu += other.cpu
        return self


@contextmanager
def timed(into: Timing | None = None) -> Iterator[Timing]:
    """``with timed() as t: ...`` then ``t.wall``, ``t.cpu``; with ``into``, also add to it."""
    t = Timing()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield t
    finally:
        t.wall, t.cpu = time.perf_counter() - wall, time.process_time() - cpu
        if into is not None:
            into += t


# -- a cache of extracted facts -------------------------------------------------------------------


def digest(*parts: bytes) -> str:
    """A short key over the parts (each hashed first, so their boundaries count)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:16]


def extraction_sources() -> list[bytes]:
    """The source of everything extraction's output depends on: ``extractors/``, ``geo/``,
    ``inputs/``, ``data/`` (vocabularies), ``nlp.py`` and ``model.py``."""
    files = sorted(p for folder in ("extractors", "geo", "inputs", "data") for p in (SRC / folder).rglob("*.py"))
    files += [SRC / "nlp.py", SRC / "model.py"]
    return [p.relative_to(SRC).as_posix().encode() + b"\0" + p.read_bytes() for p in files]


def default_cache() -> Path:
    base = os.environ.get("NEWSFUSE_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "newsfuse")
    return Path(base) / "bench"


def cached_facts(
    articles: Sequence[Article],
    key_parts: Sequence[bytes],
    cache: Path | None,
    extract: Callable[[], list[ArticleFacts]],
    refresh: bool = False,
) -> tuple[list[ArticleFacts], bool]:
    """``extract()``'s facts, kept in ``cache`` under a key of ``key_parts`` (the data file's
    bytes and whatever else the articles were made from) and :func:`extraction_sources`, so a
    change to the extractors re-runs them and a change elsewhere (fusion) does not. Returns the
    facts and whether they came from the cache. ``cache`` None: always extract, keep nothing;
    ``refresh``: extract again and replace what the cache holds."""
    path = None
    if cache is not None:
        path = cache / f"facts-{digest(*key_parts, *extraction_sources())}.jsonl"
        if path.exists() and not refresh:
            facts = [article_facts_from_json(json.loads(line)) for line in path.open(encoding="utf-8")]
            if [f.article.id for f in facts] == [a.id for a in articles]:
                # The extract JSON has no ``story`` (the caller's key): put it back.
                return [replace(f, article=replace(f.article, story=a.story)) for f, a in zip(facts, articles)], True
    facts = extract()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text("".join(json.dumps(article_facts_to_json(f)) + "\n" for f in facts), encoding="utf-8")
        tmp.replace(path)
    return facts, False


# -- results as JSON ------------------------------------------------------------------------------


def add_threads_option(parser: argparse.ArgumentParser, default: int = 1) -> None:
    parser.add_argument(
        "--threads",
        type=int,
        default=default,
        help=f"torch threads for the sentence encoder (default {default}): on a 2-core machine busy with other "
        "work, 2 threads spin-wait for each other and fusion runs about 5x slower, at 5x the CPU",
    )


def set_threads(threads: int) -> None:
    import torch

    torch.set_num_threads(threads)


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        default=None,
        help="also write the headline figures to PATH as JSON (benchmarks/check.py compares them with baseline.json)",
    )


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def git_commit() -> str | None:
    """The checked-out commit (12 hex digits), or None outside a git checkout."""
    return _git("rev-parse", "--short=12", "HEAD")


def _checkout() -> tuple[str | None, bool | None]:
    """The commit checked out and whether tracked files differ from it."""
    status = _git("status", "--porcelain", "--untracked-files=no")
    return git_commit(), (bool(status) if status is not None else None)


_STARTED_AT = _checkout()  # when the run started: HEAD may move during a long run
_LOAD_AT_START = os.getloadavg()[0] if hasattr(os, "getloadavg") else None


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, float):
        return None if value != value else round(value, 6)  # NaN is not JSON
    return value


def write_json(
    path: Path | None,
    figures: Mapping[str, float | int | None],
    data: Iterable[Path],
    options: Mapping[str, Any] | None = None,
) -> None:
    """Write the run's headline ``figures`` to ``path`` (nothing when None), with the sha256 of
    every ``data`` file they were measured on, the ``options`` that shape them (a run with other
    options is not comparable with the baseline), the git commit the run started on (and whether
    tracked files differed from it), the date and the command."""
    if path is None:
        return
    for name, value in figures.items():
        if value is not None and not isinstance(value, (int, float)):
            raise TypeError(f"figure {name!r} is {value!r}: figures are numbers")
    commit, dirty = _STARTED_AT
    record = {
        "bench": path.stem,
        "script": f"benchmarks/{Path(sys.argv[0]).name}",
        "command": " ".join([f"benchmarks/{Path(sys.argv[0]).name}", *sys.argv[1:]]),
        "options": {k: _plain(v) for k, v in (options or {}).items()},
        "figures": {k: _plain(v) for k, v in figures.items()},
        "data": {p.name: sha256_file(p) for p in data},
        "commit": commit,
        "dirty": dirty,
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "seconds": round(time.perf_counter() - _STARTED, 1),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            # other work on the machine slows every speed figure: the 1-minute load average
            "load_at_start": _LOAD_AT_START,
            "load_at_end": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
            "torch_threads": sys.modules["torch"].get_num_threads() if "torch" in sys.modules else None,
            "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"),  # child processes (bench_serve's server)
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    print(f"wrote {path}", file=sys.stderr)


def read_results(paths: Iterable[Path]) -> dict[str, dict[str, Any]]:
    """Result JSONs by bench name."""
    out = {}
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        out[record["bench"]] = record
    return out
