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

GRU (reset_after), see :mod:`lstm_core.cells.gru`; with upstream gradient g on h_t::

    g_{h_{t-1}} = g ⊙ z_t  +  [d_z, d_r, d_h ⊙ r_t] · Uᵀ        d_z = g ⊙ (h_{t-1} - h̃_t) ⊙ z_t(1 - z_t)
    g_{x_t}     = [d_z, d_r, d_h] · Wᵀ                           d_h = g ⊙ (1 - z_t) ⊙ (1 - h̃_t²)
                                                                 d_r = d_h ⊙ q_h ⊙ r_t(1 - r_t)

LSTM, with gradients g_h on h_t and g_c on C_t::

    ĝ_c = g_c + g_h ⊙ o_t ⊙ (1 - tanh²C_t)           g_{C_{t-1}} = ĝ_c ⊙ f_t   (the additive path)
    d_z = [ĝ_c ⊙ C̃_t ⊙ i_t(1-i_t), ĝ_c ⊙ C_{t-1} ⊙ f_t(1-f_t), ĝ_c ⊙ i_t ⊙ (1-C̃_t²), g_h ⊙ tanh C_t ⊙ o_t(1-o_t)]
    g_{h_{t-1}} = d_z · Uᵀ,   g_{x_t} = d_z · Wᵀ

Norms are returned as log10 values: over hundreds of steps they easily leave
float64's range (1e-300 .. 1e300), so the running Jacobian is rescaled every step
and its scale kept as a logarithm. The arithmetic is in the trace's dtype (float32
traces give float32 gradients, twice as fast; float64 traces give float64).

The per-step products are small (H x 4H by 4H x H): BLAS threads cost more than
they bring there (and far more on a busy machine), so the loops run with one BLAS thread.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from threadpoolctl import ThreadpoolController

from lstm_core.cells import (
    GRU_GATES,
    GRUTrace,
    GRUWeights,
    LSTMWeights,
    RNNTrace,
    RNNWeights,
    Trace,
    gate_slice,
    gru_forward,
    lstm_forward,
    rnn_forward,
)
from lstm_core.weights import random_weights
from lstm_core.weights.init import random_layer

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


_BLAS = ThreadpoolController()
"""NumPy's BLAS, found once, when this module is imported, never later.

Finding it walks the loaded libraries with ``dl_iterate_phdr``, which holds the dynamic loader's
lock while it calls back into Python. A thread that meanwhile imports a C extension holds the GIL
and waits in ``dlopen`` for that lock, while the walk waits for the GIL: a deadlock, and with the
GIL held the whole server stops (seen: the RNN page's first gradient run against the server's
warm-up thread importing SciPy). ``scripts/serve.py`` imports this module before it starts a thread."""


_LIMIT_LOCK = threading.Lock()
_LIMIT = {"depth": 0, "limiter": None}  # guarded by _LIMIT_LOCK


@contextmanager
def _one_blas_thread():
    """A context in which NumPy's BLAS uses a single thread (no library walk: see ``_BLAS``).

    The limit is process-wide, and sessions of a server overlap: the first context in sets it,
    the last one out restores what was there before. (Each context restoring what *it* found
    would leave BLAS at one thread for good after two overlapping runs: A in, B in, A out, B out.)
    """
    with _LIMIT_LOCK:
        if _LIMIT["depth"] == 0:
            _LIMIT["limiter"] = _BLAS.limit(limits=1, user_api="blas")
        _LIMIT["depth"] += 1
    try:
        yield
    finally:
        with _LIMIT_LOCK:
            _LIMIT["depth"] -= 1
            if _LIMIT["depth"] == 0:
                limiter, _LIMIT["limiter"] = _LIMIT["limiter"], None
                limiter.restore_original_limits()


def _compute_dtype(trace) -> np.dtype:
    return np.dtype(np.float64) if trace.h.dtype == np.float64 else np.dtype(np.float32)


