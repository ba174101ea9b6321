"""Teaching presets: one-unit cells with a known behaviour, built from named numbers.

A cell with one input and one unit has twelve numbers, W, U and b of each gate, named by the
gate's letter (:data:`ONE_UNIT_PARAMS`: W_i, U_i, b_i, W_f, ... b_o; ``c`` is the candidate C̃), so

    f_t = σ(W_f·x_t + U_f·h_{t-1} + b_f), and likewise for i, C̃ (tanh) and o.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from lstm_core.cells import GATES, QUANTITY, LSTMWeights, gate_slice

ONE_UNIT_PARAMS: tuple[str, ...] = tuple(f"{kind}_{QUANTITY[g].letter}" for g in GATES for kind in ("W", "U", "b"))
"""Names of a one-input, one-unit cell's twelve numbers: W_i, U_i, b_i, W_f, ... b_o."""


def one_unit(params: dict[str, float]) -> LSTMWeights:
    """A cell with D = H = 1 from named numbers (see :data:`ONE_UNIT_PARAMS`; missing ones are 0).

    So  f_t = σ(W_f·x_t + U_f·h_{t-1} + b_f), and likewise for i, c̃ (tanh) and o.
    """
    unknown = set(params) - set(ONE_UNIT_PARAMS)
    if unknown:
        raise ValueError(f"expected parameter names among {ONE_UNIT_PARAMS}, got {sorted(unknown)}")
    value = lambda kind, g: float(params.get(f"{kind}_{QUANTITY[g].letter}", 0.0))  # noqa: E731
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
        letter = QUANTITY[g].letter
        out[f"W_{letter}"] = float(kernel[feature, unit])
        out[f"U_{letter}"] = float(recurrent[unit, unit])
        out[f"b_{letter}"] = float(bias[unit])
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


