"""Keras' built-in element-wise activations, by the name a saved model gives them, in NumPy.

A recurrent layer has two: ``activation`` (the candidate and the squashing of the state, tanh by
default) and ``recurrent_activation`` (the gates, sigmoid by default). Each function here is
``f(x, out=None) -> array`` in ``x``'s float dtype, with the definition Keras 3 uses:

    sigmoid(x)       1 / (1 + e^-x)                   hard_sigmoid(x)  clip(x/6 + 1/2, 0, 1)   (Keras 3)
    tanh(x)                                           hard_tanh(x)     clip(x, -1, 1)
    relu(x)          max(x, 0)                        relu6(x)         clip(x, 0, 6)
    linear(x)        x                                leaky_relu(x)    x if x > 0 else 0.2 x
    elu(x)           x if x > 0 else e^x - 1          selu(x)          λ·elu_α(x), λ ≈ 1.0507, α ≈ 1.6733
    celu(x)          x if x >= 0 else e^x - 1         softplus(x)      log(1 + e^x)
    softsign(x)      x / (1 + |x|)                    silu(x)          x·σ(x)   (alias swish)
    gelu(x)          x/2 · (1 + erf(x/√2))            mish(x)          x·tanh(softplus(x))
    exponential(x)   e^x                              hard_silu(x)     x·hard_sigmoid(x)   (alias hard_swish)
    log_sigmoid(x)   -softplus(-x)                    tanh_shrink(x)   x - tanh(x)
    soft_shrink(x)   x ∓ 1/2 beyond ±1/2, else 0      hard_shrink(x)   x beyond ±1/2, else 0
    sparse_plus(x)   0 / (x+1)²/4 / x  at x <= -1 / |x| < 1 / x >= 1
    squareplus(x)    (x + √(x² + 4)) / 2              sparse_sigmoid(x) 0 / (x+1)/2 / 1

Keras 2 defined ``hard_sigmoid`` differently, clip(0.2·x + 0.5, 0, 1): a model saved by Keras 2
means that one, :data:`KERAS2_HARD_SIGMOID`. Softmax and the like mix units and are not here.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from scipy.special import erf, expit

Activation = Callable[..., np.ndarray]

KERAS2_HARD_SIGMOID = "hard_sigmoid_keras2"
"""The name used here for Keras 2's ``hard_sigmoid`` (0.2·x + 0.5, clipped)."""

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def _into(out: np.ndarray | None, value: np.ndarray) -> np.ndarray:
    """``value`` written into ``out`` when given (the cells' preallocated buffers), else itself."""
    if out is None:
        return value
    out[...] = value
    return out


def _linear(x, out=None):
    return _into(out, np.array(x, copy=out is None))


def _relu(x, out=None):
    return np.maximum(x, 0, out=out)


def _relu6(x, out=None):
    return np.clip(x, 0, 6, out=out)


def _hard_tanh(x, out=None):
    return np.clip(x, -1, 1, out=out)


def _hard_sigmoid(x, out=None):
    return _into(out, np.clip(x / 6 + 0.5, 0, 1).astype(x.dtype, copy=False))


def _hard_sigmoid_keras2(x, out=None):
    return _into(out, np.clip(0.2 * x + 0.5, 0, 1).astype(x.dtype, copy=False))


def _leaky_relu(x, out=None):
    return _into(out, np.where(x > 0, x, 0.2 * x).astype(x.dtype, copy=False))


def _expm1_neg(x):
    """e^x - 1 where x < 0, 0 elsewhere (no overflow for large positive x)."""
    return np.expm1(np.minimum(x, 0))


def _elu(x, out=None):
    return _into(out, np.where(x > 0, x, _expm1_neg(x)).astype(x.dtype, copy=False))


def _celu(x, out=None):
    return _into(out, np.where(x >= 0, x, _expm1_neg(x)).astype(x.dtype, copy=False))


def _selu(x, out=None):
    value = _SELU_SCALE * np.where(x > 0, x, _SELU_ALPHA * _expm1_neg(x))
    return _into(out, value.astype(x.dtype, copy=False))


def _softplus(x, out=None):
    return np.logaddexp(0, x, out=out)


def _softsign(x, out=None):
    return _into(out, x / (1 + np.abs(x)))


def _silu(x, out=None):
    return _into(out, x * expit(x))


