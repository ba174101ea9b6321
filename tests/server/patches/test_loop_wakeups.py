"""app/server/patches/loop_wakeups.py: the event loop is woken once per batch of callbacks, and none is ever lost.

Each check runs in a fresh interpreter: the patch changes asyncio's loop class for the whole
process, and a test worker's other loops (Playwright's) must keep asyncio's own behaviour.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

COUNT_WRITES = """
import asyncio, functools, threading, time
from asyncio import selector_events
writes = 0
_send = selector_events.BaseSelectorEventLoop._write_to_self
@functools.wraps(_send)  # reads as asyncio's own to the patch's contract
def counted(self):
    global writes
    writes += 1
    _send(self)
selector_events.BaseSelectorEventLoop._write_to_self = counted
"""

FLOOD = """
import os
def _watchdog():  # a lost wake-up leaves the loop asleep for ever: fail instead of hanging
    time.sleep(60)
    print("a callback never ran", file=sys.stderr, flush=True)
    os._exit(3)
import sys
threading.Thread(target=_watchdog, daemon=True).start()

async def flood(threads, per_thread, pause):
    loop = asyncio.get_running_loop()
    total, done, finished = threads * per_thread, [], loop.create_future()
    def record(item):
        done.append(item)
        if len(done) == total:
            finished.set_result(total)
    def post(k):
        for i in range(per_thread):
            loop.call_soon_threadsafe(record, (k, i))
            if pause:
                time.sleep(pause)
    for k in range(threads):
        threading.Thread(target=post, args=(k,), daemon=True).start()
    # the loop sleeps in select between callbacks, and nothing but the pipe wakes it: no timer, no I/O
    return await finished
"""


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.split("\n")[-2]


def test_a_burst_from_another_thread_sends_far_fewer_wakeups_and_runs_every_callback():
    code = COUNT_WRITES + "from app.server.patches import loop_wakeups\nloop_wakeups.install()\n" + FLOOD + (
        "n = asyncio.run(flood(1, 2000, 0)); print(n, writes, loop_wakeups.installed())")
    ran, writes, installed = _run(code).split()
    assert (int(ran), installed) == (2000, "True")
    assert int(writes) < 1000  # asyncio alone writes one byte per callback: 2000


def test_without_install_asyncio_writes_a_byte_per_callback():
    """The reference the first test is measured against (and proof the counter counts)."""
    code = COUNT_WRITES + FLOOD + "n = asyncio.run(flood(1, 500, 0)); print(n, writes)"
    ran, writes = map(int, _run(code).split())
    assert ran == 500 and writes >= 500


def test_no_wakeup_is_lost_when_threads_post_while_the_loop_sleeps_and_drains():
    """Four threads post with short pauses, so posts land while the loop is asleep in select,
    while it drains the pipe and while it runs callbacks. A lost wake-up would leave a callback
    queued with the loop asleep and no timer to wake it: the count would come up short."""
    code = "from app.server.patches import loop_wakeups\nloop_wakeups.install()\nimport asyncio, threading, time\n" + FLOOD + (
        "print(sum(asyncio.run(flood(4, 300, p)) for p in (0, 1e-5, 1e-4, 1e-3)))")
    assert int(_run(code)) == 4 * 300 * 4


def test_a_loop_made_before_install_keeps_asyncios_behaviour():
    code = COUNT_WRITES + (
        "loop = asyncio.new_event_loop()\n"
        "from app.server.patches import loop_wakeups\nloop_wakeups.install()\n" + FLOOD +
        "n = loop.run_until_complete(flood(1, 300, 0)); print(n, writes)")
    ran, writes = map(int, _run(code).split())
    assert ran == 300 and writes >= 300


def test_serve_installs_it_before_the_server_starts_and_the_reference_does_not():
    code = (
        "import runpy, sys; from streamlit.web import cli; cli.main = lambda: 0\n"
        "from app.server.patches import loop_wakeups\n"
        "ns = runpy.run_path('scripts/serve.py', run_name='serve'); ns['main']([], tcp_nodelay=False,"
        " coalesce_wakeups=False); a = loop_wakeups.installed()\n"
        "ns['main']([], tcp_nodelay=False); print(a, loop_wakeups.installed())"
    )
    assert _run(code) == "False True"
