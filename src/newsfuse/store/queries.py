"""Reading the store: stories by id, saved reports, stored facts, and a consistency check
(listing and searching stories is :mod:`.search`).

Nothing here needs a model: reports are rendered from the JSON saved at ingest time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..model import SCHEMA, ArticleFacts, Report, article_facts_from_json, report_from_json
from .db import Connection, StoreError, dialect, transaction


class PendingReport(StoreError):
    """A story whose articles are stored but whose report is not fused yet (NULL): an ingest
    fuses it at the end of its run (a killed one leaves it to the next ``newsfuse ingest``)."""

    def __init__(self, story_id: str, n_articles: int) -> None:
        articles = "its article is" if n_articles == 1 else f"its {n_articles} articles are"
        super().__init__(
            f"story {story_id!r} has no report yet: {articles} stored and the ingest under way fuses it at its end "
            "(if that ingest was stopped, the next `newsfuse ingest` into this store does)"
        )
        self.story_id = story_id
        self.n_articles = n_articles


def resolve_story(conn: Connection, key: str) -> str:
    """A story id from its id, the id of a story merged into it, or a unique prefix of an id."""
    if "\x00" in key:  # never stored, and PostgreSQL rejects it in a parameter
        raise StoreError(f"no story {key!r} in the store (list them with `newsfuse stories`)")
    if conn.execute("SELECT 1 FROM stories WHERE id = ?", (key,)).fetchone():
        return key
    moved = conn.execute(
        "SELECT r.target FROM story_redirects r JOIN stories s ON s.id = r.target WHERE r.id = ?", (key,)
    ).fetchone()
    if moved:
        return str(moved[0])
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = conn.execute(
        f"SELECT id FROM stories WHERE id {like(conn)} ? ESCAPE '\\' ORDER BY id LIMIT 6", (escaped + "%",)
    ).fetchall()
    if not rows:
        raise StoreError(f"no story {key!r} in the store (list them with `newsfuse stories`)")
    if len(rows) > 1:
        raise StoreError(
            f"story {key!r} is ambiguous: {', '.join(r[0] for r in rows[:5])}{' …' if len(rows) > 5 else ''}"
        )
    return rows[0][0]


def story_version(conn: Connection, story_id: str) -> int | None:
    """How many times the story has been fused (None: no such story); its saved report changes
    only with it."""
    row = conn.execute("SELECT version FROM stories WHERE id = ?", (story_id,)).fetchone()
    return None if row is None else int(row[0])


def stored_by_hash(conn: Connection, hashes: Sequence[str]) -> dict[str, tuple[str, str, str | None]]:
    """Content hash -> (article id, story id, story headline) of the stored articles among ``hashes``."""
    found: dict[str, tuple[str, str, str | None]] = {}
    unique = list(dict.fromkeys(hashes))
    # chunks stay under SQLite's limit on bound parameters
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for digest, aid, sid, headline in conn.execute(
            "SELECT a.content_hash, a.id, a.story_id, s.headline FROM articles a JOIN stories s ON s.id = a.story_id "
            f"WHERE a.content_hash IN ({marks})",
            chunk,
        ):
            found[digest] = (aid, sid, headline)
    return found


def article_ref_json(row: Sequence[Any]) -> dict[str, Any]:
    id_, source, title, url, published, inferred = row
    return {
        "id": id_,
        "source": source,
        "title": title,
        "url": url,
        "published": published,
        "published_inferred": bool(inferred),
    }


def report_json(conn: Connection, story_ids: Sequence[str] | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """The contract's report object for the given stories (when None: every story that has a
    report, in order of first article) as ``newsfuse analyze`` prints it for those stories'
    articles, and the article texts. A given story without a report raises :class:`PendingReport`.

    Read in one transaction, so a concurrent ingest never shows a report and articles of
    different moments."""
    with transaction(conn, write=False):
        if story_ids is None:
            story_ids = [
                r[0] for r in conn.execute("SELECT id FROM stories WHERE report IS NOT NULL ORDER BY first_seq")
            ]
        stories, articles, texts = [], [], {}
        for sid in story_ids:
            row = conn.execute("SELECT report FROM stories WHERE id = ?", (sid,)).fetchone()
            if row is None:
                raise StoreError(f"no story {sid!r} in the store")
            refs = story_articles(conn, sid)
            if row[0] is None:
                raise PendingReport(sid, len(refs))
            stories.append(json.loads(row[0]))
            for ref, text in refs:
                articles.append(ref)
                texts[ref["id"]] = text
    return {"schema": SCHEMA, "articles": articles, "stories": stories}, texts


def story_articles(conn: Connection, story_id: str) -> list[tuple[dict[str, Any], str]]:
    """The story's articles in arrival order: each as the contract's article object, with its text."""
    rows = conn.execute(
        "SELECT id, source, title, url, published, published_inferred, text FROM articles WHERE story_id = ? ORDER BY seq",
        (story_id,),
    )
    return [(article_ref_json(r[:6]), r[6]) for r in rows]


@dataclass(frozen=True)
class PendingStory:
    """What a story without a report can show: its headline from its last fusion (None before
    the first) and its articles (the contract's article objects, in arrival order)."""

    id: str
    headline: str | None
    articles: tuple[dict[str, Any], ...]


def pending_story(conn: Connection, story_id: str) -> PendingStory:
    with transaction(conn, write=False):
        row = conn.execute("SELECT headline FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise StoreError(f"no story {story_id!r} in the store")
        return PendingStory(story_id, row[0], tuple(ref for ref, _ in story_articles(conn, story_id)))


def has_report(conn: Connection, story_id: str) -> bool:
    """Whether the story has a fused report (False: pending, or no such story)."""
    return conn.execute("SELECT 1 FROM stories WHERE id = ? AND report IS NOT NULL", (story_id,)).fetchone() is not None


def pending_stories(conn: Connection) -> list[str]:
    """The stories without a report (left by a deferred ingest, or one with ``fuse=False``), oldest
    activity first."""
    return [r[0] for r in conn.execute("SELECT id FROM stories WHERE report IS NULL ORDER BY last_seq")]


def stored_report(conn: Connection, story_ids: Sequence[str] | None = None) -> Report:
    data, texts = report_json(conn, story_ids)
    return report_from_json(data, texts)


def facts_from_row(facts_json: str, text: str, story_key: str | None = None) -> ArticleFacts:
    data = json.loads(facts_json)
    data["text"] = text
    data["story"] = story_key
    return article_facts_from_json(data)


def like(conn: Connection) -> str:
    """SQLite's LIKE ignores (ASCII) case; PostgreSQL's ILIKE is the same match."""
    return "ILIKE" if dialect(conn) == "postgresql" else "LIKE"


def embedding_from_blob(blob: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


def story_facts(conn: Connection, story_id: str) -> list[ArticleFacts]:
    """The stored facts of a story's articles, in arrival order."""
    rows = conn.execute(
        "SELECT f.facts, a.text, a.story_key FROM articles a JOIN article_facts f ON f.seq = a.seq WHERE a.story_id = ? ORDER BY a.seq",
        (story_id,),
    )
    return [facts_from_row(*r) for r in rows]


def iter_clustered(
    conn: Connection, where: str, params: Sequence[Any] = ()
) -> Iterator[tuple[int, str, str, ArticleFacts, np.ndarray]]:
    """(seq, article id, story id, facts, embedding) of clustered (not caller-keyed) articles
    matching ``where`` (over alias ``a``), in arrival order."""
    sql = (
        "SELECT a.seq, a.id, a.story_id, f.facts, a.text, f.embedding FROM articles a JOIN article_facts f ON f.seq = a.seq "
        f"WHERE a.story_key IS NULL AND ({where}) ORDER BY a.seq"
    )
    for seq, aid, sid, facts, text, blob in conn.execute(sql, tuple(params)):
        yield seq, aid, sid, facts_from_row(facts, text), embedding_from_blob(blob)


def counts(conn: Connection) -> dict[str, int]:
    return {
        "articles": conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
        "stories": conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0],
    }


def verify(conn: Connection, *, reports: bool = True) -> list[str]:
    """Problems found (empty when the store is sound): SQLite's integrity check (on SQLite), every article
    with its facts and embedding, every story with its articles and a report that lists exactly
    them, the listing columns in step with the articles, and every redirect to a story."""
    problems: list[str] = []
    if dialect(conn) == "sqlite":  # PostgreSQL checks its pages and foreign keys itself
        problems += [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check")]
    for (aid,) in conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN article_facts f ON f.seq = a.seq WHERE f.seq IS NULL OR length(f.embedding) = 0"
    ):
        problems.append(f"article {aid} has no facts")
    for (seq,) in conn.execute(
        "SELECT f.seq FROM article_facts f LEFT JOIN articles a ON a.seq = f.seq WHERE a.seq IS NULL"
    ):
        problems.append(f"facts {seq} without an article")
    for sid, first, n, first_seq, last_seq, report in conn.execute(
        "SELECT id, first_article, n_articles, first_seq, last_seq, report FROM stories"
    ):
        members = [r[0] for r in conn.execute("SELECT id FROM articles WHERE story_id = ? ORDER BY seq", (sid,))]
        seqs = [r[0] for r in conn.execute("SELECT seq FROM articles WHERE story_id = ? ORDER BY seq", (sid,))]
        if not members:
            problems.append(f"story {sid} has no articles")
            continue
        if members[0] != first or len(members) != n or seqs[0] != first_seq or seqs[-1] != last_seq:
            problems.append(f"story {sid}: listing columns out of step with its {len(members)} articles")
        if report is None:
            if reports:
                problems.append(f"story {sid} has no report")
        elif json.loads(report).get("articles") != members:
            problems.append(f"story {sid}: report does not list exactly its articles")
    for sid, target in conn.execute(
        "SELECT r.id, r.target FROM story_redirects r LEFT JOIN stories s ON s.id = r.target WHERE s.id IS NULL"
    ):
        problems.append(f"story {sid} redirects to {target}, which is not a story")
    return problems
