"""A real server run goes through every patch it installed, not only the patched functions called by hand.

The server is started as ``make run`` starts it, with ``LENS_PATCH_CALLS`` set: each replacement a patch
installed counts its calls into that file (app/server/patches/contract.py, :func:`counted`). A client opens
the step-through page and steps; every replacement of every installed patch must have been called.
"""

from __future__ import annotations

import json
import re
import time

from app.server import patches
from tests.support import run_async
from tests.support.server import streamlit_server
from tests.support.st_client import StreamlitSession

STEPS = 4


async def _open_and_step(url: str) -> None:
    async with StreamlitSession(url, page="step_through") as s:
        first = await s.open()
        assert not first.exceptions
        for _ in range(STEPS):
            run = await s.click("step_next")
            assert run.status == "fragment_ok" and not run.exceptions


def _calls_when_all_counted(path, names: list[str], limit: float = 15.0) -> dict[str, int]:
    """The counts file once every patch in ``names`` has a counted call in it (the server writes it every 0.2 s)."""
    deadline, calls = time.monotonic() + limit, {}
    while time.monotonic() < deadline:
        try:
            calls = json.loads(path.read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            calls = {}
        by_patch = {name: [n for key, n in calls.items() if key.split(":")[0] == name] for name in names}
        if all(counts and min(counts) > 0 for counts in by_patch.values()):
            return calls
        time.sleep(0.2)
    return calls


def test_a_page_opened_and_stepped_goes_through_every_installed_patch(tmp_path):
    counts = tmp_path / "patch-calls.json"
    with streamlit_server(env={"LENS_PATCH_CALLS": str(counts)}) as server:
        run_async(_open_and_step(server.url))  # on a thread of its own: a browser test may hold this one's loop
        summary = re.search(r"LSTM Lens: server patches installed: ([a-z_, ]+)[.;]", server.log())
        assert summary, server.log()
        installed = summary.group(1).split(", ")
        calls = _calls_when_all_counted(counts, installed)
    assert installed == list(patches.PATCHES)  # under the pinned versions every contract holds
    for name in installed:
        counted = {key: n for key, n in calls.items() if key.split(":")[0] == name}
        assert counted and all(n > 0 for n in counted.values()), (name, calls)
