"""A plain (tanh) RNN cell and a GRU cell in NumPy, in the style of :mod:`lstm_core.cell`.

Both follow Keras 3's weight layout, so ``layer.get_weights()`` of a ``SimpleRNN``
or ``GRU`` (``reset_after=True``, the default) loads as-is. Row vectors, one
timestep, ``H`` units, ``D`` input features.

Simple RNN (Keras ``SimpleRNN``)::

    a_t = x_t · W + h_{t-1} · U + b          pre-activation        (1, H)
    h_t = tanh(a_t)                           hidden state          (1, H)

    W: kernel (D, H), U: recurrent_kernel (H, H), b: bias (H,)

GRU (Keras ``GRU``, ``reset_after=True``), gate order :data:`GRU_GATES` = z, r, h::

    p_t   = x_t · W + b[0]                    input projection      (1, 3H) = [p_z, p_r, p_h]
    q_t   = h_{t-1} · U + b[1]                recurrent projection  (1, 3H) = [q_z, q_r, q_h]
    z_t   = σ(p_z + q_z)                      update gate           (1, H)
    r_t   = σ(p_r + q_r)                      reset gate            (1, H)
    h̃_t   = tanh(p_h + r_t ⊙ q_h)             candidate             (1, H)
    h_t   = z_t ⊙ h_{t-1} + (1 - z_t) ⊙ h̃_t   hidden state          (1, H)

    W: kernel (D, 3H), U: recurrent_kernel (H, 3H), b: bias (2, 3H)

The plain RNN rewrites its whole state through one squashing map every step, so
an early input fades geometrically (with ``U = 0.5`` it roughly halves each
step). The GRU's ``z_t`` near 1 copies ``h_{t-1}`` through untouched, like the
LSTM's forget gate near 1 copies ``C_{t-1}``.

:func:`rnn_step` / :func:`gru_step` are the truth for one step; the ``*_forward``
functions run the same equations over a sequence (input projection for all
steps at once) and record every quantity in a time-first trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from lstm_core.cell import _as_state, _prepare, _prepare_step, sigmoid
from lstm_core.layer_weights import LayerWeights
from lstm_core.recurrent_trace import GRU_GATES, GRUTrace, RNNTrace
from lstm_core.weights import MAX_UNITS, orthogonal

GRU_GATE_NAMES: dict[str, str] = {"z": "update gate", "r": "reset gate", "h": "candidate"}


def gru_gate_slice(gate: str, units: int) -> slice:
    """Columns of gate ``gate`` (one of :data:`GRU_GATES`) in a fused ``(..., 3H)`` array."""
    if gate not in GRU_GATES:
        raise ValueError(f"expected a GRU gate among {GRU_GATES}, got {gate!r}")
    k = GRU_GATES.index(gate)
    return slice(k * units, (k + 1) * units)


# --- weights -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RNNWeights(LayerWeights):
    """Weights of one Keras ``SimpleRNN`` layer.

    kernel:           (D, H)  input weights W
    recurrent_kernel: (H, H)  recurrent weights U
    bias:             (H,)    bias b
    """

    FUSED: ClassVar[int] = 1


@dataclass(frozen=True)
class GRUWeights(LayerWeights):
    """Weights of one Keras 3 ``GRU`` layer (``reset_after=True``), gate order z, r, h.

    kernel:           (D, 3H)  input weights W
    recurrent_kernel: (H, 3H)  recurrent weights U
    bias:             (2, 3H)  b[0] input bias, b[1] recurrent bias
    """

    FUSED: ClassVar[int] = 3

    def _bias_shape(self, units: int) -> tuple[int, ...]:
        return (2, 3 * units)

    def _bias_hint(self, bias: np.ndarray) -> str:
        return " (a GRU with reset_after=False has bias (3H,); only reset_after=True is supported)" if bias.ndim == 1 else ""

    def gate(self, gate: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(W_g (D, H), U_g (H, H), b_input_g (H,), b_recurrent_g (H,))`` for gate ``g`` in :data:`GRU_GATES`."""
        cols = gru_gate_slice(gate, self.units)
        return self.kernel[:, cols], self.recurrent_kernel[:, cols], self.bias[0, cols], self.bias[1, cols]


# --- initialisation ------------------------------------------------------------------------


def _check_sizes(input_dim: int, units: int) -> None:
    if not isinstance(input_dim, (int, np.integer)) or input_dim < 1:
        raise ValueError(f"expected input_dim > 0, got {input_dim!r}")
    if not isinstance(units, (int, np.integer)) or not 1 <= units <= MAX_UNITS:
        raise ValueError(f"expected units between 1 and {MAX_UNITS}, got {units!r}")


