"""The end-to-end forecast, shared by the page and ``python -m lstm_core forecast``.

    series -> resolve settings (defaults chosen for this series) -> split off the hold-out
    -> transform (fitted on the training part) -> windows -> train the LSTM ensemble (each member on
       its own recursive forecast a few steps ahead, see :func:`default_rollout`)
    -> forecast the hold-out recursively, beside the naive and seasonal-naive baselines
    -> forecast past the end (the same model, fed with every point) with a residual-bootstrap interval

One training per run: the forecast past the end uses the network trained without the hold-out,
conditioned on all the data. The result holds no Keras objects (the model travels as ``.keras``
bytes), so a page can keep it in its session.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from lstm_core.cells import LSTMWeights
from lstm_core.data import DataError, SeriesData, step_seconds
from lstm_core.forecasting.choose_transform import choose_transform
from lstm_core.forecasting.forecaster import Ensemble, one_step_residuals, recursive_forecast, simulate_interval
from lstm_core.forecasting.metrics import (
    all_metrics,
    copies_naive,
    holt_winters_forecast,
    naive_forecast,
    seasonal_naive_forecast,
)
from lstm_core.forecasting.settings import DEFAULTS, ForecastSettings, Resolved, checked_network, make_resolved, whole_number
from lstm_core.forecasting.transforms import TransformSpec, make_windows

MIN_WINDOWS = 8
"""A network needs at least this many training windows."""
INTERVAL_LEVEL = 0.9


def default_holdout(n: int, season_length: int | None) -> int:
    """One season (at most a fifth of the series), else min(12, n/5)."""
    cap = max(1, n // 5)
    return max(1, min(season_length or 12, cap))


def default_window(n_train_z: int, season_length: int | None, seasonal_diff: bool = True) -> int:
    """One season plus one step (so the window sees the same point a season ago and the one before)
    when the season is at most 24 long or is not differenced away (then the window is the only way
    the network can see the season's shape), else 12; never more than a third of the transformed
    training part."""
    if season_length and (season_length <= 24 or not seasonal_diff):
        wanted = season_length + 1
    else:
        wanted = 12
    return max(1, min(wanted, n_train_z // 3))


ROLLOUT = 6
"""Default number of steps the training loss follows the network's own recursive forecast."""


def default_rollout(n_train_z: int, window: int, horizon: int) -> int:
    """Train on the network's own forecasts up to :data:`ROLLOUT` steps ahead, never more than the
    horizon, and only as far as leaves :data:`MIN_WINDOWS` training windows.

    The forecast past the end is recursive: from the second step on, the network reads its own
    earlier forecasts, which are smoother than real data. Trained only one step ahead on real
    windows, it never sees that and its errors compound (on a seasonal difference it drifts with the
    last values instead of returning to the usual change); trained on its own rollouts it learns
    how far its forecasts can be trusted. True of any series: nothing here depends on one data set.
    """
    room = n_train_z - window - MIN_WINDOWS + 1
    return max(1, min(ROLLOUT, horizon, room))


def resolve_settings(series: SeriesData, settings: ForecastSettings = DEFAULTS) -> Resolved:
    """Fill every ``None`` with the default for this series and check that it all fits.

    Raises :class:`DataError` (``too_short_for_settings``, ``log_nonpositive``, ``bad_setting``).
    """
    y = series.values
    n = len(y)
    checked_network(settings)
    season = series.season_length if settings.season_length is ... else settings.season_length
    if season is not None:
        season = whole_number("season length", season, 2, max(2, n // 2))
    holdout = default_holdout(n, season) if settings.holdout is None else whole_number("hold-out", settings.holdout, 1, n - 2)
    horizon = holdout if settings.horizon is None else whole_number("horizon", settings.horizon, 1, 1000)
    y_train = y[: n - holdout]
    # Short series: no seasonal differencing by default rather than refusing (it costs a season of windows).
    room_for_season = season is not None and len(y_train) - season - MIN_WINDOWS - 2 >= 2 * season
    spec, reasons = choose_transform(y_train, season, allow_seasonal=room_for_season)
    log = spec.log if settings.log is None else bool(settings.log)
    if log and np.any(y <= 0):
        raise DataError("log_nonpositive", value=f"{float(y.min()):g}")
    if settings.seasonal_diff and settings.deseason:
        raise DataError("bad_setting", name="season", expected="seasonal differencing or deseasonalising, not both",
                        value="both")
    chosen = (settings.seasonal_diff, settings.deseason)
    if chosen == (None, None):
        seasonal, deseason = bool(spec.seasonal_lag), bool(spec.deseason)
    else:  # one of them said: the other is off unless said too
        seasonal, deseason = bool(settings.seasonal_diff and season), bool(settings.deseason and season)
    difference = spec.difference if settings.difference is None else bool(settings.difference)
    if any(v is not None for v in (settings.log, settings.seasonal_diff, settings.difference, settings.deseason)):
        reasons = ("chosen_by_you",)
    spec = TransformSpec(log=log, seasonal_lag=season if seasonal else 0, difference=difference,
                         scaling=settings.scaling, deseason=season if deseason else 0)
    n_train_z = len(y_train) - spec.offset
    window = (
        default_window(n_train_z, season, bool(spec.seasonal_lag or spec.deseason)) if settings.window is None
        else whole_number("window", settings.window)
    )
    rollout = (
        default_rollout(n_train_z, window, max(holdout, horizon)) if settings.rollout is None
        else whole_number("rollout", settings.rollout)
    )
    needed = window + MIN_WINDOWS + spec.offset + holdout + rollout - 1
    if spec.deseason:  # STL needs two full seasons and a point of training data for the profile
        needed = max(needed, 2 * spec.deseason + 1 + holdout)
    if n < needed:
        raise DataError("too_short_for_settings", n=n, window=window, holdout=holdout, needed=needed)
    return make_resolved(settings, spec, reasons, window=window, holdout=holdout, horizon=horizon, season_length=season,
                         rollout=rollout)


@dataclass
class ForecastRun:
    """Everything one run produced, free of Keras objects.

    holdout_*: (holdout,) aligned with ``holdout_dates``; future_*: (horizon,) aligned with ``future_dates``.
    metrics: {"lstm"|"naive"|"seasonal_naive"|"holt_winters": {"rmse", "mae", "mape", "mase"}}
    (holt_winters, the classical reference, only when it could be fitted).
    model_inputs: (T - offset, 1) float32, the whole series as the network sees it (``input_dates`` labels it).
    layers: the first ensemble member's LSTM layers (for the step-through page).
    """

    series: SeriesData
    resolved: Resolved
    holdout_dates: pd.DatetimeIndex | None
    holdout_actual: np.ndarray
    holdout_forecast: np.ndarray
    holdout_lower: np.ndarray
    holdout_upper: np.ndarray
    baselines: dict[str, np.ndarray]
    metrics: dict[str, dict[str, float]]
    copies_naive: bool
    future_dates: pd.DatetimeIndex | None
    future_forecast: np.ndarray
    future_lower: np.ndarray
    future_upper: np.ndarray
    loss: list[float]
    val_loss: list[float]
    stopped: bool
    model_bytes: bytes
    model_inputs: np.ndarray
    input_dates: tuple[str, ...] | None
    layers: list[LSTMWeights] = field(default_factory=list)

    def forecast_frame(self) -> pd.DataFrame:
        """date, value, lower, upper of the forecast past the end (date = step number without dates)."""
        dates = (
            [_date_text(d, _through_the_day(self.series.frequency)) for d in self.future_dates]
            if self.future_dates is not None
            else list(range(len(self.series) + 1, len(self.series) + 1 + len(self.future_forecast)))
        )
        return pd.DataFrame(
            {"date": dates, "value": self.future_forecast, "lower": self.future_lower, "upper": self.future_upper}
        )

    def settings_json(self) -> str:
        """The run's settings as JSON (what the page offers for download)."""
        return json.dumps(
            {"series": self.series.name, "n_points": len(self.series), "frequency": self.series.frequency,
             **self.resolved.as_dict(), "epochs_run": len(self.loss), "stopped": self.stopped},
            indent=2, default=str,
        )

    def summary(self) -> dict:
        """The headless command's ``--json`` object."""
        r = self.resolved
        return {
            "n_points": len(self.series),
            "series": self.series.name,
            "frequency": self.series.frequency,
            "season_length": r.season_length,
            "holdout": r.holdout,
            "horizon": r.horizon,
            "window": r.window,
            "transform": dataclasses.asdict(r.transform),
            "transform_reasons": list(r.reasons),
            "epochs_run": len(self.loss),
            "metrics": {name: {k: _finite(v) for k, v in m.items()} for name, m in self.metrics.items()},
            "copies_naive": self.copies_naive,
            "notes": [str(n) for n in self.series.notes],
            "forecast": [
                {"date": row.date, "value": float(row.value), "lower": float(row.lower), "upper": float(row.upper)}
                for row in self.forecast_frame().itertuples()
            ],
        }


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def run_forecast(
    series: SeriesData,
    settings: ForecastSettings = DEFAULTS,
    on_epoch: Callable | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ForecastRun:
    """The whole pipeline (module docstring). ``on_epoch`` gets a ``keras_training.EpochReport``."""
    from lstm_core.keras_bridge import training as keras_training  # noqa: PLC0415  (TensorFlow loads only when training)

    resolved = resolve_settings(series, settings)
    y = series.values
    n, h = len(y), resolved.holdout
    y_train, y_test = y[: n - h], y[n - h :]
    transform = resolved.transform.fit(y_train)
    z_train = transform.forward(y_train)
    x, targets = make_windows(z_train, resolved.window, resolved.rollout)
    trained = keras_training.train_forecaster(x, targets, resolved, on_epoch, should_stop)
    try:
        members = keras_training.numpy_members(trained.model)
        layers = keras_training.lstm_weights_of(trained.model, 0)
        model_bytes = keras_training.save_model_bytes(trained.model)
    finally:
        del trained.model
        keras_training.clear_keras_session()
    ensemble = Ensemble(members)
    residuals = one_step_residuals(ensemble, z_train, resolved.window)

    holdout_z = recursive_forecast(ensemble, z_train, resolved.window, h)
    holdout_forecast = transform.inverse(holdout_z, y_train)
    holdout_lower, holdout_upper = simulate_interval(
        ensemble, transform, z_train, y_train, resolved.window, h, residuals, INTERVAL_LEVEL, seed=resolved.seed
    )
    m = resolved.season_length
    baselines = {"naive": naive_forecast(y_train, h), "seasonal_naive": seasonal_naive_forecast(y_train, h, m)}
    classical = holt_winters_forecast(y_train, h, m, log=resolved.transform.log)
    if classical is not None:
        baselines["holt_winters"] = classical
    metrics = {"lstm": all_metrics(y_test, holdout_forecast, y_train, m)}
    metrics.update({name: all_metrics(y_test, f, y_train, m) for name, f in baselines.items()})

    z_all = transform.forward(y)
    future_z = recursive_forecast(ensemble, z_all, resolved.window, resolved.horizon)
    future = transform.inverse(future_z, y)
    future_lower, future_upper = simulate_interval(
        ensemble, transform, z_all, y, resolved.window, resolved.horizon, residuals, INTERVAL_LEVEL, seed=resolved.seed
    )
    dates = series.dates
    offset = resolved.transform.offset
    return ForecastRun(
        series=series,
        resolved=resolved,
        holdout_dates=None if dates is None else dates[n - h :],
        holdout_actual=y_test,
        holdout_forecast=holdout_forecast,
        holdout_lower=holdout_lower,
        holdout_upper=holdout_upper,
        baselines=baselines,
        metrics=metrics,
        copies_naive=copies_naive(metrics["lstm"], metrics["naive"]) or _flat_like_naive(holdout_forecast, y_train),
        future_dates=series.future_dates(resolved.horizon),
        future_forecast=future,
        future_lower=future_lower,
        future_upper=future_upper,
        loss=list(trained.loss),
        val_loss=list(trained.val_loss),
        stopped=trained.stopped,
        model_bytes=model_bytes,
        model_inputs=z_all.astype(np.float32)[:, None],
        input_dates=None if dates is None else tuple(d.isoformat() for d in dates[offset:]),
        layers=layers,
    )


def _flat_like_naive(forecast: np.ndarray, y_train: np.ndarray) -> bool:
    """The forecast stays within 1% of the series' range around the last value: a copy of it."""
    spread = float(np.ptp(y_train)) or 1.0
    return bool(np.max(np.abs(forecast - y_train[-1])) <= 0.01 * spread)


def _through_the_day(frequency: str | None) -> bool:
    step = step_seconds(frequency)
    return step is not None and step < 86_400


def _date_text(d: pd.Timestamp, with_time: bool) -> str:
    """A forecast's date as the spacing needs it: 2024-03-25, 2024-03-25 00:00 (readings through the
    day: midnight too), 2024-03-25 00:30 or 2024-06-01 10:30:10."""
    if d.second or d.microsecond:
        return d.strftime("%Y-%m-%d %H:%M:%S")
    return d.strftime("%Y-%m-%d %H:%M") if with_time or d.hour or d.minute else d.strftime("%Y-%m-%d")
