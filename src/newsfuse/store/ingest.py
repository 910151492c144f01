"""Incremental ingest: new articles are extracted and clustered into the stored stories, one
transaction per batch; the stories they touch are fused once per call, not once per batch.

Fusion costs several times extraction, and a story that gets articles in five batches was fused
five times when every batch re-fused what it touched. So by default (``fuse_every`` > 1) a batch
stores articles, facts and clustering decisions and leaves each story it touched without a
report (NULL: "pending"); the pending stories are fused once each at the end of every
:meth:`StoreIngester.ingest` call, and on the way every ``fuse_every`` batches (or once
:data:`FUSE_PENDING_MAX` stories wait) so that readers of a long ingest get reports within
minutes (:data:`FUSE_EVERY_BATCHES` says how many). The fusion runs outside the write lock,
in-process or in worker processes (``fuser``: ``WorkerPool.fuse``), and writes each report with
:func:`save_report` only if no other writer changed the story meanwhile. ``fuse_every=1`` keeps
the old way, re-fusion inside each batch's transaction, for ``watch``: a story is never without
a report and its page follows each batch.

The clusterer's state lives in memory and is rebuilt at start-up by replaying, in arrival
order, the stored articles of every story the clusterer could still extend (the stories whose
newest article is inside its horizon, ``ClusterConfig.horizon_days``, and the most recent
undated ones) from their stored facts and embeddings: no spaCy, no encoder. The other stored
articles are observed on the way, in their place in the stream (``StoryClusterer.observe``): they
are not clustered again, but they count in the document frequencies, the neighbour levels and the
clock as they did in the stream, so an ingest run in several calls groups as one ``cluster`` run
(issue 16). That makes the start-up cost grow with the store, not only with the horizon (a
9,000-article bench_store store: 298 articles replayed and 8,698 observed in 15 s); a persisted
snapshot of those statistics would bound it, and is not built yet. A replayed story is named after the article that opened it in the
replay; ``_story_of`` maps that name back to the stored story id. At the start of every batch,
inside the write transaction, articles committed meanwhile by another process are replayed the
same way, so two ingests into one store cluster as one stream.

Crash safety: everything a batch writes (articles, facts, story rows, and with ``fuse_every=1``
the re-fused reports) is in one transaction; a killed process leaves the store as of its last
commit, and the in-memory state it loses is rebuilt by the next run. A story left pending by a
killed run keeps its NULL report until the next call fuses it (every call fuses every pending
story, whoever left it). An article already stored (same text, by SHA-256)
is skipped before extraction, so re-running an interrupted ingest only does what is missing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from ..cluster import Assignment, ClusterConfig, StoryClusterer, embed
from ..cluster.story import days_before
from ..fuse import Embedder, fuse_story
from ..fuse.context import story_sentences
from ..fuse.copies import find_copies
from ..inputs.errors import BadInput, InputProblem, check_article
from ..memory import release as release_memory
from ..model import Article, ArticleFacts, Story, StoryReport, article_facts_to_json, to_json
from .db import Connection, OnWait, dialect, transaction
from .queries import iter_clustered, pending_stories, story_facts

Extractor = Callable[[Iterable[Article]], Iterator[ArticleFacts]]
# Stories -> their reports, in order (``WorkerPool.fuse``, or :func:`fuse_here`).
Fuser = Callable[[Sequence[Story], Embedder], Iterator[StoryReport]]

# How often a deferred ingest fuses its pending stories: every 32 batches (2,048 articles at the
# default 64) and at the end of each call (``newsfuse ingest --fuse-every N``; 1: inside every
# batch). Readers: with 2 workers an ingest of the 1,363 gva-dev articles takes about 0.1 CPU-s
# per article to extract, 0.06 to embed and cluster (the parent) and 0.12 to fuse, so 32 batches
# are fused some 4-5 minutes (quiet machine; twice that busy) after their first article, never
# the hours a large input takes. Cost: on that stream, fusing every 16 batches would fuse 3.6%
# more stories than once (every 8: 5.5%, every batch: 20%, before counting that a big story is
# the dearest to fuse again), so 32 leaves little to save.
FUSE_EVERY_BATCHES = 32
# ... or sooner when this many stories wait (large --batch-size): the same bound in stories.
FUSE_PENDING_MAX = 2048
# Pending stories whose facts are read, fused and written at a time: memory stays bounded after a
# large killed backfill, and the workers drain only once per chunk.
FUSE_CHUNK = 256
# Reports written per transaction: short write locks for a concurrent writer (and backfill's).
STORIES_PER_TRANSACTION = 32


def fuse_here(stories: Sequence[Story], embedder: Embedder) -> Iterator[StoryReport]:
    """Each story's report, in this process (the default :data:`Fuser`)."""
    return (fuse_story(story, embedder) for story in stories)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


