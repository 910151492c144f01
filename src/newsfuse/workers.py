"""Extraction and fusion on every core: worker processes, each with its own models, results in
input order.

spaCy releases no lock a thread could use (its parser is single-threaded Python and Cython), so
the way to use a second core is a second process. Each worker loads the pipeline and the gazetteer
once (``start_worker``), then extracts chunks of articles; the parent hands out chunks in input order,
keeps a bounded number in flight and yields the facts in input order, so the output is the same,
article for article, as one process gives (``tests/test_workers.py``). Clustering stays in one
process, fed in arrival order: it is cheap, and its decisions depend on order.

Fusion, four times the cost of extraction (benchmarks/bench_incidents.py), is spread the same way,
one story per task (:meth:`WorkerPool.fuse`); each worker keeps its own encoder memo.

Starting a worker costs seconds (importing spaCy and torch, loading the models), so a small input
is extracted in this process whatever ``workers`` says (:data:`PARALLEL_MIN_ARTICLES`).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

from .errors import WorkerError
from .model import Article, ArticleFacts, Story, StoryReport

_T = TypeVar("_T")
_R = TypeVar("_R")

# Below this many articles one process is faster than starting workers: a worker needs about 6 s
# before its first article (importing spaCy imports thinc and torch: 4.6 s; the pipeline and the
# gazetteer: 1.4 s), 10 s with both cores busy, while one process extracts about 8 articles a
# second on gva-dev; two workers break even near 2 x 8 x 10 = 160 articles on a busy machine
# (benchmarks/bench_workers.py).
PARALLEL_MIN_ARTICLES = 200
# Fusion costs about 0.4 s of CPU per gva-dev article (bench_incidents.py), five times extraction:
# two workers repay their start (10 s on a busy machine) from about 2 x 10 / 0.4 = 50 articles.
PARALLEL_MIN_FUSE_ARTICLES = 60
# Articles a worker extracts per task: enough to keep nlp.pipe's batches full, few enough that the
# work spreads evenly and the memory held by results waiting their turn stays small.
CHUNK = 16
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: it never waits for work, memory stays bounded
HELD_PER_WORKER = 16  # finished results kept per worker behind a slow first one, for input order

START_TIMEOUT_S = 300.0  # WorkerPool.start gives up on workers that never become ready


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def start_worker(threads: int = 1) -> None:
    # In the worker: load the models once, before the first chunk arrives. One thread each for
    # torch and numpy's BLAS (fusion runs on one anyway, fuse_story): the workers are the
    # parallelism, and a pool of threads per worker only spins on the core another worker needs.
    import torch
    from threadpoolctl import threadpool_limits

    from .memory import limit_arenas

    limit_arenas()  # before the model loads start torch's threads
    torch.set_num_threads(threads)
    threadpool_limits(limits=threads, user_api="blas")
    from .geo import load_gazetteer
    from .nlp import load_nlp

    load_nlp()
    load_gazetteer()


@contextmanager
def torch_threads(threads: int) -> Iterator[None]:
    """Torch's intra-op threads set to ``threads`` for the block, then restored. The process that
    feeds worker processes runs one thread: the workers are the parallelism, and a second torch
    thread only spin-waits for a core they hold (``ingest --workers 2`` on the 1,363 gva-dev
    articles: the parent's CPU 110 s with torch's default 2 threads, 77 s with 1; the cluster
    embeddings bit-identical, on 640 of them)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _extract_chunk(articles: list[Article]) -> list[ArticleFacts]:
    from .api import iter_extract

    return list(iter_extract(articles))


_embedder = None  # the worker's fusion encoder and its memo, made on its first story


def _fusion_embedder():
    global _embedder
    from .fuse import Embedder

    if _embedder is None:
        _embedder = Embedder.for_fusion()
    return _embedder


def _fuse_one(story: Story) -> StoryReport:
    from .fuse import fuse_story

    return fuse_story(story, _fusion_embedder())


def _ready(fusion: bool) -> int:
    # Held a moment, so that the other workers, still loading, take the next ones.
    if fusion:
        _fusion_embedder()
    time.sleep(0.2)
    return os.getpid()


def _died(what: str) -> WorkerError:
    return WorkerError(
        f"a worker process {what} died (out of memory, or it could not start: a script "
        'that asks for workers must run its work under `if __name__ == "__main__":`); '
        "run again with --workers 1"
    )


