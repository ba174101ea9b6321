"""Transforms with inverses, windows, recursive multi-step forecasts and intervals (NumPy only).

A series ``y`` (T,) goes through, in order (each step optional):

    v_t = log(y_t)                         log (y > 0 only): multiplicative -> additive
    w_t = v_t - v_{t-m}                    seasonal differencing, lag m, or instead
    w_t = v_t - s_{t mod m}                deseasonalising: a fixed seasonal profile s (m,) fitted on
                                           the training part (STL, see :func:`seasonal_profile`)
    d_t = w_t - w_{t-1}                    differencing
    z_t = (d_t - shift) / scale            scaling fitted on the training part only

so ``z`` has ``T - offset`` points, ``offset = m + (1 if differencing)`` (deseasonalising consumes
no points; its phase t mod m counts from the first value, so a series and its history start at t = 0). The network sees
windows ``z[t-W:t] -> z[t]`` and forecasts ``z`` recursively; :meth:`FittedTransform.inverse`
turns a forecast of ``z`` back into real units, given the history of ``y`` it continues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from lstm_core.cell import LSTMWeights, lstm_forward
from lstm_core.seasonality import seasonal_profile

SCALINGS: tuple[str, ...] = ("standard", "minmax", "none")


@dataclass(frozen=True)
class TransformSpec:
    """Which transforms to apply (see the module docstring)."""

    log: bool = False
    seasonal_lag: int = 0
    difference: bool = False
    scaling: str = "standard"
    deseason: int = 0  # period of the fixed seasonal profile subtracted (0: none); never with seasonal_lag

    def __post_init__(self) -> None:
        if self.scaling not in SCALINGS:
            raise ValueError(f"expected scaling among {SCALINGS}, got {self.scaling!r}")
        if self.seasonal_lag < 0:
            raise ValueError(f"expected seasonal_lag >= 0, got {self.seasonal_lag}")
        if self.deseason < 0 or self.deseason == 1:
            raise ValueError(f"expected deseason 0 or a period >= 2, got {self.deseason}")
        if self.deseason and self.seasonal_lag:
            raise ValueError(
                f"expected either seasonal differencing or deseasonalising, got seasonal_lag {self.seasonal_lag} "
                f"and deseason {self.deseason}"
            )

    @property
    def offset(self) -> int:
        """How many leading points the differencing consumes."""
        return self.seasonal_lag + int(self.difference)

    def fit(self, y_train: np.ndarray) -> "FittedTransform":
        """Fit the scaling on the training part ``y_train`` (T,) only."""
        y_train = np.asarray(y_train, dtype=np.float64)
        if self.log and np.any(y_train <= 0):
            raise ValueError(f"log needs values > 0, but the series has {float(y_train.min()):g}: turn log off")
        if len(y_train) <= self.offset + 1:
            raise ValueError(f"expected more than {self.offset + 1} training points for these transforms, got {len(y_train)}")
        profile: tuple[float, ...] = ()
        if self.deseason:
            profile = tuple(seasonal_profile(np.log(y_train) if self.log else y_train, self.deseason))
        d = _difference(self, y_train, profile)
        if self.scaling == "standard":
            shift, scale = float(d.mean()), float(d.std())
        elif self.scaling == "minmax":
            shift, scale = float(d.min()), float(d.max() - d.min())
        else:
            shift, scale = 0.0, 1.0
        return FittedTransform(self, shift, scale if scale > 0 else 1.0, profile)


def _season_at(profile: tuple[float, ...], start: int, count: int) -> np.ndarray:
    """(count,) the profile at t = start .. start + count - 1 (phase t mod m); zeros without one."""
    if not profile:
        return np.zeros(count)
    return np.asarray(profile)[(start + np.arange(count)) % len(profile)]


def _difference(spec: TransformSpec, y: np.ndarray, profile: tuple[float, ...] = ()) -> np.ndarray:
    v = np.log(y) if spec.log else np.asarray(y, dtype=np.float64)
    v = v - _season_at(profile, 0, len(v))
    m = spec.seasonal_lag
    w = v[m:] - v[:-m] if m else v
    return np.diff(w) if spec.difference else w


@dataclass(frozen=True)
class FittedTransform:
    """A :class:`TransformSpec` with its scaling (and seasonal profile, when deseasonalising) fitted:
    ``z = (d - shift) / scale``; ``profile`` (m,) is s_0 .. s_{m-1}, empty without deseasonalising."""

    spec: TransformSpec
    shift: float
    scale: float
    profile: tuple[float, ...] = ()

    def forward(self, y: np.ndarray) -> np.ndarray:
        """(T,) real values -> (T - offset,) the series as the network sees it."""
        y = np.asarray(y, dtype=np.float64)
        if self.spec.log and np.any(y <= 0):
            raise ValueError(f"log needs values > 0, got {float(y.min()):g}")
        return (_difference(self.spec, y, self.profile) - self.shift) / self.scale

    def inverse(self, z: np.ndarray, y_history: np.ndarray) -> np.ndarray:
        """Forecast ``z`` (h,) or (P, h) continuing ``y_history`` (n,) -> real values of the same shape.

        Undoes, step by step: d = z·scale + shift; w_t = d_t + w_{t-1}; v_t = w_t + v_{t-m} (or
        + s_{t mod m}); y = exp(v). ``y_history`` must hold at least ``offset`` points (the values the
        differences start from) and start at t = 0 (the forecast continues at t = len(y_history)).
        """
        z = np.asarray(z, dtype=np.float64)
        squeeze = z.ndim == 1
        z2 = np.atleast_2d(z)
        y_history = np.asarray(y_history, dtype=np.float64)
        spec = self.spec
        if len(y_history) < max(spec.offset, 1):
            raise ValueError(f"expected at least {max(spec.offset, 1)} history values to invert from, got {len(y_history)}")
        paths, horizon = z2.shape
        d = z2 * self.scale + self.shift
        v_hist = np.log(y_history) if spec.log else y_history
        v_hist = v_hist - _season_at(self.profile, 0, len(v_hist))
        m = spec.seasonal_lag
        v = np.empty((paths, len(v_hist) + horizon))
        v[:, : len(v_hist)] = v_hist
        n = len(v_hist)
        w_prev = np.full(paths, (v_hist[-1] - v_hist[-1 - m]) if m else v_hist[-1]) if spec.difference else None
        for k in range(horizon):
            w_k = d[:, k] + w_prev if spec.difference else d[:, k]
            v[:, n + k] = w_k + (v[:, n + k - m] if m else 0.0)
            w_prev = w_k
        out = v[:, n:] + _season_at(self.profile, n, horizon)
        out = np.exp(np.clip(out, -700, 700)) if spec.log else out
        return out[0] if squeeze else out

    def inverse_full(self, z: np.ndarray, y_head: np.ndarray) -> np.ndarray:
        """The whole series back: ``y_head`` (offset,) the first values, ``z`` (T - offset,) -> y (T,)."""
        y_head = np.asarray(y_head, dtype=np.float64)
        if len(y_head) != self.spec.offset:
            raise ValueError(f"expected {self.spec.offset} head values, got {len(y_head)}")
        if self.spec.offset == 0:
            d = np.asarray(z, dtype=np.float64) * self.scale + self.shift
            d = d + _season_at(self.profile, 0, len(d))
            return np.exp(d) if self.spec.log else d
        return np.concatenate([y_head, self.inverse(z, y_head)])


# --- windows ----------------------------------------------------------------------------------


def make_windows(z: np.ndarray, window: int, steps: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Supervised pairs: X (N, window, 1) float32 with X[k] = z[k:k+window] and the next value(s):
    Y (N,) = z[k+window] when ``steps`` is 1, else Y (N, steps) with Y[k, j] = z[k+window+j].

    N = len(z) - window - steps + 1; raises ValueError when that is < 1.
    """
    z = np.asarray(z, dtype=np.float32)
    if window < 1 or steps < 1:
        raise ValueError(f"expected window >= 1 and steps >= 1, got {window} and {steps}")
    n = len(z) - window - steps + 1
    if n < 1:
        raise ValueError(f"expected a series longer than the window ({window}) plus {steps - 1} steps, got {len(z)} points")
    index = np.arange(window)[None, :] + np.arange(n)[:, None]
    if steps == 1:
        return z[index][..., None], z[window:].copy()
    ahead = window + np.arange(steps)[None, :] + np.arange(n)[:, None]
    return z[index][..., None], z[ahead]


# --- a trained network as a NumPy function -----------------------------------------------------

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
