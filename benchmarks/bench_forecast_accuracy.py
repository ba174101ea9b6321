"""Forecast accuracy with the DEFAULT settings: the airline series against the SARIMA airline model,
and synthetic series the defaults were never tuned on against seasonal naive.

    .venv/bin/python benchmarks/bench_forecast_accuracy.py [--quick]

Airline (log data, SARIMA(0,1,1)(0,1,1)12 fitted here with statsmodels), last 12 and 24 months held
out: the LSTM's RMSE should be at most SARIMA's. Synthetic monthly, weekly, daily and hourly series
(different trends, periods, noise; multiplicative and additive) and real public series the defaults
were never tuned on (statsmodels' bundled data sets, written out as CSV bytes and read with
``read_series`` like an upload: Mauna Loa CO2 weekly with gaps, El Niño sea temperature monthly, US
real GDP and CPI quarterly, sunspots and the Nile yearly): the LSTM should beat seasonal naive (naive
when there is no season). Prints one row per series with the RMSE of each method (naive: the last
value repeated; H-W: the page's Holt-Winters baseline), the LSTM / reference ratio and the transform the defaults chose
(L log, S seasonal difference, X seasonal profile subtracted, D difference, - levels; W window).
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from lstm_core.data import read_series  # noqa: E402
from lstm_core.forecasting.pipeline import run_forecast# noqa: E402
from lstm_core.forecasting.settings import ForecastSettings# noqa: E402
from lstm_core.sequences.builtin import airline_passengers  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def sarima_airline_rmse(y: np.ndarray, holdout: int) -> float:
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = SARIMAX(np.log(y[:-holdout]), order=(0, 1, 1), seasonal_order=(0, 1, 1, 12)).fit(disp=False)
    return float(np.sqrt(np.mean((np.exp(fit.forecast(holdout)) - y[-holdout:]) ** 2)))


def synthetic(kind: str, seed: int) -> tuple[str, bytes]:
    """A CSV (bytes) of a seasonal series with trend and noise, at one frequency."""
    rng = np.random.default_rng(seed)
    if kind == "monthly_multiplicative":
        dates = pd.date_range("2000-01-01", periods=156, freq="MS")
        t = np.arange(156)
        y = (100 + 1.5 * t) * (1 + 0.25 * np.sin(2 * np.pi * t / 12)) * np.exp(rng.normal(0, 0.03, 156))
    elif kind == "monthly_additive":
        dates = pd.date_range("2005-01-01", periods=120, freq="MS")
        t = np.arange(120)
        y = 50 + 0.2 * t + 8 * np.sin(2 * np.pi * t / 12) + 4 * np.cos(4 * np.pi * t / 12) + rng.normal(0, 1.5, 120)
    elif kind == "weekly":
        dates = pd.date_range("2015-01-04", periods=260, freq="7D")
        t = np.arange(260)
        y = 300 + 0.5 * t + 40 * np.sin(2 * np.pi * t / 52) + rng.normal(0, 8, 260)
    elif kind == "daily":
        dates = pd.date_range("2023-01-01", periods=200, freq="D")
        t = np.arange(200)
        y = 80 + 0.1 * t + 15 * (dates.day_of_week >= 5) - 5 * (dates.day_of_week == 0) + rng.normal(0, 2, 200)
    elif kind == "hourly":
        dates = pd.date_range("2024-03-01", periods=24 * 14, freq="h")
        t = np.arange(24 * 14)
        y = 500 + 120 * np.sin(2 * np.pi * (t - 6) / 24) + 0.3 * t + rng.normal(0, 15, len(t))
    else:
        raise ValueError(kind)
    frame = pd.DataFrame({"date": dates.strftime("%Y-%m-%d %H:%M") if kind == "hourly" else dates.strftime("%Y-%m-%d"),
                          "value": np.round(y, 3)})
    return kind, frame.to_csv(index=False).encode()


def _csv(dates, values) -> bytes:
    frame = pd.DataFrame({"date": pd.DatetimeIndex(dates).strftime("%Y-%m-%d"), "value": values})
    return frame.to_csv(index=False).encode()


def public() -> list[tuple[str, bytes]]:
    """Real series shipped with statsmodels (offline), as the CSV a person would upload."""
    import statsmodels.api as sm

    out = []
    co2 = sm.datasets.co2.load_pandas().data  # weekly, 1958-2001, 59 missing values
    out.append(("co2 (weekly)", _csv(co2.index, co2["co2"].to_numpy())))
    nino = sm.datasets.elnino.load_pandas().data  # a year x month table of sea temperatures
    values = nino.drop(columns="YEAR").to_numpy().ravel()
    out.append(("elnino (monthly)", _csv(pd.date_range(f"{int(nino.YEAR[0])}-01-01", periods=len(values), freq="MS"), values)))
    macro = sm.datasets.macrodata.load_pandas().data  # 1959Q1-2009Q3: the hold-out is the 2008-09 recession
    quarters = pd.PeriodIndex.from_fields(year=macro.year.astype(int), quarter=macro.quarter.astype(int), freq="Q")
    for column in ("realgdp", "cpi"):
        out.append((f"{column} (quarterly)", _csv(quarters.to_timestamp(), macro[column].to_numpy())))
    sun = sm.datasets.sunspots.load_pandas().data
    out.append(("sunspots (yearly)", _csv(pd.to_datetime(sun.YEAR.astype(int).astype(str)), sun.SUNACTIVITY.to_numpy())))
    nile = sm.datasets.nile.load_pandas().data
    out.append(("nile (yearly)", _csv(pd.to_datetime(nile.year.astype(int).astype(str)), nile.volume.to_numpy())))
    return out


def _transform(run) -> str:
    spec = run.resolved.transform
    code = ("L" if spec.log else "") + ("S" if spec.seasonal_lag else "") + ("X" if spec.deseason else "") + (
        "D" if spec.difference else "")
    return f"{code or '-'} W{run.resolved.window}"


def main() -> None:
    quick = "--quick" in sys.argv
    rows = []
    y = airline_passengers()
    airline = read_series((ROOT / "lstm_core" / "datasets" / "airline_passengers.csv").read_bytes())
    for holdout in (12, 24):
        start = time.perf_counter()
        run = run_forecast(airline, ForecastSettings(holdout=holdout))
        seconds = time.perf_counter() - start
        ref = sarima_airline_rmse(y, holdout)
        m = run.metrics
        rows.append((f"airline, last {holdout}", m["lstm"]["rmse"], m["naive"]["rmse"], m["seasonal_naive"]["rmse"],
                     m.get("holt_winters", {}).get("rmse", float("nan")), ref, "SARIMA", m["lstm"]["rmse"] / ref, seconds,
                     _transform(run)))
    kinds = ["monthly_multiplicative", "weekly"] if quick else [
        "monthly_multiplicative", "monthly_additive", "weekly", "daily", "hourly"]
    unseen = [synthetic(kind, seed=7) for kind in kinds] + ([] if quick else public())
    for name, data in unseen:
        series = read_series(data)
        start = time.perf_counter()
        run = run_forecast(series)
        seconds = time.perf_counter() - start
        m = run.metrics
        kind = "seasonal naive" if run.resolved.season_length else "naive"
        rows.append((f"{name} (h={run.resolved.holdout})", m["lstm"]["rmse"], m["naive"]["rmse"],
                     m["seasonal_naive"]["rmse"],
                     m.get("holt_winters", {}).get("rmse", float("nan")), m["seasonal_naive"]["rmse"], kind,
                     m["lstm"]["rmse"] / m["seasonal_naive"]["rmse"], seconds, _transform(run)))
    print(flush=True)
    print(f"{'series':<34}{'LSTM':>10}{'naive':>10}{'s.naive':>10}{'H-W':>10}{'reference':>11}  "
          f"{'ref. kind':<16}{'LSTM/ref':>9}"
          f"{'time s':>8}  {'transform':<10}")
    missed = 0
    for name, lstm, naive, snaive, hw, ref, kind, ratio, seconds, transform in rows:
        verdict = "ok" if ratio <= 1.0 else "MISSED"
        missed += ratio > 1.0
        print(f"{name:<34}{lstm:>10.2f}{naive:>10.2f}{snaive:>10.2f}{hw:>10.2f}{ref:>11.2f}  {kind:<16}{ratio:>9.2f}{seconds:>8.1f}"
              f"  {transform:<10}{verdict}")
    print(f"{len(rows) - missed} of {len(rows)} targets met")


if __name__ == "__main__":
    main()
