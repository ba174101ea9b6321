"""Runs of every session on the server take turns, in two lines: steps, and page runs.

Why: Python runs one thread at a time and switches between runnable threads every few milliseconds, so
k runs interleaved all finish after about k run-times; in turn, most finish sooner for the same total
work. Without turns the class's slowest steps were slower, and while a class arrived (30-50 page runs
at once) a student who already stepped waited 0.2-0.6 s for each step (figures: docs/performance.md).

- ``STEPS``: the stepping fragment (:func:`one_at_a_time`), ~10 ms of a step's server time;
- ``PAGE_RUNS``: every full run of the app's script (:func:`page_run`, around ``streamlit_app.py``'s
  body), ~20-60 ms each. A step shares the interpreter with at most one page run, never waits behind one.

Fragment runs other than the step (a training's progress poll) take no turn. A run waits at most
:data:`MAX_WAIT` for its turn and then runs anyway: a stuck holder can slow the class but never stop it.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from typing import Callable, TypeVar

MAX_WAIT = 2.0
"""Seconds a run waits for its turn before it runs regardless."""

F = TypeVar("F", bound=Callable[..., None])


class Line:
    """One line of runs that take turns, process-wide (this module is imported once per server)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """Wait for this line's turn (at most :data:`MAX_WAIT`), hold it for the ``with`` block."""
        got = self._lock.acquire(timeout=MAX_WAIT)
        try:
            yield
        finally:
            if got:
                self._lock.release()


STEPS = Line()
PAGE_RUNS = Line()


def one_at_a_time(run: F) -> F:
    """Decorate the stepping fragment's function (below ``@st.fragment``): its runs across sessions take turns."""
    @functools.wraps(run)
    def in_turn(*args, **kwargs):
        with STEPS.turn():
            return run(*args, **kwargs)
    return in_turn  # type: ignore[return-value]


def page_run() -> contextlib.AbstractContextManager[None]:
    """``with turns.page_run():`` around a full run of the app's script: full runs across sessions take turns."""
    return PAGE_RUNS.turn()