@dataclass
class IngestStats:
    offered: int = 0  # articles given to ingest (after reading)
    extracted: int = 0  # articles through extraction so far (committed or not yet)
    added: int = 0
    duplicates: int = 0  # text already in the store (or earlier in this input)
    skipped: dict[str, InputProblem] = field(default_factory=dict)  # article id -> why it was not stored
    stories_created: int = 0
    stories_updated: int = 0  # existing stories that got new articles (and a new report)
    moved: int = 0  # stored articles the clusterer's revisions moved to another story
    stories_merged: int = 0  # stories emptied by moves (their ids redirect to where they went)
    fusions: int = 0
    batches: int = 0
    replayed: int = 0  # stored articles replayed to rebuild the clusterer
    replay_seconds: float = 0.0
    seconds: float = 0.0
    times: dict[str, float] = field(
        default_factory=lambda: {"extract": 0.0, "embed": 0.0, "cluster": 0.0, "db": 0.0, "fuse": 0.0}
    )

    @property
    def problems(self) -> list[InputProblem]:
        return list(self.skipped.values())

    @property
    def done(self) -> int:
        """Articles dealt with so far (added or skipped)."""
        return self.added + self.duplicates + len(self.skipped)

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0

    @property
    def seen(self) -> int:
        """Articles dealt with or under way: extracted (committed or not), duplicates, skipped."""
        return max(self.done, self.extracted + self.duplicates + len(self.skipped))


@dataclass
class Moves:
    """What one transaction's revisions did to stored stories."""

    went: dict[str, str] = field(default_factory=dict)  # story -> where its last moved article went
    articles: int = 0
    created: int = 0
    emptied: int = 0