class _Record:
    """Per-step squared norms and the log10 scale the running Jacobian had when they were taken.

    The running Jacobian is kept near 1 in size (its true value is ``G · 10**scale``): when its
    norm leaves [1e-2, 1e2] it is divided by that norm, and the factor is added to ``scale``.
    The logarithms are taken once, for all steps, at the end.
    """

    LOW, HIGH = 1e-4, 1e4  # bounds on the squared norm

    def __init__(self, steps: int, keep: bool, shapes: dict[str, tuple[int, ...]]) -> None:
        self.scale = 0.0
        self.sq = {name: np.zeros(steps) for name in shapes}
        self.offset = np.zeros(steps)
        self.jac = {name: np.empty((steps, *shape)) for name, shape in shapes.items()} if keep else None

    def rescale(self, sq: float, *arrays: np.ndarray) -> float:
        """Normalise ``arrays`` (whose squared norm together is ``sq``) when out of range; the new ``sq``."""
        if (sq < self.LOW or sq > self.HIGH) and 0 < sq < np.inf:
            norm = float(np.sqrt(sq))
            for arr in arrays:
                arr /= norm
            self.scale += float(np.log10(norm))
            return 1.0
        return sq

    def state(self, t: int, G: np.ndarray) -> None:
        """Step t's ∂h_{T-1}/∂h_t (rows of ``G``): rescaled when needed, its norm and the scale kept."""
        self.sq["h"][t] = self.rescale(float(np.vdot(G, G)), G)
        self.offset[t] = self.scale
        self.keep("h", t, G)

    def input(self, t: int, dpre: np.ndarray, Wt: np.ndarray) -> None:
        """Step t's ∂h_{T-1}/∂x_t = (gradient on the input projection) · Wᵀ: its norm (and itself) kept."""
        gx = dpre @ Wt
        self.sq["x"][t] = np.vdot(gx, gx)
        self.keep("x", t, gx)

    def keep(self, name: str, t: int, arr: np.ndarray) -> None:
        if self.jac is not None:
            with np.errstate(over="ignore", under="ignore"):
                self.jac[name][t] = arr * (10.0 ** self.scale)

    def log10(self, name: str) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return 0.5 * np.log10(self.sq[name]) + self.offset

    def final_log10(self, arr: np.ndarray) -> float:
        with np.errstate(divide="ignore"):
            return float(0.5 * np.log10(float(np.vdot(arr, arr))) + self.scale)


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


def _setup(trace, weights, cell: str) -> tuple[int, int, int, np.dtype, np.ndarray, np.ndarray]:
    """Checks an unbatched trace against its weights; returns T, H, D, the compute dtype,
    Wᵀ (G·H, D) and Uᵀ (G·H, H) in that dtype, contiguous for the backward loop."""
    _unbatched(trace, cell)
    _check_units(trace, weights)
    ft = _compute_dtype(trace)
    Wt = np.ascontiguousarray(weights.kernel.astype(ft, copy=False).T)
    Ut = np.ascontiguousarray(weights.recurrent_kernel.astype(ft, copy=False).T)
    return trace.steps, trace.units, weights.input_dim, ft, Wt, Ut


def rnn_gradients(trace: RNNTrace, weights: RNNWeights, keep_jacobians: bool = False) -> GradientNorms:
    """Norms of ∂h_{T-1}/∂x_t and ∂h_{T-1}/∂h_t for a plain RNN trace (T, H); see the module docstring."""
    steps, H, D, ft, Wt, Ut = _setup(trace, weights, "RNN")  # Wt (H, D), Ut (H, H)
    slope = 1 - trace.h.astype(ft) ** 2  # tanh'(a_t) = 1 - h_t², (T, H)
    G = np.eye(H, dtype=ft)  # rows: ∂h_{T-1}/∂h_t
    dA = np.empty((H, H), ft)
    rec = _Record(steps, keep_jacobians, {"x": (H, D), "h": (H, H)})
    multiply, matmul = np.multiply, np.matmul
    with _one_blas_thread():
        for t in range(steps - 1, -1, -1):
            rec.state(t, G)
            multiply(G, slope[t], out=dA)  # rows: ∂h_{T-1}/∂a_t
            rec.input(t, dA, Wt)
            matmul(dA, Ut, out=G)
    return GradientNorms("rnn", rec.log10("x"), rec.log10("h"), rec.final_log10(G),
                         jac_x=rec.jac and rec.jac["x"], jac_h=rec.jac and rec.jac["h"])


