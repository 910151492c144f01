"""The Python API; the CLI and the web app are thin layers over these functions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, nullcontext
from pathlib import Path
from typing import BinaryIO

from .cluster import Assignment, ClusterConfig, cluster_articles
from .extractors import extract_articles
from .fuse import Embedder, fuse_story
from .fuse.copies import find_copies
from .geo import load_gazetteer
from .inputs import FetchPolicy, ReadResult, read_bytes, read_inputs, unique_ids
from .model import Article, ArticleFacts, ArticleRef, Report, Story, StoryReport
from .nlp import load_encoder, load_nlp
from .stored import stored_report as stored_report
from .stored import stored_stories as stored_stories

Inputs = Iterable[str | Path] | Sequence[Article]


def read(
    inputs: Iterable[str | Path], stdin: BinaryIO | None = None, *, fetch_policy: FetchPolicy | None = None
) -> ReadResult:
    """Read files, directories, JSON Lines, web archives, ``-`` (stdin) and http(s) URLs (fetched
    under ``fetch_policy``, default :data:`newsfuse.inputs.fetch.DEFAULT_POLICY`) into Articles
    and problems."""
    return read_inputs(inputs, stdin, fetch_policy=fetch_policy)


def iter_extract(articles: Iterable[Article], workers: int = 1) -> Iterator[ArticleFacts]:
    """Extract facts from articles, streaming, in input order: with the process-wide models, or
    with ``workers`` processes for a large input (:mod:`newsfuse.workers`; same facts)."""
    if workers > 1:
        return _extract_with_pool(articles, workers)
    return extract_articles(articles, load_nlp(), load_gazetteer())


def _extract_with_pool(articles: Iterable[Article], workers: int) -> Iterator[ArticleFacts]:
    from .workers import WorkerPool

    with WorkerPool(workers) as pool:
        yield from pool.extract(articles)


def _articles(inputs: Inputs) -> list[Article]:
    items = list(inputs)
    if all(isinstance(i, Article) for i in items):
        return items  # type: ignore[return-value]
    return read(items).articles  # type: ignore[arg-type]


def extract(inputs: Inputs, workers: int = 1) -> list[ArticleFacts]:
    """Facts of every readable input (bad inputs are skipped; use :func:`read` to see why)."""
    return list(iter_extract(_articles(inputs), workers))


def cluster(facts: Sequence[ArticleFacts], *, window_days: float | None = None) -> list[Assignment]:
    """Story of every article, in input (= arrival) order; a caller's ``story`` key is kept."""
    config = ClusterConfig() if window_days is None else ClusterConfig(window_days=window_days)
    return cluster_articles(facts, load_encoder(), config=config)


def group_stories(facts: Sequence[ArticleFacts], assignments: Sequence[Assignment] | None = None) -> list[Story]:
    """Stories by the caller's ``story`` key, else by clustering; in order of first article."""
    if assignments is None:
        if all(f.article.story for f in facts):
            assignments = [Assignment(f.article.id, f.article.story or "", None) for f in facts]
        else:
            assignments = cluster(facts)
    groups: dict[str, list[ArticleFacts]] = {}
    for f, a in zip(facts, assignments):
        groups.setdefault(a.story, []).append(f)
    return [Story(id=key, articles=tuple(members), copies=find_copies(members)) for key, members in groups.items()]


def fuse(stories: Iterable[Story], embedder: Embedder | None = None, workers: int = 1) -> list[StoryReport]:
    """Each story's report, in order; with ``workers`` processes for many stories (same reports)."""
    if workers > 1:
        from .workers import WorkerPool

        with WorkerPool(workers) as pool:
            return list(pool.fuse(list(stories), embedder))
    embedder = embedder or Embedder.for_fusion()
    return [fuse_story(s, embedder) for s in stories]


def build_report(facts: Sequence[ArticleFacts], stories: Sequence[StoryReport]) -> Report:
    refs = tuple(
        ArticleRef(
            id=f.article.id,
            source=f.article.source,
            title=f.article.title,
            url=f.article.url,
            published=f.article.published,
            published_inferred=f.article.published_inferred,
            published_text=f.article.published_text,
        )
        for f in facts
    )
    return Report(articles=refs, stories=tuple(stories), texts={f.article.id: f.article.text for f in facts})


