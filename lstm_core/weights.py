"""Where weights come from: Keras-like seeded initialisation, teaching presets, NPZ files.

Keras 3's ``LSTM`` defaults, reproduced in distribution by :func:`init_weights`:

* kernel W (D, 4H): glorot_uniform, U(-l, l) with l = sqrt(6 / (D + 4H))
* recurrent_kernel U (H, 4H): orthogonal (rows orthonormal, from the QR of a Gaussian matrix)
* bias b (4H,): zeros, with the forget slice set to 1 (``unit_forget_bias=True``)
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

import numpy as np

from lstm_core.cell import GATES, LSTMWeights, gate_slice

MAX_UNITS = 4096


def init_weights(
    input_dim: int,
    units: int,
    seed: int = 0,
    dtype: np.dtype | type = np.float32,
    unit_forget_bias: bool = True,
) -> LSTMWeights:
    """Seeded weights equal in law to a freshly built Keras ``LSTM(units)``; see the module docstring."""
    if not isinstance(input_dim, (int, np.integer)) or input_dim < 1:
        raise ValueError(f"expected input_dim > 0, got {input_dim!r}")
    if not isinstance(units, (int, np.integer)) or not 1 <= units <= MAX_UNITS:
        raise ValueError(f"expected units between 1 and {MAX_UNITS}, got {units!r}")
    rng = np.random.default_rng(seed)
    limit = np.sqrt(6.0 / (input_dim + 4 * units))
    kernel = rng.uniform(-limit, limit, size=(input_dim, 4 * units))
    recurrent = orthogonal((units, 4 * units), rng)
    bias = np.zeros(4 * units)
    if unit_forget_bias:
        bias[gate_slice("f", units)] = 1.0
    return LSTMWeights(kernel, recurrent, bias).astype(dtype)


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


def random_weights(
    input_dim: int, units: int, seed: int = 0, scale: float = 1.0, bias_scale: float = 1.0,
    dtype: np.dtype | type = np.float32,
) -> LSTMWeights:
    """Gaussian weights with non-zero biases: the test fixture that catches swapped gate slices."""
    rng = np.random.default_rng(seed)
    return LSTMWeights(
        scale * rng.standard_normal((input_dim, 4 * units)) / np.sqrt(input_dim),
        scale * rng.standard_normal((units, 4 * units)) / np.sqrt(units),
        bias_scale * rng.standard_normal(4 * units),
    ).astype(dtype)


# --- one unit, parameter by parameter -------------------------------------------------

ONE_UNIT_PARAMS: tuple[str, ...] = tuple(f"{kind}_{g}" for g in GATES for kind in ("W", "U", "b"))
"""Names of a one-input, one-unit cell's twelve numbers: W_i, U_i, b_i, W_f, ... b_o."""


def one_unit(params: dict[str, float]) -> LSTMWeights:
    """A cell with D = H = 1 from named numbers (see :data:`ONE_UNIT_PARAMS`; missing ones are 0).

    So  f_t = σ(W_f·x_t + U_f·h_{t-1} + b_f), and likewise for i, c̃ (tanh) and o.
    """
    unknown = set(params) - set(ONE_UNIT_PARAMS)
    if unknown:
        raise ValueError(f"expected parameter names among {ONE_UNIT_PARAMS}, got {sorted(unknown)}")
    value = lambda kind, g: float(params.get(f"{kind}_{g}", 0.0))  # noqa: E731
    return LSTMWeights(
        np.array([[value("W", g) for g in GATES]]),
        np.array([[value("U", g) for g in GATES]]),
        np.array([value("b", g) for g in GATES]),
    ).astype(np.float32)


def one_unit_params(weights: LSTMWeights, unit: int = 0, feature: int = 0) -> dict[str, float]:
    """The twelve named numbers of one unit (its own recurrent weight, one input feature)."""
    out = {}
    for g in GATES:
        kernel, recurrent, bias = weights.gate(g)
        out[f"W_{g}"] = float(kernel[feature, unit])
        out[f"U_{g}"] = float(recurrent[unit, unit])
        out[f"b_{g}"] = float(bias[unit])
    return out


