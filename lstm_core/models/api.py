"""What an opened model file is, and what tracing it records: plain frozen dataclasses.

:class:`OpenedModel` is a person's model read as data (:func:`lstm_core.models.open_model`): its
input, its recurrent layers in the order the model runs them, and a private graph of NumPy
operations that replays the model. :meth:`OpenedModel.trace` runs one sequence through that graph
and records every recurrent layer on exactly what the model feeds it (:class:`LayerTrace`).

Time order. A layer that runs backwards (``go_backwards=True``, or the backward copy of a
``Bidirectional``) processes step T-1 first. Its cell's record, :attr:`LayerTrace.processing`, is
in that processing order; :meth:`LayerTrace.quantity` gives every quantity in the input's time
order (row t belongs to input step t), as Keras aligns a Bidirectional layer's outputs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from lstm_core.cells import GRUTrace, GRUWeights, LSTMWeights, RNNTrace, RNNWeights, Trace
from lstm_core.models.errors import ModelError

if TYPE_CHECKING:
    from lstm_core.models.graph import Graph

CellWeights = LSTMWeights | GRUWeights | RNNWeights
CellTrace = Trace | GRUTrace | RNNTrace

NPZ_QUANTITIES: dict[str, tuple[str, ...]] = {
    "lstm": ("x", "i", "f", "c_tilde", "o", "c", "h"),
    "gru": ("x", "z", "r", "h_tilde", "h"),
    "rnn": ("x", "h"),
}
"""The quantities :meth:`ModelTrace.to_npz` writes for each kind of layer, (T, units) each (x: (T, D))."""


@dataclass(frozen=True)
class ModelInput:
    """What the model takes per sequence (the batch axis left out).

    kind:     "float" (numbers, (T, D)) or "tokens" (integer ids, (T,), for an Embedding model)
    steps:    T when the model fixes it, else None (any length)
    features: D, numbers per step ("tokens": 1)
    vocab:    the Embedding's input_dim (ids 0..vocab-1) for "tokens", else None
    windowed: True for the windowing tutorial's models: one step of ``features`` = look_back values
              (a series is cut into windows, :meth:`OpenedModel.windows`, and each window traced as the
              model reads it: :meth:`OpenedModel.trace_windows`)
    shape:    the declared per-sequence shape (None where free), e.g. (None, 2), (1, 4), (10,), (16,)
    """

    kind: str
    steps: int | None
    features: int
    vocab: int | None = None
    windowed: bool = False
    shape: tuple[int | None, ...] = ()

    @property
    def look_back(self) -> int | None:
        """The window length of a windowed model, else None."""
        return self.features if self.windowed else None


@dataclass(frozen=True, eq=False)
class RecurrentLayer:
    """One recurrent layer of the model (one direction of a Bidirectional one), ready for the cells.

    path:      unique key and NPZ prefix: the Keras layer's name ("lstm"); "<name>/forward" and
               "<name>/backward" for a Bidirectional layer; "<model>/<name>" when layers of nested
               models share a name
    name:      the Keras layer's name (the Bidirectional wrapper's for its directions)
    kind:      "lstm", "gru" or "rnn" (SimpleRNN)
    direction: "forward" / "backward" for a Bidirectional layer's copies, else None
    weights:   LSTMWeights / GRUWeights / RNNWeights (zero bias when use_bias=False)
    activation, recurrent_activation: Keras names (recurrent_activation None for "rnn"); a Keras 2
               .h5 file's "hard_sigmoid" is ``KERAS2_HARD_SIGMOID``
    go_backwards: the cell runs from the last step to the first (the backward copy: True)
    return_sequences, return_state, use_bias: as configured
    stateful:  built stateful; the file holds no state, so it is traced from a zero state (as after
               ``reset_states()``; the model's notes say so)
    zero_output_for_mask: the layer outputs zeros at masked steps (Keras sets it for a
               Bidirectional layer that returns sequences), else it repeats the previous output
    feeds_from: names of the layers the data passes through to reach this one, nearest first, up to
               and including the previous recurrent layer or the model's input (paths for layers
               of nested models whose names collide), e.g. ("dropout", "lstm")
    fed_by:    path of the recurrent layer whose output reaches this one (the nearest on the data
               path; a Bidirectional layer's "<name>/forward"), or None when it is fed by the input
    branch:    layers with the same branch form one stack (each fed by the one before it);
               parallel branches have different numbers, so they are never shown as a stack
    """

    path: str
    name: str
    kind: str
    direction: str | None
    weights: CellWeights
    activation: str
    recurrent_activation: str | None
    go_backwards: bool = False
    return_sequences: bool = False
    return_state: bool = False
    use_bias: bool = True
    stateful: bool = False
    zero_output_for_mask: bool = False
    feeds_from: tuple[str, ...] = ()
    fed_by: str | None = None
    branch: int = 0

    @property
    def units(self) -> int:
        """H."""
        return self.weights.units

    @property
    def input_size(self) -> int:
        """D, the features per step this layer takes."""
        return self.weights.input_dim

    @property
    def reset_after(self) -> bool | None:
        """A GRU's reset_after (read off its bias), else None."""
        return self.weights.reset_after if isinstance(self.weights, GRUWeights) else None

    def describe(self) -> dict[str, Any]:
        """A JSON-ready summary: name, path, kind, direction, units, input size, activations, feeds."""
        return {
            "path": self.path, "name": self.name, "kind": self.kind, "direction": self.direction,
            "units": self.units, "input_size": self.input_size, "activation": self.activation,
            "recurrent_activation": self.recurrent_activation, "use_bias": self.use_bias,
            "reset_after": self.reset_after, "go_backwards": self.go_backwards,
            "return_sequences": self.return_sequences, "return_state": self.return_state, "stateful": self.stateful,
            "feeds_from": list(self.feeds_from), "fed_by": self.fed_by, "branch": self.branch,
        }


@dataclass(frozen=True, eq=False)
class LayerTrace:
    """One recurrent layer run on what the model fed it for one sequence.

    layer:      the :class:`RecurrentLayer`
    x:          (T, D) what the model fed it, input time order (T is after any pooling/striding)
    processing: the cell's record (Trace / GRUTrace / RNNTrace) in the order the cell ran: reversed
                for a layer that goes backwards; at a masked step the state is carried over
    mask:       (T,) bool, True where a step counts, input order; None when the model has no mask here
    """

    layer: RecurrentLayer
    x: np.ndarray
    processing: CellTrace
    mask: np.ndarray | None = None

    @property
    def steps(self) -> int:
        return self.x.shape[0]

    def processing_step(self, t: int) -> int:
        """The index in :attr:`processing` of input step ``t``."""
        if not -self.steps <= t < self.steps:
            raise IndexError(f"expected a step in 0..{self.steps - 1}, got {t}")
        t %= self.steps
        return self.steps - 1 - t if self.layer.go_backwards else t

    def _in_input_order(self, arr: np.ndarray) -> np.ndarray:
        return arr[::-1] if self.layer.go_backwards else arr

    def quantity(self, q: str) -> np.ndarray:
        """(T, H) quantity ``q`` in input time order (``"x"``: (T, D)).

        ``"h"`` is what the layer outputs at each step, as Keras does: the hidden state, except at a
        masked step of a layer with :attr:`RecurrentLayer.zero_output_for_mask`, where it is 0
        (the carried state is ``processing.h``). Other quantities come from the cell as it ran.
        """
        if q == "x":
            return self.x
        if q == "h":
            return self._in_input_order(self.outputs_processing())
        if not hasattr(self.processing, q) or q in ("h0", "c0"):
            raise ValueError(f"expected one of {NPZ_QUANTITIES[self.layer.kind]}, got {q!r}")
        return self._in_input_order(getattr(self.processing, q))

    def outputs_processing(self) -> np.ndarray:
        """(T, H) the layer's output at each step in processing order (Keras' ``return_sequences`` output)."""
        h = self.processing.h
        if self.mask is None or not self.layer.zero_output_for_mask:
            return h
        keep = self._in_input_order(self.mask)
        return np.where(keep[:, None], h, np.zeros((), h.dtype))

    def final_state(self) -> tuple[np.ndarray, ...]:
        """The states after the last processed step: (h,) or, for an LSTM, (h, c); (H,) each."""
        states = (self.processing.h[-1],)
        if isinstance(self.processing, Trace):
            states += (self.processing.c[-1],)
        return states


@dataclass(frozen=True, eq=False)
class ModelTrace:
    """Every recurrent layer of a model traced on one sequence.

    layers: one :class:`LayerTrace` per :attr:`OpenedModel.layers` entry, same order
    output:  the model's own output for the sequence (batch axis dropped; a list for several
             outputs) where the replay reaches it, else None
    notes:   sentences about the replay a person should know (pooling changed T, ...)
    """

    layers: tuple[LayerTrace, ...]
    output: Any = None
    notes: tuple[str, ...] = ()

    def __getitem__(self, path: str) -> LayerTrace:
        for layer in self.layers:
            if layer.layer.path == path:
                return layer
        raise KeyError(f"expected a layer among {[lt.layer.path for lt in self.layers]}, got {path!r}")

    def arrays(self) -> dict[str, np.ndarray]:
        """``"<path>/<quantity>"`` -> (T, units) in input time order (``x``: (T, D)), plus
        ``"<layer name>/mask"`` (T,) where a mask reached the layer (once for both directions of a
        Bidirectional layer), and ``"model/output"`` (with Keras' batch axis of one) when computed."""
        out: dict[str, np.ndarray] = {}
        for lt in self.layers:
            for q in NPZ_QUANTITIES[lt.layer.kind]:
                out[f"{lt.layer.path}/{q}"] = np.ascontiguousarray(lt.quantity(q))
            if lt.mask is not None:
                prefix = lt.layer.path[: -len(lt.layer.direction) - 1] if lt.layer.direction else lt.layer.path
                out[f"{prefix}/mask"] = np.asarray(lt.mask, bool)
        if isinstance(self.output, np.ndarray):
            out["model/output"] = self.output[None]
        return out

    def to_npz(self) -> bytes:
        """:meth:`arrays` as an uncompressed ``.npz`` (no pickles)."""
        buffer = io.BytesIO()
        np.savez(buffer, **self.arrays())
        return buffer.getvalue()

    @staticmethod
    def stacked_arrays(traces: tuple["ModelTrace", ...]) -> dict[str, np.ndarray]:
        """:meth:`arrays` of several traces (e.g. one per window) stacked along the first axis: row n of
        ``"<path>/<q>"`` is trace n's; ``"model/output"`` (N, ...) one output per trace."""
        per = [t.arrays() for t in traces]
        if not per:
            return {}
        return {k: np.concatenate([p[k] for p in per], axis=0) for k in per[0] if all(k in p for p in per)}

    def summary(self) -> list[dict[str, Any]]:
        """One JSON-ready dict per layer: :meth:`RecurrentLayer.describe` plus ``steps`` (T it ran on)."""
        return [{**lt.layer.describe(), "steps": lt.steps, "masked": lt.mask is not None} for lt in self.layers]


@dataclass(frozen=True, eq=False)
class OpenedModel:
    """A person's model file read as data: its input, its recurrent layers, a NumPy replay of its graph.

    name:   the model's name; source: what saved it, e.g. "keras 3.15.1 .keras", ".h5 saved by keras 2.15.0"
    input:  :class:`ModelInput`; layers: every recurrent layer (each direction), in the order the model runs them
    notes:  sentences about the model a person should know (pooling before a layer changes T, ...)
    """

    name: str
    source: str
    input: ModelInput
    layers: tuple[RecurrentLayer, ...]
    notes: tuple[str, ...] = ()
    graph: Graph | None = field(default=None, repr=False)

    def __getitem__(self, path: str) -> RecurrentLayer:
        for layer in self.layers:
            if layer.path == path:
                return layer
        raise KeyError(f"expected a layer among {[layer.path for layer in self.layers]}, got {path!r}")

    def stacks(self) -> list[tuple[RecurrentLayer, ...]]:
        """The layers grouped by :attr:`RecurrentLayer.branch`, in model order."""
        groups: dict[int, list[RecurrentLayer]] = {}
        for layer in self.layers:
            groups.setdefault(layer.branch, []).append(layer)
        return [tuple(g) for g in groups.values()]

    def summary(self) -> list[dict[str, Any]]:
        """:meth:`RecurrentLayer.describe` of every layer."""
        return [layer.describe() for layer in self.layers]

    def windows(self, series: np.ndarray) -> np.ndarray:
        """A windowed model's input from a 1-D series: (N - look_back + 1, look_back), one window per step."""
        if not self.input.windowed:
            raise ValueError("expected a windowed model (one step of look_back features)")
        values = np.asarray(series, dtype=np.float64).reshape(-1)
        k = self.input.features
        if values.size < k:
            raise ModelError("input_shape", expected=f"at least {k} values (one window)", got=f"{values.size}")
        return np.lib.stride_tricks.sliding_window_view(values, k).copy()

    def trace_windows(self, windows: np.ndarray) -> tuple[ModelTrace, ...]:
        """A windowed model on each window as the model reads it: one one-step sequence from the zero
        state per window (what ``predict`` on the windows computes), not the windows chained as steps.
        windows: (N, look_back), e.g. :meth:`windows` of a series. Returns N traces of one step each."""
        arr = np.asarray(windows)
        if arr.ndim != 2:
            raise ModelError("input_shape", expected=f"(windows, {self.input.features})", got=str(arr.shape))
        return tuple(self.trace(arr[n:n + 1]) for n in range(arr.shape[0]))

    def trace(self, x: np.ndarray) -> ModelTrace:
        """Run one sequence through the model and record every recurrent layer.

        x: (T, D) numbers (a windowed model: (T, look_back), one window per step), or (T,) integer
        token ids for a "tokens" model; a model declared on another per-sequence shape (e.g. (16,)
        before a Reshape) takes that shape. Raises :class:`ModelError` (reason "input_shape",
        "input_values" or "token_range") when ``x`` does not fit.
        """
        if self.graph is None:
            raise ValueError("this model has no graph to replay")
        return self.graph.trace(x, self)
