"""The LSTM cell in NumPy, with Keras 3's weight layout.

Notation (row vectors, one timestep, ``H`` units, ``D`` input features)::

    z_t     = x_t · W + h_{t-1} · U + b                       (1, 4H)
    i_t     = σ(z_t[0:H])           input gate                (1, H)
    f_t     = σ(z_t[H:2H])          forget gate               (1, H)
    c̃_t     = tanh(z_t[2H:3H])      candidate                 (1, H)
    o_t     = σ(z_t[3H:4H])         output gate               (1, H)
    c_t     = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t   cell state          (1, H)
    h_t     = o_t ⊙ tanh(c_t)              hidden state        (1, H)

``W`` is Keras' ``kernel`` (D, 4H), ``U`` its ``recurrent_kernel`` (H, 4H) and
``b`` its ``bias`` (4H,), columns in the gate order :data:`GATES` = i, f, c, o.

:func:`lstm_step` is the truth for one step. :func:`lstm_forward` runs the
same recurrence over a sequence, doing the input projection ``x · W + b`` for
all timesteps at once and writing every quantity into preallocated arrays, so
recording the whole trace costs about as much as keeping only ``h``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from scipy.special import expit

from lstm_core.layer_weights import LayerWeights
from lstm_core.trace import Trace

GATES: tuple[str, ...] = ("i", "f", "c", "o")
"""Gate order of the fused ``4H`` columns, as Keras stores them."""

GATE_NAMES: dict[str, str] = {
    "i": "input gate",
    "f": "forget gate",
    "c": "candidate",
    "o": "output gate",
}


def gate_slice(gate: str, units: int) -> slice:
    """Columns of gate ``gate`` (one of :data:`GATES`) in a fused ``(.., 4H)`` array."""
    k = GATES.index(gate)
    return slice(k * units, (k + 1) * units)


def split_gates(fused: np.ndarray) -> dict[str, np.ndarray]:
    """Split a fused ``(..., 4H)`` array into ``{"i", "f", "c", "o"}`` views of ``(..., H)``."""
    if fused.shape[-1] % 4:
        raise ValueError(f"expected a last axis of 4*units, got {fused.shape[-1]}")
    units = fused.shape[-1] // 4
    return {g: fused[..., gate_slice(g, units)] for g in GATES}


sigmoid = expit
"""σ(z) = 1 / (1 + e^(-z)), element-wise: ``sigmoid(z)`` or ``sigmoid(z, out=buffer)``.

SciPy's ``expit`` ufunc itself (no wrapper: the cell calls it once per step): exact to float
precision and stable, σ(±1e4) is exactly 1 or 0 with no overflow warning and no NaN.
"""


@dataclass(frozen=True)
class LSTMWeights(LayerWeights):
    """Weights of one LSTM layer, in Keras 3's layout and gate order (i, f, c, o).

    kernel:           (D, 4H)  input weights W
    recurrent_kernel: (H, 4H)  recurrent weights U
    bias:             (4H,)    bias b
    """

    FUSED: ClassVar[int] = 4

    def gate(self, gate: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(W_g (D, H), U_g (H, H), b_g (H,))`` for gate ``g`` in :data:`GATES`."""
        cols = gate_slice(gate, self.units)
        return self.kernel[:, cols], self.recurrent_kernel[:, cols], self.bias[cols]


@dataclass(frozen=True)
class StepResult:
    """Everything one step computed; arrays are ``(H,)`` or ``(B, H)``."""

    z: np.ndarray
    i: np.ndarray
    f: np.ndarray
    c_tilde: np.ndarray
    o: np.ndarray
    c: np.ndarray
    h: np.ndarray


