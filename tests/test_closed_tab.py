"""A tab closed in the middle of a training frees its slot for the next person (real server, real trainings).

Two sessions take the server's two training slots with long trainings; a third is told it is queued.
The first closes its websocket as a closed browser tab does: its polling stops, so after the
heartbeat timeout its training stops and the queued session's training starts. The others are
stopped with their own stop buttons at the end. The server runs with the operator's tab timeout
set to 10 s (30 s by default), which also checks that the setting reaches the server.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from app.server import training_slots
from app.i18n import t
from tests.support import run_async
from tests.support.load import Student
from tests.support.server import streamlit_server
from tests.support.st_client import StreamlitSession

pytestmark = [pytest.mark.slow, pytest.mark.keras]

TAB_TIMEOUT = 10.0
QUEUED = t("fc.queued", lang="en", running=training_slots.MAX_CONCURRENT_TRAININGS)
EPOCH = t("fc.progress", lang="en", epoch=0, epochs=0).split(" ")[0]  # "Epoch"


async def start_long_training(s: StreamlitSession, student: Student) -> None:
    """Upload this student's series and train 2000 epochs of batch 1 (minutes): it outlives the test."""
    await s.open()
    await s.set_value("fc_source", t("fc.source.upload", lang="en"))
    await s.upload("fc_uploader", f"{student.marker}.csv", student.training_csv())
    for key, value in (("fc_epochs", 2000), ("fc_batch", 1), ("fc_members", 1), ("fc_units", 4)):
        await s.set_value(key, value, rerun=False)
    await s.rerun()
    await s.click("fc_train")


def state(s: StreamlitSession) -> str:
    if QUEUED in s.alerts("info"):
        return "queued"
    if any(e.proto.text.startswith(EPOCH) for e in s.of_kind("progress")):
        return "training"
    return "starting"


async def poll_until(sessions: list[StreamlitSession], done, seconds: float) -> bool:
    """Tick every session's polling fragment (as its browser would) until ``done()`` or time is up."""
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        for s in sessions:
            await s.tick()
        if done():
            return True
        await asyncio.sleep(1.0)
    return False


def test_a_closed_tab_frees_its_training_slot_for_the_queued_session():
    async def scenario() -> None:
        with streamlit_server(env={"LSTM_LENS_TAB_TIMEOUT": str(TAB_TIMEOUT)}) as server:
            a, b, c = (StreamlitSession(server.url, page="train_forecast", timeout=120) for _ in range(3))
            for s in (a, b, c):
                await s.connect()
            try:
                await start_long_training(a, Student(31))
                await start_long_training(b, Student(32))
                assert await poll_until([a, b], lambda: state(a) == state(b) == "training", 120), (state(a), state(b))
                await start_long_training(c, Student(33))
                assert await poll_until([a, b, c], lambda: state(c) == "queued", 20), state(c)
                await a.close()  # the tab goes away mid-training
                closed = time.monotonic()
                # b keeps polling and keeps its slot; c waits until a's heartbeat runs out
                assert await poll_until([b, c], lambda: state(c) != "queued", TAB_TIMEOUT + 60), \
                    "the closed tab kept its slot"
                waited = time.monotonic() - closed
                assert waited > TAB_TIMEOUT * 0.5, waited  # freed by the timeout, not sooner
                assert waited < TAB_TIMEOUT + 12, waited  # the operator's timeout, not the 30 s default
                assert await poll_until([b, c], lambda: state(c) == "training", 120), state(c)
                assert state(b) == "training"
                for s in (b, c):
                    await s.click("fc_stop")
                assert await poll_until([b, c], lambda: "fc_train" in b.widget_keys() and "fc_stop" not in
                                        b.widget_keys() + c.widget_keys(), 60), "stop did not end the trainings"
            finally:
                for s in (b, c):
                    await s.close()

    run_async(scenario())
