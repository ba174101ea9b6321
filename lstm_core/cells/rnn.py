"""The plain RNN cell (Keras ``SimpleRNN``) in NumPy.

Row vectors, one timestep, ``H`` units, ``D`` input features::

    a_t = x_t · W + h_{t-1} · U + b          pre-activation        (1, H)
    h_t = tanh(a_t)                           hidden state          (1, H)

    W: kernel (D, H), U: recurrent_kernel (H, H), b: bias (H,) (zeros for use_bias=False)

tanh is the layer's ``activation`` (by name; Keras' default). The plain RNN rewrites its whole
state through one squashing map every step, so an early input fades geometrically (with ``U = 0.5``
it roughly halves each step).

:func:`rnn_step` is the truth for one step; :func:`rnn_forward` runs it over a sequence
(input projection for all steps at once) and records ``a`` and ``h``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from typing import ClassVar

import numpy as np

from lstm_core.cells.activations import activation as activation_named
from lstm_core.cells.inputs import as_state, one_step, time_first, time_first_mask
from lstm_core.cells.layer_weights import LayerWeights
from lstm_core.cells.trace import RNNTrace


@dataclass(frozen=True)
class RNNWeights(LayerWeights):
    """Weights of one Keras ``SimpleRNN`` layer.

    kernel:           (D, H)  input weights W
    recurrent_kernel: (H, H)  recurrent weights U
    bias:             (H,)    bias b
    """

    FUSED: ClassVar[int] = 1


@dataclass(frozen=True)
class RNNStep:
    """One RNN step: ``a`` and ``h``, (H,) or (B, H)."""

    a: np.ndarray
    h: np.ndarray


def rnn_step(x_t: np.ndarray, h_tm1: np.ndarray, weights: RNNWeights, activation: str = "tanh") -> RNNStep:
    """One plain RNN step: h_t = tanh(x_t·W + h_{t-1}·U + b).

    x_t: (D,) or (B, D); h_tm1: (H,) or (B, H). Computes in x_t's float dtype (else float32).
    """
    x_t, unbatched, dtype = one_step(x_t, weights.input_dim)
    h_tm1 = as_state("h_tm1", h_tm1, x_t.shape[0], weights.units, dtype)
    w = weights.astype(dtype)
    a_t = x_t @ w.kernel + h_tm1 @ w.recurrent_kernel + w.bias
    h_t = activation_named(activation)(a_t)
    return RNNStep(a_t[0], h_t[0]) if unbatched else RNNStep(a_t, h_t)


def rnn_forward(
    x: np.ndarray, weights: RNNWeights, h0: np.ndarray | None = None, dtype: np.dtype | type = np.float32,
    activation: str = "tanh", mask: np.ndarray | None = None,
) -> RNNTrace:
    """Run the plain RNN over a sequence and record ``a`` and ``h`` at every step.

    x: (T, D) or (B, T, D); h0: (H,) or (B, H), zeros when None; dtype float32 or float64;
    activation by Keras name; mask (T,) or (B, T) bool, False where a step is masked (h carries over).
    Returns an :class:`RNNTrace` with (T, ...) arrays, (T, B, ...) when batched.
    """
    xt, batched = time_first(x, weights.input_dim, dtype)
    steps, batch, _ = xt.shape
    w = weights.astype(xt.dtype)
    act = activation_named(activation)
    keep = time_first_mask(mask, steps, batch)
    h_tm1 = as_state("h0", h0, batch, w.units, xt.dtype)
    h_init = h_tm1.copy()
    ax = xt @ w.kernel + w.bias  # (T, B, H): the input projection for every step at once
    a = np.empty((steps, batch, w.units), xt.dtype)
    h = np.empty_like(a)
    masks = keep if keep is not None else repeat(None, steps)
    for ax_t, a_t, h_t, keep_t in zip(ax, a, h, masks):  # per-step views, see lstm.py
        np.matmul(h_tm1, w.recurrent_kernel, out=a_t)
        a_t += ax_t
        act(a_t, out=h_t)
        if keep_t is not None:
            np.copyto(h_t, h_tm1, where=~keep_t)
        h_tm1 = h_t
    if not batched:
        return RNNTrace(x=xt[:, 0], a=a[:, 0], h=h[:, 0], h0=h_init[0])
    return RNNTrace(x=xt, a=a, h=h, h0=h_init)