def _recurrence(
    zx_t: np.ndarray,
    h_tm1: np.ndarray,
    c_tm1: np.ndarray,
    recurrent_kernel: np.ndarray,
    z_t: np.ndarray,
    act_t: np.ndarray,
    gates_t: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    c_t: np.ndarray,
    h_t: np.ndarray,
    tmp: np.ndarray,
) -> None:
    """One step of the equations, written into the given ``out`` arrays.

    zx_t: (B, 4H) input projection x_t · W + b (already computed)
    h_tm1, c_tm1: (B, H) previous states
    z_t, act_t: (B, 4H) pre-activations and activations (i, f, c̃, o fused)
    gates_t: views (i_t, f_t, c̃_t, o_t) of ``act_t`` and the candidate's slice of ``z_t``,
        each (B, H); the caller makes them (once per sequence in :func:`lstm_forward`)
    c_t, h_t, tmp: (B, H)
    """
    i_t, f_t, c_tilde, o_t, z_c = gates_t
    # z_t = x_t·W + b + h_{t-1}·U
    np.matmul(h_tm1, recurrent_kernel, out=z_t)
    z_t += zx_t
    # i, f, o = σ(z);  c̃ = tanh(z)   (σ over all 4H columns is one call; c̃ is then overwritten)
    sigmoid(z_t, out=act_t)
    np.tanh(z_c, out=c_tilde)
    # c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t
    np.multiply(f_t, c_tm1, out=c_t)
    np.multiply(i_t, c_tilde, out=tmp)
    c_t += tmp
    # h_t = o_t ⊙ tanh(c_t)
    np.tanh(c_t, out=tmp)
    np.multiply(o_t, tmp, out=h_t)


def _gate_views(z: np.ndarray, act: np.ndarray) -> tuple[np.ndarray, ...]:
    """(i, f, c̃, o) views of fused activations ``act`` and the candidate's columns of ``z``."""
    gates = split_gates(act)
    return gates["i"], gates["f"], gates["c"], gates["o"], split_gates(z)["c"]


def _check_finite(name: str, arr: np.ndarray) -> None:
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(
            f"{name} contains NaN or infinite values (first at index {tuple(int(k) for k in bad)})"
        )


def _as_state(name: str, state, batch: int, units: int, dtype) -> np.ndarray:
    """A (B, H) initial state from None, (H,) or (B, H)."""
    if state is None:
        return np.zeros((batch, units), dtype=dtype)
    arr = np.asarray(state, dtype=dtype)
    if arr.shape == (units,):
        arr = np.broadcast_to(arr, (batch, units))
    if arr.shape != (batch, units):
        raise ValueError(f"expected {name} of shape ({units},) or ({batch}, {units}), got {arr.shape}")
    _check_finite(name, arr)
    return np.array(arr)


def _prepare(x: np.ndarray, input_dim: int, dtype) -> tuple[np.ndarray, bool]:
    """x (T, D) or (B, T, D) -> (T, B, D) in ``dtype``, and whether it was batched (shared by every cell)."""
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"expected dtype float32 or float64, got {dtype}")
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.number):
        raise ValueError(f"expected numeric x, got dtype {x.dtype}")
    if x.ndim not in (2, 3):
        raise ValueError(f"expected x of shape (timesteps, features) or (batch, timesteps, features), got {x.shape}")
    batched = x.ndim == 3
    xb = x.astype(dtype, copy=False) if batched else x.astype(dtype, copy=False)[None]
    batch, steps, features = xb.shape
    if steps < 1 or batch < 1:
        raise ValueError(f"expected at least one timestep and one sequence, got x of shape {x.shape}")
    if features != input_dim:
        raise ValueError(
            f"expected x with {input_dim} features (the kernel's first axis), got {features} (x of shape {x.shape})"
        )
    _check_finite("x", x)
    return np.ascontiguousarray(xb.transpose(1, 0, 2)), batched


def _prepare_step(x_t: np.ndarray, input_dim: int) -> tuple[np.ndarray, bool, np.dtype]:
    """x_t (D,) or (B, D) -> (B, D) in its float dtype (float32 otherwise), whether unbatched, the dtype."""
    x_t = np.asarray(x_t)
    dtype = x_t.dtype if np.issubdtype(x_t.dtype, np.floating) else np.dtype(np.float32)
    x2 = np.atleast_2d(x_t).astype(dtype, copy=False)
    if x2.ndim != 2 or x2.shape[1] != input_dim:
        raise ValueError(f"expected x_t of shape ({input_dim},) or (batch, {input_dim}), got {x_t.shape}")
    _check_finite("x_t", x_t)
    return x2, x_t.ndim == 1, dtype


