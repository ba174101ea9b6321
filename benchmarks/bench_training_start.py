"""What a training costs before and after its work: spawned (a fresh Python each time, the reference)
against forked from the fork server (``app.server.training_slots.training_context``).

    .venv/bin/python benchmarks/bench_training_start.py [--rounds 3]

Each round runs the load test's small training (a trainer's 48-month series, 3 epochs, 4 units,
1 member; ``pipeline.run_forecast``) through ``app.server.training_slots.in_subprocess``, once spawned and
once forked, alternately. For each it reports the training process's own CPU (``time.process_time``
at its end: a forked child's count starts at the fork) and the wall time from start to result.
The fork server's own CPU (its one import of Keras) is reported apart: it is paid once per server.
A class's trainings take their CPU from the students' steps, so less CPU per training is what
matters; the wall times show what the trainer waits.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.server import training_slots  # noqa: E402
from tests.support.server import cpu_seconds_of, rss_of  # noqa: E402


def class_training(on_epoch, should_stop) -> tuple[float, int]:
    """The load test's trainer's training; (this process's CPU seconds, its parent's pid)."""
    from lstm_core.data.series import read_series
    from lstm_core.forecasting import pipeline
    from tests.support.load import Student

    student = Student(5)
    settings = pipeline.ForecastSettings(epochs=3, members=1, units=4, seed=student.seed)
    pipeline.run_forecast(read_series(student.training_csv()), settings, on_epoch=on_epoch, should_stop=should_stop)
    return time.process_time(), os.getppid()


def run_once(context) -> tuple[float, float, int]:
    """(training process CPU s, wall s from start to result, its parent's pid) with ``context``."""
    training_slots.training_context = lambda: context  # what in_subprocess asks for
    started = time.perf_counter()
    job = training_slots.start_training(training_slots.in_subprocess(class_training), 3, heartbeat_timeout=600)
    if not job.wait(600) or job.status != training_slots.DONE:
        raise SystemExit(f"the training did not finish: {job.status} {job.error}")
    cpu, parent = job.result
    return cpu, time.perf_counter() - started, parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    forked = training_slots.training_context()
    if forked.get_start_method() != "forkserver":
        raise SystemExit("this platform has no fork server: trainings are spawned, nothing to compare")
    spawned = multiprocessing.get_context("spawn")
    rows: dict[str, list[tuple[float, float]]] = {"spawned": [], "forked": []}
    server_pid = None
    for round_ in range(args.rounds):
        for name, context in (("forked", forked), ("spawned", spawned)):
            cpu, wall, parent = run_once(context)
            if name == "forked":
                server_pid = parent
            rows[name].append((cpu, wall))
            print(f"round {round_ + 1} {name:8} training process CPU {cpu:5.2f} s, start to result {wall:5.2f} s",
                  flush=True)
    median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    print()
    for name, values in rows.items():
        later = (values[1:] or values) if name == "forked" else values  # the first forked one waited for the preload
        print(f"{name:8} median CPU {median([c for c, _ in values]):5.2f} s, "
              f"median start to result {median([w for _, w in later]):5.2f} s"
              + (" (after the first)" if name == "forked" and len(values) > 1 else ""))
    ratio = median([c for c, _ in rows["forked"]]) / median([c for c, _ in rows["spawned"]])
    print(f"CPU per training, forked / spawned: {ratio:.2f}x")
    print(f"the fork server's own CPU (its one import of Keras): {cpu_seconds_of(server_pid):.2f} s, "
          f"resident {(rss_of(server_pid) or 0) / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
