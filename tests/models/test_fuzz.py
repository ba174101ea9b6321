"""Fuzzing the reader: corpus files with their config.json mutated (values replaced, keys dropped,
lists shuffled) and their bytes mutated (flipped, overwritten, cut, also inside the stored HDF5
weights). Whatever comes in, ``open_model`` gives an OpenedModel or a ModelError, never another
exception; an opened model traces its sequence or raises a ModelError.
"""

from __future__ import annotations

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_core.models import ModelError, OpenedModel, open_model
from tests.models.model_files import CORPUS, corpus_bytes, members, with_config

FILES = ["lstm_dense.keras", "bidi_concat.keras", "parallel_branches_mixed.keras", "embedding_mask_lstm.keras",
         "nested_sequential.keras", "conv_maxpool.keras", "masking_bidi_sequences.keras", "lstm_return_state.keras"]
H5_FILES = ["lstm_dense.h5", "bidi_concat.h5", "nested_sequential.h5", "k2_embedding_mask.h5", "k2_bidi.h5"]
CONFIGS = {name: json.loads(members(corpus_bytes(name))["config.json"]) for name in FILES}
REPLACEMENTS = [None, 0, -1, 1, 2, 3.5, -0.0, 10**9, 10**30, float("nan"), float("inf"), True, False, "", "x", "linear",
                "hard_sigmoid", "Lambda", "LSTM", "valid", "same", "concat", [], [None], [1, 2], [[None, 3, 2]],
                {}, {"class_name": "Lambda", "config": {}}, {"module": "os", "class_name": "system"},
                {"class_name": "__keras_tensor__", "config": {"keras_history": ["x", 0, 0]}}]


def outcome(data: bytes, name: str, x: np.ndarray) -> None:
    try:
        model = open_model(data, name)
    except ModelError as error:
        assert str(error) and error.reason
        return
    assert isinstance(model, OpenedModel)
    try:
        model.trace(x)
    except ModelError:
        pass


def paths(node, prefix=()):
    """Every (path, value) in a JSON tree."""
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, prefix + (i,))


def mutate(config, path, how, replacement):
    if not path:
        return replacement
    parent = config
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if how == "replace":
        parent[key] = replacement
    elif how == "delete":
        del parent[key]
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(key, json.loads(json.dumps(parent[key])))
    else:
        parent[key] = json.loads(json.dumps(parent[key]))
    return config


@settings(max_examples=250)
@given(st.data())
def test_mutated_config(data):
    name = data.draw(st.sampled_from(FILES), label="file")
    config = json.loads(json.dumps(CONFIGS[name]))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        every = list(paths(config))
        path, _ = every[data.draw(st.integers(0, len(every) - 1), label="where")]
        how = data.draw(st.sampled_from(["replace", "replace", "delete", "duplicate"]), label="how")
        replacement = data.draw(st.sampled_from(REPLACEMENTS), label="value")
        config = mutate(config, path, how, json.loads(json.dumps(replacement)))
    text = json.dumps(config, allow_nan=True)
    x = np.load(CORPUS / name.replace(".keras", ".expected.npz"))["input"]
    outcome(with_config(name, text), name, x)


@settings(max_examples=250)
@given(st.data())
def test_mutated_bytes(data):
    name = data.draw(st.sampled_from(FILES + H5_FILES), label="file")
    raw = bytearray(corpus_bytes(name))
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        kind = data.draw(st.sampled_from(["flip", "byte", "zero run", "cut"]), label="edit")
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        if kind == "flip":
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif kind == "byte":
            raw[at] = data.draw(st.integers(0, 255))
        elif kind == "zero run":
            raw[at:at + 16] = bytes(len(raw[at:at + 16]))
        else:
            del raw[at:]
            if not raw:
                break
    x = np.load(CORPUS / (name.rsplit(".", 1)[0] + ".expected.npz"))["input"]
    outcome(bytes(raw), name, x)


@settings(max_examples=120)
@given(st.data())
def test_mutated_weights_inside_an_archive(data):
    """Byte edits confined to the stored model.weights.h5 (the HDF5 parser sees them, zip checks do not)."""
    import io
    import zipfile

    name = data.draw(st.sampled_from(FILES), label="file")
    parts = members(corpus_bytes(name))
    weights = bytearray(parts["model.weights.h5"])
    for _ in range(data.draw(st.integers(1, 6), label="edits")):
        at = data.draw(st.integers(0, len(weights) - 1), label="at")
        weights[at] = data.draw(st.integers(0, 255), label="byte")
    parts["model.weights.h5"] = bytes(weights)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for member, content in parts.items():
            zf.writestr(member, content)
    x = np.load(CORPUS / name.replace(".keras", ".expected.npz"))["input"]
    outcome(buf.getvalue(), name, x)