def lstm_step(
    x_t: np.ndarray,
    h_tm1: np.ndarray,
    c_tm1: np.ndarray,
    weights: LSTMWeights,
) -> StepResult:
    """One LSTM step: the equations in the module docstring.

    x_t: (D,) or (B, D); h_tm1, c_tm1: (H,) or (B, H).
    Returns a :class:`StepResult` whose arrays have the batch shape of ``x_t``.
    Computes in the dtype of ``x_t`` when it is floating, else float32.
    """
    x2, unbatched, dtype = _prepare_step(x_t, weights.input_dim)
    batch, units = x2.shape[0], weights.units
    h_prev = _as_state("h_tm1", h_tm1, batch, units, dtype)
    c_prev = _as_state("c_tm1", c_tm1, batch, units, dtype)
    w = weights.astype(dtype)
    zx = x2 @ w.kernel + w.bias
    z = np.empty((batch, 4 * units), dtype)
    act = np.empty_like(z)
    c = np.empty((batch, units), dtype)
    h = np.empty_like(c)
    _recurrence(zx, h_prev, c_prev, w.recurrent_kernel, z, act, _gate_views(z, act), c, h, np.empty_like(c))
    gates = split_gates(act)
    parts = dict(z=z, i=gates["i"], f=gates["f"], c_tilde=gates["c"], o=gates["o"], c=c, h=h)
    if unbatched:
        parts = {k: v[0] for k, v in parts.items()}
    return StepResult(**parts)


def lstm_forward(
    x: np.ndarray,
    weights: LSTMWeights,
    h0: np.ndarray | None = None,
    c0: np.ndarray | None = None,
    dtype: np.dtype | type = np.float32,
) -> Trace:
    """Run the cell over a sequence and record every quantity at every step.

    x: (T, D) unbatched or (B, T, D) batched, as Keras' ``inputs: (batch, timesteps, features)``.
    h0, c0: initial states, (H,) or (B, H); zeros when None.
    dtype: float32 (default) or float64.

    Returns a time-first :class:`Trace`: ``x`` is (T, D) or (T, B, D), ``z`` is
    (T, 4H) or (T, B, 4H), and ``i, f, c_tilde, o, c, h`` are (T, H) or (T, B, H).
    """
    x_tf, batched = _prepare(x, weights.input_dim, dtype)  # (T, B, D)
    dtype = x_tf.dtype
    steps, batch, _ = x_tf.shape
    units = weights.units
    w = weights.astype(dtype)
    h_prev = _as_state("h0", h0, batch, units, dtype)
    c_prev = _as_state("c0", c0, batch, units, dtype)
    h_init, c_init = h_prev.copy(), c_prev.copy()

    zx = x_tf @ w.kernel + w.bias  # (T, B, 4H): the input projection for every step at once
    z = np.empty((steps, batch, 4 * units), dtype)
    act = np.empty_like(z)
    c = np.empty((steps, batch, units), dtype)
    h = np.empty_like(c)
    tmp = np.empty((batch, units), dtype)
    U = w.recurrent_kernel
    i, f, c_tilde, o, z_c = _gate_views(z, act)  # (T, B, H) views, indexed per step below
    for t in range(steps):
        _recurrence(zx[t], h_prev, c_prev, U, z[t], act[t], (i[t], f[t], c_tilde[t], o[t], z_c[t]), c[t], h[t], tmp)
        h_prev, c_prev = h[t], c[t]

    parts = dict(x=x_tf, z=z, i=i, f=f, c_tilde=c_tilde, o=o, c=c, h=h)
    if not batched:
        parts = {k: v[:, 0] for k, v in parts.items()}
        h_init, c_init = h_init[0], c_init[0]
    return Trace(**parts, h0=h_init, c0=c_init)
