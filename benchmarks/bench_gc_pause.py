"""What a full garbage collection costs the server, with the loaded modules frozen or not (scripts/serve.py).

    .venv/bin/python benchmarks/bench_gc_pause.py [--rounds 5] [--collections 7]

A full collection holds the interpreter: while it runs no student's step moves. ``scripts/serve.py``
imports what the pages use while the server starts and then freezes those objects
(``gc.freeze``), so later full collections leave them out. In each round, two fresh interpreters
run the server's warm-up (``app.server.launch.warm_imports``), one freezing (as ``make run`` does) and one not (the
reference), then each times ``--collections`` full collections (``gc.collect()``). Prints, per
variant, the objects a full collection visits and the median time of one, and the ratio reference /
frozen. Before timing, each makes ``--session-objects`` small objects after the warm-up, which both
variants visit: what a class's sessions hold (the server tracked 17,000-40,000 objects of its own
at its full collections under the 30-student load of ``benchmarks/load_test.py``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import gc, json, statistics, time
from app.server import launch
launch.warm_imports(freeze_heap=FREEZE)
sessions = [{"state": [k, str(k)]} for k in range(SESSION_OBJECTS // 2)]  # 2 tracked objects each
times = []
for _ in range(COLLECTIONS):
    t0 = time.perf_counter()
    gc.collect()
    times.append(time.perf_counter() - t0)
print(json.dumps({"visited": len(gc.get_objects()), "frozen": gc.get_freeze_count(), "ms": statistics.median(times) * 1000}))
"""


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=5, help="rounds, each variant in turn (default 5)")
    p.add_argument("--collections", type=int, default=7, help="full collections timed per interpreter (default 7)")
    p.add_argument("--session-objects", type=int, default=30_000,
                   help="objects made after the warm-up, standing for what a class's sessions hold (default 30000)")
    return p.parse_args()


def probe(freeze: bool, collections: int, session_objects: int) -> dict:
    code = (PROBE.replace("FREEZE", str(freeze)).replace("COLLECTIONS", str(collections))
            .replace("SESSION_OBJECTS", str(session_objects)))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    args = parse_args()
    results: dict[bool, list[dict]] = {True: [], False: []}
    for _ in range(args.rounds):
        for freeze in (True, False):
            results[freeze].append(probe(freeze, args.collections, args.session_objects))
    ms = {freeze: statistics.median(r["ms"] for r in rows) for freeze, rows in results.items()}
    for freeze, label in ((True, "frozen (serve.py)"), (False, "not frozen (reference)")):
        row = results[freeze][-1]
        print(f"{label:24} visits {row['visited']:>8,} objects ({row['frozen']:,} frozen)   "
              f"one full collection: {ms[freeze]:6.1f} ms (median of {args.rounds} x {args.collections})")
    print(f"ratio reference / frozen: {ms[False] / ms[True]:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