def init_rnn_weights(input_dim: int, units: int, seed: int = 0, dtype: np.dtype | type = np.float32) -> RNNWeights:
    """Seeded weights equal in law to a fresh Keras ``SimpleRNN(units)``.

    kernel glorot_uniform, recurrent_kernel orthogonal, bias zeros.
    """
    _check_sizes(input_dim, units)
    rng = np.random.default_rng(seed)
    limit = np.sqrt(6.0 / (input_dim + units))
    return RNNWeights(
        rng.uniform(-limit, limit, size=(input_dim, units)), orthogonal((units, units), rng), np.zeros(units)
    ).astype(dtype)


def init_gru_weights(input_dim: int, units: int, seed: int = 0, dtype: np.dtype | type = np.float32) -> GRUWeights:
    """Seeded weights equal in law to a fresh Keras ``GRU(units)``.

    kernel glorot_uniform over (D, 3H), recurrent_kernel orthogonal (H, 3H), bias zeros (2, 3H).
    """
    _check_sizes(input_dim, units)
    rng = np.random.default_rng(seed)
    limit = np.sqrt(6.0 / (input_dim + 3 * units))
    return GRUWeights(
        rng.uniform(-limit, limit, size=(input_dim, 3 * units)),
        orthogonal((units, 3 * units), rng),
        np.zeros((2, 3 * units)),
    ).astype(dtype)


def random_rnn_weights(
    input_dim: int, units: int, seed: int = 0, scale: float = 1.0, bias_scale: float = 1.0,
    dtype: np.dtype | type = np.float32,
) -> RNNWeights:
    """Gaussian weights, std ``scale / sqrt(fan_in)``, with non-zero biases (the test fixture).

    With ``bias_scale = 0`` the recurrent map has gain ``scale``: below 1 gradients
    through time vanish, above 1 the dynamics turn chaotic and they explode.
    """
    _check_sizes(input_dim, units)
    rng = np.random.default_rng(seed)
    return RNNWeights(
        scale * rng.standard_normal((input_dim, units)) / np.sqrt(input_dim),
        scale * rng.standard_normal((units, units)) / np.sqrt(units),
        bias_scale * rng.standard_normal(units),
    ).astype(dtype)


def random_gru_weights(
    input_dim: int, units: int, seed: int = 0, scale: float = 1.0, bias_scale: float = 1.0,
    dtype: np.dtype | type = np.float32,
) -> GRUWeights:
    """Gaussian weights, std ``scale / sqrt(fan_in)``, with non-zero biases in both rows (the test fixture)."""
    _check_sizes(input_dim, units)
    rng = np.random.default_rng(seed)
    return GRUWeights(
        scale * rng.standard_normal((input_dim, 3 * units)) / np.sqrt(input_dim),
        scale * rng.standard_normal((units, 3 * units)) / np.sqrt(units),
        bias_scale * rng.standard_normal((2, 3 * units)),
    ).astype(dtype)


# --- the recurrences -----------------------------------------------------------------------


def _rnn_recurrence(ax_t: np.ndarray, h_tm1: np.ndarray, U: np.ndarray, a_t: np.ndarray, h_t: np.ndarray) -> None:
    """a_t = (x_t·W + b) + h_{t-1}·U;  h_t = tanh(a_t). All (B, H), written in place."""
    np.matmul(h_tm1, U, out=a_t)
    a_t += ax_t
    np.tanh(a_t, out=h_t)


def _gru_recurrence(
    p_t: np.ndarray, h_tm1: np.ndarray, U: np.ndarray, b_rec: np.ndarray,
    q_t: np.ndarray, z_t: np.ndarray, r_t: np.ndarray, hh_t: np.ndarray, h_t: np.ndarray,
) -> None:
    """One GRU step (module docstring), written into the ``out`` arrays.

    p_t: (B, 3H) input projection x_t·W + b[0]; h_tm1: (B, H)
    q_t: (B, 3H); z_t, r_t, hh_t, h_t: (B, H)
    """
    units = h_tm1.shape[-1]
    np.matmul(h_tm1, U, out=q_t)
    q_t += b_rec
    # z = σ(p_z + q_z);  r = σ(p_r + q_r)
    np.add(p_t[:, :units], q_t[:, :units], out=z_t)
    sigmoid(z_t, out=z_t)
    np.add(p_t[:, units : 2 * units], q_t[:, units : 2 * units], out=r_t)
    sigmoid(r_t, out=r_t)
    # h̃ = tanh(p_h + r ⊙ q_h)
    np.multiply(r_t, q_t[:, 2 * units :], out=hh_t)
    hh_t += p_t[:, 2 * units :]
    np.tanh(hh_t, out=hh_t)
    # h = z ⊙ h_{t-1} + (1 - z) ⊙ h̃  =  h̃ + z ⊙ (h_{t-1} - h̃)
    np.subtract(h_tm1, hh_t, out=h_t)
    h_t *= z_t
    h_t += hh_t


@dataclass(frozen=True)
class RNNStep:
    """One RNN step: ``a`` and ``h``, (H,) or (B, H)."""

    a: np.ndarray
    h: np.ndarray


