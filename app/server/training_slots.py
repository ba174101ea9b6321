"""At most a few trainings at once per server process; the rest wait, visibly "queued".

A training runs in a worker thread (so Streamlit reruns, e.g. the stop button, never interrupt it)
and reports into a :class:`TrainingJob` the page polls. The slot is a process-wide
``threading.BoundedSemaphore`` (this module is imported once per server process, so every session
shares it). A slot is always released: when the work ends, fails, is stopped, or when the session
that started it stops polling for :data:`HEARTBEAT_TIMEOUT` seconds (its browser tab went away).
The operator sets both numbers (``LSTM_LENS_TRAINING_SLOTS``, ``LSTM_LENS_TAB_TIMEOUT``; see
:mod:`app.server.settings`).
"""

from __future__ import annotations

import functools
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from app.server import settings

MAX_CONCURRENT_TRAININGS = int(settings.value(settings.TRAINING_SLOTS))
HEARTBEAT_TIMEOUT = float(settings.value(settings.TAB_TIMEOUT))
"""Seconds without a poll from the page after which a job counts as abandoned and stops."""

SLOTS = threading.BoundedSemaphore(MAX_CONCURRENT_TRAININGS)

QUEUED, RUNNING, DONE, FAILED, ABANDONED = "queued", "running", "done", "failed", "abandoned"


