"""app/server/patches/batched_sends.py: what is queued leaves in one socket write, whole and in order.

The patches change asyncio's transport class and Streamlit's runtime for a whole process, so each
check runs in its own: a fresh interpreter, or a server started for the test.
"""

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import run_async
from tests.support.load import Report, Student, pick_input
from tests.support.serve_switch import off_then_on
from tests.support.server import streamlit_server
from tests.support.st_client import StreamlitSession

ROOT = Path(__file__).resolve().parents[3]
COUNTING = ROOT / "tests" / "support" / "serve_counting_writes.py"
STEPS = 6

SENDER = """
import asyncio, functools, types
from asyncio import selector_events
real_writes = []
_write = selector_events._SelectorSocketTransport.write
@functools.wraps(_write)  # reads as asyncio's own to the patch's contract
def counted(self, data):
    real_writes.append(bytes(data))
    _write(self, data)
selector_events._SelectorSocketTransport.write = counted
from app.server.patches import batched_sends
batched_sends.install()
from starlette.websockets import WebSocketDisconnect

async def main(fail_at):
    got = bytearray()
    async def serve(reader, writer):
        got.extend(await reader.read())
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    _, writer = await asyncio.open_connection(*server.sockets[0].getsockname()[:2])
    transport = writer.transport
    class Socket:  # frames a message as uvicorn does: a header, then the payload, one write
        sent = 0
        async def send_bytes(self, payload):
            if Socket.sent == fail_at:
                raise WebSocketDisconnect(1001)
            Socket.sent += 1
            transport.write(b"<" + payload + b">")
    client = types.SimpleNamespace(_send_queue=asyncio.Queue(), _websocket=Socket(), _closed=asyncio.Event())
    for k in range(5):
        client._send_queue.put_nowait(b"m%d" % k)
    task = asyncio.create_task(batched_sends._batched_sender(client))
    await asyncio.sleep(0.05)
    writer.close(); await writer.wait_closed(); await asyncio.sleep(0.05)
    task.cancel()
    server.close()
    print(len(real_writes), client._closed.is_set(), bytes(got).decode())

asyncio.run(main(FAIL_AT))
"""


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.split("\n")[-2]


def test_the_sender_writes_everything_queued_at_once_in_order():
    assert _run(SENDER.replace("FAIL_AT", "None")) == "1 False <m0><m1><m2><m3><m4>"


def test_a_disconnect_mid_batch_still_writes_what_was_framed_and_closes_the_client():
    assert _run(SENDER.replace("FAIL_AT", "3")) == "1 True <m0><m1><m2>"


def test_outside_a_sender_the_transport_writes_as_asyncio_does():
    code = SENDER.split("async def main")[0] + (
        "async def plain():\n"
        "    server = await asyncio.start_server(lambda r, w: None, '127.0.0.1', 0)\n"
        "    _, writer = await asyncio.open_connection(*server.sockets[0].getsockname()[:2])\n"
        "    writer.write(b'a'); writer.write(b'b'); writer.close(); server.close()\n"
        "    print(len(real_writes))\n"
        "asyncio.run(plain())\n")
    assert _run(code) == "2"


def test_the_runtimes_sleep_zero_keeps_the_turn_and_a_real_pause_still_waits():
    from app.server.patches.batched_sends import _NoTickAsyncio, _sleep_keeping_the_turn

    proxy = _NoTickAsyncio(_sleep_keeping_the_turn)

    async def check() -> tuple[bool, bool, bool]:
        ran = []
        asyncio.get_running_loop().call_soon(ran.append, 1)
        await proxy.sleep(0)
        kept_turn = not ran
        await proxy.sleep(0.001)
        return kept_turn, bool(ran), proxy.Event is asyncio.Event

    assert run_async(check()) == (True, True, True)


def test_serve_installs_it_and_the_reference_does_not():
    assert off_then_on("batch_sends", "app.server.patches.batched_sends", "batched_sends.installed()") == "False True"


class WriteCount:
    """The server's socket writes so far: it prints a new ``socket writes: N`` line on SIGUSR2."""

    def __init__(self, server) -> None:
        self.server, self.reports = server, 0

    def read(self) -> int:
        os.kill(self.server.pid, signal.SIGUSR2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            counts = re.findall(r"socket writes: (\d+)", self.server.log())
            if len(counts) > self.reports:
                self.reports = len(counts)
                return int(counts[-1])
            time.sleep(0.05)
        raise AssertionError("the server did not report its socket writes")


async def _step_writes(server) -> tuple[float, str]:
    async with StreamlitSession(server.url, page="step_through") as s:
        await s.open()
        report = Report("writes")
        await pick_input(s, report, Student(3), None)
        assert not report.errors
        writes = WriteCount(server)
        before = writes.read()
        for _ in range(STEPS):
            run = await s.click("step_next")
            assert run.status == "fragment_ok" and not run.exceptions
        per_step = (writes.read() - before) / STEPS
        caption = next(text for text in s.markdown() if text.startswith("t = "))
        return per_step, caption


@pytest.mark.parametrize("without, fewest, most", [("", 0.5, 4), ("batch_sends", 15, 100)])
def test_a_timestep_reaches_the_browser_in_a_few_socket_writes(without: str, fewest: float, most: float):
    """A step is ~21 messages; with the fix they leave in one write per flush cycle the run spans
    (Streamlit flushes every 5 ms while a run draws: ~2), the reference in one write each; and the
    page the client rebuilt from them is whole (its caption shows the last step)."""
    with streamlit_server(script=COUNTING, env={"LENS_WITHOUT": without} if without else None) as server:
        per_step, caption = run_async(_step_writes(server))
    assert fewest <= per_step <= most, per_step
    assert caption.startswith(f"t = {STEPS} of ")
