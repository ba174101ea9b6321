"""Reading a trace: which units matter, which window of time to show, what one step computed.

Pure NumPy (no Streamlit, no Plotly). Arrays are time-first: a quantity is ``(T, H)``,
an input ``(T, D)``.

For unit ``u`` at step ``t``, gate ``g`` in (i, f, c, o) computes::

    z_g = W_g[:, u] · x_t + U_g[:, u] · h_{t-1} + b_g[u]

and :func:`step_breakdown` returns those three terms, their sum and the activation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.cell import GATES, LSTMWeights, lstm_forward, sigmoid
from lstm_core.trace import Trace

ORDERINGS: tuple[str, ...] = ("index", "variance", "correlation")
"""How units can be ordered: as stored, by variance over time, by |correlation| with the input."""


# --- unit ordering ---------------------------------------------------------------------


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


# --- windows of time -------------------------------------------------------------------


def time_window(steps: int, t: int, width: int) -> tuple[int, int]:
    """``(start, stop)`` of at most ``width`` timesteps containing ``t``, kept inside [0, steps).

    The window moves in pages of half its width, so stepping inside it does not change
    it (figures of the window can be reused) and ``t`` never sits at an edge for long.
    """
    if steps < 1:
        raise ValueError(f"expected steps >= 1, got {steps}")
    if width < 1:
        raise ValueError(f"expected width >= 1, got {width}")
    if not 0 <= t < steps:
        raise ValueError(f"expected 0 <= t < {steps}, got {t}")
    if steps <= width:
        return 0, steps
    half = max(1, width // 2)
    start = (t // half) * half - (half if width > 1 else 0) // 2
    start = min(max(0, start), steps - width)
    return start, start + width


def envelope(y: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Down-sample a (T,) series for an overview: ``(t, low, high)`` of at most ``max_points`` buckets.

    Each bucket keeps the min and max of its samples, so spikes survive; when
    ``T <= max_points`` the series comes back as is (low == high).
    """
    y = np.asarray(y, dtype=np.float64).ravel()
    steps = y.size
    if steps == 0:
        raise ValueError("expected a non-empty series, got an empty one")
    if max_points < 1:
        raise ValueError(f"expected max_points >= 1, got {max_points}")
    if steps <= max_points:
        t = np.arange(steps)
        return t, y, y
    edges = np.linspace(0, steps, max_points + 1).astype(int)
    low = np.minimum.reduceat(y, edges[:-1])
    high = np.maximum.reduceat(y, edges[:-1])
    return edges[:-1], low, high


# --- a subset of units --------------------------------------------------------------------


def select_units(trace: Trace, units: list[int] | np.ndarray) -> Trace:
    """The same trace restricted to ``units`` (in that order): (T, H) arrays become (T, len(units)).

    ``z`` keeps the four gates' columns of those units, in gate order i, f, c, o.
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


def as_features(x: np.ndarray, input_dim: int) -> np.ndarray:
    """A series as the (T, input_dim) input a layer takes: (T,) or (T, D) in, extra features
    dropped, missing ones filled with 0 (a one-feature series feeds the first input)."""
    x = np.asarray(x, dtype=np.float64)
    x = x[:, None] if x.ndim == 1 else x
    if x.ndim != 2:
        raise ValueError(f"expected x of shape (T,) or (T, D), got {x.shape}")
    if x.shape[1] == input_dim:
        return x
    out = np.zeros((x.shape[0], input_dim))
    keep = min(input_dim, x.shape[1])
    out[:, :keep] = x[:, :keep]
    return out


# --- stacked layers --------------------------------------------------------------------


def forward_layers(x: np.ndarray, layers: list[LSTMWeights]) -> list[Trace]:
    """Run stacked layers one after the other: layer k's input is layer k-1's h.

    x: (T, D) with D = layers[0].input_dim. Returns one :class:`Trace` per layer.
    """
    if not layers:
        raise ValueError("expected at least one layer, got none")
    traces = []
    inputs = np.asarray(x)
    for k, weights in enumerate(layers):
        if inputs.ndim != 2 or inputs.shape[1] != weights.input_dim:
            raise ValueError(
                f"expected layer {k} to get inputs of shape (T, {weights.input_dim}), got {inputs.shape}"
            )
        trace = lstm_forward(inputs, weights)
        traces.append(trace)
        inputs = trace.h
    return traces


# --- one step, one unit, with the numbers --------------------------------------------


@dataclass(frozen=True)
class GateTerms:
    """One gate of one unit at one step: z = wx + uh + b, value = σ(z) (tanh(z) for c̃)."""

    wx: float
    uh: float
    b: float
    z: float
    value: float


@dataclass(frozen=True)
class StepBreakdown:
    """Every number of the six equations for unit ``unit`` at step ``t``."""

    t: int
    unit: int
    x_t: np.ndarray
    h_prev: float
    c_prev: float
    gates: dict[str, GateTerms]  # keys "i", "f", "c", "o"
    c: float
    tanh_c: float
    h: float

    @property
    def forget_term(self) -> float:
        """f_t · C_{t-1}: what is kept of the old cell state."""
        return self.gates["f"].value * self.c_prev

    @property
    def write_term(self) -> float:
        """i_t · C̃_t: what is written into the cell state."""
        return self.gates["i"].value * self.gates["c"].value


def step_breakdown(trace: Trace, weights: LSTMWeights, t: int, unit: int) -> StepBreakdown:
    """The terms of every equation for one unit at one step of an unbatched trace.

    W_g·x_t and U_g·h_{t-1} are dot products over all inputs and all units; their sum
    with b_g equals the recorded pre-activation ``trace.z`` (to float precision).
    """
    if trace.batched:
        raise ValueError("expected an unbatched trace; pick one sequence with trace.sequence(b)")
    if not 0 <= t < trace.steps:
        raise ValueError(f"expected 0 <= t < {trace.steps}, got {t}")
    if not 0 <= unit < trace.units:
        raise ValueError(f"expected 0 <= unit < {trace.units}, got {unit}")
    if weights.units != trace.units:
        raise ValueError(f"expected weights with {trace.units} units, got {weights.units}")
    x_t = np.asarray(trace.x[t], dtype=np.float64)
    h_prev = np.asarray(trace.h_prev(t), dtype=np.float64)
    gates = {}
    for g in GATES:
        W, U, b = weights.gate(g)
        wx = float(x_t @ np.asarray(W[:, unit], dtype=np.float64))
        uh = float(h_prev @ np.asarray(U[:, unit], dtype=np.float64))
        bias = float(b[unit])
        z = wx + uh + bias
        value = float(np.tanh(z)) if g == "c" else float(sigmoid(np.array([z]))[0])
        gates[g] = GateTerms(wx, uh, bias, z, value)
    c_prev = float(trace.c_prev(t)[unit])
    c = float(trace.c[t, unit])
    return StepBreakdown(
        t=t, unit=unit, x_t=x_t, h_prev=float(h_prev[unit]), c_prev=c_prev, gates=gates,
        c=c, tanh_c=float(np.tanh(c)), h=float(trace.h[t, unit]),
    )


def _as_time_units(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values)
    if values.ndim != 2 or values.shape[0] < 1 or values.shape[1] < 1:
        raise ValueError(f"expected values of shape (T, H), got {values.shape}")
    return values
