"""Steps of different sessions take turns; a step whose turn does not come runs anyway."""

from __future__ import annotations

import threading
import time

from app import serial_steps


def test_runs_take_turns_and_keep_their_name():
    running, overlaps = [0], []

    @serial_steps.one_at_a_time
    def step(n: int) -> None:
        """A step."""
        running[0] += 1
        overlaps.append(running[0])
        time.sleep(0.02)
        running[0] -= 1

    threads = [threading.Thread(target=step, args=(n,)) for n in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert overlaps == [1] * 6
    assert step.__name__ == "step" and step.__doc__ == "A step."


def test_the_turn_is_released_when_a_step_raises():
    @serial_steps.one_at_a_time
    def failing() -> None:
        raise RuntimeError("rerun")  # Streamlit ends a run with an exception (rerun, stop)

    for _ in range(2):
        try:
            failing()
        except RuntimeError:
            pass
    assert serial_steps._TURN.acquire(timeout=0.1)
    serial_steps._TURN.release()


def test_a_step_runs_anyway_after_the_longest_wait(monkeypatch):
    monkeypatch.setattr(serial_steps, "MAX_WAIT", 0.05)
    ran = []
    serial_steps._TURN.acquire()  # a stuck holder
    try:
        started = time.monotonic()
        serial_steps.one_at_a_time(lambda: ran.append(True))()
        waited = time.monotonic() - started
    finally:
        serial_steps._TURN.release()
    assert ran == [True] and 0.04 < waited < 1.0
    assert serial_steps._TURN.acquire(timeout=0.1)  # the late step did not release the holder's turn
    serial_steps._TURN.release()
