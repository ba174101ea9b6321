"""The layers around the recurrent ones, in NumPy, as Keras computes them at inference.

Each op takes and returns :class:`~lstm_core.models.graph.Tensor` s with a batch axis of one:
sequences ``(1, T, D)``, vectors ``(1, D)``, token ids ``(1, T)``. Masks follow Keras 3's rules: a
layer that supports masking passes its input's mask on (Dense, Activation, dropouts and noise,
normalisations, TimeDistributed); one that does not drops it (Conv1D, pooling, Reshape, Flatten,
RepeatVector); Embedding(mask_zero=True) and Masking make one; merges combine them.
Dropout, SpatialDropout1D, GaussianNoise, GaussianDropout, AlphaDropout and ActivityRegularization
are the identity at inference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from lstm_core.cells.activations import activation as cell_activation
from lstm_core.models.graph import NotReplayed, Op, Tensor


def apply_activation(name: str, x: np.ndarray) -> np.ndarray:
    """A built-in activation by name; softmax and log_softmax over the last axis."""
    if name in ("softmax", "log_softmax"):
        shifted = x - np.max(x, axis=-1, keepdims=True)
        if name == "softmax":
            e = np.exp(shifted)
            return e / np.sum(e, axis=-1, keepdims=True)
        return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    if name == "linear":
        return x
    return cell_activation(name)(x)


def _seq(t: Tensor, what: str) -> np.ndarray:
    if t.value.ndim != 3:
        raise NotReplayed(f"{what} expects (steps, features)")
    return t.value


@dataclass(frozen=True)
class Identity(Op):
    """Dropout and friends at inference: the input, its mask kept."""

    def run(self, inputs, record, dtype):
        return [inputs[0]]


@dataclass(frozen=True)
class Activation(Op):
    name: str

    def run(self, inputs, record, dtype):
        return [Tensor(apply_activation(self.name, inputs[0].value).astype(dtype, copy=False), inputs[0].mask)]


@dataclass(frozen=True)
class Dense(Op):
    """x @ kernel + bias on the last axis (2-D or 3-D input; also TimeDistributed(Dense)); mask kept."""

    kernel: np.ndarray
    bias: np.ndarray | None
    activation: str

    def run(self, inputs, record, dtype):
        x = inputs[0].value
        if x.shape[-1] != self.kernel.shape[0]:
            raise ValueError(f"expected {self.kernel.shape[0]} features, got {x.shape[-1]}")
        y = x @ self.kernel.astype(dtype, copy=False)
        if self.bias is not None:
            y = y + self.bias.astype(dtype, copy=False)
        return [Tensor(apply_activation(self.activation, y).astype(dtype, copy=False), inputs[0].mask)]


@dataclass(frozen=True)
class Embedding(Op):
    """Token ids (1, T) -> (1, T, output_dim); mask = ids != 0 with mask_zero."""

    table: np.ndarray
    mask_zero: bool

    def run(self, inputs, record, dtype):
        ids = inputs[0].value
        if not np.issubdtype(ids.dtype, np.integer):
            raise NotReplayed("an Embedding needs token ids")
        if ids.size and (ids.min() < 0 or ids.max() >= self.table.shape[0]):
            raise ValueError("token id outside the vocabulary")
        out = self.table.astype(dtype, copy=False)[ids]
        return [Tensor(out, (ids != 0) if self.mask_zero else None)]


@dataclass(frozen=True)
class Masking(Op):
    """mask = any(x != mask_value) per step; masked steps' values set to 0 (as Keras 3 does)."""

    mask_value: float

    def run(self, inputs, record, dtype):
        x = _seq(inputs[0], "Masking")
        keep = np.any(x != np.asarray(self.mask_value, x.dtype), axis=-1)
        return [Tensor(np.where(keep[..., None], x, np.zeros((), x.dtype)), keep)]


@dataclass(frozen=True)
class Conv1D(Op):
    """kernel (K, D_in, F), channels_last; padding valid / same (TensorFlow's split) / causal; mask dropped."""

    kernel: np.ndarray
    bias: np.ndarray | None
    strides: int
    padding: str
    dilation: int
    activation: str

    def run(self, inputs, record, dtype):
        x = _seq(inputs[0], "Conv1D")
        k, d_in, filters = self.kernel.shape
        if x.shape[-1] != d_in:
            raise ValueError(f"expected {d_in} channels, got {x.shape[-1]}")
        steps, s, dil = x.shape[1], self.strides, self.dilation
        span = dil * (k - 1) + 1
        if self.padding == "causal":
            left, right = span - 1, 0
        elif self.padding == "same":
            out_len = math.ceil(steps / s)
            total = max((out_len - 1) * s + span - steps, 0)
            left, right = total // 2, total - total // 2
        else:
            left = right = 0
        xp = np.pad(x, ((0, 0), (left, right), (0, 0)))
        out_len = (xp.shape[1] - span) // s + 1
        if out_len < 1:
            raise ValueError("the sequence is shorter than the convolution's window")
        w = self.kernel.astype(dtype, copy=False)
        y = np.zeros((1, out_len, filters), dtype)
        stop = (out_len - 1) * s + 1
        for tap in range(k):
            start = tap * dil
            y += xp[:, start:start + stop:s] @ w[tap]
        if self.bias is not None:
            y += self.bias.astype(dtype, copy=False)
        return [Tensor(apply_activation(self.activation, y).astype(dtype, copy=False), None)]