@dataclass
class TrainingJob:
    """One training's state, written by its worker thread and read by the page.

    status: queued -> running -> done | failed, or abandoned (stopped or the session left
    before a slot was free). epoch/epochs, loss and val_loss grow as training proceeds.
    """

    epochs: int
    status: str = QUEUED
    epoch: int = 0
    loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    result: Any = None
    error: BaseException | None = None
    started: float = field(default_factory=time.monotonic)
    last_seen: float = field(default_factory=time.monotonic)
    heartbeat_timeout: float = HEARTBEAT_TIMEOUT
    _stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    meta: dict = field(default_factory=dict)
    """Whatever the page wants to keep with the job (its label, the settings it ran with)."""
    note: str = ""
    """The last report's ``label``, when reports carry one (e.g. which model just finished)."""

    def heartbeat(self) -> None:
        """The page is still watching (call on every poll)."""
        self.last_seen = time.monotonic()

    def request_stop(self) -> None:
        self._stop.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def abandoned(self) -> bool:
        return time.monotonic() - self.last_seen > self.heartbeat_timeout

    def should_stop(self) -> bool:
        """True once the person pressed stop or the session stopped polling."""
        return self._stop.is_set() or self.abandoned()

    @property
    def finished(self) -> bool:
        return self.status in (DONE, FAILED, ABANDONED)

    def on_epoch(self, report: Any) -> None:
        """Progress callback: cheap (a few appends), safe to call from the worker thread."""
        self.epoch = report.epoch
        self.note = getattr(report, "label", "")
        self.loss.append(report.loss)
        if report.val_loss is not None:
            self.val_loss.append(report.val_loss)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread ends (tests, the CLI); True when it did."""
        if self.thread is not None:
            self.thread.join(timeout)
            return not self.thread.is_alive()
        return True


def _worker(job: TrainingJob, work: Callable[[Callable, Callable], Any], slots: threading.BoundedSemaphore) -> None:
    while not slots.acquire(timeout=0.2):
        if job.should_stop():
            job.status = ABANDONED
            return
    try:
        if job.should_stop():
            job.status = ABANDONED
            return
        job.status = RUNNING
        job.result = work(job.on_epoch, job.should_stop)
        job.status = DONE
    except BaseException as exc:  # noqa: BLE001  (reported to the page, never lost in a thread)
        job.error = exc
        job.status = FAILED
    finally:
        slots.release()


def start_training(
    work: Callable[[Callable, Callable], Any],
    epochs: int,
    slots: threading.BoundedSemaphore | None = None,
    heartbeat_timeout: float = HEARTBEAT_TIMEOUT,
) -> TrainingJob:
    """Run ``work(on_epoch, should_stop)`` in a daemon thread once a slot is free; return its job."""
    job = TrainingJob(epochs=epochs, heartbeat_timeout=heartbeat_timeout)
    job.thread = threading.Thread(
        target=_worker, args=(job, work, SLOTS if slots is None else slots), name="lstm-lens-training", daemon=True
    )
    job.thread.start()
    return job


def free_slots(slots: threading.BoundedSemaphore | None = None) -> int:
    """How many trainings could start right now (for display and tests)."""
    sem = SLOTS if slots is None else slots
    return sem._value  # noqa: SLF001  (BoundedSemaphore has no public counter)


# --- training in a process of its own -------------------------------------------------------


def in_subprocess(target: Callable[..., Any], *args: Any) -> Callable[[Callable, Callable], Any]:
    """A ``work(on_epoch, should_stop)`` for :func:`start_training` that runs
    ``target(*args, on_epoch=..., should_stop=...)`` in a process of its own (:func:`training_context`).

    Why: Keras' training loop is mostly Python, and in the server's process it holds the GIL
    that every session's rerun needs: with 3 trainings, a class of 30 waited ~8 s per step.
    In a child process it competes only for a core, and TensorFlow (~640 MB) never loads
    into the server. Progress, the stop request and the result (or error) cross a queue;
    ``target`` and its arguments must be picklable (a module-level function and plain data).
    """

    def work(on_epoch: Callable, should_stop: Callable[[], bool]) -> Any:
        import queue as queue_module

        from lstm_core.data import DataError

        ctx = training_context()
        messages = ctx.Queue()
        stop = ctx.Event()
        child = start_child_retrying(ctx, target, args, messages, stop)
        try:
            while True:
                if should_stop():
                    stop.set()
                try:
                    kind, payload = messages.get(timeout=0.2)
                except queue_module.Empty:
                    if not child.is_alive():
                        raise RuntimeError("the training process ended without a result") from None
                    continue
                if kind == "epoch":
                    on_epoch(payload)
                elif kind == "done":
                    return payload
                elif kind == "data_error":
                    raise DataError(payload[0], **payload[1])
                else:
                    raise RuntimeError(payload)
        finally:
            stop.set()
            child.join(timeout=10)
            if child.is_alive():
                child.terminate()

    return work


TRAINING_PRELOAD = "app.server.training_preload"
"""The module the fork server imports once (it lowers its own priority, then imports Keras)."""

IN_TRAINING_PROCESS = False
"""True in the fork server (:mod:`app.server.training_preload` sets it) and so in every training forked from it."""


@functools.cache
def training_context() -> Any:
    """Where training processes come from: a ``multiprocessing`` fork server that imported
    :data:`TRAINING_PRELOAD` once, or plain spawn where there is none (Windows).

    Why: a spawned training paid ~6 s of CPU for a fresh Python and Keras before its first epoch, every
    time, taken from the students' steps. The fork server pays it once, at the trainings' priority, and
    each training is forked with all of it in memory. It stays up (~620 MB) and ends with the server;
    each training is still a process of its own, freed when it ends.
    """
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([TRAINING_PRELOAD])
    return ctx


def start_fork_server() -> None:
    """Start the trainings' fork server now, unless it is running (or there is none on this platform).

    The forecast page calls it on every run: the fork server's one import of Keras (~5 s of CPU, at the
    trainings' priority) then happens while the person picks data and settings, not after they press
    Train. Once it runs, a call costs a lock and a liveness check. A training process starts none
    (:data:`IN_TRAINING_PROCESS`): it runs the main script again as it boots, and under AppTest that
    script is the page.
    """
    if not IN_TRAINING_PROCESS and training_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        try:
            forkserver.ensure_running()
        except OSError:  # no process could start (memory, limits): the page goes on; a training will say why
            pass


TRAINING_NICENESS = 10
"""A training process runs at this lower priority, and on Linux under ``SCHED_IDLE`` (it gets a core
only when nothing else wants it): a student's step (the server, at the normal priority) goes first
and the training takes a little longer. With niceness 10 alone, three trainings still delayed the
steps of a class of 30: p95 6.5x the single-user median in the load test, 4.5x with SCHED_IDLE."""


def start_child(ctx: Any, target: Callable[..., Any], args: tuple, messages: Any, stop: Any) -> Any:
    """Start the training process and lower its priority at once, from here.

    Why not only in the child: a spawned Python boots for ~1 s of CPU (the interpreter, then the
    modules its arguments need) before it runs a line of ours, and at the server's priority that
    boot took a core from the class's steps each time a training started.
    """
    child = ctx.Process(target=_child, args=(target, args, messages, stop), daemon=True,
                        name="lstm-lens-training")
    child.start()
    lower_priority(child.pid, training_niceness())
    return child


def start_child_retrying(ctx: Any, target: Callable[..., Any], args: tuple, messages: Any, stop: Any,
                         attempts: int = 5) -> Any:
    """:func:`start_child`, tried again (after 0.1, 0.2, 0.3 ... s) when the fork server has just ended,
    killed by the operator or the kernel's OOM killer: for a moment Python still takes it for alive and
    the request meets a closed socket, and the next attempt starts a new fork server."""
    for attempt in range(1, attempts):
        try:
            return start_child(ctx, target, args, messages, stop)
        except (EOFError, ConnectionError):
            time.sleep(0.1 * attempt)
    return start_child(ctx, target, args, messages, stop)


def training_niceness() -> int:
    """This process's niceness plus :data:`TRAINING_NICENESS` (at most 19, the lowest)."""
    return min(19, os.getpriority(os.PRIO_PROCESS, 0) + TRAINING_NICENESS)


