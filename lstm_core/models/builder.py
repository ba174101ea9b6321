"""A model's config (JSON) and weights (HDF5) -> the graph of NumPy ops and its recurrent layers.

Follows Sequential models, functional models (Keras 3's ``{"args", "kwargs"}`` inbound nodes and
Keras 2's ``[[name, node, tensor, kwargs]]``) and models nested in them (inlined). Every layer goes
through :mod:`lstm_core.models.allowlist`, wherever it is in the graph (after the last recurrent
layer too: a file is opened only when all of it is known, so its output can be checked).

Where each layer's weights are read from: :mod:`lstm_core.models.weights_file`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lstm_core.cells import GRUWeights, LSTMWeights, RNNWeights
from lstm_core.models import ops
from lstm_core.models.allowlist import MODELS, check_args, class_of, dtype_of
from lstm_core.models.api import ModelInput, RecurrentLayer
from lstm_core.models.archive import MAX_ELEMENTS, MAX_LAYERS
from lstm_core.models.config import as_dict, as_list
from lstm_core.models.errors import ModelError
from lstm_core.models.front_layers import front_op, keras_op
from lstm_core.models.graph import BidirectionalOp, Graph, Node, Op, RecurrentOp, Ref
from lstm_core.models.weights_file import Weights, Where, to_snake_case

RECURRENT = {"LSTM": ("lstm", 4), "GRU": ("gru", 3), "SimpleRNN": ("rnn", 1)}


# ---------------------------------------------------------------------------------------------
# the graph


def _with_masks(op: Op, ins: list[Ref], masks: list[Ref | None] | None) -> tuple[Op, tuple[Ref, ...]]:
    """A call with explicit mask tensors (Keras 3 writes ``mask=`` into a functional call) reads them as extra
    inputs; a call without any reads its inputs' own masks."""
    if not masks or all(m is None for m in masks):
        return op, tuple(ins)
    positions = tuple(i for i, m in enumerate(masks) if m is not None)
    return ops.MaskedCall(op, positions), tuple(ins) + tuple(m for m in masks if m is not None)


def _core(op: Op) -> Op:
    return op.op if isinstance(op, ops.MaskedCall) else op


def _declared(shape: Any) -> tuple[int | None, ...] | None:
    """A batch shape from a config (batch axis first) -> the per-sequence shape, or None."""
    if not isinstance(shape, list) or not 2 <= len(shape) <= 6:
        return None
    dims = shape[1:]
    if not all(d is None or (isinstance(d, int) and not isinstance(d, bool) and 1 <= d) for d in dims):
        raise ModelError("bad_config", detail=f"an input shape {shape} is not a shape")
    size = int(np.prod([d for d in dims if d is not None] or [1], dtype=object))
    if size > MAX_ELEMENTS:
        raise ModelError("too_big", what="the declared input shape", size=str(tuple(dims)), limit=f"{MAX_ELEMENTS:,} elements")
    return tuple(dims)


@dataclass
class _Pending:
    """A recurrent op whose layers get their final paths, feeds and branches once the graph is known."""

    node: int
    layers: list[RecurrentLayer]
    scope: tuple[str, ...]


