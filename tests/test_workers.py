"""Extraction in worker processes gives the same facts, in the same order, as one process."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

from conftest import EXAMPLES
from newsfuse import api
from newsfuse.model import Article, article_facts_to_json
from newsfuse.workers import WorkerPool


def _articles() -> list[Article]:
    seeds = api.read([EXAMPLES]).articles
    written = [
        Article(
            id=f"w{i}",
            text=f"Shooting on Elm Street\nTwo people were shot on Elm Street in Dayton on Sunday, police said. "
            f"Officer {name} said a {age}-year-old man was arrested at the scene.",
            source=f"outlet{i}",
            published=dt.date(2024, 3, 4 + i),
        )
        for i, (name, age) in enumerate([("Ann Lee", 19), ("Tom Reyes", 23), ("Mary Ortiz", 31), ("Kim Park", 40)])
    ]
    return [*seeds, *written, *seeds[:1]]  # a repeated article: order, not identity, decides


def test_two_workers_give_the_facts_of_one_process_in_input_order():
    articles = _articles()
    one = [article_facts_to_json(f) for f in api.iter_extract(articles)]
    with WorkerPool(2, min_articles=2) as pool:
        two = [article_facts_to_json(f) for f in pool.extract(articles)]
        again = [article_facts_to_json(f) for f in pool.extract(articles[:3])]  # the pool is reused
    assert two == one
    assert again == one[:3]


def test_a_small_input_stays_in_this_process_and_an_early_stop_leaves_no_work_behind():
    articles = _articles()
    with WorkerPool(2, min_articles=100) as pool:
        assert [f.article.id for f in pool.extract(articles)] == [a.id for a in articles]
        assert pool._pool is None  # fewer articles than min_articles: no worker was started
    with WorkerPool(2, min_articles=2) as pool:
        first = next(iter(pool.extract(articles)))
        assert first.article.id == articles[0].id
        started = time.monotonic()
    assert time.monotonic() - started < 60  # closing the pool with work queued does not hang


def test_a_script_without_a_main_guard_gets_one_clear_error(tmp_path):
    """Worker processes are spawned: they import the calling script again, which must keep its work
    under ``if __name__ == "__main__":``. Without it the pool breaks; the caller is told why."""
    script = tmp_path / "no_guard.py"
    script.write_text(
        "from newsfuse.errors import WorkerError\n"
        "from newsfuse.model import Article\n"
        "from newsfuse.workers import WorkerPool\n"
        "try:\n"
        "    with WorkerPool(2, min_articles=1) as pool:\n"
        "        list(pool.extract([Article(id='a', text='Police said two people were shot on Sunday.')]))\n"
        "except WorkerError as e:\n"
        "    print('WorkerError:', e)\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=180)
    assert "WorkerError: a worker process extracting facts died" in done.stdout, done.stderr[-2000:]
    assert '__name__ == "__main__"' in done.stdout


def test_two_workers_fuse_the_stories_of_one_process_into_the_same_report():
    """analyze with workers: extraction and fusion in two processes, grouping here; the report is
    the one a single process writes (the seeds' story and the written one, each fused by a worker)."""
    from newsfuse.model import report_to_json

    articles = _articles()[:-1]
    one = report_to_json(api.analyze(articles))
    with WorkerPool(2, min_articles=2) as pool:
        assert pool.start(fusion=True) > 0  # both workers up, models and encoder loaded
        facts = list(pool.extract(articles))
        reports = list(pool.fuse(api.group_stories(facts)))
    two = report_to_json(api.build_report(facts, reports))
    assert len(two["stories"]) >= 2
    assert two == one


def test_the_parent_of_workers_runs_torch_on_one_thread_and_gets_its_setting_back():
    """``api.ingest`` with workers runs its cluster embedding on one torch thread (the workers are
    the parallelism) and restores the caller's setting afterwards, also after an error."""
    import torch

    from newsfuse.workers import torch_threads

    before = torch.get_num_threads()
    try:
        with torch_threads(1):
            assert torch.get_num_threads() == 1
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert torch.get_num_threads() == before


def test_fusion_runs_blas_on_one_thread_whatever_the_caller_set():
    """A sum split across BLAS threads can round differently: a report must not depend on the
    machine's cores. fuse_story runs on one thread, and the caller's setting is back after it."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from newsfuse.fuse import Embedder, fuse_story

    def blas_threads() -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    stories = api.group_stories(list(api.iter_extract(_articles()[:2])))
    seen: list[set[int]] = []

    class Spy(Embedder):
        def encode(self, texts):
            seen.append(blas_threads())
            return super().encode(texts)

    embedder = Spy.for_fusion()
    with threadpool_limits(limits=2, user_api="blas"):
        fuse_story(stories[0], embedder)
        assert blas_threads() == {2}
    assert seen and all(threads == {1} for threads in seen)
