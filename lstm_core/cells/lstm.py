"""The LSTM cell in NumPy, with Keras 3's weight layout.

Notation (row vectors, one timestep, ``H`` units, ``D`` input features)::

    z_t     = x_t · W + h_{t-1} · U + b                       (1, 4H)
    i_t     = σ(z_t[0:H])           input gate                (1, H)
    f_t     = σ(z_t[H:2H])          forget gate               (1, H)
    c̃_t     = tanh(z_t[2H:3H])      candidate                 (1, H)
    o_t     = σ(z_t[3H:4H])         output gate               (1, H)
    c_t     = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t   cell state          (1, H)
    h_t     = o_t ⊙ tanh(c_t)              hidden state        (1, H)

``W`` is Keras' ``kernel`` (D, 4H), ``U`` its ``recurrent_kernel`` (H, 4H) and ``b`` its
``bias`` (4H,), columns in the gate order :data:`~lstm_core.cells.gates.GATES` = i, f, c̃, o.
σ is the layer's ``recurrent_activation`` and tanh its ``activation`` (both by name, see
:mod:`lstm_core.cells.activations`); these are Keras' defaults.

:func:`lstm_step` is the truth for one step, written as the equations read. :func:`lstm_forward`
runs the same recurrence over a sequence, doing the input projection ``x · W + b`` for all
timesteps at once and writing every quantity into preallocated arrays, so recording the whole
trace costs about as much as keeping only ``h``. A test holds the two to each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from typing import ClassVar

import numpy as np

from lstm_core.cells.activations import activation as activation_named
from lstm_core.cells.gates import GATES, gate_slice
from lstm_core.cells.inputs import as_state, one_step, time_first, time_first_mask
from lstm_core.cells.layer_weights import LayerWeights
from lstm_core.cells.trace import Trace


@dataclass(frozen=True)
class LSTMWeights(LayerWeights):
    """Weights of one LSTM layer, in Keras 3's layout and gate order (i, f, c̃, o).

    kernel:           (D, 4H)  input weights W
    recurrent_kernel: (H, 4H)  recurrent weights U
    bias:             (4H,)    bias b (zeros for a layer with use_bias=False)
    """

    FUSED: ClassVar[int] = 4

    def gate(self, gate: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(W_g (D, H), U_g (H, H), b_g (H,))`` for gate ``g`` in :data:`GATES`."""
        cols = gate_slice(gate, self.units)
        return self.kernel[:, cols], self.recurrent_kernel[:, cols], self.bias[cols]


@dataclass(frozen=True)
class StepResult:
    """Everything one step computed; arrays are ``(H,)`` or ``(B, H)`` (``z``: ``(.., 4H)``)."""

    z: np.ndarray
    i: np.ndarray
    f: np.ndarray
    c_tilde: np.ndarray
    o: np.ndarray
    c: np.ndarray
    h: np.ndarray


def lstm_step(
    x_t: np.ndarray,
    h_tm1: np.ndarray,
    c_tm1: np.ndarray,
    weights: LSTMWeights,
    activation: str = "tanh",
    recurrent_activation: str = "sigmoid",
) -> StepResult:
    """One LSTM step: the equations in the module docstring.

    x_t: (D,) or (B, D); h_tm1, c_tm1: (H,) or (B, H).
    Returns a :class:`StepResult` whose arrays have the batch shape of ``x_t``.
    Computes in the dtype of ``x_t`` when it is floating, else float32.
    """
    x_t, unbatched, dtype = one_step(x_t, weights.input_dim)
    batch, H = x_t.shape[0], weights.units
    h_tm1 = as_state("h_tm1", h_tm1, batch, H, dtype)
    c_tm1 = as_state("c_tm1", c_tm1, batch, H, dtype)
    w = weights.astype(dtype)
    act, rec = activation_named(activation), activation_named(recurrent_activation)

    z = x_t @ w.kernel + h_tm1 @ w.recurrent_kernel + w.bias
    i_t = rec(z[:, gate_slice("i", H)])
    f_t = rec(z[:, gate_slice("f", H)])
    c_tilde = act(z[:, gate_slice("c_tilde", H)])
    o_t = rec(z[:, gate_slice("o", H)])
    c_t = f_t * c_tm1 + i_t * c_tilde
    h_t = o_t * act(c_t)

    parts = dict(z=z, i=i_t, f=f_t, c_tilde=c_tilde, o=o_t, c=c_t, h=h_t)
    if unbatched:
        parts = {k: v[0] for k, v in parts.items()}
    return StepResult(**parts)


