"""Backfill: a large backlog into the store, with extraction and fusion on a Dask cluster.

``ingest`` runs on one machine: its worker processes extract each batch and, every 32 batches and
at its end, fuse the stories the batches changed. A backlog (a month of CC-NEWS, a JSON Lines
dump) wants each story fused once, after its last article, and the extraction and the fusion
spread over as many machines as there are. The work splits three ways:

- extraction (spaCy, the gazetteer) and the cluster embedding (the PyTorch encoder) of each
  partition of articles run on the Dask workers, each loading its models once
  (:func:`_worker_models`, cached per worker process);
- clustering runs here, in ONE process, fed in arrival order: its decisions depend on order, so it
  is exactly :class:`~newsfuse.store.StoreIngester` (``fuse=False``) with the workers as its
  extractor; the store commits per batch, so a killed backfill resumes without duplicates (an
  article already stored is skipped by its content hash before extraction);
- fusion of every story without a report (:func:`~newsfuse.store.ingest.pending_stories`), once
  per story, on the workers; the reports are written here, in transactions of
  :data:`STORIES_PER_TRANSACTION` stories (:func:`~newsfuse.store.ingest.save_report`, the very
  code ``ingest`` writes a report with).

The input is read lazily and at most :data:`IN_FLIGHT_PER_WORKER` partitions per worker are
outstanding, so the client's memory does not grow with the input. The clusterer's own state is
bounded by its horizon, as for ``ingest``.

Dask's ``distributed`` is imported only here (and only when a backfill runs).
"""

from __future__ import annotations

import logging
import resource
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from .errors import WorkerError
from .inputs import FetchPolicy, InputProblem
from .memory import release as release_memory
from .model import Article, ArticleFacts, Story, StoryReport
from .store.db import Connection
from .store.ingest import STORIES_PER_TRANSACTION
from .workers import default_workers

# Articles per Dask task, and per store transaction. 64 = ingest's batch size, on purpose: the
# cluster embedding of an article is computed in one encoder call with the other articles of its
# batch (``cluster.embed``), so with the same grouping a backfill's embeddings are those of an
# ingest of the same stream. A task of 64 articles is 5-10 s of work: Dask's per-task overhead
# (milliseconds) is lost in it.
DEFAULT_PARTITION = 64
# Partitions submitted per worker ahead of the one the client waits for: a worker never waits
# for work, and the facts held for in-order delivery stay a few partitions.
IN_FLIGHT_PER_WORKER = 2
# Stories being fused per worker at once (fusion tasks are one story, finished in any order).
FUSE_IN_FLIGHT_PER_WORKER = 4


@dataclass
class BackfillStats:
    """What a backfill did: ``ingest`` counts articles and stories (as ``newsfuse ingest``), the
    rest times the stages. Worker times are the sum over tasks of the CPU time the task's thread
    used (its wall time on a machine with cores to spare; on a busy one, what a free core would
    take), so that rates per worker can be projected to other cluster sizes."""

    ingest: Any  # store.IngestStats (imported lazily: the store module loads the clusterer)
    workers: int = 0
    partitions: int = 0
    extract_task_seconds: float = 0.0  # extraction + cluster embedding, CPU summed over tasks
    client_cpu_seconds: float = 0.0  # this process's CPU while reading, extracting and clustering
    stories_fused: int = 0
    stories_skipped: int = 0  # fused meanwhile by another writer: its report was kept
    fuse_task_seconds: float = 0.0
    fuse_seconds: float = 0.0  # wall time of the fusion phase
    fuse_write_seconds: float = 0.0  # loading members and writing reports here
    seconds: float = 0.0
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)
    client_peak_rss_mb: float = 0.0

    @property
    def problems(self) -> list[InputProblem]:
        return list(self.ingest.problems)


# ---------------------------------------------------------------------------------------------
# On the workers. Module-level functions: Dask pickles them by reference, so a worker needs
# newsfuse importable (installed, or on its PYTHONPATH), the same version as the client.


@lru_cache(maxsize=1)
def _worker_models() -> tuple[Any, Any, Any]:
    # Once per worker process: spaCy, the gazetteer (with one torch thread, as WorkerPool's
    # workers: the workers are the parallelism) and the clustering encoder.
    from .geo import load_gazetteer
    from .nlp import load_encoder, load_nlp
    from .workers import start_worker

    start_worker(threads=1)
    return load_nlp(), load_gazetteer(), load_encoder()