@dataclass(frozen=True)
class Pool1D(Op):
    """MaxPooling1D / AveragePooling1D over time (padding valid or same, TensorFlow's split; an average
    over 'same' padding counts only real steps); mask dropped."""

    kind: str  # "max" | "average"
    pool: int
    strides: int
    padding: str

    def run(self, inputs, record, dtype):
        x = _seq(inputs[0], "pooling")
        steps, p, s = x.shape[1], self.pool, self.strides
        if self.padding == "same":
            out_len = math.ceil(steps / s)
            total = max((out_len - 1) * s + p - steps, 0)
            left = total // 2
        else:
            out_len = (steps - p) // s + 1
            left = 0
        if out_len < 1:
            raise ValueError("the sequence is shorter than the pooling window")
        y = np.empty((1, out_len, x.shape[2]), dtype)
        for t in range(out_len):
            lo, hi = max(t * s - left, 0), min(t * s - left + p, steps)
            window = x[:, lo:hi]
            y[:, t] = window.max(axis=1) if self.kind == "max" else window.mean(axis=1)
        return [Tensor(y, None)]


@dataclass(frozen=True)
class GlobalPool1D(Op):
    """GlobalAveragePooling1D (a masked mean when a mask arrives) / GlobalMaxPooling1D; no mask out."""

    kind: str
    keepdims: bool

    def run(self, inputs, record, dtype):
        x = _seq(inputs[0], "global pooling")
        mask = inputs[0].mask
        if self.kind == "average" and mask is not None:
            w = mask[..., None].astype(dtype)
            with np.errstate(invalid="ignore"):  # every step masked: 0/0, NaN, as Keras' own sum / sum
                y = np.sum(x * w, axis=1, keepdims=self.keepdims) / np.sum(w, axis=1, keepdims=self.keepdims)
        elif self.kind == "average":
            y = np.mean(x, axis=1, keepdims=self.keepdims)
        else:
            y = np.max(x, axis=1, keepdims=self.keepdims)
        return [Tensor(y.astype(dtype, copy=False), None)]


@dataclass(frozen=True)
class Normalization(Op):
    """(x - mean) / max(sqrt(variance), 1e-7) on the last axis (Keras' Normalization, invert=False); mask kept."""

    mean: np.ndarray
    variance: np.ndarray

    def run(self, inputs, record, dtype):
        x = inputs[0].value
        mean, var = self.mean.astype(dtype), self.variance.astype(dtype)
        y = (x - mean) / np.maximum(np.sqrt(var), np.asarray(1e-7, dtype))
        return [Tensor(y.astype(dtype, copy=False), inputs[0].mask)]


@dataclass(frozen=True)
class BatchNormalization(Op):
    """Inference: (x - moving_mean) / sqrt(moving_variance + epsilon) * gamma + beta on the last axis; mask kept."""

    gamma: np.ndarray | None
    beta: np.ndarray | None
    mean: np.ndarray
    variance: np.ndarray
    epsilon: float

    def run(self, inputs, record, dtype):
        x = inputs[0].value
        inv = 1.0 / np.sqrt(self.variance.astype(dtype) + np.asarray(self.epsilon, dtype))
        if self.gamma is not None:
            inv = inv * self.gamma.astype(dtype)
        y = (x - self.mean.astype(dtype)) * inv
        if self.beta is not None:
            y = y + self.beta.astype(dtype)
        return [Tensor(y.astype(dtype, copy=False), inputs[0].mask)]


@dataclass(frozen=True)
class LayerNormalization(Op):
    """(x - mean) / sqrt(var + epsilon) * gamma + beta over the last axis; mask kept."""

    gamma: np.ndarray | None
    beta: np.ndarray | None
    epsilon: float

    def run(self, inputs, record, dtype):
        x = inputs[0].value
        mean = x.mean(axis=-1, keepdims=True)
        var = np.mean(np.square(x - mean), axis=-1, keepdims=True)
        y = (x - mean) / np.sqrt(var + np.asarray(self.epsilon, dtype))
        if self.gamma is not None:
            y = y * self.gamma.astype(dtype)
        if self.beta is not None:
            y = y + self.beta.astype(dtype)
        return [Tensor(y.astype(dtype, copy=False), inputs[0].mask)]