@dataclass
class Builder:
    weights: Weights
    keras2: bool
    nodes: list[Node] = field(default_factory=list)
    pending: list[_Pending] = field(default_factory=list)
    input_node: int | None = None
    input_shape: tuple[int | None, ...] | None = None
    input_dtype: str | None = None
    input_name: str = "input"
    layer_count: int = 0
    dtypes: set = field(default_factory=set)
    notes: list = field(default_factory=list)

    def add(self, name: str, op: Op | None, inputs: tuple[Ref, ...]) -> int:
        self.nodes.append(Node(name, op, inputs))
        return len(self.nodes) - 1

    # -- models ----------------------------------------------------------------------------------

    def top(self, entry: Any) -> list[Ref]:
        entry = as_dict(entry, "the model's configuration")
        cls = class_of(entry, "the model")
        if cls not in MODELS:
            raise ModelError("graph", detail=f"the file holds a {cls} layer, not a model")
        return self.model(entry, cls, None, (), Where())

    def model(self, entry: dict, cls: str, in_refs: list[Ref] | None, scope: tuple[str, ...], where: Where) -> list[Ref]:
        config = as_dict(entry.get("config"), "a model's config")
        name = config.get("name") if isinstance(config.get("name"), str) else "model"
        scope = scope + (name,)
        layers = [as_dict(e, "a layer entry") for e in as_list(config.get("layers"), f"the layers of '{name}'")]
        if "dtype" in config:
            dtype = dtype_of(config["dtype"], name)
            if dtype:
                self.dtypes.add(dtype)
        for key in config:
            if key not in ("name", "layers", "input_layers", "output_layers", "trainable", "dtype",
                           "build_input_shape", "input_shape"):
                raise ModelError("unknown_argument", layer=name, cls=cls, argument=key, value="...")
        if cls == "Sequential":
            return self.sequential(entry, config, layers, in_refs, scope, where)
        if "input_layers" not in config:
            raise ModelError("graph", detail=f"model '{name}' lists no inputs")
        return self.functional(config, layers, in_refs, scope, where)

    def _child_where(self, where: Where, entries: list[dict], sequential: bool) -> dict[int, Where]:
        """Where each entry's weights are: Keras 3 paths by class name in order (a Sequential's
        InputLayer is not one of its layers; keras.ops nodes are not layers); legacy by name."""
        out, used = {}, {}
        for k, e in enumerate(entries):
            cls = e.get("class_name")
            if not isinstance(cls, str) or (sequential and cls == "InputLayer") or e.get("module") == "keras.src.ops.numpy":
                continue
            snake = to_snake_case(cls)
            if snake in used:
                used[snake] += 1
                snake = f"{snake}_{used[snake]}"
            else:
                used[snake] = 0
            config = e.get("config") if isinstance(e.get("config"), dict) else {}
            lname = config.get("name") if isinstance(config.get("name"), str) else ""
            if self.weights.legacy:
                out[k] = Where(group=where.group or lname, inner=(lname if where.group else None))
            else:
                out[k] = Where(path=f"{where.path}/layers/{snake}".lstrip("/"))
        return out

    def _input_entry(self, shape, dtype, name) -> list[Ref]:
        if self.input_node is not None:
            raise ModelError("inputs", count=2)
        self.input_shape, self.input_dtype, self.input_name = shape, dtype, name
        self.input_node = self.add(name, None, ())
        return [(self.input_node, 0)]

    def sequential(self, entry, config, layers, in_refs, scope, where) -> list[Ref]:
        wheres = self._child_where(where, layers, sequential=True)
        if in_refs is None:
            shape, dtype, name = None, None, "input"
            for e in layers[:1]:
                c = e.get("config") if isinstance(e.get("config"), dict) else {}
                shape = _declared(c.get("batch_shape", c.get("batch_input_shape")))
                dtype = c.get("dtype") if isinstance(c.get("dtype"), str) else None
                if e.get("class_name") == "InputLayer":
                    name = c.get("name") if isinstance(c.get("name"), str) else name
            if shape is None:
                build = config.get("build_input_shape")
                if build is None and isinstance(entry.get("build_config"), dict):
                    build = entry["build_config"].get("input_shape")
                shape = _declared(build)
            in_refs = self._input_entry(shape, dtype, name)
        cur = list(in_refs)
        for k, e in enumerate(layers):
            if e.get("class_name") == "InputLayer":
                if k == 0:
                    class_of(e, "the model")
                    check_args("InputLayer", as_dict(e.get("config"), "an InputLayer's config"), "input", self.keras2)
                    continue
                raise ModelError("graph", detail="an InputLayer in the middle of a Sequential model")
            outs = self.layer(e, cur, None, scope, wheres[k], 0, {})
            if len(outs) != 1:
                name = e.get("config", {}).get("name", "?") if isinstance(e.get("config"), dict) else "?"
                raise ModelError("graph", detail=f"layer '{name}' has several outputs inside a Sequential model")
            cur = outs
        return cur

    def functional(self, config, layers, in_refs, scope, where) -> list[Ref]:
        wheres = self._child_where(where, layers, sequential=False)
        by_name: dict[str, int] = {}
        for k, e in enumerate(layers):
            c = as_dict(e.get("config"), "a layer's config")
            lname = e.get("name", c.get("name"))
            if not isinstance(lname, str) or lname in by_name:
                raise ModelError("graph", detail=f"two layers are named {lname!r}")
            by_name[lname] = k
        inputs = self._refs(config.get("input_layers"), "input_layers")
        outputs = self._refs(config.get("output_layers"), "output_layers")
        if len(inputs) != 1:
            raise ModelError("inputs", count=len(inputs))
        produced: dict[tuple[str, int], list[Ref]] = {}
        in_name = inputs[0][0]
        if in_name not in by_name:
            raise ModelError("graph", detail=f"the input layer {in_name!r} is not among the layers")
        in_entry = layers[by_name[in_name]]
        if in_entry.get("class_name") != "InputLayer":
            raise ModelError("graph", detail="the model's input is not an InputLayer")
        class_of(in_entry, "the model")
        in_cfg = as_dict(in_entry.get("config"), "an InputLayer's config")
        check_args("InputLayer", in_cfg, in_name, self.keras2)
        if in_refs is None:
            in_refs = self._input_entry(_declared(in_cfg.get("batch_shape", in_cfg.get("batch_input_shape"))),
                                        in_cfg.get("dtype") if isinstance(in_cfg.get("dtype"), str) else None, in_name)
        produced[(in_name, 0)] = list(in_refs)
        calls = []
        for k, e in enumerate(layers):
            if e.get("class_name") == "InputLayer":
                if k != by_name[in_name]:
                    raise ModelError("inputs", count=2)
                continue
            nodes = as_list(e.get("inbound_nodes", []), "inbound_nodes")
            lname = layers[k].get("name", layers[k]["config"].get("name"))
            if len(nodes) > 1 and e.get("class_name") in ("LSTM", "GRU", "SimpleRNN", "Bidirectional", *MODELS):
                raise ModelError("shared_layer", layer=lname)
            for call, node in enumerate(nodes):
                calls.append((k, lname, call, self._call(node, lname)))
        while calls:
            progress = []
            for item in calls:
                k, lname, call, (refs, mask_hist, kwargs, extra) = item
                needed = [(n, i) for n, i, _ in refs] + [(m[0], m[1]) for m in mask_hist if m is not None]
                if not all(key in produced for key in needed):
                    continue
                ins = [self._pick(produced[(n, i)], t, n) for n, i, t in refs]
                masks = [None if m is None else self._pick(produced[(m[0], m[1])], m[2], m[0]) for m in mask_hist]
                produced[(lname, call)] = self.layer(layers[k], ins, masks, scope, wheres.get(k, Where()), call, kwargs,
                                                     extra)
                progress.append(item)
            if not progress:
                names = sorted({lname for _, lname, _, _ in calls})[:3]
                raise ModelError("graph", detail=f"layers {names} read tensors no layer makes")
            calls = [c for c in calls if c not in progress]
        out = []
        for n, i, t in outputs:
            if (n, i) not in produced:
                raise ModelError("graph", detail=f"the output {n!r} is not made by any layer")
            out.append(self._pick(produced[(n, i)], t, n))
        return out

    @staticmethod
    def _pick(refs: list[Ref], t: int, name: str) -> Ref:
        if not isinstance(t, int) or not 0 <= t < len(refs):
            raise ModelError("graph", detail=f"layer {name!r} has no output {t}")
        return refs[t]

    @staticmethod
    def _refs(value: Any, what: str) -> list[tuple[str, int, int]]:
        value = as_list(value, what)
        if len(value) == 3 and isinstance(value[0], str):
            value = [value]
        out = []
        for v in value:
            if not (isinstance(v, list) and len(v) >= 3 and isinstance(v[0], str) and isinstance(v[1], int)
                    and isinstance(v[2], int)):
                raise ModelError("bad_config", detail=f"{what} is not a list of [layer, node, tensor]")
            out.append((v[0], v[1], v[2]))
        return out

    def _call(self, node: Any, lname: str):
        """(input refs [(layer, node, tensor)], mask ref or None, kwargs, extra positional args) of one call."""
        def history(t: Any) -> tuple[str, int, int]:
            if isinstance(t, dict) and t.get("class_name") == "__keras_tensor__":
                h = as_dict(t.get("config"), "a tensor").get("keras_history")
                if isinstance(h, list) and len(h) == 3 and isinstance(h[0], str) and all(isinstance(x, int) for x in h[1:]):
                    return h[0], h[1], h[2]
            raise ModelError("bad_config", detail=f"an input of layer '{lname}' is not a tensor")

        if isinstance(node, dict):  # Keras 3
            args = as_list(node.get("args", []), "args")
            kwargs = as_dict(node.get("kwargs", {}), "kwargs")
            if not args:
                raise ModelError("graph", detail=f"layer '{lname}' is called without inputs")
            first = args[0]
            refs = [history(t) for t in first] if isinstance(first, list) else [history(first)]
            extra = []
            for a in args[1:]:  # a keras.ops node's other operands: tensors are inputs, numbers constants
                if isinstance(a, dict) and a.get("class_name") == "__keras_tensor__":
                    refs.append(history(a))
                else:
                    extra.append(a)
        else:  # Keras 2: [[name, node, tensor, kwargs], ...]
            entries = as_list(node, "a node")
            refs, kwargs, extra = [], {}, []
            for e in entries:
                if not (isinstance(e, list) and len(e) >= 3 and isinstance(e[0], str)
                        and isinstance(e[1], int) and isinstance(e[2], int)):
                    raise ModelError("bad_config", detail=f"an input of layer '{lname}' is not [layer, node, tensor]")
                refs.append((e[0], e[1], e[2]))
                if len(e) > 3 and e[3]:
                    kwargs.update(as_dict(e[3], "kwargs"))
        masks: list = []
        for key, value in kwargs.items():
            if key == "training":
                if value not in (None, False):
                    raise ModelError("argument", layer=lname, cls="call", argument="training", value=repr(value),
                                     default="None")
            elif key == "mask":
                if isinstance(value, list):
                    masks = [None if m is None else history(m) for m in value]
                    if len(masks) != len(refs):
                        raise ModelError("graph", detail=f"layer '{lname}' has {len(masks)} masks for {len(refs)} inputs")
                elif value is not None:
                    masks = [history(value)] + [None] * (len(refs) - 1)
            else:
                raise ModelError("argument", layer=lname, cls="call", argument=key, value="...", default="None")
        return refs, masks, kwargs, extra

    # -- layers ----------------------------------------------------------------------------------

    def layer(self, entry: dict, ins: list[Ref], masks: list[Ref | None] | None, scope: tuple[str, ...], where: Where,
              call: int, kwargs: dict, extra: list | None = None) -> list[Ref]:
        self.layer_count += 1
        if self.layer_count > MAX_LAYERS:
            raise ModelError("too_big", what="layers", size=f"more than {MAX_LAYERS}", limit=MAX_LAYERS)
        config = as_dict(entry.get("config"), "a layer's config")
        name = config.get("name") if isinstance(config.get("name"), str) else "?"
        cls = class_of(entry, name)
        if cls in MODELS:
            if masks and any(m is not None for m in masks):
                raise ModelError("argument", layer=name, cls=cls, argument="mask", value="a tensor", default="None")
            if len(ins) != 1:
                raise ModelError("inputs", count=len(ins))
            return self.model(entry, cls, ins, scope, where)
        if cls.startswith("op:"):
            return [(self.add(name, keras_op(cls[3:], config, extra or [], name, len(ins)), tuple(ins)), 0)]
        if extra:
            raise ModelError("argument", layer=name, cls=cls, argument="positional argument", value="...", default="none")
        args = check_args(cls, config, name, self.keras2)
        if args.get("dtype"):
            self.dtypes.add(args["dtype"])
        if cls in RECURRENT or cls == "Bidirectional":
            return self.recurrent(cls, config, args, name, ins, masks, scope, where)
        op, n_out = front_op(cls, config, args, name, where, len(ins), self.weights, self.keras2)
        node = self.add(name, *_with_masks(op, ins, masks))
        return [(node, k) for k in range(n_out)]

    def recurrent(self, cls, config, a, name, ins, masks, scope, where) -> list[Ref]:
        if len(ins) != 1:
            raise ModelError("graph", detail=f"layer '{name}' has {len(ins)} inputs")
        if cls == "Bidirectional":
            merge = a.get("merge_mode", "concat")
            fwd_entry = as_dict(config.get("layer"), "Bidirectional's layer")
            fwd_cls = class_of(fwd_entry, name)
            if fwd_cls not in RECURRENT:
                raise ModelError("layer_not_allowed", layer=name, cls=f"Bidirectional({fwd_cls})")
            fwd_cfg = as_dict(fwd_entry.get("config"), "Bidirectional's layer config")
            fwd_args = check_args(fwd_cls, fwd_cfg, name, self.keras2)
            bwd_entry = config.get("backward_layer")
            if bwd_entry is None:
                bwd_cls, bwd_args = fwd_cls, {**fwd_args, "go_backwards": not fwd_args.get("go_backwards", False)}
            else:
                bwd_entry = as_dict(bwd_entry, "Bidirectional's backward_layer")
                bwd_cls = class_of(bwd_entry, name)
                if bwd_cls not in RECURRENT:
                    raise ModelError("layer_not_allowed", layer=name, cls=f"Bidirectional({bwd_cls})")
                bwd_args = check_args(bwd_cls, as_dict(bwd_entry.get("config"), "backward_layer config"), name, self.keras2)
            for d in (fwd_args, bwd_args):
                if d.get("dtype"):
                    self.dtypes.add(d["dtype"])
            sequences = fwd_args.get("return_sequences", False)
            if bwd_args.get("return_sequences", False) != sequences or \
                    bwd_args.get("return_state", False) != fwd_args.get("return_state", False):
                raise ModelError("argument_value", layer=name, cls="Bidirectional", argument="backward_layer",
                                 value="settings that differ from the forward layer's")
            # Keras forces zero_output_for_mask = return_sequences on both copies
            fwd_args["zero_output_for_mask"] = bwd_args["zero_output_for_mask"] = sequences
            legacy = self.weights.legacy
            f = self.cell_layer(fwd_cls, fwd_args, name, "forward", where, "forward" if legacy else "forward_layer/cell")
            b = self.cell_layer(bwd_cls, bwd_args, name, "backward", where, "backward" if legacy else "backward_layer/cell")
            op = BidirectionalOp(f, b, merge)
            n_out = (1 if merge is not None else 2) + (2 * (2 if fwd_cls == "LSTM" else 1) if fwd_args.get("return_state") else 0)
            layers = [f, b]
        else:
            layer = self.cell_layer(cls, a, name, None, where, None if self.weights.legacy else "cell")
            op = RecurrentOp(layer)
            n_out = 1 + ((2 if cls == "LSTM" else 1) if a.get("return_state") else 0)
            layers = [layer]
        node = self.add(name, *_with_masks(op, ins, masks))
        self.pending.append(_Pending(node, layers, scope))
        return [(node, k) for k in range(n_out)]

    def cell_layer(self, cls, a, name, direction, where, sub) -> RecurrentLayer:
        kind, gates = RECURRENT[cls]
        if a.get("stateful") and direction != "backward":
            self.notes.append(f"layer '{name}' is stateful: it is traced from a zero state, as after reset_states()")
        units = a["units"]
        use_bias = a.get("use_bias", True)
        reset_after = a.get("reset_after", True) if kind == "gru" else None  # Keras 3's and TF 2 Keras 2's default
        bias_shape = (2, gates * units) if reset_after else (gates * units,)
        names = ["kernel", "recurrent_kernel"] + (["bias"] if use_bias else [])
        shapes = [(None, gates * units), (units, gates * units)] + ([bias_shape] if use_bias else [])
        w = self.weights.fetch(where, name, names, shapes, sub)
        bias = w["bias"] if use_bias else np.zeros(bias_shape, w["kernel"].dtype)
        kind_weights = {"lstm": LSTMWeights, "gru": GRUWeights, "rnn": RNNWeights}[kind]
        try:
            weights = kind_weights(w["kernel"], w["recurrent_kernel"], bias)
        except ValueError as exc:
            raise ModelError("bad_weights", layer=name, detail=str(exc)) from None
        return RecurrentLayer(
            path=name, name=name, kind=kind, direction=direction, weights=weights,
            activation=a.get("activation", "tanh"),
            recurrent_activation=a.get("recurrent_activation", "sigmoid") if kind != "rnn" else None,
            go_backwards=a.get("go_backwards", False), return_sequences=a.get("return_sequences", False),
            return_state=a.get("return_state", False), use_bias=use_bias, stateful=a.get("stateful", False),
            zero_output_for_mask=a.get("zero_output_for_mask", False),
        )

    # -- finishing ---------------------------------------------------------------------------------

    def finish(self, outputs: list[Ref]) -> tuple[Graph, tuple[RecurrentLayer, ...], ModelInput]:
        if self.input_node is None:
            raise ModelError("graph", detail="the model has no input")
        if not self.pending:
            raise ModelError("no_recurrent")
        self._check_embedding()
        paths = self._paths()
        by_node: dict[int, list[RecurrentLayer]] = {}
        order: list[RecurrentLayer] = []
        branch_of: dict[str, int] = {}
        continued: set[str] = set()
        next_branch = 0
        for p in self.pending:
            feeds, fed_by = self._feeds(p.node, paths)
            new = []
            for layer in p.layers:
                path = paths[p.node] + (f"/{layer.direction}" if layer.direction else "")
                new.append(dataclasses.replace(layer, path=path, feeds_from=feeds, fed_by=fed_by))
            if fed_by is not None and fed_by not in continued:
                continued.add(fed_by)
                branch = branch_of[fed_by]
            else:
                branch, next_branch = next_branch, next_branch + 1
            new = [dataclasses.replace(layer, branch=branch) for layer in new]
            for layer in new:
                branch_of[layer.path] = branch
            by_node[p.node] = new
            order.extend(new)
        nodes = list(self.nodes)
        for k, layers in by_node.items():
            node = nodes[k]
            core = _core(node.op)
            op = RecurrentOp(layers[0]) if len(layers) == 1 else BidirectionalOp(layers[0], layers[1], core.merge_mode)
            if isinstance(node.op, ops.MaskedCall):
                op = ops.MaskedCall(op, node.op.positions)
            nodes[k] = Node(node.name, op, node.inputs)
        dtype = np.float64 if "float64" in self.dtypes else np.float32  # float32 layers agree to ~1e-7
        graph = Graph(tuple(nodes), self.input_node, tuple(outputs), dtype)
        return graph, tuple(order), self._model_input(order)

    def _paths(self) -> dict[int, str]:
        names = [self.nodes[p.node].name for p in self.pending]
        out = {}
        for p in self.pending:
            name = self.nodes[p.node].name
            collides = names.count(name) > 1
            out[p.node] = "/".join(p.scope[1:] + (name,)) if collides and len(p.scope) > 1 else name
        if len(set(out.values())) != len(out):
            raise ModelError("graph", detail="two recurrent layers have the same name and place")
        return out

    def _feeds(self, node: int, paths: dict[int, str]) -> tuple[tuple[str, ...], str | None]:
        chain: list[str] = []
        k = node
        for _ in range(len(self.nodes)):
            ins = self.nodes[k].inputs
            if not ins:
                break
            k = ins[0][0]
            if k in paths:
                path = paths[k]
                op = _core(self.nodes[k].op)
                fed_by = path + "/forward" if isinstance(op, BidirectionalOp) else path
                chain.append(path)
                return tuple(chain), fed_by
            chain.append(self.nodes[k].name)
            if self.nodes[k].op is None:
                break
        return tuple(chain), None

    def _check_embedding(self) -> None:
        for k, node in enumerate(self.nodes):
            if isinstance(node.op, ops.Embedding) and node.inputs[0][0] != self.input_node:
                raise ModelError("graph", detail=f"Embedding layer '{node.name}' does not read the model's input")

    def _model_input(self, layers: list[RecurrentLayer]) -> ModelInput:
        shape = self.input_shape
        tokens = any(isinstance(n.op, ops.Embedding) for n in self.nodes)
        if tokens:
            vocab = min(int(n.op.table.shape[0]) for n in self.nodes if isinstance(n.op, ops.Embedding))
            if shape is not None and len(shape) != 1:
                raise ModelError("graph", detail="an Embedding model whose input is not one id per step")
            steps = shape[0] if shape else None
            return ModelInput("tokens", steps, 1, vocab, False, shape or (None,))
        if shape is None:
            shape = (None, layers[0].input_size)
        if len(shape) == 2:
            steps, features = shape
            if features is None:
                raise ModelError("graph", detail="the input's number of features is not declared")
            windowed = steps == 1 and features > 1
            return ModelInput("float", steps, features, None, windowed, shape)
        if any(s is None for s in shape):
            raise ModelError("graph", detail=f"an input of shape {shape} with free axes other than time")
        return ModelInput("float", None, int(np.prod(shape)), None, False, shape)
