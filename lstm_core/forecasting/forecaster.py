"""A trained network as a NumPy function, and what is built on it: recursive multi-step forecasts and
residual-bootstrap intervals.

A predictor maps windows ``(B, W, 1)`` of the transformed series to the next value ``(B,)``;
:func:`recursive_forecast` feeds its predictions back as input, earlier forecasts standing in for
values not yet seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from lstm_core.cells import LSTMWeights, lstm_forward
from lstm_core.forecasting.transforms import FittedTransform, make_windows

Predictor = Callable[[np.ndarray], np.ndarray]
"""(B, W, 1) windows -> (B,) next values."""


@dataclass(frozen=True)
class NumpyForecaster:
    """Stacked LSTM layers then a Dense(1) on the last h: the trained Keras model, in NumPy.

    dense_kernel: (H, 1); dense_bias: (1,). Calling it on X (B, W, 1) gives (B,).
    """

    layers: list[LSTMWeights]
    dense_kernel: np.ndarray
    dense_bias: np.ndarray

    def __call__(self, x: np.ndarray) -> np.ndarray:
        out = np.asarray(x, dtype=np.float32)
        for layer in self.layers:
            trace = lstm_forward(out, layer)  # h: (W, B, H)
            out = np.ascontiguousarray(trace.h.transpose(1, 0, 2))
        return (out[:, -1, :] @ self.dense_kernel + self.dense_bias)[:, 0]


@dataclass(frozen=True)
class Ensemble:
    """The mean of several predictors (networks trained from different seeds)."""

    members: list[Predictor] = field(default_factory=list)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return np.mean([member(x) for member in self.members], axis=0)


def recursive_forecast(predict: Predictor, z_history: np.ndarray, window: int, horizon: int,
                       noise: np.ndarray | None = None) -> np.ndarray:
    """Feed each prediction back as input: (horizon,) or, with ``noise`` (P, horizon), (P, horizon).

    ẑ_{n+k} = predict(z_{n+k-W} .. z_{n+k-1}) (+ noise[:, k]), earlier forecasts standing in for
    the values not yet seen.
    """
    z_history = np.asarray(z_history, dtype=np.float32)
    if len(z_history) < window:
        raise ValueError(f"expected at least {window} history values (the window), got {len(z_history)}")
    paths = 1 if noise is None else noise.shape[0]
    buffer = np.empty((paths, window + horizon), dtype=np.float32)
    buffer[:, :window] = z_history[-window:]
    for k in range(horizon):
        step = predict(buffer[:, k : k + window, None])
        if noise is not None:
            step = step + noise[:, k]
        buffer[:, window + k] = step
    out = buffer[:, window:]
    return out[0].astype(np.float64) if noise is None else out.astype(np.float64)


def one_step_residuals(predict: Predictor, z: np.ndarray, window: int) -> np.ndarray:
    """(N,) in-sample errors z[t] - predict(z[t-W:t]) over the training part."""
    x, y = make_windows(z, window)
    return (y - predict(x)).astype(np.float64)


def simulate_interval(
    predict: Predictor,
    transform: FittedTransform,
    z_history: np.ndarray,
    y_history: np.ndarray,
    window: int,
    horizon: int,
    residuals: np.ndarray,
    level: float = 0.9,
    paths: int = 200,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Residual-bootstrap prediction interval in real units: (lower (h,), upper (h,)).

    ``paths`` futures are simulated by the recursive forecast with one-step residuals
    (resampled) added at every step, then inverted; the bounds are their
    (1 - level)/2 and (1 + level)/2 quantiles.
    """
    residuals = np.asarray(residuals, dtype=np.float64)
    residuals = residuals[np.isfinite(residuals)]
    if residuals.size == 0:
        residuals = np.zeros(1)
    rng = np.random.default_rng(seed)
    noise = rng.choice(residuals - residuals.mean(), size=(paths, horizon))
    z_paths = recursive_forecast(predict, z_history, window, horizon, noise=noise)
    y_paths = transform.inverse(z_paths, y_history)
    alpha = (1 - level) / 2
    return np.quantile(y_paths, alpha, axis=0), np.quantile(y_paths, 1 - alpha, axis=0)