def gru_gradients(trace: GRUTrace, weights: GRUWeights, keep_jacobians: bool = False) -> GradientNorms:
    """Norms of ∂h_{T-1}/∂x_t and ∂h_{T-1}/∂h_t for a GRU trace (T, H); see the module docstring."""
    if not weights.reset_after:
        raise ValueError("expected a GRU with reset_after=True (the equations above), got reset_after=False")
    steps, H, D, ft, Wt, Ut = _setup(trace, weights, "GRU")  # Wt (3H, D), Ut (3H, H)
    cast = lambda a: a.astype(ft, copy=False)  # noqa: E731
    z, r, hh = cast(trace.z), cast(trace.r), cast(trace.h_tilde)
    q_h = cast(trace.q)[:, 2 * H :]
    h_prev = cast(trace.h_prevs())
    # local slopes for all t at once, stacked in gate order z, r, h: (T, 3, H)
    slope_h = (1 - z) * (1 - hh**2)  # ∂h_t/∂(pre h̃)
    slopes = np.stack([(h_prev - hh) * z * (1 - z), slope_h * q_h * r * (1 - r), slope_h], axis=1)
    # the recurrent projection's gradient is the input one, but r_t-weighted on the candidate: (T, 3H)
    to_q = np.concatenate([np.ones((steps, 2 * H), ft), r], axis=1)
    G = np.eye(H, dtype=ft)
    dp = np.empty((H, 3 * H), ft)  # gradient on p_t = x_t·W + b[0]
    dp3 = dp.reshape(H, 3, H)
    dq = np.empty((H, 3 * H), ft)  # gradient on q_t = h_{t-1}·U + b[1]
    back = np.empty((H, H), ft)
    rec = _Record(steps, keep_jacobians, {"x": (H, D), "h": (H, H)})
    multiply, matmul = np.multiply, np.matmul
    with _one_blas_thread():
        for t in range(steps - 1, -1, -1):
            rec.state(t, G)
            multiply(G[:, None, :], slopes[t], out=dp3)
            multiply(dp, to_q[t], out=dq)
            rec.input(t, dp, Wt)
            matmul(dq, Ut, out=back)
            G *= z[t]  # the direct path: h_t = z_t ⊙ h_{t-1} + ...
            G += back
    return GradientNorms("gru", rec.log10("x"), rec.log10("h"), rec.final_log10(G),
                         jac_x=rec.jac and rec.jac["x"], jac_h=rec.jac and rec.jac["h"])


