"""Transforms with inverses, windows, recursive multi-step forecasts and intervals (NumPy only).

A series ``y`` (T,) goes through, in order (each step optional):

    v_t = log(y_t)                         log (y > 0 only): multiplicative -> additive
    w_t = v_t - v_{t-m}                    seasonal differencing, lag m
    d_t = w_t - w_{t-1}                    differencing
    z_t = (d_t - shift) / scale            scaling fitted on the training part only

so ``z`` has ``T - offset`` points, ``offset = m + (1 if differencing)``. The network sees
windows ``z[t-W:t] -> z[t]`` and forecasts ``z`` recursively; :meth:`FittedTransform.inverse`
turns a forecast of ``z`` back into real units, given the history of ``y`` it continues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from lstm_core.cell import LSTMWeights, lstm_forward

SCALINGS: tuple[str, ...] = ("standard", "minmax", "none")


@dataclass(frozen=True)
class TransformSpec:
    """Which transforms to apply (see the module docstring)."""

    log: bool = False
    seasonal_lag: int = 0
    difference: bool = False
    scaling: str = "standard"

    def __post_init__(self) -> None:
        if self.scaling not in SCALINGS:
            raise ValueError(f"expected scaling among {SCALINGS}, got {self.scaling!r}")
        if self.seasonal_lag < 0:
            raise ValueError(f"expected seasonal_lag >= 0, got {self.seasonal_lag}")

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
        d = _difference(self, y_train)
        if self.scaling == "standard":
            shift, scale = float(d.mean()), float(d.std())
        elif self.scaling == "minmax":
            shift, scale = float(d.min()), float(d.max() - d.min())
        else:
            shift, scale = 0.0, 1.0
        return FittedTransform(self, shift, scale if scale > 0 else 1.0)


def _difference(spec: TransformSpec, y: np.ndarray) -> np.ndarray:
    v = np.log(y) if spec.log else np.asarray(y, dtype=np.float64)
    m = spec.seasonal_lag
    w = v[m:] - v[:-m] if m else v
    return np.diff(w) if spec.difference else w


@dataclass(frozen=True)
class FittedTransform:
    """A :class:`TransformSpec` with its scaling fitted: ``z = (d - shift) / scale``."""

    spec: TransformSpec
    shift: float
    scale: float

    def forward(self, y: np.ndarray) -> np.ndarray:
        """(T,) real values -> (T - offset,) the series as the network sees it."""
        y = np.asarray(y, dtype=np.float64)
        if self.spec.log and np.any(y <= 0):
            raise ValueError(f"log needs values > 0, got {float(y.min()):g}")
        return (_difference(self.spec, y) - self.shift) / self.scale

    def inverse(self, z: np.ndarray, y_history: np.ndarray) -> np.ndarray:
        """Forecast ``z`` (h,) or (P, h) continuing ``y_history`` (n,) -> real values of the same shape.

        Undoes, step by step: d = z·scale + shift; w_t = d_t + w_{t-1}; v_t = w_t + v_{t-m}; y = exp(v).
        ``y_history`` must hold at least ``offset`` points (the values the differences start from).
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
        m = spec.seasonal_lag
        v = np.empty((paths, len(v_hist) + horizon))
        v[:, : len(v_hist)] = v_hist
        n = len(v_hist)
        w_prev = np.full(paths, (v_hist[-1] - v_hist[-1 - m]) if m else v_hist[-1]) if spec.difference else None
        for k in range(horizon):
            w_k = d[:, k] + w_prev if spec.difference else d[:, k]
            v[:, n + k] = w_k + (v[:, n + k - m] if m else 0.0)
            w_prev = w_k
        out = v[:, n:]
        out = np.exp(np.clip(out, -700, 700)) if spec.log else out
        return out[0] if squeeze else out

    def inverse_full(self, z: np.ndarray, y_head: np.ndarray) -> np.ndarray:
        """The whole series back: ``y_head`` (offset,) the first values, ``z`` (T - offset,) -> y (T,)."""
        y_head = np.asarray(y_head, dtype=np.float64)
        if len(y_head) != self.spec.offset:
            raise ValueError(f"expected {self.spec.offset} head values, got {len(y_head)}")
        if self.spec.offset == 0:
            d = np.asarray(z, dtype=np.float64) * self.scale + self.shift
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


