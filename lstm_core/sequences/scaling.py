"""Scaling a series before a network sees it: none, min-max, standard, log. The one scaler of the
core: the step-through page's input and the forecast's transformed series both use it.

An LSTM's gates saturate for large inputs (σ(50) is 1 to float precision), so a
series like Fibonacci, which grows exponentially, must be scaled first or every
gate is pinned at 0 or 1 after a few steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SCALINGS: tuple[str, ...] = ("none", "minmax", "standard", "log")


@dataclass(frozen=True)
class Scaler:
    """A fitted scaling: ``y' = (g(y) - shift) / scale``, g = log1p for ``log`` else identity.

    ``minmax`` maps the fitted range to [0, 1]; ``standard`` to mean 0, std 1;
    ``log`` takes log(1 + y) (y >= 0 only), then min-max.
    """

    method: str
    shift: float
    scale: float

    @classmethod
    def fit(cls, y: np.ndarray, method: str) -> "Scaler":
        if method not in SCALINGS:
            raise ValueError(f"expected a scaling among {SCALINGS}, got {method!r}")
        y = np.asarray(y, dtype=np.float64)
        if y.size == 0:
            raise ValueError("expected a non-empty series to scale, got an empty one")
        if method == "none":
            return cls(method, 0.0, 1.0)
        if method == "log":
            if np.any(y < 0):
                raise ValueError(f"log scaling needs values >= 0, but the series has {float(y.min()):g}: choose min-max or standard")
            y = np.log1p(y)
        if method == "standard":
            std = float(y.std())
            return cls(method, float(y.mean()), std if std > 0 else 1.0)
        span = float(y.max() - y.min())
        return cls(method, float(y.min()), span if span > 0 else 1.0)

    def transform(self, y: np.ndarray) -> np.ndarray:
        y = np.asarray(y, dtype=np.float64)
        if self.method == "log":
            y = np.log1p(y)
        return (y - self.shift) / self.scale

    def inverse(self, y: np.ndarray) -> np.ndarray:
        out = np.asarray(y, dtype=np.float64) * self.scale + self.shift
        return np.expm1(out) if self.method == "log" else out


def scale_series(y: np.ndarray, method: str) -> np.ndarray:
    """Fit :class:`Scaler` on ``y`` and return the scaled series."""
    return Scaler.fit(y, method).transform(y)
