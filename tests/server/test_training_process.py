"""Training in a process of its own (app.server.training_slots.in_subprocess): what crosses, and stop.

The training process runs under SCHED_IDLE: on a machine whose cores are busy (the test suite's
other worker) it may wait seconds for its first slice of CPU. The tests wait for its first report
before they stop it, and jobs that no page polls get a heartbeat timeout longer than any test.
"""

import multiprocessing
import os
import time

import numpy as np

import pytest

from app.server import training_slots
from lstm_core.data import DataError
from tests.support import training_targets


NO_PAGE = 600.0
"""Heartbeat timeout for jobs no page polls: longer than any test."""

NEEDS_FORK_SERVER = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here: trainings are spawned"
)


def _wait_for_first_epoch(job, keep_alive: bool = False, limit: float = 120.0) -> None:
    """Until the child has reported an epoch; ``keep_alive``: heartbeat meanwhile, as a watching tab does."""
    deadline = time.monotonic() + limit
    while job.epoch < 1:
        assert time.monotonic() < deadline, "the training process never reported an epoch"
        if keep_alive:
            job.heartbeat()
        time.sleep(0.1)


def _run(work, epochs=2, stop_once_running=False):
    job = training_slots.start_training(work, epochs, heartbeat_timeout=NO_PAGE)
    if stop_once_running:
        _wait_for_first_epoch(job)
        job.request_stop()
    assert job.wait(120), "the training thread did not finish"
    return job


def test_the_work_runs_in_another_process_and_its_progress_and_result_come_back():
    job = _run(training_slots.in_subprocess(training_targets.report_pid, "hello"))
    assert job.status == training_slots.DONE
    pid, value, niceness, policy = job.result
    assert pid != os.getpid() and value == "hello"
    # a training yields the cores to the server's steps: it runs only when a core would idle (Linux)
    assert niceness == min(19, os.nice(0) + training_slots.TRAINING_NICENESS)
    assert policy == getattr(os, "SCHED_IDLE", None)
    assert job.epoch == 2 and job.loss == [0.5, 0.25]  # each epoch's report reached the page's job


def test_the_training_process_yields_from_its_first_instant():
    """Lowered by the server as soon as it starts, not once it has booted (~1 s of CPU at the server's
    priority otherwise): every thread it has then is already niced and under SCHED_IDLE."""
    ctx = training_slots.training_context()
    messages, stop = ctx.Queue(), ctx.Event()
    child = training_slots.start_child(ctx, training_targets.until_stopped, (), messages, stop)
    try:
        threads = [int(tid) for tid in os.listdir(f"/proc/{child.pid}/task")]
        assert threads
        for tid in threads:
            assert os.getpriority(os.PRIO_PROCESS, tid) == training_slots.training_niceness()
            assert os.sched_getscheduler(tid) == os.SCHED_IDLE
    finally:
        stop.set()
        child.join(60)
        if child.is_alive():
            child.terminate()


@NEEDS_FORK_SERVER
def test_a_training_starts_with_keras_in_memory_from_a_fork_server_that_yields_too():
    """Trainings are forked from one fork server that imported Keras once (~6 s of CPU a training saved,
    app.server.training_preload); that server runs at the trainings' lower priority, and is not this process."""
    first = _run(training_slots.in_subprocess(training_targets.what_it_started_with))
    second = _run(training_slots.in_subprocess(training_targets.what_it_started_with))
    assert first.status == second.status == training_slots.DONE, (first.error, second.error)
    (keras_first, server, niceness, policy), (keras_second, server_again, _, _) = first.result, second.result
    assert keras_first and keras_second  # imported by the fork server, before any training ran
    assert server == server_again != os.getpid()  # one fork server for every training
    assert niceness == training_slots.training_niceness() and policy == os.SCHED_IDLE


