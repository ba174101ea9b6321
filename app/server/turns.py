"""Runs of every session on the server take turns, in two lines: steps, and page runs.

Python runs one thread at a time and switches between runnable threads every few milliseconds. When
k runs are in progress together, interleaving them makes all k finish after about k run-times; in
turn, the first finishes after one, the second after two, the last after k: the same total work,
but most runs are quick. For steps alone (30 sessions, 3 training) the 95th percentile step was
52-59 ms in most runs with turns, 64-74 ms in most without.

Two lines, not one:

- ``STEPS``: the stepping fragment (:func:`one_at_a_time`), ~10 ms of a step's server time;
- ``PAGE_RUNS``: every full run of the app's script (a page opened, a sidebar choice, a forecast's
  results), ~20-60 ms each (:func:`page_run`, around ``streamlit_app.py``'s body).

A step then shares the interpreter with at most one page run, and never waits behind one. Before
the second line, a class arriving (30 students opening the page within 3 s, ~7 full runs each as
they set up) had 30-50 page runs interleaved at once, and a student who already stepped waited
0.2-0.6 s for each step.

Fragment runs other than the step (a training's progress poll) take no turn. A run waits at most
:data:`MAX_WAIT` for its turn and then runs anyway: a stuck holder can slow the class but never
stop it.
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
