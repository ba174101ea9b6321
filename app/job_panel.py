"""What every page that trains shows while its job waits or runs (the job itself: :mod:`app.server.training_slots`).

A page's polling fragment calls :func:`watch` first (heartbeat; a finished job is collected and the
page reruns; a queued one says so), draws its own progress, then :func:`stop_control`.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from app.server import training_slots
from app.i18n import t


def watch(job_key: str, collect: Callable[[training_slots.TrainingJob], None]) -> training_slots.TrainingJob | None:
    """This session's job under ``job_key``, kept alive; None when there is none.

    A finished job goes to ``collect`` and the whole page reruns; a job waiting for a slot shows
    the "queued" message (the caller then draws no progress).
    """
    job = st.session_state.get(job_key)
    if job is None:
        return None
    job.heartbeat()
    if job.finished:
        collect(job)
        st.rerun()
    if job.status == training_slots.QUEUED:
        st.info(t("fc.queued", running=training_slots.MAX_CONCURRENT_TRAININGS), icon=":material/hourglass_top:")
    return job


def stop_control(job: training_slots.TrainingJob, label: str, key: str) -> None:
    """A stop button, or "stopping..." once it was pressed."""
    if job.stop_requested:
        st.caption(t("fc.stopping"))
    elif st.button(label, icon=":material/stop_circle:", key=key):
        job.request_stop()
