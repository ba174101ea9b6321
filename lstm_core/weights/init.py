"""Where weights come from: Keras' seeded initialisation, and Gaussian weights for tests.

Keras 3's defaults for a recurrent layer with ``G`` fused gates (LSTM 4, GRU 3, RNN 1),
reproduced in distribution by :func:`init_layer`:

* kernel W (D, G·H): glorot_uniform, U(-l, l) with l = sqrt(6 / (D + G·H))
* recurrent_kernel U (H, G·H): orthogonal (rows orthonormal, from the QR of a Gaussian matrix)
* bias: zeros, (G·H,) or (2, 3H) for the GRU (reset_after=True); the LSTM's forget slice set to 1
  (``unit_forget_bias=True``)
"""

from __future__ import annotations

import numpy as np

from lstm_core.cells import GRUWeights, LSTMWeights, RNNWeights, gate_slice
from lstm_core.cells.layer_weights import LayerWeights

MAX_UNITS = 4096
KINDS: dict[str, type[LayerWeights]] = {"lstm": LSTMWeights, "gru": GRUWeights, "rnn": RNNWeights}
"""The cell kinds by name, and their weights' class (its ``FUSED`` is G)."""


def _check(kind: str, input_dim: int, units: int) -> type[LayerWeights]:
    if kind not in KINDS:
        raise ValueError(f"expected a cell kind among {sorted(KINDS)}, got {kind!r}")
    if not isinstance(input_dim, (int, np.integer)) or input_dim < 1:
        raise ValueError(f"expected input_dim > 0, got {input_dim!r}")
    if not isinstance(units, (int, np.integer)) or not 1 <= units <= MAX_UNITS:
        raise ValueError(f"expected units between 1 and {MAX_UNITS}, got {units!r}")
    return KINDS[kind]


def _bias_shape(kind: str, units: int) -> tuple[int, ...]:
    return (2, 3 * units) if kind == "gru" else (KINDS[kind].FUSED * units,)


def glorot_uniform(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Keras' ``GlorotUniform``: U(-l, l), l = sqrt(6 / (fan_in + fan_out))."""
    limit = np.sqrt(6.0 / (shape[0] + shape[1]))
    return rng.uniform(-limit, limit, size=shape)


def orthogonal(shape: tuple[int, int], rng: np.random.Generator, gain: float = 1.0) -> np.ndarray:
    """Keras' ``Orthogonal`` initializer: QR of a Gaussian matrix, signs fixed by diag(R).

    For rows < cols (as U's (H, 4H)) the rows are orthonormal.
    """
    rows, cols = shape
    flat = rng.standard_normal((max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(flat)
    q *= np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return gain * q.reshape(shape)


def init_layer(
    kind: str, input_dim: int, units: int, seed: int = 0, dtype: np.dtype | type = np.float32,
    unit_forget_bias: bool = True,
) -> LayerWeights:
    """Seeded weights equal in law to a freshly built Keras layer of ``kind`` ("lstm", "gru", "rnn");
    see the module docstring. ``unit_forget_bias`` applies to the LSTM only."""
    cls = _check(kind, input_dim, units)
    rng = np.random.default_rng(seed)
    width = cls.FUSED * units
    kernel = glorot_uniform((input_dim, width), rng)
    recurrent = orthogonal((units, width), rng)
    bias = np.zeros(_bias_shape(kind, units))
    if kind == "lstm" and unit_forget_bias:
        bias[gate_slice("f", units)] = 1.0
    return cls(kernel, recurrent, bias).astype(dtype)


def init_weights(
    input_dim: int, units: int, seed: int = 0, dtype: np.dtype | type = np.float32, unit_forget_bias: bool = True,
) -> LSTMWeights:
    """An LSTM's :func:`init_layer`."""
    return init_layer("lstm", input_dim, units, seed, dtype, unit_forget_bias)


def random_layer(
    kind: str, input_dim: int, units: int, seed: int = 0, scale: float = 1.0, bias_scale: float = 1.0,
    dtype: np.dtype | type = np.float32,
) -> LayerWeights:
    """Gaussian weights, std ``scale / sqrt(fan_in)``, with non-zero biases: the test fixture that
    catches swapped gate slices (zero biases hide them).

    With ``bias_scale = 0`` the recurrent map has gain ``scale``: below 1 gradients through time
    vanish, above 1 the dynamics turn chaotic and they explode.
    """
    cls = _check(kind, input_dim, units)
    rng = np.random.default_rng(seed)
    width = cls.FUSED * units
    return cls(
        scale * rng.standard_normal((input_dim, width)) / np.sqrt(input_dim),
        scale * rng.standard_normal((units, width)) / np.sqrt(units),
        bias_scale * rng.standard_normal(_bias_shape(kind, units)),
    ).astype(dtype)


def random_weights(
    input_dim: int, units: int, seed: int = 0, scale: float = 1.0, bias_scale: float = 1.0,
    dtype: np.dtype | type = np.float32,
) -> LSTMWeights:
    """An LSTM's :func:`random_layer`."""
    return random_layer("lstm", input_dim, units, seed, scale, bias_scale, dtype)
