"""Steps of every session on the server run one after another, not interleaved.

Python runs one thread at a time and switches between runnable threads every few milliseconds. When
k students press "Next" together, interleaving their steps makes all k finish after about k step-times;
in turn, the first finishes after one, the second after two, the last after k: the same total
work, but most steps are quick. In the class-of-30 benchmark (30 sessions, 3 training) the 95th
percentile step was 52-59 ms in most runs with turns, 64-74 ms in most without (this VM's noise
gives single runs of either up to ~90 ms).

Only the stepping fragment takes a turn; page opens, uploads and training polls interleave as
before, so a long job never waits here. A step waits at most :data:`MAX_WAIT` for its turn and then
runs anyway: a stuck holder can slow the class but never stop it.
"""

from __future__ import annotations

import functools
import threading
from typing import Callable, TypeVar

MAX_WAIT = 2.0
"""Seconds a step waits for its turn before it runs regardless."""

_TURN = threading.Lock()  # one per server process: this module is imported once
F = TypeVar("F", bound=Callable[..., None])


def one_at_a_time(run: F) -> F:
    """Decorate a fragment's function (below ``@st.fragment``) so its runs across sessions take turns."""
    @functools.wraps(run)
    def in_turn(*args, **kwargs):
        got = _TURN.acquire(timeout=MAX_WAIT)
        try:
            return run(*args, **kwargs)
        finally:
            if got:
                _TURN.release()
    return in_turn  # type: ignore[return-value]
