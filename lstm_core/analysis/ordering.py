"""Which units of a trace to show first, and a trace cut down to some units.

Pure NumPy; arrays are time-first: a quantity is ``(T, H)``, an input ``(T, D)``.
"""

from __future__ import annotations

import numpy as np

from lstm_core.cells import GATES, Trace

ORDERINGS: tuple[str, ...] = ("index", "variance", "correlation")
"""How units can be ordered: as stored, by variance over time, by |correlation| with the input."""


def unit_variance(values: np.ndarray) -> np.ndarray:
    """Variance over time of every unit: (T, H) -> (H,)."""
    values = _as_time_units(values)
    return values.astype(np.float64).var(axis=0)


def input_correlation(values: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Pearson correlation of every unit with the input over time: (T, H), (T,) or (T, D) -> (H,).

    For D > 1 the first feature is used. A unit or input that never changes has
    correlation 0 (not NaN): it tells nothing about the input.
    """
    values = _as_time_units(values).astype(np.float64)
    x = np.asarray(x, dtype=np.float64)
    x = x[:, 0] if x.ndim == 2 else x
    if x.shape != (values.shape[0],):
        raise ValueError(f"expected an input of {values.shape[0]} timesteps, got shape {np.shape(x)}")
    dv = values - values.mean(axis=0)
    dx = x - x.mean()
    denom = np.sqrt((dv**2).sum(axis=0) * (dx**2).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = (dx @ dv) / denom
    corr[~np.isfinite(corr) | (denom <= 1e-12 * max(1.0, float(np.abs(dv).max(initial=0.0))))] = 0.0
    return np.clip(corr, -1.0, 1.0)


def unit_order(values: np.ndarray, by: str = "index", x: np.ndarray | None = None) -> np.ndarray:
    """Unit indices, most interesting first: (T, H) -> (H,) ints.

    by: ``"index"`` (0 .. H-1), ``"variance"`` (largest variance over time first),
    ``"correlation"`` (largest |correlation with the input x| first; needs ``x``).
    Ties keep index order (stable sort).
    """
    values = _as_time_units(values)
    units = values.shape[1]
    if by == "index":
        return np.arange(units)
    if by == "variance":
        score = unit_variance(values)
    elif by == "correlation":
        if x is None:
            raise ValueError("ordering by correlation needs the input x, got None")
        score = np.abs(input_correlation(values, x))
    else:
        raise ValueError(f"expected an ordering among {ORDERINGS}, got {by!r}")
    return np.argsort(-score, kind="stable")


def select_units(trace: Trace, units: list[int] | np.ndarray) -> Trace:
    """The same trace restricted to ``units`` (in that order): (T, H) arrays become (T, len(units)).

    ``z`` keeps the four gates' columns of those units, in gate order i, f, c̃, o.
    """
    index = np.asarray(units, dtype=int).ravel()
    h = trace.units
    if index.size == 0 or index.min() < 0 or index.max() >= h:
        raise ValueError(f"expected unit indices in [0, {h}), got {index.tolist()[:10]}")
    z_cols = np.concatenate([index + k * h for k in range(len(GATES))])
    return Trace(
        x=trace.x, z=trace.z[..., z_cols], i=trace.i[..., index], f=trace.f[..., index],
        c_tilde=trace.c_tilde[..., index], o=trace.o[..., index], c=trace.c[..., index], h=trace.h[..., index],
        h0=trace.h0[..., index], c0=trace.c0[..., index],
    )


def _as_time_units(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values)
    if values.ndim != 2 or values.shape[0] < 1 or values.shape[1] < 1:
        raise ValueError(f"expected values of shape (T, H), got {values.shape}")
    return values
