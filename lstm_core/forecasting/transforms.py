"""The series as the network sees it: transforms with inverses, and supervised windows (NumPy only).

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

from dataclasses import dataclass

import numpy as np

from lstm_core.forecasting.seasonality import seasonal_profile
from lstm_core.sequences.scaling import Scaler

SCALINGS: tuple[str, ...] = ("standard", "minmax", "none")
"""The scalings a forecast may use (:class:`~lstm_core.sequences.scaling.Scaler`'s, but log, which is a transform here)."""


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
        return FittedTransform(self, Scaler.fit(_difference(self, y_train, profile), self.scaling), profile)


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
    ``z = scaler(d)``; ``profile`` (m,) is s_0 .. s_{m-1}, empty without deseasonalising."""

    spec: TransformSpec
    scaler: Scaler
    profile: tuple[float, ...] = ()

    def forward(self, y: np.ndarray) -> np.ndarray:
        """(T,) real values -> (T - offset,) the series as the network sees it."""
        y = np.asarray(y, dtype=np.float64)
        if self.spec.log and np.any(y <= 0):
            raise ValueError(f"log needs values > 0, got {float(y.min()):g}")
        return self.scaler.transform(_difference(self.spec, y, self.profile))

    def inverse(self, z: np.ndarray, y_history: np.ndarray) -> np.ndarray:
        """Forecast ``z`` (h,) or (P, h) continuing ``y_history`` (n,) -> real values of the same shape.

        Undoes, step by step: d = scaler⁻¹(z); w_t = d_t + w_{t-1}; v_t = w_t + v_{t-m} (or
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
        d = self.scaler.inverse(z2)
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
            d = self.scaler.inverse(z)
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
