"""TensorFlow's own gradients through time, for checking :mod:`lstm_core.analysis.gradients` and benchmarking it.

TensorFlow is imported inside the functions only.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from lstm_core.keras_bridge.layers import Weights, cell_name


def _tf():
    from lstm_core.keras_bridge.quiet import quiet_import  # noqa: PLC0415

    return quiet_import("tensorflow")  # lazy (TensorFlow costs seconds), its start-up lines kept off stderr


def _tf_step(cell: str, weights: Weights) -> Callable:
    """The cell's recurrence in TensorFlow ops: (x_t (B, D), state) -> state; state is (h,) or (h, c)."""
    tf = _tf()
    W = tf.constant(weights.kernel, tf.float64)
    U = tf.constant(weights.recurrent_kernel, tf.float64)
    b = tf.constant(weights.bias, tf.float64)
    H = weights.units

    if cell == "rnn":
        def step(x_t, h):
            return (tf.tanh(x_t @ W + h @ U + b),)
    elif cell == "gru":
        def step(x_t, h):
            p = x_t @ W + b[0]
            q = h @ U + b[1]
            z = tf.sigmoid(p[:, :H] + q[:, :H])
            r = tf.sigmoid(p[:, H : 2 * H] + q[:, H : 2 * H])
            hh = tf.tanh(p[:, 2 * H :] + r * q[:, 2 * H :])
            return (z * h + (1 - z) * hh,)
    else:
        def step(x_t, h, c):
            a = x_t @ W + h @ U + b
            i, f, g, o = tf.sigmoid(a[:, :H]), tf.sigmoid(a[:, H : 2 * H]), tf.tanh(a[:, 2 * H : 3 * H]), tf.sigmoid(a[:, 3 * H :])
            c = f * c + i * g
            return o * tf.tanh(c), c
    return step


def tape_gradient_fn(weights: Weights) -> Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """A compiled function ``x (T, D) -> (log10 ‖∂h_{T-1}/∂x_t‖ (T,), log10 ‖∂h_{T-1}/∂h_t‖ (T,))`` by GradientTape.

    The same quantities as :mod:`lstm_core.analysis.gradients`, computed the TensorFlow way: the
    cell's equations in TF ops under ``tf.scan`` inside a ``tf.function`` (float64), one
    backward pass for all H rows of the Jacobian (the batch holds H copies of the
    sequence and the target is Σ_b h_{T-1}[b, b]). ∂h_{T-1}/∂h_t is the gradient on a zero
    perturbation added to h_t as it enters step t + 1. The first call traces the graph.
    """
    tf = _tf()
    cell = cell_name(weights)
    step = _tf_step(cell, weights)
    H = weights.units

    @tf.function(reduce_retracing=True)
    def run(x):
        steps = tf.shape(x)[0]
        xb = tf.tile(x[:, None, :], [1, H, 1])  # (T, H, D): H copies of the sequence
        e = tf.zeros((steps, H, H), tf.float64)  # perturbation on h_{t-1} entering step t
        with tf.GradientTape() as tape:
            tape.watch(xb)
            tape.watch(e)
            zeros = tf.zeros((H, H), tf.float64)
            if cell == "lstm":
                def body(state, inp):
                    h, c = step(inp[0], state[0] + inp[1], state[1])
                    return h, c
                hs = tf.scan(body, (xb, e), initializer=(zeros, zeros))[0]
            else:
                def body(state, inp):
                    return step(inp[0], state + inp[1])[0]
                hs = tf.scan(body, (xb, e), initializer=zeros)
            target = tf.linalg.trace(hs[-1])  # Σ_b h_{T-1}[b, b]: row b of the Jacobian lands in batch b
        gx, ge = tape.gradient(target, [xb, e])
        dx = tf.norm(gx, axis=[1, 2]) if gx.shape.rank == 3 else tf.norm(tf.reshape(gx, (steps, -1)), axis=1)
        dh = tf.norm(tf.reshape(ge, (steps, -1)), axis=1)  # dh[t] = ‖∂h_{T-1}/∂h_{t-1}‖
        return dx, dh

    def gradients(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != weights.input_dim:
            raise ValueError(f"expected x of shape (timesteps, {weights.input_dim}), got {x.shape}")
        dx, de = (v.numpy() for v in run(tf.constant(x)))
        with np.errstate(divide="ignore"):
            log_dx = np.log10(dx)
            log_dh = np.append(np.log10(de[1:]), np.log10(np.sqrt(H)))  # ∂/∂h_t is the perturbation at t + 1
        return log_dx, log_dh

    return gradients
