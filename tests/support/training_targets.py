"""Module-level (so picklable) training stand-ins for tests of app.server.training_slots.in_subprocess."""

import os
import time

from lstm_core.data import DataError
from lstm_core.keras_bridge.training import EpochReport  # no TensorFlow at import


def report_pid(value, on_epoch, should_stop):
    """Two fake epochs, then (this process's pid, value, its niceness, its scheduling policy or None)."""
    on_epoch(EpochReport(epoch=1, epochs=2, loss=0.5, val_loss=None))
    on_epoch(EpochReport(epoch=2, epochs=2, loss=0.25, val_loss=None))
    policy = os.sched_getscheduler(0) if hasattr(os, "sched_getscheduler") else None
    return os.getpid(), value, os.nice(0), policy


def until_stopped(on_epoch, should_stop):
    """Runs until asked to stop (at most 60 s); returns how many rounds it ran."""
    rounds = 0
    deadline = time.monotonic() + 60
    while not should_stop() and time.monotonic() < deadline:
        rounds += 1
        on_epoch(EpochReport(epoch=rounds, epochs=10**6, loss=1.0 / rounds, val_loss=None))
        time.sleep(0.05)
    return rounds


def bad_setting(on_epoch, should_stop):
    raise DataError("bad_setting", name="window", expected="a whole number from 1 to 10", value=99)


def what_it_started_with(on_epoch, should_stop):
    """(was Keras imported before this ran, the parent's pid, the parent's niceness, the parent's policy):
    a training forked from the fork server starts with Keras in memory; its parent is that server."""
    import sys

    parent = os.getppid()
    policy = os.sched_getscheduler(parent) if hasattr(os, "sched_getscheduler") else None
    return "keras" in sys.modules, parent, os.getpriority(os.PRIO_PROCESS, parent), policy
