"""Garbage collections in the server while a class of 30 steps, with ``scripts/serve.py``'s collector
thresholds (``GC_THRESHOLDS``) and with Python's defaults (``--without young_cycles``).

    .venv/bin/python benchmarks/bench_gc_class.py [--rounds 2]

Each round starts the server twice, one variant after the other (``benchmarks/serve_gc_logged.py``
logs every collection), and runs the classroom of ``benchmarks/load_test.py`` against it: 30
students stepping every 1-2 s, 3 of them training first. Prints, per variant and round, the
collections of each generation during the load phase, the time they held the interpreter in all,
the longest, how many took 30 ms or more, and the step ratio of ``load_test.py`` (p95 under load /
the single-user median, from 20 steps before the class) for the record: on this shared machine
that ratio moves by more than the collections do.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.load import Student, add_class_options, median, percentile, run_load, student_session  # noqa: E402
from tests.support.server import streamlit_server  # noqa: E402

SERVE = ROOT / "benchmarks" / "serve_gc_logged.py"
LONG = 0.030
"""A collection this long (s) or longer is counted apart: it delays the steps behind it past the p95."""


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=2, help="rounds, each variant once (default 2)")
    add_class_options(p)
    return p.parse_args()


async def one_class(without: str, sessions: int, trainers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "gc.json"
        env = {"LENS_GC_LOG": str(log), **({"LENS_WITHOUT": without} if without else {})}
        with streamlit_server(script=SERVE, env=env) as server:
            await run_load(server.url, 1, 0, steps=3, think=(0.1, 0.1), duration=60, first_index=99)  # warm-up
            single = await student_session(server.url, Student(98), 20, (1.0, 2.0), time.monotonic() + 120)
            started = time.monotonic()
            reports = await run_load(server.url, sessions, trainers, steps=25, think=(1.0, 2.0), duration=150)
            ended = time.monotonic()
            await asyncio.sleep(1.5)  # the log is rewritten every second
            collections = [c for c in json.loads(log.read_text()) if started <= c[1] <= ended]
    steps = [s for r in reports for s in r.step_seconds]
    pauses = [c[2] for c in collections]
    return {
        "variant": f"without {without}" if without else "serve.py",
        "gen": [sum(1 for c in collections if c[0] == g) for g in (0, 1, 2)],
        "held": sum(pauses), "longest": max(pauses, default=0.0), "long": sum(1 for p in pauses if p >= LONG),
        "ratio": percentile(steps, 95) / median(single.step_seconds),
        "problems": sum(len(r.errors) + len(r.leaks) for r in reports) + len(single.errors) + len(single.leaks),
        "seconds": ended - started,
    }


async def main(args: argparse.Namespace) -> int:
    rows = []
    for k in range(args.rounds):
        for without in ("", "young_cycles"):
            row = await one_class(without, args.sessions, args.trainers)
            rows.append(row)
            print(f"round {k + 1}: {row['variant']:22} collections young/middle/full {row['gen'][0]:4d} /{row['gen'][1]:3d} /"
                  f"{row['gen'][2]:2d}; held {row['held'] * 1000:5.0f} ms over {row['seconds']:.0f} s, longest "
                  f"{row['longest'] * 1000:4.0f} ms, {row['long']} of {LONG * 1000:.0f} ms or more; step ratio "
                  f"{row['ratio']:.2f}x; errors and leaks {row['problems']}", flush=True)
    return 1 if any(r["problems"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
