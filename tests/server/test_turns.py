"""Runs of different sessions take turns in two lines (steps, page runs); a run whose turn does not
come runs anyway."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from app.server import turns

ROOT = Path(__file__).resolve().parents[2]


def _overlaps(run_in_turn, n: int = 6) -> list[int]:
    """How many runs were in progress as each of ``n`` threads started its run."""
    running, seen = [0], []

    def body() -> None:
        running[0] += 1
        seen.append(running[0])
        time.sleep(0.02)
        running[0] -= 1

    threads = [threading.Thread(target=run_in_turn, args=(body,)) for _ in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return seen


def _step(body) -> None:
    turns.one_at_a_time(body)()


def _page_run(body) -> None:
    with turns.page_run():
        body()


def test_steps_take_turns_and_keep_their_name():
    assert _overlaps(_step) == [1] * 6

    @turns.one_at_a_time
    def step() -> None:
        """A step."""

    assert step.__name__ == "step" and step.__doc__ == "A step."


def test_page_runs_take_turns():
    assert _overlaps(_page_run) == [1] * 6


def test_a_step_never_waits_behind_a_page_run():
    page_started, release_page = threading.Event(), threading.Event()

    def long_page_run() -> None:
        with turns.page_run():
            page_started.set()
            release_page.wait(5)

    holder = threading.Thread(target=long_page_run)
    holder.start()
    try:
        assert page_started.wait(5)
        started = time.monotonic()
        ran = []
        turns.one_at_a_time(lambda: ran.append(True))()
        assert ran == [True] and time.monotonic() - started < 0.5
    finally:
        release_page.set()
        holder.join(5)


def test_the_turn_is_released_when_a_run_raises():
    @turns.one_at_a_time
    def failing() -> None:
        raise RuntimeError("rerun")  # Streamlit ends a run with an exception (rerun, stop)

    for line, run in ((turns.STEPS, failing), (turns.PAGE_RUNS, lambda: _page_run(failing))):
        for _ in range(2):
            try:
                run()
            except RuntimeError:
                pass
        assert line._lock.acquire(timeout=0.1)
        line._lock.release()


def test_a_run_runs_anyway_after_the_longest_wait(monkeypatch):
    monkeypatch.setattr(turns, "MAX_WAIT", 0.05)
    for line, run in ((turns.STEPS, _step), (turns.PAGE_RUNS, _page_run)):
        ran = []
        line._lock.acquire()  # a stuck holder
        try:
            started = time.monotonic()
            run(lambda: ran.append(True))
            waited = time.monotonic() - started
        finally:
            line._lock.release()
        assert ran == [True] and 0.04 < waited < 1.0
        assert line._lock.acquire(timeout=0.1)  # the late run did not release the holder's turn
        line._lock.release()


def test_the_apps_script_runs_in_the_page_line():
    """Every full run goes through streamlit_app.py: its body is one ``with turns.page_run():``."""
    import ast

    tree = ast.parse((ROOT / "streamlit_app.py").read_text())
    withs = [n for n in tree.body if isinstance(n, ast.With)]
    assert len(withs) == 1 and ast.unparse(withs[0].items[0].context_expr) == "turns.page_run()"
    body_calls = {ast.unparse(n.value.func) for n in withs[0].body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)}
    assert {"st.set_page_config", "st.navigation(pages).run"} <= body_calls
    assert not any(isinstance(n, ast.Expr) and isinstance(n.value, ast.Call) for n in tree.body)  # nothing runs outside it