def lstm_forward(
    x: np.ndarray,
    weights: LSTMWeights,
    h0: np.ndarray | None = None,
    c0: np.ndarray | None = None,
    dtype: np.dtype | type = np.float32,
    activation: str = "tanh",
    recurrent_activation: str = "sigmoid",
    mask: np.ndarray | None = None,
) -> Trace:
    """Run the cell over a sequence and record every quantity at every step.

    x: (T, D) unbatched or (B, T, D) batched, as Keras' ``inputs: (batch, timesteps, features)``.
    h0, c0: initial states, (H,) or (B, H); zeros when None.
    dtype: float32 (default) or float64.
    activation, recurrent_activation: the layer's, by Keras name (tanh and sigmoid by default).
    mask: (T,) or (B, T) bool, False where a step is masked: there the states carry over
        unchanged (h_t = h_{t-1}, c_t = c_{t-1}), as in Keras; the gates are still recorded.

    Returns a time-first :class:`Trace`: ``x`` is (T, D) or (T, B, D), ``z`` is
    (T, 4H) or (T, B, 4H), and ``i, f, c_tilde, o, c, h`` are (T, H) or (T, B, H).
    """
    x_tf, batched = time_first(x, weights.input_dim, dtype)  # (T, B, D)
    dtype = x_tf.dtype
    steps, batch, _ = x_tf.shape
    H = weights.units
    w = weights.astype(dtype)
    act, rec = activation_named(activation), activation_named(recurrent_activation)
    keep = time_first_mask(mask, steps, batch)  # (T, B, 1) or None
    h_tm1 = as_state("h0", h0, batch, H, dtype)
    c_tm1 = as_state("c0", c0, batch, H, dtype)
    h_init, c_init = h_tm1.copy(), c_tm1.copy()

    zx = x_tf @ w.kernel + w.bias  # (T, B, 4H): the input projection for every step at once
    z = np.empty((steps, batch, 4 * H), dtype)
    gates = np.empty_like(z)  # activations of z, columns i, f, c̃, o like z's
    c = np.empty((steps, batch, H), dtype)
    h = np.empty_like(c)
    tmp = np.empty((batch, H), dtype)
    i, f, c_tilde, o = (gates[..., gate_slice(g, H)] for g in GATES)  # (T, B, H) views
    z_c = z[..., gate_slice("c_tilde", H)]
    U, matmul, multiply = w.recurrent_kernel, np.matmul, np.multiply
    masks = keep if keep is not None else repeat(None, steps)
    # each step's views come from iterating the arrays: indexing them in the loop cost ~10% at small H
    for zx_t, z_t, g_t, zc_t, i_t, f_t, ct_t, o_t, c_t, h_t, keep_t in zip(
            zx, z, gates, z_c, i, f, c_tilde, o, c, h, masks):
        matmul(h_tm1, U, out=z_t)
        z_t += zx_t
        rec(z_t, out=g_t)  # one call for all 4H columns; the candidate's are overwritten next
        act(zc_t, out=ct_t)
        multiply(f_t, c_tm1, out=c_t)  # c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t
        multiply(i_t, ct_t, out=tmp)
        c_t += tmp
        act(c_t, out=tmp)  # h_t = o_t ⊙ tanh(c_t)
        multiply(o_t, tmp, out=h_t)
        if keep_t is not None:
            np.copyto(c_t, c_tm1, where=~keep_t)
            np.copyto(h_t, h_tm1, where=~keep_t)
        h_tm1, c_tm1 = h_t, c_t

    parts = dict(x=x_tf, z=z, i=i, f=f, c_tilde=c_tilde, o=o, c=c, h=h)
    if not batched:
        parts = {k: v[:, 0] for k, v in parts.items()}
        h_init, c_init = h_init[0], c_init[0]
    return Trace(**parts, h0=h_init, c0=c_init)


def forward_layers(x: np.ndarray, layers: list[LSTMWeights]) -> list[Trace]:
    """Run stacked layers one after the other: layer k's input is layer k-1's h.

    x: (T, D) with D = layers[0].input_dim. Returns one :class:`Trace` per layer. Only for stacks
    built here (presets, the forecast page's own model); a person's model file follows its own graph
    (:mod:`lstm_core.models`).
    """
    if not layers:
        raise ValueError("expected at least one layer, got none")
    traces = []
    inputs = np.asarray(x)
    for k, weights in enumerate(layers):
        if inputs.ndim != 2 or inputs.shape[1] != weights.input_dim:
            raise ValueError(f"expected layer {k} to get inputs of shape (T, {weights.input_dim}), got {inputs.shape}")
        trace = lstm_forward(inputs, weights)
        traces.append(trace)
        inputs = trace.h
    return traces
