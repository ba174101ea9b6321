"""The RNN page's recall experiment, trained in a training slot's own process (:mod:`app.server.training_slots`).

Run -> the models not trained before with these settings go to a slot (at most
``MAX_CONCURRENT_TRAININGS`` trainings at once on the server; the others wait, told so) ->
:func:`panel` polls: queued, or which model is training and a stop button -> the result moves into
this session's state. TensorFlow never loads into the server: a class pressing "Run" at once
queues instead of stalling every other session's steps.

Every trained model is remembered server-wide by (cell, k, settings), as ``st.cache_data`` did
before: the experiments are seeded, so the same settings give the same model for everyone, and a
second run (or one more lag) trains only what is new.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace

import streamlit as st

from app import job_panel
from app.i18n import t
from app.server import training_slots
from lstm_core.keras_bridge import recall
from lstm_core.keras_bridge.recall import CELL_ORDER, RecallResult, RecallSettings

JOB_KEY, RESULT_KEY, ERROR_KEY = "rnn_exp_job", "rnn_experiment", "rnn_exp_error"
MEMORY_SIZE = 256
"""Trained models remembered (each a few KB of weights)."""

_trained: OrderedDict[tuple, tuple] = OrderedDict()
_lock = threading.Lock()


def _model_key(cell: str, k: int, settings: RecallSettings) -> tuple:
    return cell, k, replace(settings, ks=(k,))


def known_models(settings: RecallSettings) -> dict[tuple[str, int], tuple]:
    """``{(cell, k): (accuracy, weights)}`` of this experiment's models trained before on this server."""
    with _lock:
        found = {}
        for k in settings.ks:
            for cell in CELL_ORDER:
                key = _model_key(cell, k, settings)
                if key in _trained:
                    _trained.move_to_end(key)
                    found[(cell, k)] = _trained[key]
        return found


def remember(result: RecallResult) -> None:
    with _lock:
        for j, k in enumerate(result.settings.ks):
            for cell in CELL_ORDER:
                _trained[_model_key(cell, k, result.settings)] = (float(result.accuracy[cell][j]),
                                                                  result.weights[(cell, k)])
        while len(_trained) > MEMORY_SIZE:
            _trained.popitem(last=False)


def forget_all() -> None:
    """Empty the server-wide memory (tests)."""
    with _lock:
        _trained.clear()


def experiment_work(settings: RecallSettings, known: dict):
    """The slot's work: the experiment in a process of its own (tests may run it in a thread)."""
    return training_slots.in_subprocess(recall.recall_experiment_job, settings, known)


def start(settings: RecallSettings) -> None:
    """Show the result at once when every model is known, else queue the missing ones for a slot."""
    st.session_state.pop(ERROR_KEY, None)
    known = known_models(settings)
    if len(known) == len(CELL_ORDER) * len(settings.ks):
        st.session_state[RESULT_KEY] = recall.run_recall_experiment(settings, train=lambda c, k, _: known[(c, k)])
        return
    job = training_slots.start_training(experiment_work(settings, known),
                                        len(CELL_ORDER) * len(settings.ks) - len(known))
    st.session_state[JOB_KEY] = job


def collect(job: training_slots.TrainingJob) -> None:
    """Move a finished job's result (or its error) into the session; a stopped run leaves the last result."""
    st.session_state.pop(JOB_KEY, None)
    if job.status == training_slots.DONE and job.result is not None:
        remember(job.result)
        st.session_state[RESULT_KEY] = job.result
    elif job.status == training_slots.FAILED:
        st.session_state[ERROR_KEY] = type(job.error).__name__ if job.error is not None else "Error"


def current_job() -> training_slots.TrainingJob | None:
    return st.session_state.get(JOB_KEY)


@st.fragment(run_every=1.0)
def panel() -> None:
    """Polls the slot: queued, or the model in training and a stop button."""
    job = job_panel.watch(JOB_KEY, collect)
    if job is None:
        return
    if job.status != training_slots.QUEUED:
        what = t("rnn.exp.training", what=job.note) if job.note else t("fc.starting")
        st.progress(min(1.0, job.epoch / max(job.epochs, 1)), text=f"{what} ({job.epoch}/{job.epochs})")
    job_panel.stop_control(job, t("rnn.exp.stop"), "rnn_exp_stop")