# --- the default choice -----------------------------------------------------------------------


def is_multiplicative(y: np.ndarray, season_length: int | None) -> bool:
    """Positive and its seasonal swings grow with its level: the spread within each season
    correlates (> 0.5) with the season's mean over at least 3 full seasons; without a season,
    positive with a max/min ratio of at least 10 (exponential-looking growth)."""
    y = np.asarray(y, dtype=np.float64)
    if np.any(y <= 0):
        return False
    m = season_length or 0
    if m >= 2 and len(y) >= 3 * m:
        cycles = y[: len(y) // m * m].reshape(-1, m)
        means, spreads = cycles.mean(axis=1), cycles.std(axis=1)
        if np.ptp(means) == 0 or np.ptp(spreads) == 0:
            return False
        return float(np.corrcoef(means, spreads)[0, 1]) > 0.5 and means.max() / means.min() > 1.3
    return float(y.max() / y.min()) >= 10


SEASONAL_STRENGTH_MIN = 0.64
"""Seasonal differencing when the STL seasonal strength exceeds this (Hyndman & Athanasopoulos,
FPP3, the threshold of ``nsdiffs``)."""


def seasonal_strength(v: np.ndarray, season_length: int | None) -> float:
    """F_s = max(0, 1 - Var(R) / Var(S + R)) in [0, 1], from an STL decomposition v = T + S + R
    (statsmodels' STL at period m): near 1 when the season explains most of what the trend leaves,
    0 without one. 0 without a usable season (m < 2 or fewer than two full seasons)."""
    m = season_length or 0
    v = np.asarray(v, dtype=np.float64)
    if m < 2 or len(v) < 2 * m + 1 or np.ptp(v) == 0:
        return 0.0
    from statsmodels.tsa.seasonal import STL  # noqa: PLC0415  (heavy; only when a season is tested)

    fit = STL(v, period=m).fit()
    remainder = np.asarray(fit.resid)
    spread = float(np.var(np.asarray(fit.seasonal) + remainder))
    return max(0.0, 1.0 - float(np.var(remainder)) / spread) if spread > 0 else 0.0


def choose_transform(
    y_train: np.ndarray, season_length: int | None, allow_seasonal: bool = True
) -> tuple[TransformSpec, tuple[str, ...]]:
    """The default transform for a training part, and why (reason codes for the page):

    log: positive and multiplicative (see :func:`is_multiplicative`);
    seasonal differencing (nsdiffs): at least 3 full seasons and an STL seasonal strength of the
    (logged) series above :data:`SEASONAL_STRENGTH_MIN` (see :func:`seasonal_strength`);
    ``allow_seasonal=False`` (too short to spare a season) turns it off;
    differencing: without seasonal differencing, when the (logged) series trends (lag-1
    autocorrelation > 0.9);
    scaling: standard, fitted on the training part.
    """
    y = np.asarray(y_train, dtype=np.float64)
    reasons: list[str] = []
    log = bool(is_multiplicative(y, season_length))
    reasons.append("log" if log else ("no_log_nonpositive" if np.any(y <= 0) else "no_log"))
    v = np.log(y) if log else y
    m = season_length or 0
    seasonal = bool(allow_seasonal and m >= 2 and len(y) >= 3 * m and seasonal_strength(v, m) > SEASONAL_STRENGTH_MIN)
    reasons.append("seasonal_diff" if seasonal else ("no_season" if not m else "weak_season"))
    difference = False
    if not seasonal:
        centred = v - v.mean()
        denom = float(centred @ centred)
        lag1 = float(centred[1:] @ centred[:-1]) / denom if denom > 0 else 0.0
        difference = bool(lag1 > 0.9)
        reasons.append("diff" if difference else "no_diff")
    reasons.append("scaling")
    return TransformSpec(log=log, seasonal_lag=m if seasonal else 0, difference=difference, scaling="standard"), tuple(reasons)