class StoreIngester:
    """Adds articles to one store; holds the clusterer for the stream the store has seen."""

    def __init__(
        self,
        conn: Connection,
        extract: Extractor,
        encoder,
        *,
        config: ClusterConfig | None = None,
        batch_size: int = 64,
        replay_undated: int = 5000,
        embedder: Embedder | None = None,
        fuse: bool = True,
        fuse_every: int = FUSE_EVERY_BATCHES,
        fuser: Fuser | None = None,
        on_wait: OnWait | None = None,
        before_commit: Callable[[Connection, Sequence[Article]], None] | None = None,
        vectors: Callable[[Sequence[ArticleFacts]], np.ndarray] | None = None,
    ) -> None:
        self.conn = conn
        self.extract = extract
        self.encoder = encoder
        self.config = config or ClusterConfig()
        self.batch_size = max(1, batch_size)
        self.replay_undated = replay_undated
        # fuse=False leaves every touched story pending (NULL report) for someone else to fuse:
        # backfill.py (on its Dask workers), or a later fuse_pending / ingest.
        self.fuse = fuse
        # 1: each batch's transaction re-fuses the stories it touched (watch: a story is never
        # pending). N > 1: pending stories are fused once each, every N batches and at the end.
        self.fuse_every = max(1, fuse_every)
        self.fuser: Fuser = fuser or fuse_here
        self.on_wait = on_wait  # called when a batch waits for another writer's lock
        # Called inside each batch's transaction, last, with the batch's articles: what the
        # caller writes there commits with them or not at all (watch.py: the feed entries).
        self.before_commit = before_commit
        # A batch's cluster embeddings, when the extractor computed them already (backfill.py:
        # on the Dask workers, with the same ``embed``); default: ``embed(batch, encoder)`` here.
        self.vectors = vectors
        self._embedder = embedder
        self._waiting: set[str] = set()  # stories this ingester left pending since it last fused
        self.clusterer: StoryClusterer | None = None
        self._story_of: dict[str, str] = {}  # clusterer's story name -> stored story id
        self._last_seq = 0
        self.diverged = 0
        self.replay_seconds = 0.0  # replayed articles the rebuilt clusterer put elsewhere than stored

    @property
    def embedder(self) -> Embedder:
        # Loaded on first use: an ingest whose workers fuse never needs it in this process.
        if self._embedder is None:
            # A bounded memo: fusion re-encodes a story's sentences when it grows; 20k sentences
            # (~30 MB) cover the stories live in one window.
            self._embedder = Embedder.for_fusion(max_cached=20_000)
        return self._embedder

    @property
    def deferred(self) -> bool:
        """Whether batches leave touched stories pending for :meth:`fuse_pending` (else each
        batch re-fuses them, or, with ``fuse=False``, nobody here does)."""
        return self.fuse and self.fuse_every > 1

    # -- the clusterer's state ----------------------------------------------------------------

    def _dimension(self) -> int:
        row = self.conn.execute("SELECT length(embedding) FROM article_facts LIMIT 1").fetchone()
        if row:
            return row[0] // 4
        for name in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
            get = getattr(self.encoder, name, None)
            if get is not None:
                return int(get())
        return 384

    def rebuild(self) -> int:
        """A fresh clusterer holding the stories still open to new articles; returns how many
        stored articles were replayed."""
        t0 = time.perf_counter()
        self.clusterer = StoryClusterer(self.config, embedding_dim=self._dimension())
        self._story_of = {}
        self.diverged = 0
        conn = self.conn
        with transaction(conn, write=False):
            self._last_seq = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            newest = conn.execute("SELECT MAX(last_published) FROM stories WHERE keyed = 0").fetchone()[0]
            # The stories a new article could still join: active inside the horizon, or among
            # the most recent undated ones.
            open_stories: set[str] = set()
            if newest is not None:
                horizon = days_before(dt.date.fromisoformat(newest), dt.timedelta(days=self.config.horizon_days))
                open_stories.update(
                    row[0]
                    for row in conn.execute(
                        "SELECT id FROM stories WHERE keyed = 0 AND last_published >= ?", (horizon.isoformat(),)
                    )
                )
            open_stories.update(
                row[0]
                for row in conn.execute(
                    "SELECT id FROM stories WHERE keyed = 0 AND last_published IS NULL ORDER BY last_seq DESC LIMIT ?",
                    (self.replay_undated,),
                )
            )
            n = 0
            # Every stored article in arrival order: those of open stories are replayed, the
            # others only observed (they count in the document frequencies, the neighbour
            # levels and the clock as they did in the stream; without them a rebuilt ingest
            # grouped 28 of the 1,363 gva-dev articles otherwise than `cluster`, issue 16).
            for _, aid, sid, facts, vector in iter_clustered(conn, "a.seq <= ?", (self._last_seq,)):
                if sid in open_stories:
                    self._replay(aid, sid, facts, vector)
                    n += 1
                else:
                    self.clusterer.observe(facts, vector)
        # The store already holds what the replayed decisions came to.
        self.clusterer.revisions()
        self.replay_seconds = time.perf_counter() - t0
        return n

    def _replay(self, article_id: str, stored_story: str, facts: ArticleFacts, vector: np.ndarray) -> None:
        assert self.clusterer is not None
        assignment = self.clusterer.add(facts, vector)
        mapped = self._story_of.setdefault(assignment.story, stored_story)
        if mapped != stored_story:
            self.diverged += 1

    def _catch_up(self) -> int:
        """Replay articles another process committed since we last looked (inside the write lock)."""
        last = self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
        n = 0
        if last > self._last_seq:
            for _, aid, sid, facts, vector in iter_clustered(self.conn, "a.seq > ?", (self._last_seq,)):
                self._replay(aid, sid, facts, vector)
                n += 1
            self.clusterer.revisions()  # type: ignore[union-attr]  # the other process applied its own
            self._last_seq = last
        return n

    # -- ingest ---------------------------------------------------------------------------------

    def _unseen(self, articles: Iterable[Article], stats: IngestStats) -> Iterator[Article]:
        """Articles whose text is not stored yet (checked in chunks, before any extraction)."""
        seen: set[str] = set()
        it = iter(articles)
        while chunk := list(islice(it, 256)):
            chunk = [a for a in chunk if self._acceptable(a, stats)]
            hashes = [content_hash(a.text) for a in chunk]
            marks = ",".join("?" * len(chunk))
            # PostgreSQL refuses an empty IN (): every article of the chunk may have been refused
            stored = (
                {
                    r[0]
                    for r in self.conn.execute(
                        f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", hashes
                    )
                }
                if hashes
                else set()
            )
            for article, digest in zip(chunk, hashes):
                stats.offered += 1
                if digest in stored or digest in seen:
                    stats.duplicates += 1
                    continue
                seen.add(digest)
                yield article

    @staticmethod
    def _acceptable(article: Article, stats: IngestStats) -> bool:
        try:
            check_article(article)
        except BadInput as exc:
            stats.offered += 1
            stats.skipped[article.id] = InputProblem(article.origin or article.id, str(exc))
            return False
        return True

    def ingest(
        self,
        articles: Iterable[Article],
        on_batch: Callable[[IngestStats], None] | None = None,
        settle: bool = True,
        on_article: Callable[[IngestStats], None] | None = None,
        on_fuse: Callable[[int, int], None] | None = None,
    ) -> IngestStats:
        """Store and cluster the articles in batches and fuse the stories they touch. ``settle``:
        the input is the end of the stream for now, so every decision still open is made final
        (the clusterer's ``flush``) and its moves applied, as ``newsfuse cluster`` does at the end
        of its input. ``on_batch`` is called after each commit, ``on_article`` after each
        article's extraction (a batch takes minutes: progress shows before the first commit),
        ``on_fuse(done, of)`` as deferred fusion goes (``done`` 0: it starts)."""
        stats = IngestStats()
        start = time.perf_counter()
        if self.clusterer is None:
            stats.replayed = self.rebuild()
            stats.replay_seconds = self.replay_seconds

        def counted(stream: Iterator[ArticleFacts]) -> Iterator[ArticleFacts]:
            for facts in stream:
                stats.extracted += 1
                stats.seconds = time.perf_counter() - start
                if on_article:
                    on_article(stats)
                yield facts

        facts_stream = counted(self.extract(self._unseen(articles, stats)))
        while True:
            t0 = time.perf_counter()
            batch = list(islice(facts_stream, self.batch_size))
            stats.times["extract"] += time.perf_counter() - t0
            if not batch:
                break
            t0 = time.perf_counter()
            found = self.vectors(batch) if self.vectors is not None else embed(batch, self.encoder)
            vectors = np.asarray(found, dtype=np.float32)
            stats.times["embed"] += time.perf_counter() - t0
            try:
                self._commit_batch(batch, vectors, stats)
            except BaseException:
                self.clusterer = None  # it saw articles that were rolled back: rebuild before reuse
                raise
            stats.batches += 1
            release_memory()  # the batch's documents and activations are garbage now
            stats.seconds = time.perf_counter() - start
            if on_batch:
                on_batch(stats)
            if self.deferred and (stats.batches % self.fuse_every == 0 or len(self._waiting) >= FUSE_PENDING_MAX):
                self._fuse_deferred(stats, on_fuse)
        if settle and self.clusterer is not None:
            try:
                self._commit_batch([], np.zeros((0, 0), dtype=np.float32), stats, settle=True)
            except BaseException:
                self.clusterer = None
                raise
        if self.deferred:
            # Every pending story, also those a killed run (or another writer) left.
            self._fuse_deferred(stats, on_fuse)
        stats.seconds = time.perf_counter() - start
        if on_batch:
            on_batch(stats)
        return stats

    def _fuse_deferred(self, stats: IngestStats, on_fuse: Callable[[int, int], None] | None) -> None:
        t0 = time.perf_counter()
        stats.fusions += self.fuse_pending(on_progress=on_fuse)
        stats.times["fuse"] += time.perf_counter() - t0

    def _commit_batch(
        self, batch: Sequence[ArticleFacts], vectors: np.ndarray, stats: IngestStats, settle: bool = False
    ) -> None:
        conn = self.conn
        t_db = time.perf_counter()
        t_cluster = t_fuse = 0.0
        added = created = duplicates = 0
        skipped: dict[str, InputProblem] = {}
        touched: dict[str, bool] = {}  # story id -> created in this batch
        moves = Moves()
        with transaction(conn, on_wait=self.on_wait):
            t0 = time.perf_counter()
            self._catch_up()
            t_cluster += time.perf_counter() - t0
            now = _now()
            for facts, vector in zip(batch, vectors):
                a = facts.article
                digest = content_hash(a.text)
                if conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone():
                    duplicates += 1  # stored meanwhile by another process, or twice in this batch
                    continue
                if conn.execute("SELECT 1 FROM articles WHERE id = ?", (a.id,)).fetchone():
                    skipped[a.id] = InputProblem(
                        a.origin or a.id, f"an article with id {a.id!r} but a different text is already stored"
                    )
                    continue
                if a.story is not None:
                    story_id = a.story
                else:
                    t0 = time.perf_counter()
                    assignment = self.clusterer.add(facts, vector)  # type: ignore[union-attr]
                    t_cluster += time.perf_counter() - t0
                    known = self._story_of.get(assignment.story)
                    if known is None:
                        known = self._new_story_id(assignment.story)
                        self._story_of[assignment.story] = known
                    story_id = known
                exists = conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone()
                if not exists:
                    conn.execute(
                        "INSERT INTO stories (id, first_article, keyed, first_seq, last_seq, created_at, updated_at) VALUES (?, ?, ?, 0, 0, ?, ?)",
                        (story_id, a.id, int(a.story is not None), now, now),
                    )
                    touched[story_id] = True
                    created += 1
                else:
                    touched.setdefault(story_id, False)
                seq = conn.execute(
                    "INSERT INTO articles (id, content_hash, story_id, source, title, url, published, published_inferred, language, "
                    "story_key, origin, ingested_at, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
                    (
                        a.id,
                        digest,
                        story_id,
                        a.source,
                        a.title,
                        a.url,
                        a.published.isoformat() if a.published else None,
                        int(a.published_inferred),
                        a.language,
                        a.story,
                        a.origin,
                        now,
                        a.text,
                    ),
                ).fetchone()[0]
                if dialect(conn) == "sqlite":  # PostgreSQL's index is a generated column of `articles`
                    conn.execute(
                        "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)", (seq, a.title, a.text)
                    )
                data = article_facts_to_json(facts)
                del data["text"]
                conn.execute(
                    "INSERT INTO article_facts (seq, facts, embedding) VALUES (?, ?, ?)",
                    (
                        seq,
                        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                        np.asarray(vector, dtype=np.float32).tobytes(),
                    ),
                )
                self._last_seq = seq
                added += 1
                if a.story is None:
                    # After the insert: a merge may move the article just added.
                    self._apply_revisions(self.clusterer.revisions(), touched, moves, now)  # type: ignore[union-attr]
            if settle:
                t0 = time.perf_counter()
                revisions = self.clusterer.flush()  # type: ignore[union-attr]
                t_cluster += time.perf_counter() - t0
                self._apply_revisions(revisions, touched, moves, now)
            created += moves.created
            for emptied in self._drop_emptied(touched, moves, now):
                del touched[emptied]
            t0 = time.perf_counter()
            self._fuse_stories(list(touched), now, fuse=self.fuse and not self.deferred)
            t_fuse += time.perf_counter() - t0
            if self.before_commit is not None:
                self.before_commit(conn, [facts.article for facts in batch])
        # Counted only once committed.
        stats.added += added
        stats.duplicates += duplicates
        stats.skipped.update(skipped)
        stats.stories_created += created
        stats.stories_updated += sum(1 for new in touched.values() if not new)
        stats.moved += moves.articles
        stats.stories_merged += moves.emptied
        if self.deferred:
            self._waiting.update(touched)
        elif self.fuse:
            stats.fusions += len(touched)
        stats.times["cluster"] += t_cluster
        stats.times["fuse"] += t_fuse
        stats.times["db"] += time.perf_counter() - t_db - t_cluster - t_fuse

    def _apply_revisions(
        self, revisions: Sequence[Assignment], touched: dict[str, bool], moves: Moves, now: str
    ) -> None:
        """Move stored articles to the stories the clusterer's revisions (moves, splits, merges)
        put them in; a story the clusterer opened in a revision (a split) is created."""
        conn = self.conn
        for revision in revisions:
            row = conn.execute("SELECT story_id FROM articles WHERE id = ?", (revision.article,)).fetchone()
            if row is None:
                continue
            target = self._story_of.get(revision.story)
            if target is None:
                target = self._new_story_id(revision.story)
                self._story_of[revision.story] = target
            source = row[0]
            if source == target:
                continue
            if not conn.execute("SELECT 1 FROM stories WHERE id = ?", (target,)).fetchone():
                conn.execute(
                    "INSERT INTO stories (id, first_article, keyed, first_seq, last_seq, created_at, updated_at) VALUES (?, ?, 0, 0, 0, ?, ?)",
                    (target, revision.article, now, now),
                )
                touched[target] = True
                moves.created += 1
            conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (target, revision.article))
            touched.setdefault(source, False)
            touched.setdefault(target, False)
            moves.went[source] = target
            moves.articles += 1

    def _drop_emptied(self, touched: dict[str, bool], moves: Moves, now: str) -> list[str]:
        """Delete the stories that moves left without articles; each id redirects to the story
        its last article went to (and so do the ids that redirected to it)."""
        conn = self.conn
        emptied = [
            sid
            for sid in moves.went
            if not conn.execute("SELECT 1 FROM articles WHERE story_id = ?", (sid,)).fetchone()
        ]
        for sid in emptied:
            target = moves.went[sid]
            for _ in range(len(moves.went) + 1):  # follow moves of the target itself, if emptied too
                if target not in emptied:
                    break
                target = moves.went[target]
            conn.execute("DELETE FROM stories WHERE id = ?", (sid,))
            conn.execute("UPDATE story_redirects SET target = ? WHERE target = ?", (target, sid))
            conn.execute(
                "INSERT INTO story_redirects (id, target, moved_at) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET target = excluded.target, moved_at = excluded.moved_at",
                (sid, target, now),
            )
            moves.emptied += 1
        return [sid for sid in emptied if sid in touched]

    def _new_story_id(self, name: str) -> str:
        """The clusterer names a new story after its first article; a caller's story key, or a
        story merged away (its id redirects), could already hold that name: step aside then."""
        candidate, n = name, 1
        while self.conn.execute(
            "SELECT 1 FROM stories WHERE id = ? UNION ALL SELECT 1 FROM story_redirects WHERE id = ?",
            (candidate, candidate),
        ).fetchone():
            n += 1
            candidate = f"{name}~{n}"
        return candidate

    def fuse_pending(
        self,
        stories_per_transaction: int = STORIES_PER_TRANSACTION,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Fuse every story that has no report (left pending by a deferred or ``fuse=False``
        ingest, this one or another, also one killed meanwhile), each once, with ``fuser``; the
        reports are written in transactions of ``stories_per_transaction`` stories, each only if
        no other writer changed or fused the story since its facts were read (that writer fuses
        it then). ``on_progress(done, of)``: ``done`` 0 when it starts. Returns how many were
        written."""
        pending = pending_stories(self.conn)
        self._waiting.clear()
        if on_progress:
            on_progress(0, len(pending))
        written = done = 0
        for i in range(0, len(pending), FUSE_CHUNK):
            # Read outside the write lock, as the fusion runs: only the writes take it.
            read = [self._stored_story(sid) for sid in pending[i : i + FUSE_CHUNK]]
            stories = [s for s in read if s.articles]  # not those another writer merged away meanwhile
            done += len(read) - len(stories)
            fused: list[tuple[Story, StoryReport]] = []
            for story, report in zip(stories, self.fuser(stories, self.embedder)):
                fused.append((story, report))
                done += 1
                if len(fused) >= stories_per_transaction:
                    written += self._save_fused(fused)
                if on_progress:
                    on_progress(done, len(pending))
            written += self._save_fused(fused)
        return written

    def _stored_story(self, story_id: str) -> Story:
        members = story_facts(self.conn, story_id)
        return Story(id=story_id, articles=tuple(members), copies=find_copies(members))

    def _save_fused(self, fused: list[tuple[Story, StoryReport]]) -> int:
        """Write the reports (and empty ``fused``); returns how many were written."""
        if not fused:
            return 0
        now = _now()
        with transaction(self.conn, on_wait=self.on_wait):
            written = sum(
                save_report(self.conn, s.id, s.articles, s.copies, report, now, only_if_pending=True)
                for s, report in fused
            )
        fused.clear()
        return written

    def _fuse_stories(self, story_ids: Sequence[str], now: str, *, fuse: bool) -> None:
        """Update the stories' listing columns and, with ``fuse``, their fused reports."""
        members = {sid: story_facts(self.conn, sid) for sid in story_ids} if fuse else {}
        if members:  # (not otherwise: the embedder would be loaded for nothing)
            # One encoder batch for every sentence of every story: many small per-story calls
            # leave the encoder mostly idle between them.
            self.embedder.encode([s.text for facts in members.values() for s in story_sentences(tuple(facts))])
        for sid in story_ids:
            # A revision may have moved a story's first article away.
            self.conn.execute(
                "UPDATE stories SET first_article = (SELECT id FROM articles WHERE story_id = ? ORDER BY seq LIMIT 1) "
                "WHERE id = ? AND keyed = 0",
                (sid, sid),
            )
            self._fuse_story(sid, now, members.get(sid))

    def _fuse_story(self, story_id: str, now: str, members: list[ArticleFacts] | None) -> StoryReport | None:
        """Save the story's listing columns and, given its members, its fused report."""
        conn = self.conn
        if members is None:
            first_seq, last_seq, first_pub, last_pub, n = conn.execute(
                "SELECT MIN(seq), MAX(seq), MIN(published), MAX(published), COUNT(*) FROM articles WHERE story_id = ?",
                (story_id,),
            ).fetchone()
            # Not fused now (fuse=False): the report no longer lists the story's articles, so it is
            # dropped; NULL marks the story for ``fuse_pending`` (or a backfill's fusion), also
            # after a restart.
            conn.execute(
                "UPDATE stories SET first_seq = ?, last_seq = ?, first_published = ?, last_published = ?, n_articles = ?, report = NULL, updated_at = ? WHERE id = ?",
                (first_seq, last_seq, first_pub, last_pub, n, now, story_id),
            )
            return None
        copies = find_copies(members)
        report = fuse_story(Story(id=story_id, articles=tuple(members), copies=copies), self.embedder)
        save_report(conn, story_id, members, copies, report, now)
        return report


def save_report(
    conn: Connection,
    story_id: str,
    members: Sequence[ArticleFacts],
    copies: dict[str, str],
    report: StoryReport,
    now: str,
    *,
    only_if_pending: bool = False,
) -> bool:
    """Write a story's fused report, its listing columns and its articles' ``copy_of`` (inside the
    caller's transaction). ``only_if_pending``: only while the story has no report and still
    ``len(members)`` articles, i.e. no other writer changed or fused it since ``members`` were
    read. Returns whether it wrote."""
    first_seq, last_seq, first_pub, last_pub, n = conn.execute(
        "SELECT MIN(seq), MAX(seq), MIN(published), MAX(published), COUNT(*) FROM articles WHERE story_id = ?",
        (story_id,),
    ).fetchone()
    if only_if_pending and n != len(members):
        return False
    independent = [f.article for f in members if f.article.id not in copies]
    n_sources = len({a.source or a.id for a in independent})
    cur = conn.execute(
        "UPDATE stories SET first_seq = ?, last_seq = ?, first_published = ?, last_published = ?, n_articles = ?, n_sources = ?, "
        "headline = ?, place = ?, event_date = ?, event_type = ?, report = ?, version = version + 1, updated_at = ? "
        "WHERE id = ?" + (" AND report IS NULL" if only_if_pending else ""),
        (
            first_seq,
            last_seq,
            first_pub,
            last_pub,
            len(members),
            n_sources,
            report.headline,
            _place(report),
            _event_date(report),
            report.event_type,
            json.dumps(to_json(report), ensure_ascii=False, separators=(",", ":")),
            now,
            story_id,
        ),
    )
    if cur.rowcount == 0:
        return False
    for f in members:
        conn.execute(
            "UPDATE articles SET copy_of = ? WHERE id = ? AND copy_of IS DISTINCT FROM ?",
            (copies.get(f.article.id), f.article.id, copies.get(f.article.id)),
        )
    return True


def _place(report: StoryReport) -> str | None:
    places = [p for p in report.where if p.role == "event"] or list(report.where[:1])
    if not places:
        return None
    p = places[0]
    return ", ".join(x for x in (p.name, p.country) if x)


def _event_date(report: StoryReport) -> str | None:
    day = report.when.date or report.when.start
    return day.isoformat() if day else None