@lru_cache(maxsize=1)
def _fusion_embedder():
    # A bounded memo, as StoreIngester's: a worker fuses stories one after another for hours.
    from .fuse import Embedder

    _worker_models()  # the thread setting first
    return Embedder.for_fusion(max_cached=20_000)


def warm() -> None:
    """Load every model a worker uses (``client.run(warm)``: before a clock starts)."""
    _worker_models()
    _fusion_embedder()


def embedding_dimension() -> int:
    """The clustering encoder's dimension, asked of a worker (the client loads no encoder)."""
    encoder = _worker_models()[2]
    get = getattr(encoder, "get_embedding_dimension", None) or encoder.get_sentence_embedding_dimension
    return int(get())


def extract_partition(articles: list[Article]) -> tuple[list[ArticleFacts], np.ndarray, float]:
    """Facts and cluster embeddings of one partition, with the seconds it took. The embedding is
    ``cluster.embed`` of the partition, as StoreIngester computes it for a batch."""
    from .cluster import embed
    from .extractors import extract_articles

    nlp, gazetteer, encoder = _worker_models()
    t0 = time.thread_time()
    facts = list(extract_articles(articles, nlp, gazetteer))
    vectors = np.asarray(embed(facts, encoder), dtype=np.float32)
    seconds = time.thread_time() - t0
    release_memory()  # the partition's spaCy documents are garbage now
    return facts, vectors, seconds


def fuse_members(story_id: str, members: list[ArticleFacts]) -> tuple[str, StoryReport, dict[str, str], float]:
    """One story's report (and its syndicated copies), as StoreIngester fuses it."""
    from .fuse import fuse_story
    from .fuse.copies import find_copies

    embedder = _fusion_embedder()
    t0 = time.thread_time()
    copies = find_copies(members)
    report = fuse_story(Story(id=story_id, articles=tuple(members), copies=copies), embedder)
    return story_id, report, copies, time.thread_time() - t0


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------------------------------------
# The cluster.


def open_client(stack: ExitStack, scheduler: str | None, workers: int | None):
    """A Dask client: to the scheduler at ``scheduler``, else to a LocalCluster of ``workers``
    processes (default: the cores) with one thread each, on loopback only, without a dashboard.
    Closed with ``stack``."""
    from distributed import Client, LocalCluster

    if scheduler:
        return stack.enter_context(Client(scheduler))
    # Processes, not threads: spaCy holds the GIL. One thread each: see _worker_models. The
    # workers inherit this process's environment (PYTHONPATH included), so they import the same
    # newsfuse. memory_limit=0: the Nanny would otherwise restart a worker past a share of the RAM
    # it computes itself; the models alone are ~1 GB a worker and a worker's memory does not grow.
    cluster = stack.enter_context(
        LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            memory_limit=0,
            # Dask's own warnings ("worker process still alive after 4 s, killing" when a worker
            # takes its time to exit at the end) are noise here; its errors still show.
            silence_logs=logging.ERROR,
        )
    )
    return stack.enter_context(Client(cluster))