def lstm_gradients(trace: Trace, weights: LSTMWeights, keep_jacobians: bool = False) -> GradientNorms:
    """Norms of ∂h_{T-1}/∂x_t, ∂h_{T-1}/∂h_t and ∂h_{T-1}/∂C_t for an LSTM trace; see the module docstring."""
    steps, H, D, ft, Wt, Ut = _setup(trace, weights, "LSTM")  # Wt (4H, D), Ut (4H, H)
    cast = lambda a: a.astype(ft, copy=False)  # noqa: E731
    i, f, g, o, c = (cast(getattr(trace, n)) for n in ("i", "f", "c_tilde", "o", "c"))
    c_prev = np.concatenate([cast(trace.c0)[None], c[:-1]], axis=0)
    tc = np.tanh(c)
    out_slope = o * (1 - tc**2)  # ∂h_t/∂C_t (diagonal)
    # ∂C_t/∂(pre i), ∂C_t/∂(pre f), ∂C_t/∂(pre c̃), stacked: (T, 3, H)
    cell_slopes = np.stack([g * i * (1 - i), c_prev * f * (1 - f), i * (1 - g**2)], axis=1)
    slope_o = tc * o * (1 - o)  # ∂h_t/∂(pre o)
    Gh = np.eye(H, dtype=ft)  # rows: ∂h_{T-1}/∂h_t
    Gc = np.zeros((H, H), ft)  # rows: ∂h_{T-1}/∂C_t along the cell state (h_t held)
    gc = np.empty((H, H), ft)
    dz = np.empty((H, 4 * H), ft)
    dz4 = dz.reshape(H, 4, H)
    rec = _Record(steps, keep_jacobians, {"x": (H, D), "h": (H, H), "c": (H, H)})
    sq_h, sq_c, offset = rec.sq["h"], rec.sq["c"], rec.offset
    vdot, multiply, matmul = np.vdot, np.multiply, np.matmul
    with _one_blas_thread():
        for t in range(steps - 1, -1, -1):
            sh, sc = float(vdot(Gh, Gh)), float(vdot(Gc, Gc))
            if rec.rescale(sh + sc, Gh, Gc) != sh + sc:
                sh, sc = float(vdot(Gh, Gh)), float(vdot(Gc, Gc))
            sq_h[t], sq_c[t], offset[t] = sh, sc, rec.scale
            rec.keep("h", t, Gh)
            rec.keep("c", t, Gc)
            # the gradient on C_t from both its uses: C_{t+1} (Gc) and h_t = o_t ⊙ tanh(C_t)
            multiply(Gh, out_slope[t], out=gc)
            gc += Gc
            multiply(gc[:, None, :], cell_slopes[t], out=dz4[:, :3])
            multiply(Gh, slope_o[t], out=dz4[:, 3])
            rec.input(t, dz, Wt)
            multiply(gc, f[t], out=Gc)  # the additive path: ∂C_t/∂C_{t-1} = diag(f_t)
            matmul(dz, Ut, out=Gh)
    return GradientNorms("lstm", rec.log10("x"), rec.log10("h"), rec.final_log10(Gh), log10_dc=rec.log10("c"),
                         jac_x=rec.jac and rec.jac["x"], jac_h=rec.jac and rec.jac["h"], jac_c=rec.jac and rec.jac["c"])


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


def demo_cells(input_dim: int, units: int, scale: float, keep_bias: float = 1.0, seed: int = 0) -> dict:
    """A plain RNN, a GRU and an LSTM drawn from one recipe, for showing vanishing and exploding gradients.

    Every weight matrix is Gaussian with std ``scale / sqrt(fan_in)`` (so ``scale`` is the gain of the
    recurrent map: below 1 gradients shrink step after step, above 1 the plain RNN turns chaotic and they
    grow). Biases are 0, except on the gate that keeps the old state: the LSTM's forget gate and the
    GRU's update gate get ``keep_bias`` (Keras starts the LSTM's at 1; σ(1) ≈ 0.73, σ(4) ≈ 0.98).

    Returns ``{"rnn": RNNWeights, "gru": GRUWeights, "lstm": LSTMWeights}`` in float32.
    """
    if not scale > 0:
        raise ValueError(f"expected a weight scale > 0, got {scale}")
    rnn = random_layer("rnn", input_dim, units, seed=seed, scale=scale, bias_scale=0.0)
    gru = random_layer("gru", input_dim, units, seed=seed, scale=scale, bias_scale=0.0)
    gru_bias = gru.bias.copy()
    gru_bias[0, gate_slice("z", units, GRU_GATES)] = keep_bias
    lstm = random_weights(input_dim, units, seed=seed, scale=scale, bias_scale=0.0)
    lstm_bias = lstm.bias.copy()
    lstm_bias[gate_slice("f", units)] = keep_bias
    return {
        "rnn": rnn,
        "gru": GRUWeights(gru.kernel, gru.recurrent_kernel, gru_bias),
        "lstm": LSTMWeights(lstm.kernel, lstm.recurrent_kernel, lstm_bias),
    }


def gradients_for_cells(x: np.ndarray, cells: dict) -> tuple[dict[str, GradientNorms], dict]:
    """Run every cell of ``cells`` ({"rnn": RNNWeights, "gru": GRUWeights, "lstm": LSTMWeights}, any subset)
    on x (T, D) in float32 and take its gradients through time.

    Returns ``({cell: GradientNorms}, {cell: trace})``.
    """
    forward = {"rnn": rnn_forward, "gru": gru_forward, "lstm": lstm_forward}
    traces = {cell: forward[cell](x, w) for cell, w in cells.items()}
    return {cell: gradient_norms(traces[cell], cells[cell]) for cell in cells}, traces