def analyze_facts(facts: Sequence[ArticleFacts], workers: int = 1) -> Report:
    return build_report(facts, fuse(group_stories(facts), workers=workers))


def analyze(inputs: Inputs, workers: int = 1) -> Report:
    """Read, extract, group into stories and fuse each: the whole job, as a Report. With
    ``workers`` > 1, extraction and fusion run in that many processes (one pool for both, one
    thread each; the grouping stays here, in input order): the same report as one process
    (tests/test_workers.py, benchmarks/bench_workers.py)."""
    if workers <= 1:
        return analyze_facts(extract(inputs))
    from .workers import WorkerPool

    with WorkerPool(workers) as pool:
        facts = list(pool.extract(_articles(inputs)))
        return build_report(facts, list(pool.fuse(group_stories(facts))))


# ---------------------------------------------------------------------------------------------
# The store (SQLite, or PostgreSQL given a URL): ingest incrementally, list stories, read saved reports without models.


def ingest(
    inputs: Inputs,
    db: str | Path,
    *,
    batch_size: int = 64,
    window_days: float | None = None,
    on_batch=None,
    on_wait=None,
    on_article=None,
    workers: int = 1,
    fuse_every: int | None = None,
    on_fuse=None,
):
    """Add articles to the store at ``db`` (created if missing): extract (with ``workers``
    processes for batches large enough), cluster into the stored stories, one transaction per
    batch; then fuse every story without a report once (in the same ``workers``), also every
    ``fuse_every`` batches (default :data:`newsfuse.store.ingest.FUSE_EVERY_BATCHES`; 1: each
    batch re-fuses its stories in its own transaction). A batch that finds another writer's
    transaction open waits for it (``on_wait(seconds)`` is called once when it starts waiting);
    ``on_fuse(done, of)`` follows the fusion. Returns IngestStats."""
    from .store import StoreIngester, connect
    from .store.ingest import FUSE_EVERY_BATCHES
    from .workers import PARALLEL_MIN_ARTICLES, WorkerPool, torch_threads

    config = ClusterConfig() if window_days is None else ClusterConfig(window_days=window_days)
    articles = _articles(inputs)
    # One pool for every batch: worth starting when the whole input is large, however small a batch.
    workers = workers if len(articles) >= PARALLEL_MIN_ARTICLES else 1
    with (
        closing(connect(db)) as conn,
        WorkerPool(workers, min_articles=1) as pool,
        # here, only the cluster embedding runs torch while the workers extract and fuse
        torch_threads(1) if workers > 1 else nullcontext(),
    ):
        ingester = StoreIngester(
            conn,
            pool.extract,
            load_encoder(),
            config=config,
            batch_size=batch_size,
            fuse_every=FUSE_EVERY_BATCHES if fuse_every is None else fuse_every,
            fuser=pool.fuse,
            on_wait=on_wait,
        )
        return ingester.ingest(articles, on_batch=on_batch, on_article=on_article, on_fuse=on_fuse)


def backfill(
    inputs: Inputs,
    db: str | Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int | None = None,
    window_days: float | None = None,
    client=None,
    fetch_policy: FetchPolicy | None = None,
    stdin: BinaryIO | None = None,
    on_problem=None,
    on_article=None,
    on_batch=None,
    on_fuse=None,
    on_wait=None,
):
    """Load a backlog into the store at ``db`` on a Dask cluster (:mod:`newsfuse.backfill`):
    ``inputs`` read lazily (each problem given to ``on_problem``), facts extracted on the workers
    in partitions of ``partition_size`` articles, clustered here in arrival order (the stories
    ``ingest`` gives), then every story without a report fused once on the workers. The cluster:
    ``client`` (an open ``distributed.Client``), else the scheduler at ``scheduler``
    (``tcp://host:port``; its workers need newsfuse installed), else a LocalCluster of
    ``workers`` processes on this machine. Returns BackfillStats (``.ingest``: IngestStats)."""
    from . import backfill as backfill_module

    return backfill_module.backfill(
        inputs,
        db,
        scheduler=scheduler,
        workers=workers,
        partition_size=partition_size or backfill_module.DEFAULT_PARTITION,
        window_days=window_days,
        client=client,
        fetch_policy=fetch_policy,
        stdin=stdin,
        on_problem=on_problem,
        on_article=on_article,
        on_batch=on_batch,
        on_fuse=on_fuse,
        on_wait=on_wait,
    )