class WorkerPool:
    """Worker processes that extract facts, started on the first input large enough to need them
    and kept until :meth:`close` (``ingest`` extracts batch after batch with one pool)."""

    def __init__(self, workers: int, *, min_articles: int = PARALLEL_MIN_ARTICLES) -> None:
        self.workers = max(workers, 1)
        self.min_articles = min_articles
        self._pool: ProcessPoolExecutor | None = None

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        """The facts of ``articles`` in input order (in this process when the pool has one worker
        or there are fewer than ``min_articles`` articles)."""
        from .api import iter_extract

        items = articles if isinstance(articles, Sequence) else list(articles)
        if self.workers == 1 or len(items) < self.min_articles:
            yield from iter_extract(items)
            return
        it = iter(items)
        chunks = iter(lambda: list(islice(it, CHUNK)), [])
        for facts in self._in_order(_extract_chunk, chunks, IN_FLIGHT_PER_WORKER, "extracting facts"):
            yield from facts

    def fuse(self, stories: Iterable[Story], embedder=None) -> Iterator[StoryReport]:
        """Each story's fused report, in input order: in worker processes when the pool has more
        than one worker and the stories hold at least :data:`PARALLEL_MIN_FUSE_ARTICLES` articles
        (or the workers are already running), else here with ``embedder`` (default:
        :meth:`Embedder.for_fusion`)."""
        items = stories if isinstance(stories, Sequence) else list(stories)
        few = sum(len(s.articles) for s in items) < min(self.min_articles, PARALLEL_MIN_FUSE_ARTICLES)
        if self.workers == 1 or len(items) < 2 or (few and self._pool is None):
            from .fuse import Embedder, fuse_story

            embedder = embedder or Embedder.for_fusion()
            yield from (fuse_story(s, embedder) for s in items)
            return
        # The largest stories first would balance better, but reports must come out in order and
        # held results cost memory: a bounded window in input order, as for extraction.
        yield from self._in_order(_fuse_one, iter(items), IN_FLIGHT_PER_WORKER * 2, "fusing stories")

    def start(self, *, fusion: bool = False) -> float:
        """Start every worker and wait until each has loaded its models (and, with ``fusion``, its
        encoder); the seconds it took. What a first batch would otherwise wait for, measured apart
        from the work (benchmarks/bench_workers.py)."""
        t0 = time.perf_counter()
        pool = self._start_pool()
        seen: set[int] = set()
        # One task per worker each round, each held 0.2 s, until every worker has answered: a
        # worker still loading leaves its task to one that is ready, so it takes rounds. Bounded by
        # a deadline a healthy start never nears (10 s on a busy machine).
        while len(seen) < self.workers:
            if time.perf_counter() - t0 > START_TIMEOUT_S:
                self.close()
                raise _died("that was starting") from None
            try:
                seen.update(f.result() for f in [pool.submit(_ready, fusion) for _ in range(self.workers)])
            except BrokenProcessPool:
                self.close()
                raise _died("that was starting") from None
        return time.perf_counter() - t0

    def _in_order(self, task: Callable[[_T], _R], jobs: Iterator[_T], per_worker: int, what: str) -> Iterator[_R]:
        """``task`` of each job in the workers, results in job order. At most ``per_worker`` jobs
        unfinished per worker (no worker waits for work), and finished results held back behind a
        slow one at most :data:`HELD_PER_WORKER` per worker (memory stays bounded). Waiting on the
        first job alone would idle the others behind one long job: a long story fused on one worker
        while the other, its queue done, got nothing new."""
        pool = self._start_pool()
        pending: deque[Future[_R]] = deque()
        running = self.workers * per_worker
        held = self.workers * HELD_PER_WORKER
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < held and sum(not f.done() for f in pending) < running:
                    job = next(jobs, None)
                    if job is None:
                        exhausted = True
                        break
                    pending.append(pool.submit(task, job))
                if not pending:
                    return
                if not pending[0].done() and not exhausted and len(pending) < held:
                    # something finishes: the head (yield it), or another (a worker wants work)
                    wait([f for f in pending if not f.done()], return_when=FIRST_COMPLETED)
                    continue
                try:
                    result = pending.popleft().result()
                except BrokenProcessPool:
                    self.close()
                    raise _died(what) from None
                yield result
        finally:
            for future in pending:  # a consumer that stopped early leaves no work queued
                future.cancel()

    def _start_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # "spawn": a forked copy of a process that has started torch's threads can hang.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=start_worker)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