def stack_units(cells: list[LSTMWeights]) -> LSTMWeights:
    """Put independent cells side by side: units concatenated, recurrent kernel block-diagonal.

    Every cell must have the same input_dim; unit k of the result behaves as it did alone.
    """
    if not cells:
        raise ValueError("expected at least one cell to stack, got none")
    dims = {w.input_dim for w in cells}
    if len(dims) != 1:
        raise ValueError(f"expected cells with one input_dim, got {sorted(dims)}")
    units = [w.units for w in cells]
    total = sum(units)
    kernel = np.zeros((cells[0].input_dim, 4 * total))
    recurrent = np.zeros((total, 4 * total))
    bias = np.zeros(4 * total)
    start = 0
    for w, h in zip(cells, units):
        for g in GATES:
            src = gate_slice(g, h)
            dst_cols = slice(gate_slice(g, total).start + start, gate_slice(g, total).start + start + h)
            kernel[:, dst_cols] = w.kernel[:, src]
            recurrent[start : start + h, dst_cols] = w.recurrent_kernel[:, src]
            bias[dst_cols] = w.bias[src]
        start += h
    return LSTMWeights(kernel, recurrent, bias).astype(np.float32)


# --- teaching presets -----------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    """A named cell with a known behaviour (its test pins that behaviour down)."""

    name: str
    build: Callable[[], LSTMWeights]
    unit_names: tuple[str, ...]


def _remember() -> LSTMWeights:
    # f ≈ 1 always; the input gate opens only for x ≳ 0.5, so a spike is written once and kept.
    return one_unit({"b_f": 12.0, "W_i": 8.0, "b_i": -4.0, "W_c": 4.0, "b_o": 4.0})


def _forget() -> LSTMWeights:
    # f ≈ 0 and i ≈ 1: c_t ≈ tanh(4 x_t), nothing of c_{t-1} survives a step.
    return one_unit({"b_f": -12.0, "b_i": 12.0, "W_c": 4.0, "b_o": 4.0})


def _latch() -> LSTMWeights:
    # x = +1 sets (i opens, c̃ ≈ 1), x = 0 holds (f ≈ 1, i ≈ 0), x = -1 resets (f ≈ 0, i ≈ 0).
    return one_unit({"W_i": 20.0, "b_i": -10.0, "b_c": 10.0, "W_f": 20.0, "b_f": 10.0, "b_o": 10.0})


def _accumulate() -> LSTMWeights:
    # f ≈ 1 and i ≈ 1: c_t ≈ c_{t-1} + tanh(x_t), a running sum of the (squashed) inputs.
    return one_unit({"b_f": 12.0, "b_i": 12.0, "W_c": 1.0, "b_o": 12.0})


PRESETS: dict[str, Preset] = {
    "remember": Preset("remember", _remember, ("remember",)),
    "forget": Preset("forget", _forget, ("forget",)),
    "latch": Preset("latch", _latch, ("latch",)),
    "accumulate": Preset("accumulate", _accumulate, ("accumulate",)),
    "showcase": Preset(
        "showcase",
        lambda: stack_units([_remember(), _forget(), _latch(), _accumulate()]),
        ("remember", "forget", "latch", "accumulate"),
    ),
}
"""Teaching presets; every one takes a single input feature (D = 1)."""


def preset_weights(name: str) -> LSTMWeights:
    """The weights of preset ``name`` (a key of :data:`PRESETS`)."""
    if name not in PRESETS:
        raise ValueError(f"expected a preset among {sorted(PRESETS)}, got {name!r}")
    return PRESETS[name].build()


# --- files ---------------------------------------------------------------------------

_KEYS = ("kernel", "recurrent_kernel", "bias")


def save_weights_npz(weights: LSTMWeights | list[LSTMWeights], file: str | Path | BinaryIO | None = None) -> bytes | None:
    """Save one layer or a stack of layers as ``.npz`` (``layer{k}_kernel`` ...); bytes when no file."""
    layers = weights if isinstance(weights, list) else [weights]
    arrays = {f"layer{k}_{key}": getattr(w, key) for k, w in enumerate(layers) for key in _KEYS}
    if file is None:
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        return buffer.getvalue()
    np.savez(file, **arrays)
    return None


def load_weights_npz(file: str | Path | BinaryIO | bytes) -> list[LSTMWeights]:
    """Load the layers saved by :func:`save_weights_npz`; never unpickles (``allow_pickle=False``)."""
    if isinstance(file, (bytes, bytearray)):
        file = io.BytesIO(file)
    try:
        data = np.load(file, allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise ValueError(f"expected a NumPy .npz file of LSTM weights, but it could not be read ({exc})") from None
    with data:
        layers = []
        k = 0
        while f"layer{k}_kernel" in data.files:
            try:
                layers.append(LSTMWeights(*(data[f"layer{k}_{key}"] for key in _KEYS)))
            except KeyError as exc:
                raise ValueError(f"layer {k} of the .npz file is missing {exc}") from None
            k += 1
    if not layers:
        raise ValueError("expected arrays named layer0_kernel, layer0_recurrent_kernel, layer0_bias in the .npz file, found none")
    return layers
