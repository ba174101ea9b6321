"""What one of the server's fixes is worth to a student stepping alone, measured side by side.

    .venv/bin/python benchmarks/bench_without.py --without batch_sends [--rounds 8] [--steps 30] [--pause 0.05]

Starts two servers on 127.0.0.1: ``scripts/serve.py`` as ``make run`` does, and ``benchmarks/serve_without.py``
with ``LENS_WITHOUT`` set to the fix named (``--without none`` starts the same server twice: the ratios then
show this machine's noise). In each round one student opens the step-through page on each server in turn
(each goes first in half the rounds) and presses "Next" ``--steps`` times, ``--pause`` seconds apart. Prints,
per server, the median and 95th percentile step (pressing "Next" to the end of that run) and the server's
CPU seconds per session (page open plus the steps, from /proc), and the ratios without / with (above 1:
the fix makes it faster or cheaper).
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
from tests.support.server import servers_with_and_without  # noqa: E402


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--without", required=True, help="the fix left out (benchmarks/serve_without.py), or none")
    p.add_argument("--rounds", type=int, default=8, help="rounds, each server in turn (default 8)")
    p.add_argument("--steps", type=int, default=30, help="presses of Next per session (at most 31; default 30)")
    p.add_argument("--pause", type=float, default=0.05, help="seconds between presses (default 0.05)")
    return p.parse_args()


async def measure(servers: dict, rounds: int, steps: int, pause: float) -> tuple[dict, dict]:
    seconds: dict[str, list[float]] = {name: [] for name in servers}
    cpu: dict[str, list[float]] = {name: [] for name in servers}
    for server in servers.values():  # warm-up: imports and caches, not measured
        await run_load(server.url, 1, 0, steps=3, think=(0.0, 0.0), duration=60, first_index=99)
    for index in range(rounds):
        order = list(servers.items())
        for name, server in (order if index % 2 == 0 else order[::-1]):  # each goes first half the time
            before = server.cpu_seconds()
            report = await student_session(server.url, Student(index % 90), steps, (pause, pause),
                                           time.monotonic() + 120)
            if report.errors:
                raise SystemExit(f"{name}: {report.errors[0]}")
            cpu[name].append(server.cpu_seconds() - before)
            seconds[name] += report.step_seconds
    return seconds, cpu


def main(args: argparse.Namespace) -> int:
    with servers_with_and_without(args.without) as servers:
        names = tuple(servers)
        seconds, cpu = asyncio.run(measure(servers, args.rounds, min(args.steps, 31), args.pause))
    print(f"{'server':<34}{'steps':>6}{'median':>10}{'p95':>10}{'CPU per session':>18}")
    for name in names:
        print(f"{name:<34}{len(seconds[name]):>6}{statistics.median(seconds[name]) * 1000:>8.1f}ms"
              f"{percentile(seconds[name], 95) * 1000:>8.1f}ms{statistics.median(cpu[name]):>16.3f} s")
    median = {name: statistics.median(seconds[name]) for name in names}
    print(f"median step, without / with: {median[names[1]] / median[names[0]]:.2f}x")
    print(f"p95 step, without / with: {percentile(seconds[names[1]], 95) / percentile(seconds[names[0]], 95):.2f}x")
    print(f"CPU per session (median), without / with: "
          f"{statistics.median(cpu[names[1]]) / statistics.median(cpu[names[0]]):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(parse_args()))
