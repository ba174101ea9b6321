"""The NumPy op of every allowlisted non-recurrent layer (:mod:`lstm_core.models.ops`), built from its checked
arguments and its weights; and the few keras.ops nodes Keras 3 writes into a functional graph to carry masks.
Anything else is refused here with the layer's name."""

from __future__ import annotations

import numpy as np

from lstm_core.models import ops
from lstm_core.models.allowlist import check_args, class_of
from lstm_core.models.config import as_dict
from lstm_core.models.errors import ModelError
from lstm_core.models.graph import Op
from lstm_core.models.weights_file import Weights, Where


def keras_op(cls: str, config: dict, extra: list, name: str, n_in: int) -> Op:
    """A keras.ops node of mask plumbing, its operands checked (anything unexpected is refused)."""
    for key in config:
        if key not in ("name", "axis", "keepdims", "dtype"):
            raise ModelError("unknown_argument", layer=name, cls=cls, argument=key, value="...")
    axis, keepdims, dtype = config.get("axis", -1), config.get("keepdims", False), config.get("dtype")
    constant = extra[0] if len(extra) == 1 else None
    ok = (isinstance(axis, int) and not isinstance(axis, bool) and isinstance(keepdims, bool)
          and dtype in (None, "bool", "float32", "int32"))
    ok = ok and {"NotEqual": n_in == 1 and isinstance(constant, (int, float)) and not isinstance(constant, bool),
                 "LogicalOr": n_in == 2 and not extra, "Concatenate": n_in >= 1 and not extra}.get(
                     cls, n_in == 1 and not extra)
    if not ok:
        raise ModelError("layer_not_allowed", layer=name, cls=f"keras.ops {cls}")
    return ops.KerasOp(cls, axis, keepdims, dtype, float(constant) if cls == "NotEqual" else None)

def front_op(cls: str, config: dict, a: dict, name: str, where: Where, n_in: int, weights: Weights,
             keras2: bool) -> tuple[Op, int]:
    """The op of a non-recurrent layer (``a``: its checked arguments) and how many outputs it has, its
    weights read from ``weights``."""
    fetch = weights.fetch
    if cls in ("Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"):
        if n_in < 2 and cls != "Concatenate" or n_in < 1:
            raise ModelError("graph", detail=f"merge layer '{name}' has {n_in} input")
        axis = a.get("axis", -1)
        return ops.Merge(cls.lower(), -1 if axis == 2 else axis), 1
    if n_in != 1:
        raise ModelError("graph", detail=f"layer '{name}' has {n_in} inputs")
    if cls in ("Dropout", "SpatialDropout1D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
               "ActivityRegularization"):
        return ops.Identity(), 1
    if cls == "Activation":
        return ops.Activation(a.get("activation", "linear")), 1
    if cls == "Masking":
        return ops.Masking(a.get("mask_value", 0.0)), 1
    if cls in ("Dense", "TimeDistributed"):
        sub = None
        if cls == "TimeDistributed":
            inner = as_dict(config.get("layer"), "TimeDistributed's layer")
            inner_cls = class_of(inner, name)
            if inner_cls != "Dense":
                raise ModelError("layer_not_allowed", layer=name, cls=f"TimeDistributed({inner_cls})")
            inner_cfg = as_dict(inner.get("config"), "TimeDistributed's layer config")
            a = check_args("Dense", inner_cfg, name, keras2)
            sub = "layer" if not weights.legacy else None
        units, use_bias = a["units"], a.get("use_bias", True)
        names = ["kernel"] + (["bias"] if use_bias else [])
        shapes = [(None, units)] + ([(units,)] if use_bias else [])
        w = fetch(where, name, names, shapes, sub)
        return ops.Dense(w["kernel"], w.get("bias"), a.get("activation", "linear")), 1
    if cls == "Embedding":
        w = fetch(where, name, ["embeddings"], [(a["input_dim"], a["output_dim"])])
        return ops.Embedding(w["embeddings"], a.get("mask_zero", False)), 1
    if cls == "Conv1D":
        use_bias = a.get("use_bias", True)
        names = ["kernel"] + (["bias"] if use_bias else [])
        shapes = [(a["kernel_size"], None, a["filters"])] + ([(a["filters"],)] if use_bias else [])
        w = fetch(where, name, names, shapes)
        return ops.Conv1D(w["kernel"], w.get("bias"), a.get("strides", 1), a.get("padding", "valid"),
                          a.get("dilation_rate", 1), a.get("activation", "linear")), 1
    if cls in ("MaxPooling1D", "AveragePooling1D"):
        pool = a.get("pool_size", 2)
        strides = a.get("strides") or pool
        return ops.Pool1D("max" if cls == "MaxPooling1D" else "average", pool, strides, a.get("padding", "valid")), 1
    if cls in ("GlobalAveragePooling1D", "GlobalMaxPooling1D"):
        return ops.GlobalPool1D("average" if "Average" in cls else "max", a.get("keepdims", False)), 1
    if cls == "Normalization":
        if a.get("mean") is not None or a.get("variance") is not None:
            try:
                mean = np.asarray(a["mean"], np.float64).reshape(-1)
                var = np.asarray(a["variance"], np.float64).reshape(-1)
            except (KeyError, TypeError, ValueError):
                raise ModelError("argument_value", layer=name, cls=cls, argument="mean", value="...") from None
            return ops.Normalization(mean, var), 1
        w = fetch(where, name, ["mean", "variance"], [(None,), (None,)], optional=("count",))
        if w["mean"].shape != w["variance"].shape:
            raise ModelError("bad_weights", layer=name, detail="mean and variance differ in shape")
        return ops.Normalization(w["mean"], w["variance"]), 1
    if cls == "BatchNormalization":
        names = (["gamma"] if a.get("scale", True) else []) + (["beta"] if a.get("center", True) else []) \
            + ["moving_mean", "moving_variance"]
        w = fetch(where, name, names, [(None,)] * len(names))
        return ops.BatchNormalization(w.get("gamma"), w.get("beta"), w["moving_mean"], w["moving_variance"],
                                      a.get("epsilon", 1e-3)), 1
    if cls == "LayerNormalization":
        names = (["gamma"] if a.get("scale", True) else []) + (["beta"] if a.get("center", True) else [])
        w = fetch(where, name, names, [(None,)] * len(names)) if names else {}
        return ops.LayerNormalization(w.get("gamma"), w.get("beta"), a.get("epsilon", 1e-3)), 1
    if cls == "Reshape":
        target = tuple(-1 if s is None else s for s in a["target_shape"])
        return ops.Reshape(target), 1
    if cls == "Flatten":
        return ops.Reshape(None), 1
    if cls == "RepeatVector":
        return ops.RepeatVector(a["n"]), 1
    raise ModelError("layer_not_allowed", layer=name, cls=cls)