@dataclass(frozen=True)
class Reshape(Op):
    """Keras' Reshape (target shape without the batch axis, one -1 allowed) or Flatten (target None); mask dropped."""

    target: tuple[int, ...] | None

    def run(self, inputs, record, dtype):
        x = inputs[0].value
        target = (-1,) if self.target is None else self.target
        return [Tensor(x.reshape((1,) + tuple(target)), None)]


@dataclass(frozen=True)
class RepeatVector(Op):
    n: int

    def run(self, inputs, record, dtype):
        x = inputs[0].value
        if x.ndim != 2:
            raise NotReplayed("RepeatVector expects a vector")
        return [Tensor(np.repeat(x[:, None, :], self.n, axis=1), None)]


@dataclass(frozen=True)
class Merge(Op):
    """Concatenate (on ``axis``), Add, Subtract, Multiply, Average, Maximum, Minimum, with Keras 3's masks:
    Concatenate ORs the masks where any input has one (an input without one counts as all steps);
    the others OR them only when every input has one."""

    kind: str
    axis: int = -1
    KINDS: ClassVar[tuple[str, ...]] = ("concatenate", "add", "subtract", "multiply", "average", "maximum", "minimum")

    def run(self, inputs, record, dtype):
        values = [t.value for t in inputs]
        masks = [t.mask for t in inputs]
        if self.kind == "concatenate":
            out = np.concatenate(values, axis=self.axis)
            mask = None
            if any(m is not None for m in masks):
                full = [np.ones(v.shape, bool) if m is None else np.broadcast_to(m[..., None], v.shape)
                        for v, m in zip(values, masks)]
                mask = np.any(np.concatenate(full, axis=self.axis), axis=-1)
            return [Tensor(out.astype(dtype, copy=False), mask)]
        if self.kind == "subtract":
            if len(values) != 2:
                raise NotReplayed("Subtract takes two inputs")
            out = values[0] - values[1]
        else:
            reduce = {"add": np.add, "multiply": np.multiply, "average": np.add, "maximum": np.maximum,
                      "minimum": np.minimum}[self.kind]
            out = values[0]
            for v in values[1:]:
                out = reduce(out, v)
            if self.kind == "average":
                out = out / np.asarray(len(values), out.dtype)
        mask = None
        if all(m is not None for m in masks):
            mask = masks[0]
            for m in masks[1:]:
                mask = mask | m
        return [Tensor(np.asarray(out).astype(dtype, copy=False), mask)]


@dataclass(frozen=True)
class KerasOp(Op):
    """The keras.ops a Keras 3 functional graph uses for masks: not_equal(x, constant), any(x, axis, keepdims),
    logical_or(a, b), expand_dims(x, axis), zeros_like / ones_like(x, dtype), concatenate(xs, axis)."""

    kind: str
    axis: int = -1
    keepdims: bool = False
    dtype: str | None = None
    constant: float | None = None

    def run(self, inputs, record, dtype):
        v = [t.value for t in inputs]
        if self.kind == "NotEqual":
            out = v[0] != np.asarray(self.constant, v[0].dtype)
        elif self.kind == "Any":
            out = np.any(v[0], axis=self.axis, keepdims=self.keepdims)
        elif self.kind == "LogicalOr":
            out = np.logical_or(v[0], v[1])
        elif self.kind == "ExpandDims":
            out = np.expand_dims(v[0], self.axis)
        elif self.kind in ("ZerosLike", "OnesLike"):
            fill = np.zeros_like if self.kind == "ZerosLike" else np.ones_like
            out = fill(v[0], dtype=self.dtype or v[0].dtype)
        else:  # Concatenate
            out = np.concatenate(v, axis=self.axis)
        return [Tensor(out)]


@dataclass(frozen=True)
class MaskedCall(Op):
    """A layer called with explicit masks (``layer(x, mask=m)`` in a functional graph): the last inputs are
    the mask tensors, which replace the masks of the inputs at ``positions`` before ``op`` runs."""

    op: Op
    positions: tuple[int, ...]

    @property
    def RECORDS(self) -> bool:  # noqa: N802  (the Op attribute)
        return self.op.RECORDS

    def run(self, inputs, record, dtype):
        n = len(inputs) - len(self.positions)
        data = list(inputs[:n])
        for pos, mask in zip(self.positions, inputs[n:]):
            data[pos] = Tensor(data[pos].value, np.asarray(mask.value, bool).reshape(data[pos].value.shape[:2]))
        return self.op.run(data, record, dtype)
