"""Which layers and arguments a model may have: implemented, harmless at inference, or refused.

Every argument a layer's config carries is looked up in its class's :data:`SPECS` entry:

* implemented (``impl``): the replay honours its value (units, activation, go_backwards, ...);
* no effect at inference (``ignore``): dropout rates, seeds, ``unroll``, ``implementation``;
  (``stateful`` is replayed from the zero state, as after ``reset_states()``, and the model says so); initialisers, regularisers and
  constraints are checked to be Keras' own built-ins (never a custom object) and otherwise ignored;
* fixed (``default``): only Keras' default value can be replayed; another value is refused with a
  sentence naming the layer and the argument.

An argument no entry knows is refused whatever its value: a newer Keras may have given it a meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from lstm_core.cells.activations import ACTIVATIONS, KERAS2_HARD_SIGMOID
from lstm_core.models.errors import ModelError

# ---------------------------------------------------------------------------------------------
# value checks

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,200}$")

DENSE_ACTIVATIONS = frozenset(ACTIVATIONS) - {KERAS2_HARD_SIGMOID} | {"softmax", "log_softmax"}
"""Activations a Dense, Conv1D or Activation layer may name (softmax mixes units, so not the cells')."""
CELL_ACTIVATIONS = frozenset(ACTIVATIONS) - {KERAS2_HARD_SIGMOID}

INITIALIZERS = frozenset("""Constant GlorotNormal GlorotUniform HeNormal HeUniform Identity IdentityInitializer LecunNormal
LecunUniform Ones Orthogonal OrthogonalInitializer RandomNormal RandomUniform TruncatedNormal VarianceScaling Zeros STFT
STFTInitializer""".split())
REGULARIZERS = frozenset("L1 L2 L1L2 OrthogonalRegularizer".split())
CONSTRAINTS = frozenset("MaxNorm MinMaxNorm NonNeg UnitNorm RadialConstraint".split())
_SNAKE = {re.sub(r"(?<!^)(?=[A-Z])", "_", n).lower() for n in INITIALIZERS | REGULARIZERS | CONSTRAINTS}
BUILTIN_OBJECT_NAMES = frozenset({n.lower() for n in INITIALIZERS | REGULARIZERS | CONSTRAINTS} | _SNAKE | {
    "glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform", "orthogonal",
    "zeros", "ones", "random_normal", "random_uniform", "truncated_normal", "variance_scaling", "identity",
    "constant", "l1", "l2", "l1_l2", "l1l2", "max_norm", "min_max_norm", "non_neg", "unit_norm", "nonneg",
    "unitnorm", "maxnorm", "radial_constraint", "orthogonal_regularizer"})
OBJECT_MODULES = frozenset({"keras.initializers", "keras.regularizers", "keras.constraints", "keras"})

INPUT_DTYPES = (None, "float32", "float64", "float16", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                "uint64")
DTYPES = {"float32": "float32", "float64": "float64"}
"""Compute dtypes the replay reproduces (a mixed or 16-bit policy is refused)."""


def _plain(value: Any, depth: int = 0) -> bool:
    """Numbers, strings, booleans, None and lists of them (the config of a built-in object)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, list) and depth < 4:
        return all(_plain(v, depth + 1) for v in value)
    return False


def check_object(value: Any, layer: str, key: str) -> None:
    """An initialiser / regulariser / constraint: None, a built-in's name, or a built-in's plain config."""
    if value is None:
        return
    if isinstance(value, str):
        if value.lower() in BUILTIN_OBJECT_NAMES:
            return
        raise ModelError("custom_object", layer=layer, object=f"{key}={value}")
    if isinstance(value, dict):
        cls = value.get("class_name")
        module = value.get("module")
        registered = value.get("registered_name")
        config = value.get("config", {})
        known = cls in INITIALIZERS | REGULARIZERS | CONSTRAINTS
        extra = set(value) - {"class_name", "config", "module", "registered_name", "shared_object_id"}
        if (known and (module is None or module in OBJECT_MODULES) and registered in (None, cls) and not extra
                and isinstance(config, dict) and all(isinstance(k, str) and _plain(v) for k, v in config.items())):
            return
        raise ModelError("custom_object", layer=layer, object=f"{key}={cls if isinstance(cls, str) else '?'}")
    raise ModelError("custom_object", layer=layer, object=f"{key}={value!r}")


def dtype_of(value: Any, layer: str) -> str | None:
    """A layer's dtype policy -> "float32"/"float64" (None when absent); other policies are refused."""
    name = value
    if isinstance(value, dict):
        extra = set(value) - {"class_name", "config", "module", "registered_name", "shared_object_id"}
        config = value.get("config")
        name = config.get("name") if isinstance(config, dict) else None
        cls = value.get("class_name")
        if value.get("module") not in (None, "keras", "keras.mixed_precision", "keras.dtype_policies") or extra \
                or not isinstance(cls, str):
            raise ModelError("custom_object", layer=layer, object=f"dtype={cls!r}")
        if cls not in ("DTypePolicy", "Policy", "FloatDTypePolicy"):  # quantized and other Keras policies
            mode = config.get("mode") if isinstance(config, dict) else None
            shown = name if isinstance(name, str) else (f"{mode} ({cls})" if isinstance(mode, str) else cls)
            raise ModelError("dtype", layer=layer, dtype=shown)
    if name is None:
        return None
    if name not in DTYPES:
        raise ModelError("dtype", layer=layer, dtype=name)
    return DTYPES[name]


def activation_name(value: Any, layer: str, key: str, allowed: frozenset[str], keras2: bool) -> str:
    """A built-in activation's name (Keras 2's hard_sigmoid as KERAS2_HARD_SIGMOID), from a string or
    Keras 3's ``{"class_name": "function", "config": name}``; anything else is a custom object."""
    name = value
    if isinstance(value, dict):
        if value.get("class_name") == "function" and value.get("module") in ("keras.activations", None) \
                and value.get("registered_name") in ("function", None) and isinstance(value.get("config"), str):
            name = value["config"]
        else:
            module, cls, config = value.get("module"), value.get("class_name"), value.get("config")
            what = ".".join(str(p) for p in (module, config if cls == "function" else cls) if isinstance(p, str))
            raise ModelError("custom_object", layer=layer, object=f"{key}={what or '?'}")
    if name is None:
        name = "linear"
    if not isinstance(name, str) or name not in allowed:
        raise ModelError("custom_object", layer=layer, object=f"{key}={name!r}")
    if keras2 and name == "hard_sigmoid":
        return KERAS2_HARD_SIGMOID
    return name


# ---------------------------------------------------------------------------------------------
# argument rules


@dataclass(frozen=True)
class Rule:
    """kind: "impl" (returned to the builder), "ignore" (no effect at inference) or "default" (only
    ``default`` is allowed); check: validates and normalises an impl/ignore value."""

    kind: str
    default: Any = None
    check: Callable[[Any], Any] | None = None


def impl(check: Callable[[Any], Any] | None = None, default: Any = None) -> Rule:
    return Rule("impl", default, check)


def ignore(check: Callable[[Any], Any] | None = None) -> Rule:
    return Rule("ignore", None, check)


def fixed(default: Any) -> Rule:
    return Rule("default", default)


class _Bad(Exception):
    pass


def _bool(v):
    if not isinstance(v, bool):
        raise _Bad
    return v


def _pos_int(limit: int = 10**6):
    def check(v):
        if isinstance(v, list) and len(v) == 1:
            v = v[0]
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= limit:
            raise _Bad
        return v
    return check


def _rate(v):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
        raise _Bad
    return float(v)


def _number(v):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v != v or v in (float("inf"), float("-inf")):
        raise _Bad
    return float(v)


def _any_plain(v):
    if not _plain(v):
        raise _Bad
    return v


def _one_of(*choices):
    def check(v):
        if v not in choices:
            raise _Bad
        return v
    return check


def _axis_last(v):
    if isinstance(v, list) and len(v) == 1:
        v = v[0]
    if v not in (-1,) and not (isinstance(v, int) and not isinstance(v, bool) and v == 2):
        raise _Bad
    return v


def _shape(v):
    if not isinstance(v, list) or len(v) > 8 or not all(
            s is None or (isinstance(s, int) and not isinstance(s, bool) and (s >= 1 or s == -1)) for s in v):
        raise _Bad
    return v


COMMON = {"name": ignore(), "trainable": ignore(_bool), "dtype": ignore()}
INPUT_DECL = {"batch_input_shape": ignore(), "batch_shape": ignore(), "input_shape": ignore(),
              "batch_size": ignore(), "input_dim": ignore(), "input_length": ignore()}
"""Keras 2 and Keras 3 ways of declaring a first layer's input (read by the builder)."""

_RNN = {
    "units": impl(_pos_int(100_000)), "activation": impl(), "use_bias": impl(_bool),
    "return_sequences": impl(_bool), "return_state": impl(_bool), "go_backwards": impl(_bool),
    "zero_output_for_mask": impl(_bool), "stateful": impl(_bool), "unroll": ignore(_bool),
    "dropout": ignore(_rate), "recurrent_dropout": ignore(_rate), "seed": ignore(_any_plain),
    "implementation": ignore(_any_plain), "time_major": fixed(False), "use_cudnn": ignore(_any_plain),
}
_GATED = {**_RNN, "recurrent_activation": impl(), "unit_forget_bias": ignore(_bool)}

SPECS: dict[str, dict[str, Rule]] = {
    "InputLayer": {"sparse": fixed(False), "ragged": fixed(False), "optional": fixed(False)},
    "LSTM": _GATED,
    "GRU": {**{k: v for k, v in _GATED.items() if k != "unit_forget_bias"}, "reset_after": impl(_bool)},
    "SimpleRNN": _RNN,
    "Bidirectional": {"merge_mode": impl(_one_of("concat", "sum", "ave", "mul", None)), "layer": impl(),
                      "backward_layer": impl()},
    "Embedding": {"input_dim": impl(_pos_int(10**7)), "output_dim": impl(_pos_int(10**5)), "mask_zero": impl(_bool),
                  "quantization_config": fixed(None), "lora_rank": fixed(None), "lora_alpha": fixed(None),
                  "sparse": fixed(False)},
    "Masking": {"mask_value": impl(_number)},
    "Dense": {"units": impl(_pos_int(10**6)), "activation": impl(), "use_bias": impl(_bool),
              "quantization_config": fixed(None), "lora_rank": fixed(None), "lora_alpha": fixed(None)},
    "TimeDistributed": {"layer": impl()},
    "Conv1D": {"filters": impl(_pos_int(10**5)), "kernel_size": impl(_pos_int(10**4)), "strides": impl(_pos_int(10**4)),
               "padding": impl(_one_of("valid", "same", "causal")), "data_format": fixed("channels_last"),
               "dilation_rate": impl(_pos_int(10**4)), "groups": fixed(1), "activation": impl(), "use_bias": impl(_bool),
               "lora_rank": fixed(None), "lora_alpha": fixed(None)},
    "MaxPooling1D": {"pool_size": impl(_pos_int(10**4)), "strides": impl(lambda v: None if v is None else _pos_int(10**4)(v)),
                     "padding": impl(_one_of("valid", "same")), "data_format": fixed("channels_last")},
    "Dropout": {"rate": ignore(_rate), "seed": ignore(_any_plain), "noise_shape": ignore(_any_plain)},
    "SpatialDropout1D": {"rate": ignore(_rate), "seed": ignore(_any_plain), "noise_shape": ignore(_any_plain)},
    "GaussianNoise": {"stddev": ignore(_number), "seed": ignore(_any_plain)},
    "GaussianDropout": {"rate": ignore(_rate), "seed": ignore(_any_plain)},
    "AlphaDropout": {"rate": ignore(_rate), "seed": ignore(_any_plain), "noise_shape": ignore(_any_plain)},
    "ActivityRegularization": {"l1": ignore(_number), "l2": ignore(_number)},
    "Activation": {"activation": impl()},
    "Normalization": {"axis": impl(_axis_last), "invert": fixed(False), "mean": impl(_any_plain),
                      "variance": impl(_any_plain)},
    "BatchNormalization": {"axis": impl(_axis_last), "momentum": ignore(_number), "epsilon": impl(_number),
                           "center": impl(_bool), "scale": impl(_bool), "synchronized": ignore(_bool),
                           "renorm": fixed(False), "renorm_clipping": fixed(None), "renorm_momentum": ignore(_number),
                           "fused": ignore(_any_plain), "virtual_batch_size": fixed(None), "adjustment": fixed(None)},
    "LayerNormalization": {"axis": impl(_axis_last), "epsilon": impl(_number), "center": impl(_bool),
                           "scale": impl(_bool), "rms_scaling": fixed(False)},
    "Reshape": {"target_shape": impl(_shape)},
    "Flatten": {"data_format": fixed("channels_last")},
    "RepeatVector": {"n": impl(_pos_int(10**6))},
    "GlobalAveragePooling1D": {"data_format": fixed("channels_last"), "keepdims": impl(_bool)},
    "GlobalMaxPooling1D": {"data_format": fixed("channels_last"), "keepdims": impl(_bool)},
    "Concatenate": {"axis": impl(lambda v: v if v in (-1, 1, 2) else (_ for _ in ()).throw(_Bad()))},
    "Add": {}, "Subtract": {}, "Multiply": {}, "Average": {}, "Maximum": {}, "Minimum": {},
}
SPECS["AveragePooling1D"] = SPECS["MaxPooling1D"]

ALIASES = {"Convolution1D": "Conv1D", "Conv1d": "Conv1D", "MaxPool1D": "MaxPooling1D", "AvgPool1D": "AveragePooling1D",
           "GlobalAvgPool1D": "GlobalAveragePooling1D", "GlobalMaxPool1D": "GlobalMaxPooling1D",
           "CuDNNLSTM": None, "CuDNNGRU": None}
"""Keras' other names for the same classes (None: a class this replay refuses)."""

MODELS = ("Sequential", "Functional", "Model")
FUNCTION_PAYLOAD = ("Lambda", "TFOpLambda", "SlicingOpLambda", "ClassMethod", "InstanceMethod", "InstanceProperty")
"""Classes that carry code (a Python function, a TensorFlow op): refused wherever they are."""
LAYER_MODULES = (None, "keras.layers", "keras", "keras.models", "keras.src.models.functional",
                 "keras.src.models.sequential", "keras.src.models.model")
OPS_MODULE = "keras.src.ops.numpy"
OPS = {"NotEqual", "Any", "LogicalOr", "ExpandDims", "ZerosLike", "OnesLike", "Concatenate"}
"""keras.ops nodes a Keras 3 functional graph writes to carry masks (Masking's, merged ones) to the layers
that take them; class_of names them "op:<class>" (ops.Concatenate is not the Concatenate layer)."""


def class_of(entry: dict, where: str) -> str:
    """The allowlisted class of a layer entry, or a ModelError that says why not."""
    cls = entry.get("class_name")
    config = entry.get("config")
    name = config.get("name") if isinstance(config, dict) and isinstance(config.get("name"), str) else where
    if not isinstance(cls, str) or not _NAME.match(cls):
        raise ModelError("bad_config", detail=f"a layer of {where} has no class name")
    module = entry.get("module")
    registered = entry.get("registered_name")
    if cls in FUNCTION_PAYLOAD or (isinstance(module, str) and "lambda" in module.lower()):
        raise ModelError("lambda", layer=name)
    if module == OPS_MODULE and cls in OPS and registered in (None, cls):
        return f"op:{cls}"
    if module not in LAYER_MODULES:
        raise ModelError("custom_object", layer=name, object=f"{module}.{cls}" if isinstance(module, str) else cls)
    if registered not in (None, cls) or (cls in MODELS and registered not in (None, cls, "Functional")):
        raise ModelError("custom_object", layer=name, object=str(registered))
    cls = ALIASES.get(cls, cls)
    if cls is None or (cls not in SPECS and cls not in MODELS):
        raise ModelError("layer_not_allowed", layer=name, cls=entry.get("class_name"))
    return cls


def check_args(cls: str, config: dict, layer: str, keras2: bool) -> dict[str, Any]:
    """Every argument of a layer's config checked against SPECS[cls]; returns the implemented ones
    (activations as names, missing ones as Keras' defaults are left out) and ``"dtype"``."""
    spec = SPECS[cls]
    out: dict[str, Any] = {}
    for key, value in config.items():
        if not isinstance(key, str):
            raise ModelError("bad_config", detail=f"layer '{layer}' has a non-text argument name")
        rule = spec.get(key) or COMMON.get(key) or INPUT_DECL.get(key)
        if rule is None:
            if key.endswith(("_initializer", "_regularizer", "_constraint")):
                check_object(value, layer, key)
                continue
            raise ModelError("unknown_argument", layer=layer, cls=cls, argument=key, value=_show(value))
        if key == "dtype":
            if cls == "InputLayer":  # what the input holds, not a compute policy
                if value not in INPUT_DTYPES:
                    raise ModelError("argument_value", layer=layer, cls=cls, argument=key, value=_show(value))
                continue
            out["dtype"] = dtype_of(value, layer)
            continue
        if rule.kind == "default":
            if value != rule.default:
                raise ModelError("argument", layer=layer, cls=cls, argument=key, value=_show(value),
                                 default=_show(rule.default))
            continue
        if key in ("activation", "recurrent_activation"):
            allowed = CELL_ACTIVATIONS if cls in ("LSTM", "GRU", "SimpleRNN") else DENSE_ACTIVATIONS
            value = activation_name(value, layer, key, allowed, keras2)
        elif rule.check is not None:
            try:
                value = rule.check(value)
            except _Bad:
                raise ModelError("argument_value", layer=layer, cls=cls, argument=key, value=_show(value)) from None
        if rule.kind == "impl":
            out[key] = value
    return out


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
