"""At most a few trainings at once per server process; the rest wait, visibly "queued".

A training runs in a worker thread (so Streamlit reruns, e.g. the stop button, never interrupt it)
and reports into a :class:`TrainingJob` the page polls. The slot is a process-wide
``threading.BoundedSemaphore`` (this module is imported once per server process, so every session
shares it). A slot is always released: when the work ends, fails, is stopped, or when the session
that started it stops polling for :data:`HEARTBEAT_TIMEOUT` seconds (its browser tab went away).
The operator sets both numbers (``LSTM_LENS_TRAINING_SLOTS``, ``LSTM_LENS_TAB_TIMEOUT``; see
:mod:`app.server_settings`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from app import server_settings

MAX_CONCURRENT_TRAININGS = int(server_settings.value(server_settings.TRAINING_SLOTS))
HEARTBEAT_TIMEOUT = float(server_settings.value(server_settings.TAB_TIMEOUT))
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
    ``target(*args, on_epoch=..., should_stop=...)`` in a process of its own: the warm spare when
    one is waiting (see :class:`Spare`), else a freshly spawned one.

    Why: Keras' training loop is mostly Python, and in the server's process it holds the GIL
    that every session's rerun needs: with 3 trainings, a class of 30 waited ~8 s per step.
    In a child process it competes only for a core, and TensorFlow (~640 MB) never loads
    into the server. Progress, the stop request and the result (or error) cross a queue;
    ``target`` and its arguments must be picklable (a module-level function and plain data).
    Every process trains once and ends, so nothing a training loaded outlives it.
    """

    def work(on_epoch: Callable, should_stop: Callable[[], bool]) -> Any:
        import queue as queue_module

        from lstm_core.data import DataError

        process = take_spare()
        try:
            process.give(target, args)
        except OSError:  # the spare ended between the check and the job (killed, out of memory): start afresh
            process = Spare()
            process.give(target, args)
        try:
            while True:
                if should_stop():
                    process.stop.set()
                try:
                    kind, payload = process.messages.get(timeout=0.2)
                except queue_module.Empty:
                    if not process.child.is_alive():
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
            process.stop.set()
            process.child.join(timeout=10)
            if process.child.is_alive():
                process.child.terminate()
            if KEEP_WARM_SPARE:
                ensure_spare()  # for the next training, now that this one has freed its core

    return work


KEEP_WARM_SPARE = True
"""After a training ends, keep one training process started and waiting, TensorFlow imported.

Why: a fresh process spends ~6 s (5.9 s on this machine) starting Python and importing TensorFlow
and Keras before the first epoch can begin, every training. The spare pays that while nobody waits,
at the training priority, so the next person's training starts at once. It holds ~600 MB while it
waits. The first training of a server's life starts cold; the spare is made after a training, not
at start, so a server nobody trains on never loads TensorFlow at all."""

_spare_lock = threading.Lock()
_spare: "Spare | None" = None


class Spare:
    """A spawned training process waiting for its one ``(target, args)``: :meth:`give` sends it.

    ``messages`` carries the reports back and ``stop`` asks it to stop, as with a fresh process.
    It ends when the server does: its end of the job pipe reads end-of-file once no parent holds
    the other.
    """

    def __init__(self) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.messages = ctx.Queue()
        self.stop = ctx.Event()
        self._jobs, self._send = ctx.Pipe(duplex=False)
        self.child = ctx.Process(target=_spare_main, args=(self._jobs, self.messages, self.stop), daemon=True,
                                 name="lstm-lens-training")
        self.child.start()
        self._jobs.close()  # the child has its own copy: only it reads, so the server's exit reads as EOF there

    def give(self, target: Callable[..., Any], args: tuple) -> None:
        self._send.send((target, args))
        self._send.close()


def take_spare() -> Spare:
    """The waiting spare if it is alive, else a new process (which then imports as it starts)."""
    global _spare  # noqa: PLW0603
    with _spare_lock:
        spare, _spare = _spare, None
    if spare is not None and spare.child.is_alive():
        return spare
    return Spare()


def ensure_spare() -> None:
    """Start a spare unless one is waiting."""
    global _spare  # noqa: PLW0603
    with _spare_lock:
        if _spare is None or not _spare.child.is_alive():
            _spare = Spare()


def discard_spare() -> None:
    """Stop the waiting spare, if any (tests; a server stops it by exiting)."""
    global _spare  # noqa: PLW0603
    with _spare_lock:
        spare, _spare = _spare, None
    if spare is not None:
        spare._send.close()  # noqa: SLF001  (end-of-file: the spare returns)
        spare.child.join(timeout=10)
        if spare.child.is_alive():
            spare.child.terminate()


TRAINING_NICENESS = 10
"""A training process runs at this lower priority, and on Linux under ``SCHED_IDLE`` (it gets a core
only when nothing else wants it): a student's step (the server, at the normal priority) goes first
and the training takes a little longer. With niceness 10 alone, three trainings still delayed the
steps of a class of 30: p95 6.5x the single-user median in the load test, 4.5x with SCHED_IDLE."""


WARM_IMPORTS = ("lstm_core.pipeline", "lstm_core.keras_training", "lstm_core.keras_recurrent")
"""What a spare imports while it waits, besides TensorFlow and Keras (~5 s, loaded as every training
loads them: by :mod:`lstm_core.keras_training`)."""


def _spare_main(jobs: Any, messages: Any, stop: Any) -> None:
    """Runs in the training process: lower its priority, import, wait for the one job, run it."""
    import importlib
    import os

    os.nice(TRAINING_NICENESS)
    if hasattr(os, "sched_setscheduler"):  # Linux: run only when a core would otherwise idle (TF's threads inherit it)
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    for name in WARM_IMPORTS:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  (a warm-up only: the training imports it again and reports a real failure)
            pass
    try:
        importlib.import_module("lstm_core.keras_training").clear_keras_session()  # imports Keras and TensorFlow
    except Exception:  # noqa: BLE001  (as above)
        pass
    try:
        target, args = jobs.recv()
    except EOFError:  # the server ended (or discarded this spare) before a training came
        return
    _child(target, args, messages, stop)


def _child(target: Callable[..., Any], args: tuple, messages: Any, stop: Any) -> None:
    """Runs in the training process: relays each epoch's report, then the result or the error."""
    from lstm_core.data import DataError

    try:
        result = target(*args, on_epoch=lambda report: messages.put(("epoch", report)), should_stop=stop.is_set)
        messages.put(("done", result))
    except DataError as exc:
        messages.put(("data_error", (exc.code, dict(exc.params))))
    except BaseException as exc:  # noqa: BLE001  (reported to the parent, which tells the person)
        messages.put(("error", f"{type(exc).__name__}: {exc}"))
