"""What a student waits for one timestep on the real server, with and without TCP_NODELAY.

    .venv/bin/python benchmarks/bench_step_latency.py [--rounds 3] [--steps 30]

Starts two servers side by side on 127.0.0.1: ``scripts/serve.py`` as ``make run`` does (every
connection gets TCP_NODELAY, app/server/patches/server_socket.py) and ``benchmarks/serve_without.py`` with
``LENS_WITHOUT=tcp_nodelay``, the same server with Streamlit's own socket (Nagle's algorithm on).
One student at a time opens the step-through page, picks their input, and presses "Next" ``--steps``
times with a pause of 0 s (pressing again the moment the page has updated, as Play or a keyboard
repeat does), 50 ms, and 1 s (reading) between presses. The servers take turns round by round, so
the machine's noise falls on both. Prints the median and 95th percentile of the time from pressing
"Next" to the end of that run, and the ratio Nagle / TCP_NODELAY for each pause (above 1:
TCP_NODELAY is faster).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.load import Student, percentile, run_load, student_session  # noqa: E402
from tests.support.server import streamlit_server  # noqa: E402

PAUSES = (0.0, 0.05, 1.0)
REFERENCE = ROOT / "benchmarks" / "serve_without.py"
VARIANTS = (("TCP_NODELAY (serve.py)", None), ("Nagle on (reference)", "tcp_nodelay"))


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=3, help="rounds, each server in turn (default 3)")
    p.add_argument("--steps", type=int, default=30, help="presses of Next per session (at most 31; default 30)")
    return p.parse_args()


async def measure(urls: dict[str, str], rounds: int, steps: int) -> dict[tuple[str, float], list[float]]:
    seconds: dict[tuple[str, float], list[float]] = {(name, pause): [] for name in urls for pause in PAUSES}
    for url in urls.values():  # warm-up: imports and caches, not measured
        await run_load(url, 1, 0, steps=3, think=(0.0, 0.0), duration=60, first_index=99)
    index = 0
    for _ in range(rounds):
        for pause in PAUSES:
            for name, url in urls.items():
                index += 1
                report = await student_session(url, Student(index % 90), steps, (pause, pause), time.monotonic() + 120)
                if report.errors:
                    raise SystemExit(f"{name}: {report.errors[0]}")
                seconds[(name, pause)] += report.step_seconds
    return seconds


def main(args: argparse.Namespace) -> int:
    with streamlit_server() as fast, streamlit_server(script=REFERENCE, env={"LENS_WITHOUT": VARIANTS[1][1]}) as nagle:
        urls = {VARIANTS[0][0]: fast.url, VARIANTS[1][0]: nagle.url}
        seconds = asyncio.run(measure(urls, args.rounds, min(args.steps, 31)))
    fast_name, nagle_name = urls
    print(f"{'pause between presses':<24}{'server':<26}{'steps':>6}{'median':>10}{'p95':>10}")
    for pause in PAUSES:
        for name in urls:
            values = seconds[(name, pause)]
            print(f"{pause:<24g}{name:<26}{len(values):>6}{statistics.median(values) * 1000:>8.1f}ms"
                  f"{percentile(values, 95) * 1000:>8.1f}ms")
        ratio = statistics.median(seconds[(nagle_name, pause)]) / statistics.median(seconds[(fast_name, pause)])
        print(f"{'':<24}median Nagle / TCP_NODELAY: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(parse_args()))
