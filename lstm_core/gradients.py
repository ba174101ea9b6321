"""Gradients through time: how strongly the last state depends on each earlier step.

For a recorded forward pass over T steps (t = 0 .. T-1, final state h_{T-1}) this
module computes, by backpropagation through the trace, the Jacobians

    J^x_t = ∂h_{T-1} / ∂x_t    (H, D)      for every t
    J^h_t = ∂h_{T-1} / ∂h_t    (H, H)      for every t   (J^h_{T-1} = I)
    J^c_t = ∂h_{T-1} / ∂C_t    (H, H)      LSTM only, h_t held: the path along the cell state

and their Frobenius norms, against the distance ``T-1-t``. All H rows of the
Jacobian are carried at once (backprop seeded with the identity), so one
backward pass over the trace gives every norm. The chain rule per step is

    J^h_{t-1} = J^h_t · ∂h_t/∂h_{t-1}        (and through C_{t-1} for the LSTM)

Plain RNN, a_t = x_t·W + h_{t-1}·U + b, h_t = tanh(a_t)::

    ∂h_t/∂h_{t-1} = diag(1 - h_t²) · Uᵀ      so  ‖J^h‖ shrinks or grows like ‖U‖·|tanh'| per step

GRU (reset_after), see :mod:`lstm_core.recurrent`; with upstream gradient g on h_t::

    g_{h_{t-1}} = g ⊙ z_t  +  [d_z, d_r, d_h ⊙ r_t] · Uᵀ        d_z = g ⊙ (h_{t-1} - h̃_t) ⊙ z_t(1 - z_t)
    g_{x_t}     = [d_z, d_r, d_h] · Wᵀ                           d_h = g ⊙ (1 - z_t) ⊙ (1 - h̃_t²)
                                                                 d_r = d_h ⊙ q_h ⊙ r_t(1 - r_t)

LSTM, with gradients g_h on h_t and g_c on C_t::

    ĝ_c = g_c + g_h ⊙ o_t ⊙ (1 - tanh²C_t)           g_{C_{t-1}} = ĝ_c ⊙ f_t   (the additive path)
    d_z = [ĝ_c ⊙ C̃_t ⊙ i_t(1-i_t), ĝ_c ⊙ C_{t-1} ⊙ f_t(1-f_t), ĝ_c ⊙ i_t ⊙ (1-C̃_t²), g_h ⊙ tanh C_t ⊙ o_t(1-o_t)]
    g_{h_{t-1}} = d_z · Uᵀ,   g_{x_t} = d_z · Wᵀ

Norms are returned as log10 values: over hundreds of steps they easily leave
float64's range (1e-300 .. 1e300), so the running Jacobian is rescaled every step
and its scale kept as a logarithm. The arithmetic is float64 whatever the trace's dtype.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.cell import LSTMWeights
from lstm_core.recurrent import GRUTrace, GRUWeights, RNNTrace, RNNWeights
from lstm_core.trace import Trace

CELLS: tuple[str, ...] = ("rnn", "gru", "lstm")


@dataclass(frozen=True)
class GradientNorms:
    """Frobenius norms of the Jacobians of the final hidden state, as log10 values.

    log10_dx:  (T,)  log10 ‖∂h_{T-1}/∂x_t‖     for t = 0 .. T-1
    log10_dh:  (T,)  log10 ‖∂h_{T-1}/∂h_t‖     (the last is log10 √H: the identity)
    log10_dh0: float log10 ‖∂h_{T-1}/∂h0‖       (h0 is the state before step 0, distance T)
    log10_dc:  (T,)  log10 ‖∂h_{T-1}/∂C_t‖ with h_t held (the path along the cell state;
                     -inf at t = T-1), LSTM only, else None
    jac_x, jac_h: (T, H, D), (T, H, H) the Jacobians themselves when asked for (``keep_jacobians``)

    A norm of exactly 0 is log10 = -inf.
    """

    cell: str
    log10_dx: np.ndarray
    log10_dh: np.ndarray
    log10_dh0: float
    log10_dc: np.ndarray | None = None
    jac_x: np.ndarray | None = None
    jac_h: np.ndarray | None = None
    jac_c: np.ndarray | None = None

    @property
    def steps(self) -> int:
        """T."""
        return len(self.log10_dx)

    @property
    def distance(self) -> np.ndarray:
        """(T,) ints ``T-1-t``: how many steps back step t lies from the final state."""
        return np.arange(self.steps - 1, -1, -1)

    @property
    def dx(self) -> np.ndarray:
        """(T,) ‖∂h_{T-1}/∂x_t‖ as plain numbers (0 or inf outside float64's range)."""
        with np.errstate(over="ignore", under="ignore"):
            return np.power(10.0, self.log10_dx)

    @property
    def dh(self) -> np.ndarray:
        """(T,) ‖∂h_{T-1}/∂h_t‖ as plain numbers (0 or inf outside float64's range)."""
        with np.errstate(over="ignore", under="ignore"):
            return np.power(10.0, self.log10_dh)


def _log10_norm(a: np.ndarray) -> float:
    with np.errstate(divide="ignore"):
        return float(np.log10(np.sqrt(np.vdot(a, a).real)))


class _Scaled:
    """The running Jacobian, kept near 1 in size; its true value is ``G · 10**log_scale``."""

    def __init__(self) -> None:
        self.log_scale = 0.0

    def rescale(self, *arrays: np.ndarray) -> None:
        """Divide ``arrays`` by their largest entry when it leaves [1/4, 4]; remember the factor."""
        peak = max(float(np.max(np.abs(a))) for a in arrays)
        if peak > 0 and np.isfinite(peak) and not 0.25 <= peak <= 4.0:
            for a in arrays:
                a /= peak
            self.log_scale += float(np.log10(peak))

    def log10(self, a: np.ndarray) -> float:
        return _log10_norm(a) + self.log_scale

    def value(self, a: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore", under="ignore"):
            return a * (10.0 ** self.log_scale)


def _unbatched(trace, kind: str) -> None:
    if trace.h.ndim != 2:
        raise ValueError(f"expected an unbatched {kind} trace with h of shape (T, H), got {trace.h.shape}; "
                         "pick one sequence with trace.sequence(b)")


def _check_units(trace, weights) -> None:
    if trace.units != weights.units or trace.x.shape[-1] != weights.input_dim:
        raise ValueError(
            f"expected a trace of {weights.units} units and {weights.input_dim} inputs (the weights'), "
            f"got {trace.units} units and {trace.x.shape[-1]} inputs"
        )


def rnn_gradients(trace: RNNTrace, weights: RNNWeights, keep_jacobians: bool = False) -> GradientNorms:
    """Norms of ∂h_{T-1}/∂x_t and ∂h_{T-1}/∂h_t for a plain RNN trace (T, H); see the module docstring."""
    _unbatched(trace, "RNN")
    _check_units(trace, weights)
    steps, units = trace.steps, trace.units
    Wt = np.ascontiguousarray(weights.kernel.astype(np.float64).T)  # (H, D)
    Ut = np.ascontiguousarray(weights.recurrent_kernel.astype(np.float64).T)  # (H, H)
    slope = 1.0 - trace.h.astype(np.float64) ** 2  # tanh'(a_t) = 1 - h_t², (T, H)
    G = np.eye(units)
    scale = _Scaled()
    log_dx, log_dh = np.empty(steps), np.empty(steps)
    jac_x = np.empty((steps, units, weights.input_dim)) if keep_jacobians else None
    jac_h = np.empty((steps, units, units)) if keep_jacobians else None
    dA = np.empty((units, units))
    for t in range(steps - 1, -1, -1):
        log_dh[t] = scale.log10(G)
        if keep_jacobians:
            jac_h[t] = scale.value(G)
        np.multiply(G, slope[t], out=dA)  # rows: ∂h_{T-1}/∂a_t
        gx = dA @ Wt
        log_dx[t] = scale.log10(gx)
        if keep_jacobians:
            jac_x[t] = scale.value(gx)
        np.matmul(dA, Ut, out=G)
        scale.rescale(G)
    return GradientNorms("rnn", log_dx, log_dh, scale.log10(G), jac_x=jac_x, jac_h=jac_h)


def gru_gradients(trace: GRUTrace, weights: GRUWeights, keep_jacobians: bool = False) -> GradientNorms:
    """Norms of ∂h_{T-1}/∂x_t and ∂h_{T-1}/∂h_t for a GRU trace (T, H); see the module docstring."""
    _unbatched(trace, "GRU")
    _check_units(trace, weights)
    steps, units = trace.steps, trace.units
    H = units
    f64 = lambda a: a.astype(np.float64, copy=False)  # noqa: E731
    Wt = np.ascontiguousarray(f64(weights.kernel).T)  # (3H, D)
    Ut = np.ascontiguousarray(f64(weights.recurrent_kernel).T)  # (3H, H)
    z, r, hh = f64(trace.z), f64(trace.r), f64(trace.h_tilde)
    q_h = f64(trace.q)[:, 2 * H :]
    h_prev = f64(trace.h_prevs())
    # per-step local slopes, for all t at once (vectorised outside the loop)
    slope_z = (h_prev - hh) * z * (1.0 - z)  # ∂h_t/∂(pre z)
    slope_h = (1.0 - z) * (1.0 - hh**2)  # ∂h_t/∂(pre h̃)
    slope_r = slope_h * q_h * r * (1.0 - r)  # ∂h_t/∂(pre r)
    G = np.eye(units)
    scale = _Scaled()
    log_dx, log_dh = np.empty(steps), np.empty(steps)
    jac_x = np.empty((steps, units, weights.input_dim)) if keep_jacobians else None
    jac_h = np.empty((steps, units, units)) if keep_jacobians else None
    dp = np.empty((units, 3 * H))  # gradient on p_t = x_t·W + b[0]
    dq = np.empty((units, 3 * H))  # gradient on q_t = h_{t-1}·U + b[1]
    for t in range(steps - 1, -1, -1):
        log_dh[t] = scale.log10(G)
        if keep_jacobians:
            jac_h[t] = scale.value(G)
        np.multiply(G, slope_z[t], out=dp[:, :H])
        np.multiply(G, slope_r[t], out=dp[:, H : 2 * H])
        np.multiply(G, slope_h[t], out=dp[:, 2 * H :])
        dq[:, : 2 * H] = dp[:, : 2 * H]
        np.multiply(dp[:, 2 * H :], r[t], out=dq[:, 2 * H :])
        gx = dp @ Wt
        log_dx[t] = scale.log10(gx)
        if keep_jacobians:
            jac_x[t] = scale.value(gx)
        G = G * z[t] + dq @ Ut
        scale.rescale(G)
    return GradientNorms("gru", log_dx, log_dh, scale.log10(G), jac_x=jac_x, jac_h=jac_h)


def lstm_gradients(trace: Trace, weights: LSTMWeights, keep_jacobians: bool = False) -> GradientNorms:
    """Norms of ∂h_{T-1}/∂x_t, ∂h_{T-1}/∂h_t and ∂h_{T-1}/∂C_t for an LSTM trace; see the module docstring."""
    _unbatched(trace, "LSTM")
    _check_units(trace, weights)
    steps, units = trace.steps, trace.units
    H = units
    f64 = lambda a: a.astype(np.float64, copy=False)  # noqa: E731
    Wt = np.ascontiguousarray(f64(weights.kernel).T)  # (4H, D)
    Ut = np.ascontiguousarray(f64(weights.recurrent_kernel).T)  # (4H, H)
    i, f, g, o, c = (f64(getattr(trace, n)) for n in ("i", "f", "c_tilde", "o", "c"))
    c_prev = np.concatenate([f64(trace.c0)[None], c[:-1]], axis=0)
    tc = np.tanh(c)
    out_slope = o * (1.0 - tc**2)  # ∂h_t/∂C_t (diagonal)
    slope_i = g * i * (1.0 - i)  # ∂C_t/∂(pre i)
    slope_f = c_prev * f * (1.0 - f)  # ∂C_t/∂(pre f)
    slope_g = i * (1.0 - g**2)  # ∂C_t/∂(pre c̃)
    slope_o = tc * o * (1.0 - o)  # ∂h_t/∂(pre o)
    Gh = np.eye(units)
    Gc = np.zeros((units, units))
    scale = _Scaled()
    log_dx, log_dh, log_dc = np.empty(steps), np.empty(steps), np.empty(steps)
    jac_x = np.empty((steps, units, weights.input_dim)) if keep_jacobians else None
    jac_h = np.empty((steps, units, units)) if keep_jacobians else None
    jac_c = np.empty((steps, units, units)) if keep_jacobians else None
    dz = np.empty((units, 4 * H))
    gc = np.empty((units, units))
    for t in range(steps - 1, -1, -1):
        log_dh[t] = scale.log10(Gh)
        log_dc[t] = scale.log10(Gc)  # ∂h_{T-1}/∂C_t with h_t held: the path through C_{t+1} only
        if keep_jacobians:
            jac_h[t] = scale.value(Gh)
            jac_c[t] = scale.value(Gc)
        # the gradient on C_t from both its uses: C_{t+1} (Gc) and h_t = o_t ⊙ tanh(C_t)
        np.multiply(Gh, out_slope[t], out=gc)
        gc += Gc
        np.multiply(gc, slope_i[t], out=dz[:, :H])
        np.multiply(gc, slope_f[t], out=dz[:, H : 2 * H])
        np.multiply(gc, slope_g[t], out=dz[:, 2 * H : 3 * H])
        np.multiply(Gh, slope_o[t], out=dz[:, 3 * H :])
        gx = dz @ Wt
        log_dx[t] = scale.log10(gx)
        if keep_jacobians:
            jac_x[t] = scale.value(gx)
        np.multiply(gc, f[t], out=Gc)  # the additive path: ∂C_t/∂C_{t-1} = diag(f_t)
        np.matmul(dz, Ut, out=Gh)
        scale.rescale(Gh, Gc)
    return GradientNorms("lstm", log_dx, log_dh, scale.log10(Gh), log10_dc=log_dc,
                         jac_x=jac_x, jac_h=jac_h, jac_c=jac_c)


def gradient_norms(trace, weights, keep_jacobians: bool = False) -> GradientNorms:
    """Dispatch on the cell: (RNNTrace, RNNWeights), (GRUTrace, GRUWeights) or (Trace, LSTMWeights)."""
    if isinstance(trace, RNNTrace) and isinstance(weights, RNNWeights):
        return rnn_gradients(trace, weights, keep_jacobians)
    if isinstance(trace, GRUTrace) and isinstance(weights, GRUWeights):
        return gru_gradients(trace, weights, keep_jacobians)
    if isinstance(trace, Trace) and isinstance(weights, LSTMWeights):
        return lstm_gradients(trace, weights, keep_jacobians)
    raise ValueError(
        "expected a matching trace and weights (RNNTrace + RNNWeights, GRUTrace + GRUWeights or Trace + LSTMWeights), "
        f"got {type(trace).__name__} + {type(weights).__name__}"
    )
