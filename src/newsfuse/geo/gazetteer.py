"""The gazetteer: name lookup over the packaged GeoNames data, loaded once per process."""

from __future__ import annotations

import gc
import logging
import os
import pickle
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from .build import FEATURES, GazetteerData, build_gazetteer_data, source_version
from .fold import fold, loose_key

log = logging.getLogger(__name__)

# A loose-key hit must still look like the name: guards against the key's collisions.
LOOSE_FLOOR = 75.0
# Fuzzy matches (rapidfuzz ratio over folded names) below this are not the same name.
FUZZY_FLOOR = 90.0


@dataclass(frozen=True)
class Candidate:
    """One gazetteer record a mention may refer to."""

    index: int
    geonames_id: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int
    alternate: bool  # matched one of its alternate names rather than its main name
    match: str  # exact | loose | fuzzy
    similarity: float  # 100 for exact


class Gazetteer:
    """Name → candidate records. Build with :func:`load_gazetteer`, not directly."""

    def __init__(self, data: GazetteerData) -> None:
        self.data = data
        self._lookups: dict[tuple[str, bool], tuple[Candidate, ...]] = {}

    @property
    def version(self) -> str:
        return self.data.version

    def record(self, index: int, alternate: bool = False, match: str = "exact", similarity: float = 100.0) -> Candidate:
        d = self.data
        gid = d.geonames_id[index]
        return Candidate(
            index=index,
            geonames_id=gid if gid >= 0 else None,
            name=d.name[index],
            lat=d.lat[index],
            lon=d.lon[index],
            country=d.country[index] or None,
            admin1=d.admin1[index],
            feature=FEATURES[d.feature[index]],
            population=d.population[index],
            alternate=alternate,
            match=match,
            similarity=similarity,
        )

    def exact(self, text: str) -> tuple[Candidate, ...]:
        """Records with a name equal to ``text`` up to case, diacritics and separators."""
        return tuple(self.record(v // 2, bool(v % 2)) for v in self.data.exact.get(fold(text), ()))

    def lookup(self, text: str, fuzzy: bool = True) -> tuple[Candidate, ...]:
        """Exact matches; failing those, loose-key matches; failing those, fuzzy matches."""
        key = (text, fuzzy)
        found = self._lookups.get(key)
        if found is None:
            if len(self._lookups) > 100_000:  # a long-running process: keep memory bounded
                self._lookups.clear()
            found = self._lookups[key] = self._lookup(text, fuzzy)
        return found

    def _lookup(self, text: str, fuzzy: bool) -> tuple[Candidate, ...]:
        found = self.exact(text)
        if found:
            return found
        key = fold(text)
        if len(key) < 6:
            return ()  # short names have too many near neighbours to match loosely
        loose: list[Candidate] = []
        for name_key in self.data.loose.get(loose_key(text), ()):
            sim = fuzz.ratio(key, name_key)
            if sim >= LOOSE_FLOOR and name_key[0] == key[0]:
                loose.extend(
                    self.record(v // 2, bool(v % 2), "loose", sim)
                    for v in self.data.exact[name_key]
                    if self.data.feature[v // 2] != 0 or self.data.population[v // 2] >= 1000  # 0: city
                )
        if loose or not fuzzy or len(key) < 6:
            return tuple(loose)
        hit = process.extractOne(key, self.data.fuzzy_keys.get(key[0], ()), scorer=fuzz.ratio, score_cutoff=FUZZY_FLOOR)
        if hit is None:
            return ()
        return tuple(self.record(v // 2, bool(v % 2), "fuzzy", hit[1]) for v in self.data.exact[hit[0]])


def cache_dir() -> Path:
    configured = os.environ.get("NEWSFUSE_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "newsfuse"


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{source_version()}.pickle"


def _write_atomically(path: Path, data: GazetteerData) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # readers see the old file or the whole new one, never half
        os.chmod(path, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for stale in path.parent.glob("gazetteer-*.pickle"):  # indexes of older versions
        if stale != path:
            stale.unlink(missing_ok=True)


def _read(path: Path) -> GazetteerData | None:
    # Unpickling creates about two million small objects; with the cyclic GC running it would
    # walk them repeatedly for nothing (none of them form cycles).
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or foreign file: rebuild rather than fail
        log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
        return None
    finally:
        if enabled:
            gc.enable()
    return data if isinstance(data, GazetteerData) and data.version == source_version() else None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, read from the on-disk cache (built there on first use), once per process."""
    path = cache_path()
    data = _read(path)
    if data is None:
        started = time.perf_counter()
        data = build_gazetteer_data()
        log.info("built gazetteer in %.1f s", time.perf_counter() - started)
        try:
            _write_atomically(path, data)
        except OSError as exc:  # read-only home: still usable, just not cached
            log.warning("could not cache gazetteer at %s: %s", path, exc)
    return Gazetteer(data)
