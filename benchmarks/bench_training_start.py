"""Time from pressing Train to the first epoch's report: a freshly spawned training process vs the warm spare.

    .venv/bin/python benchmarks/bench_training_start.py [--rounds 3]

Each round trains the same small model (a 48-month seasonal series, 1 member of 4 units, 3 epochs,
the page's pipeline) twice, through ``app.training_slots.in_subprocess`` as the forecast page does:
once in a fresh process (no spare waiting) and once in the spare that the previous training left,
given time to finish importing. Prints each round's seconds to the first epoch and to the result,
the medians and the ratio warm / cold.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import training_slots  # noqa: E402
from lstm_core.data import read_series  # noqa: E402
from lstm_core.pipeline import ForecastSettings, run_forecast  # noqa: E402
from tests.support.load import Student  # noqa: E402

SPARE_READY = 20.0
"""Seconds given to a new spare to import TensorFlow before the warm training is started."""


def timed_training(series, settings) -> tuple[float, float]:
    """(seconds to the first epoch's report, seconds to the result) of one training."""
    first: list[float] = []
    started = time.perf_counter()
    work = training_slots.in_subprocess(run_forecast, series, settings)
    work(lambda report: first.append(time.perf_counter()) if not first else None, lambda: False)
    return first[0] - started, time.perf_counter() - started


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=3)
    rounds = p.parse_args().rounds
    series = read_series(Student(5).training_csv())
    settings = ForecastSettings(epochs=3, members=1, units=4, seed=1005)
    cold, warm = [], []
    for k in range(rounds):
        training_slots.discard_spare()
        cold.append(timed_training(series, settings))  # leaves a spare behind
        time.sleep(SPARE_READY)
        warm.append(timed_training(series, settings))
        print(f"round {k + 1}: fresh process {cold[-1][0]:.2f} s to the first epoch ({cold[-1][1]:.2f} s in all); "
              f"warm spare {warm[-1][0]:.2f} s ({warm[-1][1]:.2f} s)", flush=True)
    training_slots.discard_spare()
    c, w = statistics.median(x[0] for x in cold), statistics.median(x[0] for x in warm)
    print(f"median to the first epoch: fresh {c:.2f} s, warm spare {w:.2f} s, ratio {w / c:.2f}x")


if __name__ == "__main__":
    main()
