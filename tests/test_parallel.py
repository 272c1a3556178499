"""Work shared with a forked child gives the same results as work done alone:
the pages' jobs run fresh (`incremental.run_fresh`), and every output file."""

from __future__ import annotations

import os
import threading

import pytest

from bench import corpus
from briefing import incremental, pages, parallel, pipeline
from briefing.problems import BadInput, Problem
from briefing.project import Project


@pytest.fixture
def forking(monkeypatch):
    """Forking allowed though other tests' servers may have left threads
    running: the children here only compute and exit."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)


def _where(number: int) -> tuple[int, int]:
    return number, os.getpid()


def test_every_other_item_is_done_by_a_child_and_all_come_back_in_order(forking):
    items = list(range(parallel.WORTH_FORKING + 3))
    results = parallel.map_shared(_where, items)
    assert [number for number, _ in results] == items
    assert {pid for _, pid in results[0::2]} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in results[1::2]}


def test_few_items_are_done_here(forking):
    assert {pid for _, pid in parallel.map_shared(_where, range(10))} == {os.getpid()}


def test_nothing_is_forked_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        results = parallel.map_shared(_where, range(parallel.WORTH_FORKING))
    finally:
        stop.set()
    assert {pid for _, pid in results} == {os.getpid()}


def _bad_when_odd(number: int) -> int:
    if number == parallel.WORTH_FORKING - 1:
        raise BadInput([Problem("templates/event.md.j2", 3, "", "template failed")])
    return number


def _broken_when_odd(number: int) -> int:
    if number == 1:
        raise KeyError("no such thing")
    return number


def test_the_childs_problems_are_reported_as_its_own(forking):
    with pytest.raises(BadInput) as bad:
        parallel.map_shared(_bad_when_odd, range(parallel.WORTH_FORKING))
    assert bad.value.report().startswith("templates/event.md.j2:3: template failed")


def test_any_other_failure_of_the_child_says_where_it_happened(forking):
    with pytest.raises(RuntimeError, match="KeyError: 'no such thing'"):
        parallel.map_shared(_broken_when_odd, range(parallel.WORTH_FORKING))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic project with more pages than WORTH_FORKING, and its briefing."""
    root = tmp_path_factory.mktemp("parallel") / "p"
    corpus.make_project(root, 200, seed=5)
    project = Project(root)
    return project, pipeline.check(project)


def test_pages_rendered_in_two_processes_match_pages_rendered_in_one(forking, synthetic, monkeypatch):
    project, briefing = synthetic
    jobs = pages.page_jobs(briefing, pipeline.setting(project))
    assert len(jobs) >= parallel.WORTH_FORKING
    children = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: children.append(1) or fork())
    shared = incremental.run_fresh(briefing, jobs)
    assert children, "the pages were not shared with a child"
    monkeypatch.setattr(parallel, "WORTH_FORKING", 10 ** 9)
    alone = incremental.run_fresh(briefing, jobs)
    assert len(children) == 1
    assert list(alone) == list(shared) == [job.key for job in jobs]
    assert [key for key in alone if alone[key] != shared[key]] == []


def test_every_output_file_made_in_two_processes_matches_one(forking, synthetic, monkeypatch):
    project, briefing = synthetic
    shared = pipeline.render(briefing, project)
    monkeypatch.setattr(parallel, "WORTH_FORKING", 10 ** 9)
    alone = pipeline.render(briefing, project)
    assert alone.keys() == shared.keys()
    assert [path for path in alone if alone[path] != shared[path]] == []
    assert {"index.md", "data/briefing.json"} <= alone.keys()


def test_jobs_traced_in_two_processes_keep_what_jobs_traced_in_one_keep(forking, synthetic, monkeypatch):
    """A session's jobs shared with a child: the same results, and the same
    traces kept (questions and answers), so that the next generation reuses
    what it would have reused had every job run here."""
    project, briefing = synthetic
    jobs = [incremental.Job(("pages", job.key), job.run, job.arguments)
            for job in pages.page_jobs(briefing, pipeline.setting(project))]
    children = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: children.append(1) or fork())
    shared, alone = incremental.Jobs(), incremental.Jobs()
    nothing_held = lambda key, digest: False  # noqa: E731  (no output folder: every text is made)
    with shared.generation(briefing, nothing_held) as run:
        shared_results = run(jobs, True)
    assert children, "the jobs were not shared with a child"
    monkeypatch.setattr(parallel, "WORTH_FORKING", 10 ** 9)
    with alone.generation(briefing, nothing_held) as run:
        alone_results = run(jobs, True)
    assert len(children) == 1
    fresh = incremental.run_fresh(briefing, jobs)
    assert shared_results == alone_results == {key: text.encode("utf-8") for key, text in fresh.items()}
    assert shared.kept == alone.kept
    assert shared.ran == alone.ran == len(jobs)
