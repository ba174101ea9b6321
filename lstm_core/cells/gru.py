"""The GRU cell in NumPy, with Keras 3's weight layout, both ``reset_after`` settings.

Row vectors, one timestep, ``H`` units, ``D`` input features; gate order
:data:`~lstm_core.cells.gates.GRU_GATES` = z, r, h̃ (update, reset, candidate)::

    p_t   = x_t · W + b_in                     input projection        (1, 3H) = [p_z, p_r, p_h]
    z_t   = σ(p_z + h_{t-1} · U_z + b_rec,z)   update gate             (1, H)
    r_t   = σ(p_r + h_{t-1} · U_r + b_rec,r)   reset gate              (1, H)
    reset_after=True (Keras 3's default):
    h̃_t   = tanh(p_h + r_t ⊙ (h_{t-1} · U_h + b_rec,h))                 (1, H)
    reset_after=False:
    h̃_t   = tanh(p_h + (r_t ⊙ h_{t-1}) · U_h)                          (1, H)
    h_t   = z_t ⊙ h_{t-1} + (1 - z_t) ⊙ h̃_t   hidden state            (1, H)

    W: kernel (D, 3H), U: recurrent_kernel (H, 3H)
    bias (2, 3H) = [b_in, b_rec] with reset_after=True; (3H,) = b_in with reset_after=False

The recurrent projection ``q_t`` = [q_z, q_r, q_h] recorded in the trace is ``h_{t-1} · U + b_rec``
(reset_after=True) or ``[h_{t-1} · U_z, h_{t-1} · U_r, (r_t ⊙ h_{t-1}) · U_h]`` (False), so that
h̃_t = tanh(p_h + r_t ⊙ q_h) or tanh(p_h + q_h). σ and tanh are the layer's ``recurrent_activation``
and ``activation`` (by name; Keras' defaults). A z_t near 1 copies h_{t-1} through untouched, like
the LSTM's forget gate near 1 copies C_{t-1}.

:func:`gru_step` is the truth for one step; :func:`gru_forward` runs the same equations over a
sequence (input projection for all steps at once) and records every quantity.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from typing import ClassVar

import numpy as np

from lstm_core.cells.activations import activation as activation_named
from lstm_core.cells.gates import GRU_GATES, gate_slice
from lstm_core.cells.inputs import as_state, one_step, time_first, time_first_mask
from lstm_core.cells.layer_weights import LayerWeights
from lstm_core.cells.trace import GRUTrace


@dataclass(frozen=True)
class GRUWeights(LayerWeights):
    """Weights of one Keras 3 ``GRU`` layer, gate order z, r, h̃.

    kernel:           (D, 3H)  input weights W
    recurrent_kernel: (H, 3H)  recurrent weights U
    bias:             (2, 3H)  [input bias, recurrent bias] (reset_after=True, the default),
                      or (3H,) input bias (reset_after=False); zeros for use_bias=False
    """

    FUSED: ClassVar[int] = 3

    def _bias_shapes(self, units: int) -> tuple[tuple[int, ...], ...]:
        return ((2, 3 * units), (3 * units,))

    @property
    def reset_after(self) -> bool:
        """Whether the reset gate applies after the recurrent product (Keras 3's default), read off the bias."""
        return self.bias.ndim == 2

    @property
    def input_bias(self) -> np.ndarray:
        """b_in (3H,)."""
        return self.bias[0] if self.reset_after else self.bias

    @property
    def recurrent_bias(self) -> np.ndarray:
        """b_rec (3H,): zeros with reset_after=False, which has none."""
        return self.bias[1] if self.reset_after else np.zeros_like(self.bias)

    def gate(self, gate: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(W_g (D, H), U_g (H, H), b_in_g (H,), b_rec_g (H,))`` for gate ``g`` in :data:`GRU_GATES`."""
        cols = gate_slice(gate, self.units, GRU_GATES)
        return self.kernel[:, cols], self.recurrent_kernel[:, cols], self.input_bias[cols], self.recurrent_bias[cols]


@dataclass(frozen=True)
class GRUStep:
    """One GRU step: ``p, q`` (.., 3H) and ``z, r, h_tilde, h`` (.., H)."""

    p: np.ndarray
    q: np.ndarray
    z: np.ndarray
    r: np.ndarray
    h_tilde: np.ndarray
    h: np.ndarray


def gru_step(
    x_t: np.ndarray, h_tm1: np.ndarray, weights: GRUWeights,
    activation: str = "tanh", recurrent_activation: str = "sigmoid",
) -> GRUStep:
    """One GRU step: the equations in the module docstring.

    x_t: (D,) or (B, D); h_tm1: (H,) or (B, H). Computes in x_t's float dtype (else float32).
    """
    x_t, unbatched, dtype = one_step(x_t, weights.input_dim)
    batch, H = x_t.shape[0], weights.units
    h_tm1 = as_state("h_tm1", h_tm1, batch, H, dtype)
    w = weights.astype(dtype)
    act, rec = activation_named(activation), activation_named(recurrent_activation)
    zs, rs, hs = (gate_slice(g, H, GRU_GATES) for g in GRU_GATES)
    U = w.recurrent_kernel

    p = x_t @ w.kernel + w.input_bias
    q = np.empty((batch, 3 * H), dtype)
    q[:, zs] = h_tm1 @ U[:, zs] + w.recurrent_bias[zs]
    q[:, rs] = h_tm1 @ U[:, rs] + w.recurrent_bias[rs]
    z_t = rec(p[:, zs] + q[:, zs])
    r_t = rec(p[:, rs] + q[:, rs])
    if w.reset_after:
        q[:, hs] = h_tm1 @ U[:, hs] + w.recurrent_bias[hs]
        h_tilde = act(p[:, hs] + r_t * q[:, hs])
    else:
        q[:, hs] = (r_t * h_tm1) @ U[:, hs]
        h_tilde = act(p[:, hs] + q[:, hs])
    h_t = z_t * h_tm1 + (1 - z_t) * h_tilde

    parts = dict(p=p, q=q, z=z_t, r=r_t, h_tilde=h_tilde, h=h_t)
    if unbatched:
        parts = {k: v[0] for k, v in parts.items()}
    return GRUStep(**parts)


def gru_forward(
    x: np.ndarray, weights: GRUWeights, h0: np.ndarray | None = None, dtype: np.dtype | type = np.float32,
    activation: str = "tanh", recurrent_activation: str = "sigmoid", mask: np.ndarray | None = None,
) -> GRUTrace:
    """Run the GRU over a sequence and record every quantity at every step.

    x: (T, D) or (B, T, D); h0: (H,) or (B, H), zeros when None; dtype float32 or float64;
    activation, recurrent_activation by Keras name; mask (T,) or (B, T) bool, False where a step is
    masked (the state carries over there, as in Keras).
    Returns a :class:`GRUTrace` with (T, ...) arrays, (T, B, ...) when batched.
    """
    xt, batched = time_first(x, weights.input_dim, dtype)
    steps, batch, _ = xt.shape
    w = weights.astype(xt.dtype)
    H = w.units
    act, rec = activation_named(activation), activation_named(recurrent_activation)
    keep = time_first_mask(mask, steps, batch)
    h_tm1 = as_state("h0", h0, batch, H, xt.dtype)
    h_init = h_tm1.copy()
    zs, rs, hs = (gate_slice(g, H, GRU_GATES) for g in GRU_GATES)
    U, b_rec = w.recurrent_kernel, w.recurrent_bias
    zr = slice(0, 2 * H)  # z and r sit side by side: one product and one activation for both

    p = xt @ w.kernel + w.input_bias  # (T, B, 3H)
    q = np.empty_like(p)
    zr_t = np.empty((steps, batch, 2 * H), xt.dtype)  # z, r
    hh, h = (np.empty((steps, batch, H), xt.dtype) for _ in range(2))
    U_zr, U_h = U[:, zr], U[:, hs]
    masks = keep if keep is not None else repeat(None, steps)
    for p_t, q_t, zr_now, hh_t, h_t, keep_t in zip(p, q, zr_t, hh, h, masks):  # per-step views, see lstm.py
        if w.reset_after:
            np.matmul(h_tm1, U, out=q_t)
            q_t += b_rec
        else:
            np.matmul(h_tm1, U_zr, out=q_t[:, zr])
        rec(p_t[:, zr] + q_t[:, zr], out=zr_now)
        z_t, r_t = zr_now[:, zs], zr_now[:, rs]
        if w.reset_after:
            np.multiply(r_t, q_t[:, hs], out=hh_t)  # h̃ = tanh(p_h + r ⊙ q_h)
        else:
            np.matmul(r_t * h_tm1, U_h, out=q_t[:, hs])  # h̃ = tanh(p_h + (r ⊙ h_{t-1})·U_h)
            hh_t[...] = q_t[:, hs]
        hh_t += p_t[:, hs]
        act(hh_t, out=hh_t)
        np.subtract(h_tm1, hh_t, out=h_t)  # h = z ⊙ h_{t-1} + (1 - z) ⊙ h̃  =  h̃ + z ⊙ (h_{t-1} - h̃)
        h_t *= z_t
        h_t += hh_t
        if keep_t is not None:
            np.copyto(h_t, h_tm1, where=~keep_t)
        h_tm1 = h_t
    parts = dict(x=xt, p=p, q=q, z=zr_t[..., zs], r=zr_t[..., rs], h_tilde=hh, h=h)
    if not batched:
        return GRUTrace(**{k: v[:, 0] for k, v in parts.items()}, h0=h_init[0])
    return GRUTrace(**parts, h0=h_init)
