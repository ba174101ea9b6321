"""A classroom at once: 30 students on the step-through page (3 of them training) against a real server.

    .venv/bin/python benchmarks/load_test.py                 # 30 sessions, 3 trainings
    .venv/bin/python benchmarks/load_test.py --sessions 10 --trainers 0 --steps 10

Starts ``streamlit run streamlit_app.py`` on 127.0.0.1 (a free port), then:

1. warm-up: one session opens the page (imports, caches);
2. reference: one student alone steps ``--reference-steps`` times, before the load and again after
   it (every session closed): the single-user median step time is the median over both. The
   machine is shared: one 20-step reference alone moved between 13 and 26 ms within an hour;
3. load: ``--sessions`` students at once, their first loads spread over a few seconds, each
   pressing "Next" every ``--think`` seconds (a student reading the heatmaps), for at most
   ``--duration`` seconds; ``--trainers`` of them first train a model on the forecast page.

Prints errors (target 0), isolation leaks (target 0), step time median and p95 pooled over
every step of every session and the worst session's p95, the ratio p95 / single-user median
(target < 3), the same for the steps taken once every student had opened the page (the
arrival, ~6 full-page runs per student, crowds the first seconds), those steps split by whether
a training was under way when they were pressed (from a trainer pressing Train to its results),
the server's resident memory before, at peak and after the sessions closed (and after, that of the
processes it keeps for the trainings: the fork server, multiprocessing's resource tracker), and the
share of the VM's CPU time the host gave to others during the load (steal: on a shared machine,
what most moves the ratio between runs).
The client runs on the same machine as the server and takes some of its CPU: the ratio is
conservative. Exit status 1 when there were errors or leaks (never on timings).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from tests.support.load import (  # noqa: E402
    Report, Student, add_class_options, median, percentile, run_load, student_session,
)
from tests.support.server import streamlit_server  # noqa: E402

MB = 1024 * 1024
WITHOUT = ROOT / "benchmarks" / "serve_without.py"
IDLE_SECONDS = 5.0
"""How long the idle server's own CPU is measured (it polls its config files every 200 ms; 4-6 ms/s),
to leave it out of the single user's server CPU per step, which spans 1-2 s pauses."""


