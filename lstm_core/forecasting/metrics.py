"""Forecast accuracy and the baselines an LSTM must beat (NumPy only).

For actual values ``y`` (h,), forecasts ``f`` (h,) and the training part ``y_train`` (n,):

    RMSE = sqrt(mean((y - f)^2))        MAE = mean(|y - f|)
    MAPE = 100 * mean(|y - f| / |y|)    (NaN when some y == 0)
    MASE = MAE / mean(|y_train[t] - y_train[t - m]|)   m = season length (1 without a season)
"""

from __future__ import annotations

import numpy as np

METRICS: tuple[str, ...] = ("rmse", "mae", "mape", "mase")


def _pair(actual: np.ndarray, forecast: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    actual = np.asarray(actual, dtype=np.float64)
    forecast = np.asarray(forecast, dtype=np.float64)
    if actual.shape != forecast.shape or actual.ndim != 1 or actual.size == 0:
        raise ValueError(f"expected actual and forecast of one shape (h,) with h > 0, got {actual.shape} and {forecast.shape}")
    return actual, forecast


def rmse(actual: np.ndarray, forecast: np.ndarray) -> float:
    actual, forecast = _pair(actual, forecast)
    return float(np.sqrt(np.mean((actual - forecast) ** 2)))


def mae(actual: np.ndarray, forecast: np.ndarray) -> float:
    actual, forecast = _pair(actual, forecast)
    return float(np.mean(np.abs(actual - forecast)))


def mape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Mean absolute percentage error in percent; NaN when an actual value is 0."""
    actual, forecast = _pair(actual, forecast)
    if np.any(actual == 0):
        return float("nan")
    return float(100.0 * np.mean(np.abs((actual - forecast) / actual)))


def mase_scale(y_train: np.ndarray, season_length: int | None) -> float:
    """In-sample MAE of the (seasonal) naive forecast: the denominator of MASE (NaN if 0)."""
    y_train = np.asarray(y_train, dtype=np.float64)
    m = season_length if season_length and len(y_train) > season_length else 1
    if len(y_train) <= m:
        return float("nan")
    scale = float(np.mean(np.abs(y_train[m:] - y_train[:-m])))
    return scale if scale > 0 else float("nan")


def mase(actual: np.ndarray, forecast: np.ndarray, y_train: np.ndarray, season_length: int | None) -> float:
    return mae(actual, forecast) / mase_scale(y_train, season_length)


def all_metrics(
    actual: np.ndarray, forecast: np.ndarray, y_train: np.ndarray, season_length: int | None
) -> dict[str, float]:
    """``{"rmse", "mae", "mape", "mase"}`` of one forecast."""
    return {
        "rmse": rmse(actual, forecast),
        "mae": mae(actual, forecast),
        "mape": mape(actual, forecast),
        "mase": mase(actual, forecast, y_train, season_length),
    }


# --- baselines --------------------------------------------------------------------------------


def naive_forecast(y_train: np.ndarray, horizon: int) -> np.ndarray:
    """(horizon,) the last value repeated: ŷ_{n+k} = y_n."""
    y_train = np.asarray(y_train, dtype=np.float64)
    return np.full(horizon, y_train[-1])


def seasonal_naive_forecast(y_train: np.ndarray, horizon: int, season_length: int | None) -> np.ndarray:
    """(horizon,) the last season repeated: ŷ_{n+k} = y_{n+k-m·⌈k/m⌉} (naive without a season)."""
    y_train = np.asarray(y_train, dtype=np.float64)
    m = season_length or 1
    if len(y_train) < m:
        return naive_forecast(y_train, horizon)
    last = y_train[-m:]
    return last[np.arange(horizon) % m]


def holt_winters_forecast(
    y_train: np.ndarray, horizon: int, season_length: int | None, log: bool = False
) -> np.ndarray | None:
    """(horizon,) Holt-Winters exponential smoothing (statsmodels): damped additive trend, additive
    season of period m when two full seasons exist, fitted on log values when ``log``.

    The classical reference beside the LSTM; None when it cannot be fitted (too short, failed fit).
    """
    y_train = np.asarray(y_train, dtype=np.float64)
    if len(y_train) < 10 or (log and np.any(y_train <= 0)):
        return None
    import warnings

    from statsmodels.tsa.holtwinters import ExponentialSmoothing  # noqa: PLC0415  (heavy; only when used)

    m = season_length if season_length and len(y_train) >= 2 * season_length + 2 else None
    values = np.log(y_train) if log else y_train
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = ExponentialSmoothing(
                values, trend="add", damped_trend=True, seasonal="add" if m else None, seasonal_periods=m
            ).fit()
        forecast = np.asarray(fit.forecast(horizon), dtype=np.float64)
    except (ValueError, np.linalg.LinAlgError):
        return None
    forecast = np.exp(np.clip(forecast, -700, 700)) if log else forecast
    return forecast if np.all(np.isfinite(forecast)) else None


def copies_naive(lstm: dict[str, float], naive: dict[str, float], tolerance: float = 0.05) -> bool:
    """True when the LSTM's errors match the naive forecast's within ``tolerance`` (relative):
    the network learnt to repeat the last value, not the series."""
    return all(
        np.isfinite(lstm[k]) and np.isfinite(naive[k]) and abs(lstm[k] - naive[k]) <= tolerance * max(naive[k], 1e-12)
        for k in ("rmse", "mae")
    )
