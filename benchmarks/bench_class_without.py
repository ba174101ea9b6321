"""What one of the server's fixes is worth to a class, with this machine's noise falling on both sides alike.

    .venv/bin/python benchmarks/bench_class_without.py --without batch_sends [--rounds 4] [--sessions 15]

Starts two servers on 127.0.0.1: ``scripts/serve.py`` as ``make run`` does, and ``benchmarks/serve_without.py``
with ``LENS_WITHOUT`` set to the fix named (``--without none`` starts the same server twice: the ratios then
show the noise). In each round the same class of ``--sessions`` students (``tests/support/load.py``; none
training) opens the step-through page on both servers at the same moment and steps, each student pressing
"Next" every 1-2 s: whatever else the machine is doing meanwhile slows both. Prints, per round and pooled,
the step median and 95th percentile of each server and the ratios without / with (above 1: the fix makes
the class's steps faster), and each server's CPU per step.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.load import percentile, run_load  # noqa: E402
from tests.support.server import servers_with_and_without  # noqa: E402


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--without", required=True, help="the fix left out (benchmarks/serve_without.py), or none")
    p.add_argument("--rounds", type=int, default=4, help="classes, each on both servers at once (default 4)")
    p.add_argument("--sessions", type=int, default=15, help="students per server (default 15)")
    p.add_argument("--steps", type=int, default=25, help="presses of Next per student (default 25)")
    return p.parse_args()


async def measure(servers: dict, args: argparse.Namespace) -> tuple[dict, dict]:
    rounds: dict[str, list[list[float]]] = {name: [] for name in servers}
    cpu: dict[str, list[float]] = {name: [] for name in servers}
    await asyncio.gather(*(run_load(s.url, 1, 0, steps=3, think=(0.1, 0.1), duration=60, first_index=99)
                           for s in servers.values()))  # warm-up: imports and caches, not measured
    for index in range(args.rounds):
        before = {name: s.cpu_seconds() for name, s in servers.items()}
        reports = await asyncio.gather(*(
            run_load(s.url, args.sessions, 0, steps=args.steps, think=(1.0, 2.0), duration=150,
                     first_index=index * args.sessions) for s in servers.values()))
        for (name, server), class_reports in zip(servers.items(), reports):
            problems = [e for r in class_reports for e in r.errors + r.leaks]
            if problems:
                raise SystemExit(f"{name}: {problems[0]}")
            steps = [x for r in class_reports for x in r.step_seconds]
            rounds[name].append(steps)
            cpu[name].append((server.cpu_seconds() - before[name]) / max(len(steps), 1))
    return rounds, cpu


def main(args: argparse.Namespace) -> int:
    with servers_with_and_without(args.without) as servers:
        names = tuple(servers)
        rounds, cpu = asyncio.run(measure(servers, args))
    with_, without_ = names
    print(f"{'round':<8}{'with p50':>10}{'p95':>9}{'without p50':>13}{'p95':>9}{'p95 without/with':>18}"
          f"{'CPU/step with':>15}{'without':>9}")
    for k in range(args.rounds):
        a, b = rounds[with_][k], rounds[without_][k]
        print(f"{k + 1:<8}{statistics.median(a) * 1000:>8.1f}ms{percentile(a, 95) * 1000:>7.1f}ms"
              f"{statistics.median(b) * 1000:>11.1f}ms{percentile(b, 95) * 1000:>7.1f}ms"
              f"{percentile(b, 95) / percentile(a, 95):>17.2f}x{cpu[with_][k] * 1000:>13.1f}ms"
              f"{cpu[without_][k] * 1000:>7.1f}ms")
    pooled = {name: [x for steps in rounds[name] for x in steps] for name in names}
    p50 = {name: statistics.median(pooled[name]) * 1000 for name in names}
    p95 = {name: percentile(pooled[name], 95) * 1000 for name in names}
    print(f"pooled, with / without: p50 {p50[with_]:.1f} / {p50[without_]:.1f} ms, p95 {p95[with_]:.1f} / "
          f"{p95[without_]:.1f} ms; p95 without / with {p95[without_] / p95[with_]:.2f}x, CPU per step "
          f"{statistics.median(cpu[without_]) / statistics.median(cpu[with_]):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(parse_args()))
