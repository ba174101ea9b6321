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


PROFILE_SEASONS = 3
"""The seasonal profile is STL's seasonal component averaged over this many last full seasons."""


def seasonal_profile(v: np.ndarray, season_length: int) -> np.ndarray:
    """(m,) the fixed seasonal profile s_0 .. s_{m-1} of ``v`` (T,) (phase t mod m, t from 0), summing to 0.

    STL (statsmodels, period m) splits v = T + S + R; the profile is S averaged phase by phase over
    the last :data:`PROFILE_SEASONS` full seasons (as R's ``forecast::stlf`` forecasts the seasonal
    component from its last season; the average steadies the end of the loess). Needs at least two
    full seasons and one point more.
    """
    m = int(season_length)
    v = np.asarray(v, dtype=np.float64)
    if m < 2 or len(v) < 2 * m + 1:
        raise ValueError(f"expected at least {2 * m + 1} points to fit a season of {m}, got {len(v)}")
    if np.ptp(v) == 0:
        return np.zeros(m)
    from statsmodels.tsa.seasonal import STL  # noqa: PLC0415  (heavy; only when a season is removed)

    seasonal = np.asarray(STL(v, period=m).fit().seasonal)
    k = min(PROFILE_SEASONS, len(v) // m)
    tail = np.arange(len(v) - k * m, len(v))
    profile = np.zeros(m)
    np.add.at(profile, tail % m, seasonal[tail] / k)
    return profile - profile.mean()


OVERDIFFERENCED_ACF = -0.4
"""Seasonal differencing over-differences when the lag-m autocorrelation of the seasonal differences is
below this. A fixed season plus noise, seasonally differenced, is e_t - e_{t-m}: an MA(1) at lag m
with coefficient -1 (not invertible), whose lag-m autocorrelation is -0.5; a season that drifts as a
random walk gives 0. -0.4 is the autocorrelation of a seasonal MA coefficient of -0.5, half way."""

TREND_R2_MIN = 0.5
"""A series trends when a straight line through time explains more than this share of its variance."""


def autocorrelation(x: np.ndarray, lag: int) -> float:
    """Sample autocorrelation of ``x`` (T,) at ``lag`` (0 when x is constant or too short)."""
    x = np.asarray(x, dtype=np.float64)
    if lag < 1 or len(x) <= lag:
        return 0.0
    centred = x - x.mean()
    denom = float(centred @ centred)
    return float(centred[lag:] @ centred[:-lag]) / denom if denom > 0 else 0.0


def trend_r2(x: np.ndarray) -> float:
    """Share of the variance of ``x`` (T,) a least-squares straight line through time explains, in [0, 1]."""
    x = np.asarray(x, dtype=np.float64)
    if len(x) < 3 or np.ptp(x) == 0:
        return 0.0
    t = np.arange(len(x), dtype=np.float64)
    return float(np.corrcoef(t, x)[0, 1] ** 2)


def choose_transform(
    y_train: np.ndarray, season_length: int | None, allow_seasonal: bool = True
) -> tuple[TransformSpec, tuple[str, ...]]:
    """The default transform for a training part, and why (reason codes for the page):

    log: positive and multiplicative (see :func:`is_multiplicative`);
    the season, when strong (at least 3 full seasons and an STL seasonal strength of the (logged)
    series above :data:`SEASONAL_STRENGTH_MIN`, FPP3's ``nsdiffs`` rule), is removed by
      - seasonal differencing (v_t - v_{t-m}) when the season drifts, or
      - deseasonalising (v_t - s_{t mod m}, :func:`seasonal_profile`) when it repeats one fixed shape:
        the seasonal differences look over-differenced (lag-m autocorrelation below
        :data:`OVERDIFFERENCED_ACF`), or when the series is too short to spare a season for
        differencing (``allow_seasonal=False``);
    differencing: without seasonal differencing, when what is left trends: lag-1 autocorrelation
    above 0.9 (it wanders) or a straight line explaining more than :data:`TREND_R2_MIN` of its
    variance (levels scaled on the training part cannot follow a trend past it);
    scaling: standard, fitted on the training part.
    Only statistics of ``y_train`` are used.
    """
    y = np.asarray(y_train, dtype=np.float64)
    reasons: list[str] = []
    log = bool(is_multiplicative(y, season_length))
    reasons.append("log" if log else ("no_log_nonpositive" if np.any(y <= 0) else "no_log"))
    v = np.log(y) if log else y
    m = season_length or 0
    strong = bool(m >= 2 and len(y) >= 3 * m and seasonal_strength(v, m) > SEASONAL_STRENGTH_MIN)
    seasonal = deseason = False
    if strong and autocorrelation(v[m:] - v[:-m], m) < OVERDIFFERENCED_ACF:
        deseason = True
        reasons.append("deseason")
    elif strong and allow_seasonal:
        seasonal = True
        reasons.append("seasonal_diff")
    elif strong:
        deseason = True
        reasons.append("deseason_short")
    else:
        reasons.append("no_season" if not m else "weak_season")
    difference = False
    if not seasonal:
        rest = v - seasonal_profile(v, m)[np.arange(len(v)) % m] if deseason else v
        difference = bool(autocorrelation(rest, 1) > 0.9 or trend_r2(rest) > TREND_R2_MIN)
        reasons.append("diff" if difference else "no_diff")
    reasons.append("scaling")
    spec = TransformSpec(log=log, seasonal_lag=m if seasonal else 0, difference=difference, scaling="standard",
                         deseason=m if deseason else 0)
    return spec, tuple(reasons)