@dataclass(frozen=True)
class GRUStep:
    """One GRU step: ``p, q`` (.., 3H) and ``z, r, h_tilde, h`` (.., H)."""

    p: np.ndarray
    q: np.ndarray
    z: np.ndarray
    r: np.ndarray
    h_tilde: np.ndarray
    h: np.ndarray


def rnn_step(x_t: np.ndarray, h_tm1: np.ndarray, weights: RNNWeights) -> RNNStep:
    """One plain RNN step: h_t = tanh(x_t·W + h_{t-1}·U + b).

    x_t: (D,) or (B, D); h_tm1: (H,) or (B, H). Computes in x_t's float dtype (else float32).
    """
    x2, unbatched, dtype = _prepare_step(x_t, weights.input_dim)
    batch, units = x2.shape[0], weights.units
    h_prev = _as_state("h_tm1", h_tm1, batch, units, dtype)
    w = weights.astype(dtype)
    a = np.empty((batch, units), dtype)
    h = np.empty_like(a)
    _rnn_recurrence(x2 @ w.kernel + w.bias, h_prev, w.recurrent_kernel, a, h)
    return RNNStep(a[0], h[0]) if unbatched else RNNStep(a, h)


def gru_step(x_t: np.ndarray, h_tm1: np.ndarray, weights: GRUWeights) -> GRUStep:
    """One GRU step: the equations in the module docstring.

    x_t: (D,) or (B, D); h_tm1: (H,) or (B, H). Computes in x_t's float dtype (else float32).
    """
    x2, unbatched, dtype = _prepare_step(x_t, weights.input_dim)
    batch, units = x2.shape[0], weights.units
    h_prev = _as_state("h_tm1", h_tm1, batch, units, dtype)
    w = weights.astype(dtype)
    p = x2 @ w.kernel + w.bias[0]
    q = np.empty((batch, 3 * units), dtype)
    z, r, hh, h = (np.empty((batch, units), dtype) for _ in range(4))
    _gru_recurrence(p, h_prev, w.recurrent_kernel, w.bias[1], q, z, r, hh, h)
    parts = dict(p=p, q=q, z=z, r=r, h_tilde=hh, h=h)
    if unbatched:
        parts = {k: v[0] for k, v in parts.items()}
    return GRUStep(**parts)


def rnn_forward(
    x: np.ndarray, weights: RNNWeights, h0: np.ndarray | None = None, dtype: np.dtype | type = np.float32
) -> RNNTrace:
    """Run the plain RNN over a sequence and record ``a`` and ``h`` at every step.

    x: (T, D) or (B, T, D); h0: (H,) or (B, H), zeros when None; dtype float32 or float64.
    Returns an :class:`RNNTrace` with (T, ...) arrays, (T, B, ...) when batched.
    """
    xt, batched = _prepare(x, weights.input_dim, dtype)
    steps, batch, _ = xt.shape
    w = weights.astype(xt.dtype)
    h_prev = _as_state("h0", h0, batch, w.units, xt.dtype)
    h_init = h_prev.copy()
    ax = xt @ w.kernel + w.bias  # (T, B, H): the input projection for every step at once
    a = np.empty((steps, batch, w.units), xt.dtype)
    h = np.empty_like(a)
    for t in range(steps):
        _rnn_recurrence(ax[t], h_prev, w.recurrent_kernel, a[t], h[t])
        h_prev = h[t]
    if not batched:
        return RNNTrace(x=xt[:, 0], a=a[:, 0], h=h[:, 0], h0=h_init[0])
    return RNNTrace(x=xt, a=a, h=h, h0=h_init)


def gru_forward(
    x: np.ndarray, weights: GRUWeights, h0: np.ndarray | None = None, dtype: np.dtype | type = np.float32
) -> GRUTrace:
    """Run the GRU over a sequence and record every quantity at every step.

    x: (T, D) or (B, T, D); h0: (H,) or (B, H), zeros when None; dtype float32 or float64.
    Returns a :class:`GRUTrace` with (T, ...) arrays, (T, B, ...) when batched.
    """
    xt, batched = _prepare(x, weights.input_dim, dtype)
    steps, batch, _ = xt.shape
    w = weights.astype(xt.dtype)
    units = w.units
    h_prev = _as_state("h0", h0, batch, units, xt.dtype)
    h_init = h_prev.copy()
    p = xt @ w.kernel + w.bias[0]  # (T, B, 3H)
    q = np.empty_like(p)
    z, r, hh, h = (np.empty((steps, batch, units), xt.dtype) for _ in range(4))
    b_rec = w.bias[1]
    for t in range(steps):
        _gru_recurrence(p[t], h_prev, w.recurrent_kernel, b_rec, q[t], z[t], r[t], hh[t], h[t])
        h_prev = h[t]
    parts = dict(x=xt, p=p, q=q, z=z, r=r, h_tilde=hh, h=h)
    if not batched:
        return GRUTrace(**{k: v[:, 0] for k, v in parts.items()}, h0=h_init[0])
    return GRUTrace(**parts, h0=h_init)
