"""Half-hourly readings (issue 22): the forecast with the season the reader now finds (a day of 48
half-hours) against the forecast without a season, as the reader gave it before (the dates were
called uneven, no frequency, and season detection never tried 48).

    .venv/bin/python benchmarks/bench_half_hourly_season.py [--epochs N] [--file tests/data/half_hourly_demand.csv]

Both runs use the page's defaults otherwise and the same hold-out (one day, the last 48 points), so
their errors compare: RMSE, and MASE twice, once as each run reports it (scaled by its own seasonal
naive: lag 48 or lag 1) and once scaled by the same lag-48 seasonal naive. Prints one row per run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lstm_core.data import read_series  # noqa: E402
from lstm_core.forecasting.metrics import mase  # noqa: E402
from lstm_core.forecasting.pipeline import run_forecast  # noqa: E402
from lstm_core.forecasting.settings import DEFAULTS, ForecastSettings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=str(ROOT / "tests" / "data" / "half_hourly_demand.csv"))
    parser.add_argument("--epochs", type=int, default=DEFAULTS.epochs)
    args = parser.parse_args()
    series = read_series(Path(args.file).read_bytes())
    print(f"{len(series)} points, frequency {series.frequency}, season found {series.season_length}, "
          f"natural periods {series.natural_seasons()}, epochs {args.epochs}")
    print(f"{'run':<26}{'season':>7}  {'transform':<36}{'RMSE':>10}{'MASE (own)':>12}{'MASE (lag 48)':>15}"
          f"{'s.naive RMSE':>14}{'seconds':>9}")
    for label, season in (("season found (48)", ...), ("no season (before)", None)):
        settings = ForecastSettings(epochs=args.epochs, season_length=season, holdout=48)
        start = time.perf_counter()
        run = run_forecast(series, settings)
        took = time.perf_counter() - start
        m = run.metrics["lstm"]
        y = series.values
        y_train = y[: len(y) - run.resolved.holdout]
        same_scale = mase(run.holdout_actual, run.holdout_forecast, y_train, 48)
        spec = run.resolved.transform
        transform = f"log={int(spec.log)} sdiff={spec.seasonal_lag} deseason={spec.deseason} diff={int(spec.difference)}"
        print(f"{label:<26}{str(run.resolved.season_length):>7}  {transform:<36}{m['rmse']:>10.1f}{m['mase']:>12.2f}"
              f"{same_scale:>15.2f}{run.metrics['seasonal_naive']['rmse']:>14.1f}{took:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
