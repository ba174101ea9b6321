"""A model's graph as NumPy operations, replayed on one sequence.

A :class:`Graph` is a list of :class:`Node` in an order where every node comes after the nodes it
reads (nested models are inlined when the file is read). Each node's :class:`Op` takes the tensors
its inputs produced and returns its outputs, as the Keras layer does at inference (``training=False``).
Tensors carry a batch axis of one, ``(1, T, D)``, so shapes read as Keras' do, and Keras' mask
``(1, T)`` bool (or None) travels with them.

Recurrent ops record a :class:`~lstm_core.models.api.LayerTrace` of their cell; the rest of the
graph only decides what reaches them. An op that cannot compute something (a layer after the last
recurrent layer that is not replayed, a shape the model was not built for) yields no tensor, and
everything downstream of it none either; a recurrent layer that gets none is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from lstm_core.cells import GRUWeights, LSTMWeights, gru_forward, lstm_forward, rnn_forward
from lstm_core.models.api import LayerTrace, ModelTrace, RecurrentLayer
from lstm_core.models.errors import ModelError

Ref = tuple[int, int]
"""(node index, output index)."""


@dataclass(frozen=True)
class Tensor:
    """value: (1, ...) array; mask: (1, T) bool, True where a step counts, or None."""

    value: np.ndarray
    mask: np.ndarray | None = None


class NotReplayed(Exception):
    """An op cannot compute its output for this input (the model's output is then not computed)."""


class Op:
    """One layer call at inference. Subclasses implement :meth:`run`."""

    RECORDS: ClassVar[bool] = False
    """True for ops that trace recurrent layers (they must get their input)."""

    def run(self, inputs: list[Tensor], record: dict[str, LayerTrace], dtype: np.dtype) -> list[Tensor]:
        raise NotImplementedError


@dataclass(frozen=True)
class Node:
    """One layer call: ``name`` (the Keras layer's, for messages), its op, and what it reads."""

    name: str
    op: Op | None  # None: the model's input
    inputs: tuple[Ref, ...] = ()


def run_cell(layer: RecurrentLayer, x: np.ndarray, mask: np.ndarray | None, dtype: np.dtype) -> LayerTrace:
    """Trace one recurrent layer (one direction) on x (T, D) input order, mask (T,) or None.

    The cell runs on the reversed sequence (and mask) when the layer goes backwards; its record
    stays in that processing order (:attr:`LayerTrace.processing`)."""
    xs, ms = (x[::-1], None if mask is None else mask[::-1]) if layer.go_backwards else (x, mask)
    xs = np.ascontiguousarray(xs, dtype=dtype)
    if isinstance(layer.weights, LSTMWeights):
        proc = lstm_forward(xs, layer.weights, dtype=dtype, activation=layer.activation,
                            recurrent_activation=layer.recurrent_activation, mask=ms)
    elif isinstance(layer.weights, GRUWeights):
        proc = gru_forward(xs, layer.weights, dtype=dtype, activation=layer.activation,
                           recurrent_activation=layer.recurrent_activation, mask=ms)
    else:
        proc = rnn_forward(xs, layer.weights, dtype=dtype, activation=layer.activation, mask=ms)
    return LayerTrace(layer=layer, x=np.asarray(x, dtype=dtype), processing=proc, mask=mask)


def _sequence_input(layer: RecurrentLayer, inputs: list[Tensor]) -> tuple[np.ndarray, np.ndarray | None]:
    value = inputs[0].value
    if value.ndim != 3 or value.shape[-1] != layer.input_size or value.shape[1] < 1:
        raise ModelError("input_shape", expected=f"(steps, {layer.input_size}) at layer '{layer.name}'",
                         got=str(tuple(value.shape[1:])))
    mask = inputs[0].mask
    return value[0], None if mask is None else np.asarray(mask[0], bool)


def _layer_outputs(tr: LayerTrace) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """Keras' outputs of one plain recurrent layer: (the output, (1, T, H) in processing order or
    (1, H)), and its final states (1, H) each."""
    seq = tr.outputs_processing()
    out = seq[None] if tr.layer.return_sequences else seq[-1][None]
    return out, tuple(s[None] for s in tr.final_state())


@dataclass(frozen=True)
class RecurrentOp(Op):
    """An LSTM, GRU or SimpleRNN layer: outputs ``[output]`` or ``[output, *states]`` (return_state)."""

    layer: RecurrentLayer
    RECORDS: ClassVar[bool] = True

    def run(self, inputs, record, dtype):
        x, mask = _sequence_input(self.layer, inputs)
        tr = run_cell(self.layer, x, mask, dtype)
        record[self.layer.path] = tr
        out, states = _layer_outputs(tr)
        outputs = [Tensor(out, inputs[0].mask if self.layer.return_sequences else None)]
        if self.layer.return_state:
            outputs += [Tensor(s) for s in states]
        return outputs


MERGES = ("concat", "sum", "ave", "mul", None)


@dataclass(frozen=True)
class BidirectionalOp(Op):
    """A Bidirectional layer: both copies run on the same input; the backward copy's sequence is
    flipped back to input order before merging (as Keras does); merge_mode None gives two outputs."""

    forward: RecurrentLayer
    backward: RecurrentLayer
    merge_mode: str | None
    RECORDS: ClassVar[bool] = True

    def run(self, inputs, record, dtype):
        x, mask = _sequence_input(self.forward, inputs)
        fwd = run_cell(self.forward, x, mask, dtype)
        bwd = run_cell(self.backward, x, mask, dtype)
        record[self.forward.path], record[self.backward.path] = fwd, bwd
        y, y_states = _layer_outputs(fwd)
        y_rev, rev_states = _layer_outputs(bwd)
        sequences = self.forward.return_sequences
        if sequences:
            y_rev = y_rev[:, ::-1]
        out_mask = inputs[0].mask if sequences else None
        if self.merge_mode is None:
            outputs = [Tensor(y, out_mask), Tensor(np.ascontiguousarray(y_rev), out_mask)]
        else:
            merged = {"concat": lambda: np.concatenate([y, y_rev], axis=-1), "sum": lambda: y + y_rev,
                      "ave": lambda: (y + y_rev) / np.asarray(2, y.dtype), "mul": lambda: y * y_rev}[self.merge_mode]()
            outputs = [Tensor(merged, out_mask)]
        if self.forward.return_state:
            outputs += [Tensor(s) for s in y_states + rev_states]
        return outputs


@dataclass(frozen=True)
class Graph:
    """nodes in run order (node ``input_node`` is the model's input), the model's outputs, and the
    float dtype the model computes in (float32 unless its policy is float64)."""

    nodes: tuple[Node, ...]
    input_node: int
    outputs: tuple[Ref, ...]
    dtype: Any = np.float32

    def feed(self, x: np.ndarray, model) -> tuple[Tensor, list[str]]:
        """The person's sequence as the model's input tensor (1, ...), checked; and notes."""
        spec = model.input
        notes: list[str] = []
        arr = np.asarray(x)
        if spec.kind == "tokens":
            if arr.ndim != 1 or arr.size < 1:
                raise ModelError("input_shape", expected="a sequence of token ids (steps,)", got=str(arr.shape))
            if not (np.issubdtype(arr.dtype, np.integer) or (np.issubdtype(arr.dtype, np.floating)
                                                             and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)))):
                raise ModelError("input_values", detail="token ids must be whole numbers")
            ids = arr.astype(np.int64)
            if spec.vocab is not None:
                bad = ids[(ids < 0) | (ids >= spec.vocab)]
                if bad.size:
                    raise ModelError("token_range", top=spec.vocab - 1, value=int(bad[0]))
            return Tensor(ids[None]), notes
        if not np.issubdtype(arr.dtype, np.number) or arr.dtype.kind == "c":
            raise ModelError("input_values", detail=f"expected numbers, got {arr.dtype}")
        shape = spec.shape
        if len(shape) == 2:
            if arr.ndim == 1 and shape[1] == 1:
                arr = arr[:, None]
            if arr.ndim != 2 or arr.shape[1] != spec.features or arr.shape[0] < 1:
                raise ModelError("input_shape", expected=f"(steps, {spec.features})", got=str(arr.shape))
            if spec.steps is not None and arr.shape[0] != spec.steps and not spec.windowed:
                notes.append(f"the model was built for {spec.steps} steps; it was traced on {arr.shape[0]}")
        elif arr.shape != tuple(s if s is not None else arr.shape[k] for k, s in enumerate(shape)) \
                or arr.ndim != len(shape):
            raise ModelError("input_shape", expected=str(tuple(shape)), got=str(arr.shape))
        if not np.all(np.isfinite(arr)):
            raise ModelError("input_values", detail="NaN or infinite values")
        return Tensor(arr.astype(self.dtype)[None]), notes

    def run(self, x: Tensor, strict: bool = False) -> tuple[list[list[Tensor] | None], dict[str, LayerTrace]]:
        """Every node's outputs (None where not computed) and the recurrent layers' traces.

        strict: any layer that cannot compute raises ModelError (the check when a file is opened)."""
        values: list[list[Tensor] | None] = [None] * len(self.nodes)
        record: dict[str, LayerTrace] = {}
        for k, node in enumerate(self.nodes):
            if node.op is None:
                values[k] = [x] if k == self.input_node else None
                continue
            got = [values[i][j] if values[i] is not None else None for i, j in node.inputs]
            if any(t is None for t in got):
                if node.op.RECORDS:
                    raise ModelError("graph", detail=f"layer '{node.name}' cannot be reached from the input")
                continue
            try:
                values[k] = node.op.run(got, record, np.dtype(self.dtype))
            except (NotReplayed, ModelError, ValueError, IndexError) as exc:
                if strict:
                    detail = exc.params.get("got", str(exc)) if isinstance(exc, ModelError) else str(exc)
                    raise ModelError("bad_weights", layer=node.name,
                                     detail=f"it cannot take what the layers before it give ({detail})") from None
                if isinstance(exc, ModelError) or (isinstance(exc, NotReplayed) and node.op.RECORDS):
                    raise
                if not isinstance(exc, NotReplayed) and node.op.RECORDS:
                    raise ModelError("input_shape", expected=f"what layer '{node.name}' takes", got=str(exc)) from None
                values[k] = None
        return values, record

    def check(self, model) -> None:
        """Run the graph once on zeros of the declared input shape (a few steps for a plain stack; the
        declared length, or 256 steps, with convolutions, pooling, Flatten or Reshape), so a file whose
        weights or shapes do not fit together is refused when it is opened, not when it is traced."""
        spec = model.input
        kinds = {type(getattr(n.op, "op", n.op)).__name__ for n in self.nodes}
        # Flatten/Reshape need the declared length, convolutions and pooling enough steps; a stack needs few
        whole = bool(kinds & {"Reshape", "Conv1D", "Pool1D"})
        free = 256 if whole else 4
        shape = tuple(free if s is None else (s if whole or k else min(s, free)) for k, s in enumerate(spec.shape))
        x = np.zeros(shape, np.int64 if spec.kind == "tokens" else self.dtype)
        if spec.kind != "tokens" and len(shape) == 2 and shape[0] == 1 and spec.windowed:
            x = np.zeros((2, shape[1]), self.dtype)
        tensor, _ = self.feed(x, model)
        self.run(tensor, strict=True)

    def trace(self, x: np.ndarray, model) -> ModelTrace:
        tensor, notes = self.feed(x, model)
        values, record = self.run(tensor)
        outs = []
        for i, j in self.outputs:
            outs.append(None if values[i] is None else values[i][j].value[0])
        output: Any = None
        if outs and all(o is not None for o in outs):
            output = outs[0] if len(outs) == 1 else outs
        layers = tuple(record[layer.path] for layer in model.layers)
        timed = model.input.kind == "tokens" or len(model.input.shape) == 2
        for lt in layers:
            if timed and lt.steps != tensor.value.shape[1]:
                notes.append(f"layer '{lt.layer.path}' runs on {lt.steps} steps (the layers before it change "
                             f"the number of steps from {tensor.value.shape[1]})")
        return ModelTrace(layers=layers, output=output, notes=tuple(dict.fromkeys(notes)))


def stack_graph(layers: list[RecurrentLayer], dtype=np.float32) -> Graph:
    """A graph feeding a sequence through plain recurrent layers one after the other (for models
    built in code and tests): input -> layers[0] -> layers[1] ... Bidirectional layers are not stacked here."""
    nodes = [Node("input", None)]
    for layer in layers:
        nodes.append(Node(layer.name, RecurrentOp(layer), ((len(nodes) - 1, 0),)))
    return Graph(tuple(nodes), 0, ((len(nodes) - 1, 0),), dtype)
