"""``open_model(data, filename)``: a Keras model file's bytes -> an :class:`OpenedModel`, as data.

What the bytes are is read from them, not from the name: a zip archive is a ``.keras`` file
(``config.json`` + ``model.weights.h5``), an HDF5 file with a ``model_config`` attribute is a legacy
``.h5``/``.hdf5`` model, and HDF5 without one holds weights only (``.weights.h5``), which gets its
own sentence. Nothing is deserialised, imported or written; see :mod:`lstm_core.models.archive` for
the limits and :mod:`lstm_core.models.allowlist` for what a model may contain.
"""

from __future__ import annotations

from lstm_core.models.api import OpenedModel
from lstm_core.models.archive import (
    MAX_FILE_BYTES,
    MAX_METADATA_BYTES,
    attr_text,
    hard_child,
    is_group,
    kind_of,
    open_hdf5,
    parse_json,
    read_zip,
)
from lstm_core.models.builder import Builder
from lstm_core.models.errors import ModelError
from lstm_core.models.weights_file import Weights


def open_model(data: bytes, filename: str = "") -> OpenedModel:
    """A Keras ``.keras``/``.h5``/``.hdf5`` file's bytes as an :class:`OpenedModel`.

    Raises :class:`ModelError` (``.reason``, ``.params``, one sentence) for anything that is not a
    model, is too big, damaged, holds weights only, or holds a layer or an argument that cannot be
    replayed exactly. Imports neither TensorFlow nor Keras.
    """
    if isinstance(data, memoryview):
        data = data.tobytes()
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"expected the file's bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) > MAX_FILE_BYTES:
        raise ModelError("too_big", what="the file", size=f"{len(data):,} bytes", limit=f"{MAX_FILE_BYTES:,} bytes")
    kind = kind_of(data)
    if kind == "zip":
        return _open_keras(data)
    if kind == "hdf5":
        return _open_h5(data, filename)
    raise ModelError("not_a_model")


def _open_keras(data: bytes) -> OpenedModel:
    members = read_zip(data)
    if "config.json" not in members:
        if "model.weights.h5" in members:
            raise ModelError("weights_only")
        raise ModelError("not_a_model")
    if "model.weights.h5" not in members:
        raise ModelError("truncated", detail="the archive has no model.weights.h5")
    config = parse_json(members["config.json"], "config.json")
    version = "3"
    if "metadata.json" in members:
        meta = parse_json(members["metadata.json"], "metadata.json", MAX_METADATA_BYTES)
        if isinstance(meta, dict) and isinstance(meta.get("keras_version"), str):
            version = meta["keras_version"][:20]
    h5 = open_hdf5(members.pop("model.weights.h5"))
    try:
        return _build(config, Weights(h5, legacy=False), keras2=False, source=f"keras {version} .keras")
    finally:
        h5.close()


def _open_h5(data: bytes, filename: str) -> OpenedModel:
    h5 = open_hdf5(data)
    try:
        try:
            raw = h5.attrs.get("model_config") if "model_config" in h5.attrs else None
        except Exception as exc:  # h5py raises OSError, KeyError... for a damaged attribute
            raise ModelError("truncated", detail=f"model_config cannot be read: {type(exc).__name__}") from None
        if raw is None:
            if filename.lower().endswith((".weights.h5", ".weights.hdf5")) or "layer_names" in h5.attrs \
                    or hard_child(h5, "layers") is not None or hard_child(h5, "vars") is not None:
                raise ModelError("weights_only")
            raise ModelError("not_a_model")
        if hasattr(raw, "tobytes") and not isinstance(raw, (bytes, str)):
            raw = raw.tobytes() if getattr(raw, "dtype", None) is not None and raw.dtype.kind == "S" else None
        if not isinstance(raw, (bytes, str)):
            raise ModelError("bad_config", detail="model_config is not text")
        config = parse_json(raw, "model_config")
        weights = hard_child(h5, "model_weights")
        if weights is None or not is_group(weights):
            raise ModelError("truncated", detail="the file has no model_weights")
        version = attr_text(h5, "keras_version") or attr_text(weights, "keras_version") or "?"
        keras2 = not version.startswith("3")
        return _build(config, Weights(weights, legacy=True), keras2=keras2,
                      source=f".h5 saved by keras {version[:20]}")
    finally:
        h5.close()


def _build(config, weights: Weights, keras2: bool, source: str) -> OpenedModel:
    builder = Builder(weights, keras2)
    try:
        outputs = builder.top(config)
        graph, layers, model_input = builder.finish(outputs)
        name = config.get("config", {}).get("name", "model") if isinstance(config.get("config"), dict) else "model"
        notes = list(builder.notes)
        if model_input.windowed:
            notes.append(f"the model takes one step of {model_input.features} values (a window of the series): "
                         f"each window is traced on its own, from a zero state, as the model reads it")
        model = OpenedModel(name=str(name)[:100], source=source, input=model_input, layers=layers, graph=graph,
                            notes=tuple(dict.fromkeys(notes)))
        graph.check(model)
    except ModelError:
        raise
    except (OSError, RuntimeError) as exc:  # h5py on damaged HDF5 structures
        raise ModelError("truncated", detail=f"the weights cannot be read: {type(exc).__name__}") from None
    except (KeyError, TypeError, AttributeError, IndexError, ValueError, RecursionError) as exc:
        # a config shaped unlike any Keras writes; the checks above catch the ones Keras writes
        raise ModelError("bad_config", detail=f"{type(exc).__name__}") from None
    return model