def lower_priority(pid: int, niceness: int) -> None:
    """Every thread of process ``pid`` at ``niceness`` and, on Linux, under ``SCHED_IDLE``; the threads
    it starts later (TensorFlow's) inherit both.

    Every thread, not only the first: on Linux both settings belong to a thread, and a child whose
    arguments fill the pipe has read them and imported NumPy (whose BLAS starts threads) by the time
    ``start()`` returns.
    """

    def lower(tid: int) -> None:
        os.setpriority(os.PRIO_PROCESS, tid, niceness)
        if hasattr(os, "sched_setscheduler"):
            os.sched_setscheduler(tid, os.SCHED_IDLE, os.sched_param(0))

    for_each_thread(pid, lower)


def for_each_thread(pid: int, change: Callable[[int], None]) -> None:
    """``change(tid)`` for every thread of process ``pid`` (Linux's ``/proc``; only ``pid`` where there
    is none), listing them again until no new one appears: a thread started while the list was being
    changed copied its settings from a thread not yet changed."""
    task_dir = f"/proc/{pid}/task"
    done: set[int] = set()
    while True:
        try:
            threads = {int(tid) for tid in os.listdir(task_dir)} if os.path.isdir(task_dir) else {pid}
        except FileNotFoundError:  # it ended
            return
        if threads <= done:
            return
        for tid in threads - done:
            try:
                change(tid)
            except ProcessLookupError:  # that thread (or the process) ended meanwhile: nothing to change
                pass
        done |= threads


def _child(target: Callable[..., Any], args: tuple, messages: Any, stop: Any) -> None:
    """Runs in the training process (at the priority :func:`start_child` gave it): relays each
    epoch's report, then the result or the error."""
    from lstm_core.data import DataError

    try:
        result = target(*args, on_epoch=lambda report: messages.put(("epoch", report)), should_stop=stop.is_set)
        messages.put(("done", result))
    except DataError as exc:
        messages.put(("data_error", (exc.code, dict(exc.params))))
    except BaseException as exc:  # noqa: BLE001  (reported to the parent, which tells the person)
        messages.put(("error", f"{type(exc).__name__}: {exc}"))
