"""A server that stays up all week: several classes, one after another, on one server process.

    .venv/bin/python benchmarks/bench_classes_in_a_row.py [--classes 5]

Starts ``scripts/serve.py`` on 127.0.0.1 and runs ``benchmarks/load_test.py``'s classroom against
it ``--classes`` times in a row (30 students, 3 of them training first, each stepping 12 times,
0.5-1 s apart), then waits past Streamlit's reconnect window and lets one more student come and go.
Prints, after each class, the server's resident memory, its open file descriptors and threads, the
resident memory of the fork server the trainings are forked from, and the errors and isolation
leaks the class saw; then the same once the window has passed. What a leak would look like:
memory, descriptors or threads that grow by about the same amount with every class.

Streamlit keeps a closed tab's session for two minutes (at most 128 of them), so that a student
whose connection drops gets their page back as they left it: each kept session holds its state and
three descriptors (the session's own event loop: a socket pair and an epoll). So right after
classes the descriptors count the last two minutes' students; a student who comes once the window
has passed makes Streamlit drop the expired ones. Exit status 1 when any class saw errors or leaks
(never on the figures themselves).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.load import add_class_options, run_load  # noqa: E402
from tests.support.server import streamlit_server  # noqa: E402

MB = 1024 * 1024
SETTLE_SECONDS = 8.0
"""Wait after a class, for its last runs and trainings to end."""
RECONNECT_WINDOW = 120.0
"""How long Streamlit keeps a closed session for its tab to reconnect (``MemorySessionStorage``'s ttl)."""


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--classes", type=int, default=5, help="classes one after another (default 5)")
    add_class_options(p)
    return p.parse_args()


async def main(args: argparse.Namespace) -> int:
    problems = 0
    with streamlit_server() as server:
        await run_load(server.url, 1, 0, steps=3, think=(0.1, 0.1), duration=60, first_index=99)  # warm-up
        await asyncio.sleep(SETTLE_SECONDS)
        start = (server.rss_bytes(), server.open_files(), server.threads())
        print(f"{'':10}{'seconds':>8}{'errors':>7}{'leaks':>6}{'RSS':>9}{'growth':>8}{'files':>7}{'threads':>8}"
              f"{'fork server':>13}")
        print(f"{'warmed up':10}{'':>8}{'':>7}{'':>6}{start[0] / MB:>6.0f} MB{'':>8}{start[1]:>7}{start[2]:>8}",
              flush=True)
        rss = [start[0]]
        for k in range(1, args.classes + 1):
            began = time.monotonic()
            reports = await run_load(server.url, args.sessions, args.trainers, steps=12, think=(0.5, 1.0),
                                     duration=120)
            seconds = time.monotonic() - began
            await asyncio.sleep(SETTLE_SECONDS)
            errors = sum(len(r.errors) for r in reports)
            leaks = sum(len(r.leaks) for r in reports)
            problems += errors + leaks
            rss.append(server.rss_bytes())
            print(f"{f'class {k}':10}{seconds:>7.0f}s{errors:>7}{leaks:>6}{rss[-1] / MB:>6.0f} MB"
                  f"{(rss[-1] - rss[-2]) / MB:>+5.0f} MB{server.open_files():>7}{server.threads():>8}"
                  f"{server.helpers_rss().get('fork server', 0) / MB:>10.0f} MB", flush=True)
        await asyncio.sleep(RECONNECT_WINDOW + 5)
        late = await run_load(server.url, 1, 0, steps=2, think=(0.1, 0.1), duration=60, first_index=98)
        problems += sum(len(r.errors) + len(r.leaks) for r in late)
        await asyncio.sleep(SETTLE_SECONDS)
        print(f"{'2 min on':10}{'':>8}{'':>7}{'':>6}{server.rss_bytes() / MB:>6.0f} MB{'':>8}"
              f"{server.open_files():>7}{server.threads():>8}   (one student came and went once the window had passed)")
    if len(rss) > 3:
        later = [(b - a) / MB for a, b in zip(rss[1:], rss[2:])]
        print(f"memory: +{(rss[1] - rss[0]) / MB:.0f} MB after the first class, then "
              f"{', '.join(f'{g:+.0f}' for g in later[:-1])} and {later[-1]:+.0f} MB after each later one "
              f"(+{(rss[-1] - rss[1]) / MB:.0f} MB over the last {len(rss) - 2})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
