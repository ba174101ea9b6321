"""The step-through page's one view of a recurrent layer, whatever it came from: a teaching preset,
the forecast page's model (LSTM stacks traced here) or a person's model file (each LSTM, GRU and
SimpleRNN layer, each direction of a Bidirectional one, traced by :mod:`lstm_core.models`).

Every array a :class:`ShownLayer` gives is in the input's time order (row t is input step t), as
the heatmaps and the stepper show it; :meth:`ShownLayer.cell_step` gives the cell's own record and
step for input step t (a backward layer ran from the last step, a windowed model ran once per
window), so a breakdown uses the state the cell actually had before that step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lstm_core import LSTMWeights, Trace
from lstm_core.analysis.breakdown import (
    GRUBreakdown,
    RNNBreakdown,
    StepBreakdown,
    gru_breakdown,
    rnn_breakdown,
    step_breakdown,
)
from lstm_core.cells.gates import QUANTITIES_OF
from lstm_core.models import LayerTrace, ModelTrace, RecurrentLayer


@dataclass(frozen=True, eq=False)
class ShownLayer:
    """One recurrent layer (one direction) traced on one sequence, as the page shows it.

    kind:        "lstm", "gru" or "rnn"
    x:           (T, D) what the layer was fed, input time order
    arrays:      quantity -> (T, H), input time order (the kind's quantities, :data:`QUANTITIES_OF`)
    weights:     the cell's weights; activation, recurrent_activation: Keras names (None for an RNN's gates)
    cells:       the cell's records: one (the whole sequence) or, for a windowed model, one per window
    backwards:   the cell read the sequence from its last step (go_backwards, a Bidirectional's backward copy)
    mask:        (T,) bool, True where a step counts, or None
    layer:       the model file's :class:`RecurrentLayer`, or None for the page's own LSTM stacks
    index:       the layer's place in the stack (0 first), for the page's own stacks
    windows:     the cells ran once per window (a windowed model, each window a fresh one-step run)
    """

    kind: str
    x: np.ndarray
    arrays: dict[str, np.ndarray]
    weights: object
    cells: tuple
    activation: str = "tanh"
    recurrent_activation: str | None = "sigmoid"
    backwards: bool = False
    mask: np.ndarray | None = None
    layer: RecurrentLayer | None = None
    index: int = 0
    windows: bool = False

    @property
    def quantities(self) -> tuple[str, ...]:
        """What this kind of cell records per unit, in story order (LSTM: f, i, c̃, o, C, h)."""
        return QUANTITIES_OF[self.kind]

    @property
    def steps(self) -> int:
        return self.x.shape[0]

    @property
    def units(self) -> int:
        return self.arrays["h"].shape[1]

    @property
    def h(self) -> np.ndarray:
        return self.arrays["h"]

    def quantity(self, q: str) -> np.ndarray:
        """(T, H) quantity ``q`` in input time order (``"x"``: (T, D))."""
        return self.x if q == "x" else self.arrays[q]

    def masked(self, t: int) -> bool:
        """Whether input step ``t`` is masked (the cell carried its state over it)."""
        return self.mask is not None and not bool(self.mask[t])

    def cell_step(self, t: int) -> tuple[object, int]:
        """(the cell's record, its step) for input step ``t``."""
        if self.windows:
            return self.cells[t], 0
        k = self.steps - 1 - t if self.backwards else t
        return self.cells[0], k

    def breakdown(self, t: int, unit: int) -> StepBreakdown | GRUBreakdown | RNNBreakdown:
        """Every term of the cell's equations for ``unit`` at input step ``t``, from the state it had before."""
        cell, k = self.cell_step(t)
        if self.kind == "lstm":
            return step_breakdown(cell, self.weights, k, unit, activation=self.activation,
                                  recurrent_activation=self.recurrent_activation)
        if self.kind == "gru":
            return gru_breakdown(cell, self.weights, k, unit, activation=self.activation,
                                 recurrent_activation=self.recurrent_activation)
        return rnn_breakdown(cell, self.weights, k, unit, activation=self.activation)

    def fed_directly(self) -> bool:
        """Whether the layer reads the model's input as it is (nothing stands between)."""
        if self.layer is None:
            return self.index == 0
        return self.layer.fed_by is None and len(self.layer.feeds_from) <= 1


def of_stack(traces: Sequence[Trace], layers: Sequence[LSTMWeights]) -> tuple[ShownLayer, ...]:
    """The page's own LSTM stacks (presets, random, one unit, the forecast page's model), layer by layer."""
    return tuple(
        ShownLayer("lstm", trace.x, {q: trace.quantity(q) for q in QUANTITIES_OF["lstm"]}, weights, (trace,), index=k)
        for k, (trace, weights) in enumerate(zip(traces, layers))
    )


def _arrays(lt: LayerTrace) -> dict[str, np.ndarray]:
    return {q: lt.quantity(q) for q in QUANTITIES_OF[lt.layer.kind]}


def of_model(trace: ModelTrace) -> tuple[ShownLayer, ...]:
    """Every recurrent layer of a person's model traced on one sequence."""
    return tuple(
        ShownLayer(lt.layer.kind, lt.x, _arrays(lt), lt.layer.weights, (lt.processing,), lt.layer.activation,
                   lt.layer.recurrent_activation, lt.layer.go_backwards, lt.mask, lt.layer, index=k)
        for k, lt in enumerate(trace.layers)
    )


def of_windows(traces: Sequence[ModelTrace]) -> tuple[ShownLayer, ...]:
    """A windowed model traced once per window (each a one-step run from zero state): row t of every
    array is the run on window t."""
    shown = []
    for k, first in enumerate(traces[0].layers):
        per_window = [tr.layers[k] for tr in traces]
        if any(lt.steps != 1 for lt in per_window):
            raise ValueError("expected one step per window")
        layer = first.layer
        arrays = {q: np.concatenate([lt.quantity(q) for lt in per_window]) for q in QUANTITIES_OF[layer.kind]}
        x = np.concatenate([lt.x for lt in per_window])
        masks = [lt.mask for lt in per_window]
        mask = None if all(m is None for m in masks) else np.concatenate(
            [np.ones(1, bool) if m is None else np.asarray(m, bool) for m in masks])
        shown.append(ShownLayer(layer.kind, x, arrays, layer.weights, tuple(lt.processing for lt in per_window),
                                layer.activation, layer.recurrent_activation, layer.go_backwards, mask, layer,
                                index=k, windows=True))
    return tuple(shown)
