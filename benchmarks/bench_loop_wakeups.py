"""What waking the event loop once per batch of messages is worth to a step (app/server/patches/loop_wakeups.py).

    .venv/bin/python benchmarks/bench_loop_wakeups.py [--rounds 8] [--steps 30]

Starts two servers side by side on 127.0.0.1: ``scripts/serve.py`` as ``make run`` does (one
self-pipe byte per loop wake-up) and ``benchmarks/serve_without.py`` with
``LENS_WITHOUT=coalesce_wakeups``, the same server with asyncio's own behaviour (a byte, and a
wake-up, per message). In each round one student opens the step-through page on each server in turn and
presses "Next" ``--steps`` times, 50 ms apart. Prints, per server, the median and 95th percentile of
the time from pressing "Next" to the end of that run, the server's CPU seconds per session (page
open plus the steps, from /proc), and the ratios reference / coalesced (above 1: coalescing is
faster / cheaper).
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

REFERENCE = ROOT / "benchmarks" / "serve_without.py"
VARIANTS = (("coalesced (serve.py)", None), ("every message (reference)", "coalesce_wakeups"))
PAUSE = 0.05


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=8, help="rounds, each server in turn (default 8)")
    p.add_argument("--steps", type=int, default=30, help="presses of Next per session (at most 31; default 30)")
    return p.parse_args()


async def measure(servers: dict, rounds: int, steps: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    seconds = {name: [] for name in servers}
    cpu = {name: [] for name in servers}
    for server in servers.values():  # warm-up: imports and caches, not measured
        await run_load(server.url, 1, 0, steps=3, think=(0.0, 0.0), duration=60, first_index=99)
    for index in range(rounds):
        order = list(servers.items())
        for name, server in (order if index % 2 == 0 else order[::-1]):  # each goes first half the time
            before = server.cpu_seconds()
            report = await student_session(server.url, Student(index % 90), steps, (PAUSE, PAUSE),
                                           time.monotonic() + 120)
            if report.errors:
                raise SystemExit(f"{name}: {report.errors[0]}")
            cpu[name].append(server.cpu_seconds() - before)
            seconds[name] += report.step_seconds
    return seconds, cpu


def main(args: argparse.Namespace) -> int:
    reference_env = {"LENS_WITHOUT": VARIANTS[1][1]}
    with streamlit_server() as fast, streamlit_server(script=REFERENCE, env=reference_env) as reference:
        servers = {VARIANTS[0][0]: fast, VARIANTS[1][0]: reference}
        seconds, cpu = asyncio.run(measure(servers, args.rounds, min(args.steps, 31)))
    print(f"{'server':<28}{'steps':>6}{'median':>10}{'p95':>10}{'CPU per session':>18}")
    for name in servers:
        print(f"{name:<28}{len(seconds[name]):>6}{statistics.median(seconds[name]) * 1000:>8.1f}ms"
              f"{percentile(seconds[name], 95) * 1000:>8.1f}ms{statistics.mean(cpu[name]):>16.3f} s")
    fast_name, reference_name = servers
    print(f"median step, reference / coalesced: "
          f"{statistics.median(seconds[reference_name]) / statistics.median(seconds[fast_name]):.2f}x")
    print(f"CPU per session, reference / coalesced: "
          f"{statistics.mean(cpu[reference_name]) / statistics.mean(cpu[fast_name]):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(parse_args()))