def _n_workers(client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def _died(exc: BaseException, what: str) -> WorkerError:
    return WorkerError(f"a Dask worker {what} died ({exc}); the store keeps every batch committed: run again to resume")


# ---------------------------------------------------------------------------------------------
# The client.


def iter_read(
    inputs: Iterable[str | Path] | Sequence[Article],
    on_problem: Callable[[InputProblem], None] | None,
    stdin: BinaryIO | None = None,
    fetch_policy: FetchPolicy | None = None,
) -> Iterator[Article]:
    """The articles of ``inputs``, read lazily by the readers ``ingest`` uses; each problem goes
    to ``on_problem`` as it is met. Unlike ``api.read`` no table of every id is kept (it would
    grow with the input): an id reused with a different text is refused by the store instead
    ("an article with id … but a different text is already stored")."""
    from .inputs import iter_inputs

    it: Iterator[Any] = iter(inputs)
    first = next(it, None)
    if first is None:
        return
    if isinstance(first, Article):  # articles already read (the Python API, benchmarks)
        yield first
        yield from it
        return
    for item in iter_inputs(chain([first], it), stdin, fetch_policy=fetch_policy):
        if isinstance(item, InputProblem):
            if on_problem is not None:
                on_problem(item)
        else:
            yield item


def count_articles(inputs: Sequence[str | Path]) -> int | None:
    """How many articles ``inputs`` hold, cheaply (for the progress's ETA): one per text or HTML
    file, one per non-blank line of JSON Lines; None when a web archive, a URL or standard input
    makes it unknown without reading them whole."""
    from .inputs import _files_below, is_url
    from .inputs.warc import is_warc

    total = 0
    for item in inputs:
        if str(item) == "-" or (isinstance(item, str) and is_url(item)):
            return None
        path = Path(item)
        try:
            files = _files_below(path) if path.is_dir() else [path]
        except OSError:
            continue
        for file in files:
            if is_warc(file.name):
                return None
            if file.suffix.lower() == ".jsonl":
                try:
                    with file.open("rb") as stream:
                        total += sum(1 for line in stream if line.strip())
                except OSError:
                    continue
            elif file.is_file():
                total += 1
    return total


class _WorkerExtractor:
    """StoreIngester's extractor: partitions of the (already deduplicated) stream go to the
    workers, facts come back in input order; each article's embedding waits in a queue until
    StoreIngester asks for its batch's (:meth:`vectors`)."""

    def __init__(self, client, workers: int, partition_size: int, stats: BackfillStats) -> None:
        self.client = client
        self.window = max(1, workers * IN_FLIGHT_PER_WORKER)
        self.partition_size = partition_size
        self.stats = stats
        self._queued: deque[tuple[ArticleFacts, np.ndarray]] = deque()
        self._pending: deque = deque()  # futures of the partitions in flight, in input order

    def __call__(self, articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        from distributed import KilledWorker

        it = iter(articles)
        partitions = iter(lambda: list(islice(it, self.partition_size)), [])
        pending = self._pending
        try:
            while True:
                while len(pending) < self.window:
                    part = next(partitions, None)
                    if part is None:
                        break
                    pending.append(self.client.submit(extract_partition, part, pure=False))
                if not pending:
                    return
                try:
                    facts, vectors, seconds = pending.popleft().result()
                except KilledWorker as exc:
                    raise _died(exc, "extracting facts") from None
                self.stats.partitions += 1
                self.stats.extract_task_seconds += seconds
                for f, v in zip(facts, vectors):
                    self._queued.append((f, v))
                    yield f
        finally:
            self.close()

    def close(self) -> None:
        """Cancel the partitions in flight: a consumer that stopped early (or failed) leaves no
        work queued. (Also called by :func:`backfill` itself: a generator abandoned by an
        exception is closed only when the traceback that holds it goes.)"""
        if self._pending:
            self.client.cancel(list(self._pending))
            self._pending.clear()

    def vectors(self, batch: Sequence[ArticleFacts]) -> np.ndarray:
        out = []
        for f in batch:
            queued, vector = self._queued.popleft()
            assert queued is f, "facts and embeddings out of step"
            out.append(vector)
        return np.stack(out) if out else np.zeros((0, 0), dtype=np.float32)


class _Dimension:
    """Stands in for the encoder in StoreIngester, which asks it only for its dimension (the
    embeddings come from the workers): the client loads no PyTorch model."""

    def __init__(self, dimension: int) -> None:
        self.dimension = dimension

    def get_embedding_dimension(self) -> int:
        return self.dimension


def fuse_pending(
    conn: Connection,
    client,
    workers: int,
    stats: BackfillStats,
    *,
    on_fuse: Callable[[int, int], None] | None = None,
    on_wait: Callable[[float], None] | None = None,
) -> None:
    """Fuse every story without a report on the workers, each once; write the reports here, in
    transactions of :data:`STORIES_PER_TRANSACTION`. Tasks finish in any order (a story's report
    depends on nothing else), so one large story holds up nobody; a bounded number is in flight.
    A story another writer fused meanwhile keeps that (newer) report."""
    from distributed import KilledWorker, as_completed

    from .store import transaction
    from .store.ingest import _now, pending_stories, save_report
    from .store.queries import story_facts

    t_start = time.perf_counter()
    ids = pending_stories(conn)
    total, done = len(ids), 0
    members: dict[str, list[ArticleFacts]] = {}
    window = max(1, workers * FUSE_IN_FLIGHT_PER_WORKER)
    todo = iter(ids)
    finished: list[tuple[str, StoryReport, dict[str, str]]] = []

    def submit(queue) -> None:
        sid = next(todo, None)
        if sid is None:
            return
        t0 = time.perf_counter()
        members[sid] = story_facts(conn, sid)
        stats.fuse_write_seconds += time.perf_counter() - t0
        future = client.submit(fuse_members, sid, members[sid], pure=False)
        submitted.add(future)
        queue.add(future)

    def write() -> None:
        t0 = time.perf_counter()
        now = _now()
        with transaction(conn, on_wait=on_wait):
            for sid, report, copies in finished:
                if save_report(conn, sid, members[sid], copies, report, now, only_if_pending=True):
                    stats.stories_fused += 1
                else:
                    stats.stories_skipped += 1
        for sid, _, _ in finished:
            del members[sid]
        finished.clear()
        stats.fuse_write_seconds += time.perf_counter() - t0

    if on_fuse:
        on_fuse(0, total)  # the clock of the fusion's rate starts here
    queue = as_completed(with_results=False)
    # In flight, for cancelling what is left if this stops early; a finished future is dropped at
    # once (a future held keeps its result in the worker's memory).
    submitted: set = set()
    for _ in range(window):
        submit(queue)
    try:
        for future in queue:
            try:
                sid, report, copies, seconds = future.result()
            except KilledWorker as exc:
                raise _died(exc, "fusing a story") from None
            submitted.discard(future)
            stats.fuse_task_seconds += seconds
            finished.append((sid, report, copies))
            submit(queue)
            done += 1
            if len(finished) >= STORIES_PER_TRANSACTION:
                write()
            if on_fuse:
                on_fuse(done, total)
        if finished:
            write()
    finally:
        leftover = [f for f in submitted if not f.done()]
        if leftover:
            client.cancel(leftover)
    stats.fuse_seconds = time.perf_counter() - t_start


def backfill(
    inputs: Iterable[str | Path] | Sequence[Article],
    db: str | Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = DEFAULT_PARTITION,
    window_days: float | None = None,
    client=None,
    fetch_policy: FetchPolicy | None = None,
    stdin: BinaryIO | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_article: Callable[[Any], None] | None = None,
    on_batch: Callable[[Any], None] | None = None,
    on_fuse: Callable[[int, int], None] | None = None,
    on_wait: Callable[[float], None] | None = None,
) -> BackfillStats:
    """Read ``inputs`` lazily into the store at ``db``: extraction on Dask workers, clustering
    here in arrival order (the stories ``ingest`` of the same stream gives), then every story
    without a report fused once on the workers. ``client``: an open ``distributed.Client`` to use
    (else one to ``scheduler``, else a LocalCluster of ``workers`` processes, closed at the end)."""
    from .cluster import ClusterConfig
    from .fuse import Embedder
    from .store import IngestStats, StoreIngester, connect

    start = time.perf_counter()
    stats = BackfillStats(ingest=IngestStats())
    config = ClusterConfig() if window_days is None else ClusterConfig(window_days=window_days)
    with ExitStack() as stack:
        if client is None:
            client = open_client(stack, scheduler, workers)
        # The workers load their models before the first partition arrives (and the dimension
        # of their encoder is the clusterer's).
        dimension = client.submit(embedding_dimension, pure=False).result()
        n_workers = _n_workers(client)
        stats.workers = n_workers
        conn = stack.enter_context(closing(connect(db)))
        extractor = _WorkerExtractor(client, n_workers, max(1, partition_size), stats)
        ingester = StoreIngester(
            conn,
            extractor,
            _Dimension(dimension),
            config=config,
            batch_size=max(1, partition_size),
            # Fusion waits for the end (fuse=False), so the client needs no fusion encoder: an
            # Embedder over nothing (StoreIngester asks it to encode no sentence then).
            embedder=Embedder(None),
            fuse=False,
            on_wait=on_wait,
            vectors=extractor.vectors,
        )
        cpu = time.process_time()
        try:
            stats.ingest = ingester.ingest(
                iter_read(inputs, on_problem, stdin, fetch_policy), on_batch=on_batch, on_article=on_article
            )
        finally:
            extractor.close()
        stats.client_cpu_seconds = time.process_time() - cpu
        fuse_pending(conn, client, n_workers, stats, on_fuse=on_fuse, on_wait=on_wait)
        try:
            stats.worker_peak_rss_mb = {str(k): float(v) for k, v in client.run(peak_rss_mb, on_error="ignore").items()}
        except Exception:  # a figure, not the work: a cluster that will not say is no failure
            stats.worker_peak_rss_mb = {}
    stats.client_peak_rss_mb = peak_rss_mb()
    stats.seconds = time.perf_counter() - start
    return stats


__all__ = ["BackfillStats", "backfill", "count_articles", "default_workers", "iter_read"]