def watch(
    feeds: Sequence[str],
    db: str | Path,
    *,
    interval: float | None = None,
    once: bool = False,
    max_polls: int | None = None,
    batch_size: int = 16,
    window_days: float | None = None,
    fetch_policy: FetchPolicy | None = None,
    stop=None,
    report=None,
    on_stored=None,
    on_wait=None,
):
    """Poll ``feeds`` (RSS, Atom, news sitemaps) and ingest the pages of their new entries into
    the store at ``db`` until ``stop`` (a threading.Event) is set, or after ``once`` (each feed
    polled once) or ``max_polls``; feed state lives in the store, so a new call resumes. Each
    poll's outcome and each skipped entry is one line given to ``report``. Returns WatchStats."""
    from .inputs.fetch import DEFAULT_POLICY, Fetcher
    from .store import StoreIngester, connect
    from .watch import DEFAULT_INTERVAL, WatchConfig, Watcher

    config = WatchConfig(interval=interval or DEFAULT_INTERVAL, once=once, max_polls=max_polls)
    cluster_config = ClusterConfig() if window_days is None else ClusterConfig(window_days=window_days)
    with closing(connect(db)) as conn, Fetcher(fetch_policy or DEFAULT_POLICY) as fetcher:
        # fuse_every=1: each batch re-fuses its stories in its own transaction, so a story page
        # follows the feeds batch by batch and is never without a report.
        ingester = StoreIngester(
            conn,
            iter_extract,
            load_encoder(),
            config=cluster_config,
            batch_size=batch_size,
            fuse_every=1,
            on_wait=on_wait,
        )
        watcher = Watcher(feeds, ingester, fetcher, config, report=report, stop=stop, on_stored=on_stored)
        return watcher.run()


# ---------------------------------------------------------------------------------------------
# Uploads (the web app): articles from bytes in memory, and ingest that says where each went.


def read_upload(name: str, data: bytes) -> ReadResult:
    """Articles of one uploaded file (``.txt``, ``.html``/``.htm`` or ``.jsonl``, by the
    extension of ``name``), read from memory as :func:`read` reads a file; ``name`` is only a
    label (its last path component)."""
    return ReadResult.of(read_bytes(Path(name.replace("\\", "/")).name or "upload", data))


def read_urls(urls: Sequence[str], fetch_policy: FetchPolicy | None = None) -> ReadResult:
    """Articles of the pages at ``urls`` (http(s) only: anything else, a file path included, is
    refused, never read), fetched under ``fetch_policy``; what the web app reads."""
    from .inputs.fetch import DEFAULT_POLICY, Fetcher
    from .inputs.web import read_urls as fetch_pages

    with Fetcher(fetch_policy or DEFAULT_POLICY) as fetcher:
        return ReadResult.of(unique_ids(fetch_pages(list(urls), fetcher)))


def ingest_and_locate(articles: Sequence[Article], db: str | Path, **options) -> tuple[object, list[dict]]:
    """:func:`ingest` the articles, then say where each went: one dict per article, in order,
    ``{"id", "title", "origin", "status": "added|duplicate|skipped", "story", "headline",
    "reason"}`` (``story`` is the stored story holding its text, also for a duplicate)."""
    from .store import connect, content_hash, stored_by_hash

    hashes = [content_hash(a.text) for a in articles]
    with closing(connect(db)) as conn:
        before = stored_by_hash(conn, hashes)
    stats = ingest(articles, db, **options)
    with closing(connect(db)) as conn:
        after = stored_by_hash(conn, hashes)
    out = []
    for a, digest in zip(articles, hashes):
        stored = after.get(digest)
        status = "skipped" if stored is None else ("duplicate" if digest in before else "added")
        out.append(
            {
                "id": stored[0] if stored else a.id,
                "title": a.title,
                "origin": a.origin,
                "status": status,
                "story": stored[1] if stored else None,
                "headline": stored[2] if stored else None,
                "reason": stats.skipped[a.id].reason if stored is None and a.id in stats.skipped else None,
            }
        )
    return stats, out