@NEEDS_FORK_SERVER
def test_a_training_after_the_fork_server_was_killed_still_runs():
    """The OOM killer or an operator may end the fork server: the next training starts a new one, even
    when it is asked for at once (Python still takes the dying server for alive and its request meets a
    closed socket: training_slots.start_child_retrying)."""
    import signal

    first = _run(training_slots.in_subprocess(training_targets.what_it_started_with))
    server = first.result[1]
    os.kill(server, signal.SIGKILL)
    again = _run(training_slots.in_subprocess(training_targets.what_it_started_with))
    assert again.status == training_slots.DONE, again.error
    assert again.result[1] != server and again.result[0]  # a new fork server, Keras imported again


def test_stop_reaches_the_child_and_frees_the_slot():
    free_before = training_slots.free_slots()
    job = _run(training_slots.in_subprocess(training_targets.until_stopped), stop_once_running=True)
    assert job.status == training_slots.DONE and job.result >= 1
    assert training_slots.free_slots() == free_before


def test_a_data_error_in_the_child_arrives_as_the_same_data_error():
    job = _run(training_slots.in_subprocess(training_targets.bad_setting))
    assert job.status == training_slots.FAILED
    assert isinstance(job.error, DataError) and job.error.code == "bad_setting"
    with pytest.raises(DataError, match="window"):
        raise job.error


def test_a_session_that_stops_polling_frees_its_slot_and_its_process():
    """A closed tab stops polling (no heartbeat): after the timeout its training stops and the slot frees."""
    free_before = training_slots.free_slots()
    job = training_slots.start_training(training_slots.in_subprocess(training_targets.until_stopped), 10,
                                        heartbeat_timeout=2.0)
    _wait_for_first_epoch(job, keep_alive=True)  # the tab watched until the training ran, then closed
    assert job.wait(60), "an abandoned training kept running"
    assert job.status == training_slots.DONE and 1 <= job.result < 600  # stopped well before its 60 s
    assert training_slots.free_slots() == free_before


@pytest.mark.slow
@pytest.mark.keras
def test_the_recall_experiment_trains_in_its_own_process_and_skips_known_models():
    from lstm_core.keras_bridge import recall

    tiny = recall.RecallSettings(ks=(2, 3), units=4, epochs=1, train_sequences=64, test_sequences=32)
    first = _run(training_slots.in_subprocess(recall.recall_experiment_job, tiny, {}), epochs=6)
    assert first.status == training_slots.DONE, first.error
    assert first.epoch == 6 and first.note == "lstm, k = 3"  # one report per model, the last one named
    result = first.result
    assert set(result.accuracy) == {"rnn", "gru", "lstm"} and all(len(a) == 2 for a in result.accuracy.values())
    known = {(c, k): (float(result.accuracy[c][j]), result.weights[(c, k)])
             for j, k in enumerate(tiny.ks) for c in ("rnn", "gru", "lstm") if k == 2}
    second = _run(training_slots.in_subprocess(recall.recall_experiment_job, tiny, known), epochs=3)
    assert second.status == training_slots.DONE and second.epoch == 3  # only the k = 3 models trained again
    for cell in ("rnn", "gru", "lstm"):
        np.testing.assert_allclose(second.result.accuracy[cell], result.accuracy[cell])  # seeded: same models


def test_a_thread_started_while_the_threads_are_changed_is_changed_too():
    """The list of threads is read again until no new one appears: a thread that starts meanwhile copied
    its settings from one not yet changed, and would otherwise keep the old priority."""
    import threading

    changed: list[int] = []
    release = threading.Event()
    late: list[threading.Thread] = []

    def change(tid: int) -> None:
        changed.append(tid)
        if not late:  # the first change starts a thread, as BLAS or TensorFlow may at that moment
            late.append(threading.Thread(target=release.wait, daemon=True))
            late[0].start()

    try:
        training_slots.for_each_thread(os.getpid(), change)
        assert late[0].native_id in changed
        assert len(changed) == len(set(changed))  # each thread once
    finally:
        release.set()
        late[0].join(5)