def _gelu(x, out=None):
    return _into(out, (0.5 * x * (1 + erf(x / np.sqrt(2)))).astype(x.dtype, copy=False))


def _mish(x, out=None):
    return _into(out, x * np.tanh(np.logaddexp(0, x)))


def _exponential(x, out=None):
    return np.exp(x, out=out)


def _hard_silu(x, out=None):
    return _into(out, (x * np.clip(x / 6 + 0.5, 0, 1)).astype(x.dtype, copy=False))


def _log_sigmoid(x, out=None):
    return _into(out, -np.logaddexp(0, -x))


def _tanh_shrink(x, out=None):
    return _into(out, x - np.tanh(x))


def _soft_shrink(x, out=None):
    value = np.where(x > 0.5, x - 0.5, np.where(x < -0.5, x + 0.5, 0))
    return _into(out, value.astype(x.dtype, copy=False))


def _hard_shrink(x, out=None):
    return _into(out, np.where(np.abs(x) > 0.5, x, 0).astype(x.dtype, copy=False))


def _sparse_plus(x, out=None):
    value = np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4))
    return _into(out, value.astype(x.dtype, copy=False))


def _squareplus(x, out=None):
    return _into(out, ((x + np.sqrt(x * x + 4)) / 2).astype(x.dtype, copy=False))


def _sparse_sigmoid(x, out=None):
    return _into(out, np.clip((x + 1) / 2, 0, 1).astype(x.dtype, copy=False))


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": expit,
    "tanh": np.tanh,
    "linear": _linear,
    "relu": _relu,
    "relu6": _relu6,
    "leaky_relu": _leaky_relu,
    "elu": _elu,
    "selu": _selu,
    "celu": _celu,
    "softplus": _softplus,
    "softsign": _softsign,
    "silu": _silu,
    "swish": _silu,
    "gelu": _gelu,
    "mish": _mish,
    "exponential": _exponential,
    "hard_sigmoid": _hard_sigmoid,
    "hard_silu": _hard_silu,
    "hard_swish": _hard_silu,
    "hard_tanh": _hard_tanh,
    "log_sigmoid": _log_sigmoid,
    "tanh_shrink": _tanh_shrink,
    "soft_shrink": _soft_shrink,
    "hard_shrink": _hard_shrink,
    "sparse_plus": _sparse_plus,
    "squareplus": _squareplus,
    "sparse_sigmoid": _sparse_sigmoid,
    KERAS2_HARD_SIGMOID: _hard_sigmoid_keras2,
}
"""Every activation a recurrent layer may name, by name (see the module docstring)."""

_INF = float("inf")
RANGES: dict[str, tuple[float, float]] = {
    "sigmoid": (0.0, 1.0), "hard_sigmoid": (0.0, 1.0), KERAS2_HARD_SIGMOID: (0.0, 1.0), "sparse_sigmoid": (0.0, 1.0),
    "tanh": (-1.0, 1.0), "hard_tanh": (-1.0, 1.0), "softsign": (-1.0, 1.0),
    "relu": (0.0, _INF), "relu6": (0.0, 6.0), "softplus": (0.0, _INF), "exponential": (0.0, _INF),
    "sparse_plus": (0.0, _INF), "squareplus": (0.0, _INF),
    "elu": (-1.0, _INF), "celu": (-1.0, _INF), "selu": (-_SELU_SCALE * _SELU_ALPHA, _INF),
    "silu": (-0.2785, _INF), "swish": (-0.2785, _INF), "gelu": (-0.17, _INF), "mish": (-0.3089, _INF),
    "hard_silu": (-0.375, _INF), "hard_swish": (-0.375, _INF), "log_sigmoid": (-_INF, 0.0),
    "linear": (-_INF, _INF), "leaky_relu": (-_INF, _INF), "tanh_shrink": (-_INF, _INF),
    "soft_shrink": (-_INF, _INF), "hard_shrink": (-_INF, _INF),
}
"""The values each activation can produce, (low, high) with ±inf where unbounded: a chart's colour
range follows it (a relu candidate is not squeezed into [-1, 1])."""


def activation(name: str) -> Activation:
    """The function for activation ``name``; a ValueError that names the choices otherwise."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(f"expected an activation among {sorted(ACTIVATIONS)}, got {name!r}") from None


def output_range(name: str) -> tuple[float, float]:
    """(low, high) of what activation ``name`` can produce (±inf where unbounded)."""
    activation(name)
    return RANGES[name]