def stolen_seconds() -> float:
    """CPU time the hypervisor gave to others while this VM's CPUs wanted it (``/proc/stat``'s steal,
    all CPUs), in seconds; NaN where there is no such count."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_class_options(p)
    p.add_argument("--steps", type=int, default=25, help="presses of Next per student (default 25)")
    p.add_argument("--think", type=float, nargs=2, default=(1.0, 2.0), metavar=("MIN", "MAX"),
                   help="seconds between presses, uniform in [MIN, MAX] (default 1 2)")
    p.add_argument("--duration", type=float, default=150.0, help="time limit of the load phase, s (default 150)")
    p.add_argument("--reference-steps", type=int, default=20, help="steps of the single-user reference (default 20)")
    p.add_argument("--without", default=None, metavar="FIX",
                   help="serve with one of scripts/serve.py's fixes left out, to measure what it is worth: "
                        "batch_sends, freeze_heap, remember_theme, young_cycles, coalesce_wakeups or tcp_nodelay "
                        "(benchmarks/serve_without.py)")
    return p.parse_args()


def summary(name: str, reports: list[Report]) -> dict:
    steps = [s for r in reports for s in r.step_seconds]
    return {
        "name": name,
        "sessions": len(reports),
        "steps": len(steps),
        "errors": sum(len(r.errors) for r in reports),
        "leaks": sum(len(r.leaks) for r in reports),
        "median": median(steps),
        "p95": percentile(steps, 95),
        "worst_p95": max((percentile(r.step_seconds, 95) for r in reports if r.step_seconds), default=float("nan")),
        "open_median": median([r.open_seconds for r in reports if r.open_seconds]),
        "trained": sum(r.trained for r in reports),
        "queued": sum(r.queued for r in reports),
        "train_median": median([r.train_seconds for r in reports if r.trained]),
    }


def opened(row: dict) -> str:
    """The median time to open the page, or "-" for a row without opens."""
    return "-" if np.isnan(row["open_median"]) else f"{row['open_median']:.3f}s"


async def main(args: argparse.Namespace) -> int:
    reference = dict(script=WITHOUT, env={"LENS_WITHOUT": args.without}) if args.without else {}
    with streamlit_server(**reference) as server:
        print(f"server: {server.url} (pid {server.pid})"
              + (f", without {args.without} (benchmarks/serve_without.py)" if args.without else ""), flush=True)
        await run_load(server.url, 1, 0, steps=3, think=(0.1, 0.1), duration=60, first_index=99)  # warm-up
        idle_cpu = server.cpu_seconds()
        await asyncio.sleep(IDLE_SECONDS)
        idle_rate = (server.cpu_seconds() - idle_cpu) / IDLE_SECONDS  # CPU seconds per second, nobody connected
        cpu: dict[str, tuple[float, float]] = {}
        single = [await student_session(server.url, Student(98), args.reference_steps, tuple(args.think),
                                        time.monotonic() + 120,
                                        probe=lambda mark: cpu.__setitem__(mark, (server.cpu_seconds(),
                                                                                  time.monotonic())))]
        rss_before = server.rss_bytes()
        peak = rss_before
        done = asyncio.Event()

        async def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, server.rss_bytes())
                await asyncio.sleep(0.5)

        sampler = asyncio.create_task(sample())
        started, client_cpu, server_cpu = time.monotonic(), time.process_time(), server.cpu_seconds()
        stolen = stolen_seconds()
        reports = await run_load(server.url, args.sessions, args.trainers, steps=args.steps,
                                 think=tuple(args.think), duration=args.duration)
        elapsed = time.monotonic() - started
        client_cpu, server_cpu = time.process_time() - client_cpu, server.cpu_seconds() - server_cpu
        stolen = stolen_seconds() - stolen
        done.set()
        await sampler
        await asyncio.sleep(5)  # let the server drop the closed sessions
        rss_after = server.rss_bytes()
        helpers = server.helpers_rss()
        single_after = [await student_session(server.url, Student(97), args.reference_steps, tuple(args.think),
                                              time.monotonic() + 120)]  # the reference again, the class gone

    before, after = summary("single, before", single), summary("single, after", single_after)
    ref, load = summary("single user", single + single_after), summary(f"{args.sessions} at once", reports)
    # the same steps, without those taken while classmates were still opening the page
    all_open = max((r.ready_at for r in reports if not r.trained and r.ready_at), default=0.0)
    steady_reports = [Report(r.name, step_seconds=[x for x, at in zip(r.step_seconds, r.step_started) if at > all_open])
                      for r in reports]
    steady = summary("after arrival", steady_reports)
    # the same steps again, split by whether a training was under way (queued or running) when pressed
    trainings = [(r.train_started, r.train_started + r.train_seconds) for r in reports if r.trained]
    beside, alone = [Report(r.name) for r in reports], [Report(r.name) for r in reports]
    for r, b, a in zip(reports, beside, alone):
        for x, at in zip(r.step_seconds, r.step_started):
            if at > all_open:
                (b if any(t0 <= at <= t1 for t0, t1 in trainings) else a).step_seconds.append(x)
    beside_training, no_training = summary("beside training", beside), summary("no training", alone)
    per_step_cpu = float("nan")
    if "stepped" in cpu and before["steps"]:  # the idle server's own CPU over the pauses is not the steps'
        (cpu_0, t_0), (cpu_1, t_1) = cpu["stepping"], cpu["stepped"]
        per_step_cpu = (cpu_1 - cpu_0 - idle_rate * (t_1 - t_0)) / before["steps"]
    demand = (args.sessions - args.trainers) / (sum(args.think) / 2)
    ratio = load["p95"] / ref["median"]
    print()
    print(f"load phase: {elapsed:.1f} s, think {args.think[0]:g}-{args.think[1]:g} s; {args.trainers} trainings: "
          f"{load['trained']} finished (median {load['train_median']:.1f} s from Train to results), "
          f"{load['queued']} told to wait for a slot")
    print(f"{'':14}{'sessions':>9}{'steps':>7}{'errors':>7}{'leaks':>6}{'open p50':>10}"
          f"{'step p50':>10}{'step p95':>10}{'worst p95':>11}")
    for row in (before, after, ref, load, steady):
        print(f"{row['name']:14}{row['sessions']:>9}{row['steps']:>7}{row['errors']:>7}{row['leaks']:>6}"
              f"{opened(row):>10}{row['median']:>9.3f}s{row['p95']:>9.3f}s{row['worst_p95']:>10.3f}s")
    print(f"ratio p95 under load / single-user median: {ratio:.2f}x (target < 3x: "
          f"{'met' if ratio < 3 else 'NOT met'})")
    print(f"  the same after every student had opened the page ({all_open - started:.0f} s into the load phase): "
          f"{steady['p95'] / ref['median']:.2f}x over {steady['steps']} steps")
    for row, when in ((beside_training, "while a training was under way (queued or running)"),
                      (no_training, "while none was")):
        print(f"    of which {row['steps']} pressed {when}: p95 {row['p95']:.3f} s, "
              f"{row['p95'] / ref['median']:.2f}x (median {row['median'] / ref['median']:.2f}x)")
    print(f"single user: server CPU {per_step_cpu * 1000:.0f} ms per step (the idle server's own "
          f"{idle_rate * 1000:.1f} ms/s over the pauses left out), "
          f"{single[0].step_bytes / max(before['steps'], 1) / 1024:.0f} KB sent per step; "
          f"one GIL-bound process serves ~{1 / per_step_cpu:.1f} steps/s, the class asks ~{demand:.1f} steps/s")
    print(f"machine: {os.cpu_count()} cores, load average {' / '.join(f'{v:.1f}' for v in os.getloadavg())} "
          f"(1/5/15 min) at the end, client on the same machine")
    print(f"during the load phase: the server process used {server_cpu / elapsed:.0%} of a core (trainings "
          f"not included), this client {client_cpu / elapsed:.0%}")
    print(f"the host took {stolen / (elapsed * (os.cpu_count() or 1)):.1%} of this VM's CPU time during the load "
          f"phase (steal time; a busy neighbour slows every step and every training alike)")
    print(f"server RSS: before {rss_before / MB:.0f} MB, peak {peak / MB:.0f} MB, after {rss_after / MB:.0f} MB "
          f"(+{(rss_after - rss_before) / MB:.0f} MB)")
    if helpers:
        print("the server's other processes after the load: "
              + ", ".join(f"{name} {rss / MB:.0f} MB" for name, rss in sorted(helpers.items())))
    problems = [e for r in single + single_after + reports for e in r.errors + r.leaks]
    for line in problems[:20]:
        print("  !", line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
