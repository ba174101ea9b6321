"""Every reason a model file (or an input for it) is refused, with the sentence a person reads: the
files in tests/models/refused/ (real Keras files with a layer or an argument that cannot be replayed
exactly) and corpus files changed in memory, one change per case. No TensorFlow.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from lstm_core.models import ModelError, open_model
from lstm_core.models import archive as limits
from lstm_core.models.errors import REASONS
from tests.models.model_files import CORPUS, REFUSED, archive, corpus_bytes, layer, members, with_config, with_weights

REFUSED_ENTRIES = [e for e in json.loads((REFUSED / "MANIFEST.json").read_text()) if e["file"] != "stateful_lstm.keras"]


def refusal(data: bytes, filename: str = "model.keras") -> ModelError:
    with pytest.raises(ModelError) as info:
        open_model(data, filename)
    error = info.value
    text = str(error)
    assert text and "\n" not in text and text[0].isupper() and text.endswith("."), text
    assert "?" not in text.replace("'?'", ""), f"a sentence with an unfilled field: {text}"
    return error


@pytest.mark.parametrize("entry", REFUSED_ENTRIES, ids=[e["file"] for e in REFUSED_ENTRIES])
def test_refused_files_name_the_layer_or_argument(entry):
    error = refusal((REFUSED / entry["file"]).read_bytes(), entry["file"])
    if entry["names"]:
        assert any(n.lower() in str(error).lower() for n in entry["names"]), (str(error), entry["names"])


def test_a_weights_file_says_how_to_save_the_whole_model():
    error = refusal((REFUSED / "lstm_dense.weights.h5").read_bytes(), "lstm_dense.weights.h5")
    assert error.reason == "weights_only"
    assert 'model.save("model.keras")' in str(error)


def test_a_stateful_layer_opens_from_a_zero_state_and_says_so():
    """stateful=True: the file holds no state (Keras does not save it), so one sequence from the zero
    state is what the model computes after reset_states(); the model carries a note saying so."""
    model = open_model((REFUSED / "stateful_lstm.keras").read_bytes(), "stateful_lstm.keras")
    assert any("stateful" in note and "zero state" in note for note in model.notes)
    assert model.layers[0].stateful and model.summary()[0]["stateful"]
    assert model.trace(np.ones((5, model.input.features))).layers[0].steps == 5


def _lstm(config):
    return layer(config, "lstm")


def _set(name, key, value, cls_key="config"):
    def change(config):
        layer(config, name)[cls_key][key] = value
    return change


def _hdf5_with_layer_names() -> bytes:
    import h5py

    buf = io.BytesIO()
    with h5py.File(buf, "w") as h5:
        h5.attrs["layer_names"] = np.array([b"lstm"])
        h5.create_group("lstm")
    return buf.getvalue()


def _shared_lstm(config):
    lstm_a = layer(config, "lstm_a")
    lstm_a["inbound_nodes"].append(lstm_a["inbound_nodes"][0])


def _two_inputs(config):
    config["config"]["input_layers"] = [["series", 0, 0], ["series", 0, 0]]


def _ghost_input(config):
    lstm = layer(config, "lstm_a")
    lstm["inbound_nodes"][0]["args"][0]["config"]["keras_history"] = ["ghost", 0, 0]


def _no_recurrent(config):
    config["config"]["layers"] = [e for e in config["config"]["layers"] if e["class_name"] != "LSTM"]


def _bad_kernel_shape(h5):
    del h5["layers/lstm/cell/vars/0"]
    h5["layers/lstm/cell/vars"].create_dataset("0", data=np.zeros((3, 16), np.float32))


def _int_weights(h5):
    del h5["layers/lstm/cell/vars/1"]
    h5["layers/lstm/cell/vars"].create_dataset("1", data=np.zeros((4, 16), np.int32))


def _nan_weights(h5):
    h5["layers/lstm/cell/vars/2"][0] = np.nan


def _training_true(config):
    layer(config, "lstm_a")["inbound_nodes"][0]["kwargs"]["training"] = True


def _initial_state(config):
    layer(config, "lstm_a")["inbound_nodes"][0]["kwargs"]["initial_state"] = None


CASES = {
    "not_a_model: text": ("not_a_model", lambda: b"time,value\n1,2\n", ()),
    "not_a_model: empty": ("not_a_model", lambda: b"", ()),
    "not_a_model: a zip of something else": ("not_a_model", lambda: archive({"notes.txt": b"hello"}), ()),
    "weights_only: Keras 2 save_weights": ("weights_only", _hdf5_with_layer_names, ("model.save",)),
    "weights_only: a zip of weights": ("weights_only", lambda: archive(
        {"model.weights.h5": members(corpus_bytes("lstm_dense.keras"))["model.weights.h5"]}), ()),
    "truncated: no weights member": ("truncated", lambda: archive(
        {"config.json": members(corpus_bytes("lstm_dense.keras"))["config.json"]}), ()),
    "truncated: cut archive": ("truncated", lambda: corpus_bytes("lstm_dense.keras")[:5000], ()),
    "truncated: cut HDF5": ("truncated", lambda: corpus_bytes("lstm_dense.h5")[:3000], ()),
    "bad_config: not JSON": ("bad_config", lambda: with_config("lstm_dense.keras", b"{not json"), ()),
    "bad_config: a list": ("bad_config", lambda: with_config("lstm_dense.keras", "[]"), ()),
    "bad_config: layers not a list": ("bad_config", lambda: with_config(
        "lstm_dense.keras", lambda c: c["config"].__setitem__("layers", 3)), ()),
    "bad_weights: kernel of the wrong shape": ("bad_weights", lambda: with_weights("lstm_dense.keras", _bad_kernel_shape),
                                               ("lstm",)),
    "bad_weights: integer weights": ("bad_weights", lambda: with_weights("lstm_dense.keras", _int_weights), ("lstm",)),
    "bad_weights: NaN weights": ("bad_weights", lambda: with_weights("lstm_dense.keras", _nan_weights), ("lstm",)),
    "lambda": ("lambda", lambda: with_config("lstm_dense.keras", lambda c: c["config"]["layers"].insert(
        1, {"module": "keras.layers", "class_name": "Lambda", "config": {"name": "my_lambda", "function": "x"}})),
        ("my_lambda",)),
    "lambda: TFOpLambda": ("lambda", lambda: with_config("lstm_dense.keras", lambda c: c["config"]["layers"].insert(
        1, {"class_name": "TFOpLambda", "config": {"name": "tf.math.add", "function": "math.add"}})), ("tf.math.add",)),
    "custom_object: custom initializer module": ("custom_object", lambda: with_config(
        "lstm_dense.keras", _set("lstm", "kernel_initializer", {"module": "my_pkg", "class_name": "MyInit", "config": {}})),
        ("lstm", "kernel_initializer")),
    "custom_object: custom layer": ("custom_object", lambda: with_config("lstm_dense.keras", lambda c: c["config"][
        "layers"].__setitem__(2, {**c["config"]["layers"][2], "module": "my_layers", "registered_name": "my>Dense"})),
        ("dense",)),
    "custom_object: unknown activation name": ("custom_object", lambda: with_config(
        "lstm_dense.keras", _set("lstm", "activation", "squash")), ("lstm", "squash")),
    "layer_not_allowed": ("layer_not_allowed", lambda: (REFUSED / "attention.keras").read_bytes(), ("attention",)),
    "argument: groups": ("argument", lambda: (REFUSED / "conv1d_groups.keras").read_bytes(), ("groups",)),
    "argument: training=True in a call": ("argument", lambda: with_config("parallel_branches.keras", _training_true),
                                          ("lstm_a", "training")),
    "argument: initial_state": ("argument", lambda: with_config("parallel_branches.keras", _initial_state),
                                ("initial_state",)),
    "argument: Keras 2 time_major": ("argument", lambda: (CORPUS.parent / "refused" / "k2_time_major.h5").read_bytes()
                                     if (REFUSED / "k2_time_major.h5").exists()
                                     else with_config("lstm_dense.keras", _set("lstm", "time_major", True)),
                                     ("time_major",)),
    "unknown_argument": ("unknown_argument", lambda: with_config("lstm_dense.keras", _set("lstm", "peepholes", True)),
                         ("lstm", "peepholes")),
    "argument_value: units": ("argument_value", lambda: with_config("lstm_dense.keras", _set("lstm", "units", -4)),
                              ("units",)),
    "argument_value: merge_mode": ("argument_value", lambda: with_config(
        "bidi_sum.keras", _set("bidirectional", "merge_mode", "max")), ("merge_mode",)),
    "dtype: mixed precision": ("dtype", lambda: with_config("lstm_dense.keras", _set("lstm", "dtype", "mixed_bfloat16")),
                               ("mixed_bfloat16",)),
    "shared_layer": ("shared_layer", lambda: with_config("parallel_branches.keras", _shared_lstm), ("lstm_a",)),
    "graph: a tensor no layer makes": ("graph", lambda: with_config("parallel_branches.keras", _ghost_input), ()),
    "no_recurrent": ("no_recurrent", lambda: with_config("lstm_dense.keras", _no_recurrent), ()),
    "inputs: two": ("inputs", lambda: with_config("parallel_branches.keras", _two_inputs), ("2",)),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_reason(case):
    reason, make, names = CASES[case]
    error = refusal(make())
    assert error.reason == reason, (case, error.reason, str(error))
    for n in names:
        assert n.lower() in str(error).lower(), (case, str(error))


def test_every_file_reason_has_a_case():
    file_reasons = set(REASONS) - {"input_shape", "input_values", "token_range", "too_big"}
    assert file_reasons <= {reason for reason, _, _ in CASES.values()}


@pytest.mark.parametrize("limit, value, make", [
    ("MAX_FILE_BYTES", 1000, lambda: corpus_bytes("lstm_dense.keras")),
    ("MAX_CONFIG_BYTES", 1000, lambda: corpus_bytes("lstm_dense.keras")),
    ("MAX_WEIGHTS_MEMBER_BYTES", 1000, lambda: corpus_bytes("lstm_dense.keras")),
    ("MAX_MEMBERS", 2, lambda: corpus_bytes("lstm_dense.keras")),
    ("MAX_WEIGHT_BYTES", 100, lambda: corpus_bytes("lstm_dense.keras")),
    ("MAX_ELEMENTS", 10, lambda: corpus_bytes("lstm_dense.keras")),
    ("MAX_LAYERS", 1, lambda: corpus_bytes("lstm_dense.keras")),
    ("MAX_JSON_DEPTH", 5, lambda: corpus_bytes("lstm_dense.keras")),
    ("MAX_WEIGHT_BYTES", 100, lambda: corpus_bytes("lstm_dense.h5")),
])
def test_too_big_at_each_limit(limit, value, make, monkeypatch):
    import lstm_core.models.builder as builder
    import lstm_core.models.reader as reader

    for module in (limits, builder, reader):
        if hasattr(module, limit):
            monkeypatch.setattr(module, limit, value)
    error = refusal(make())
    assert error.reason == "too_big", str(error)


def test_declared_units_beyond_the_cap_are_refused_before_reading():
    error = refusal(with_config("lstm_dense.keras", _set("lstm", "units", 90_000)))
    assert error.reason == "too_big" and "lstm" in str(error)


def test_a_layer_the_reader_does_not_know_is_refused_wherever_it_is():
    """Before a recurrent layer or after the last one: a file opens only when all of it is known."""
    def after(config):
        dense = layer(config, "dense")
        dense["class_name"] = "UnitNormalization"
        dense["config"] = {"name": "dense", "axis": -1}

    def before(config):
        config["config"]["layers"].insert(1, {"module": "keras.layers", "class_name": "UnitNormalization",
                                              "config": {"name": "unit_norm", "axis": -1}})
    for change, name in ((after, "dense"), (before, "unit_norm")):
        error = refusal(with_config("lstm_dense.keras", change))
        assert error.reason == "layer_not_allowed" and name in str(error) and "UnitNormalization" in str(error)


def test_a_model_run_on_another_length_than_it_was_built_for_has_no_output():
    """Flatten -> Dense fixes the length; on a longer sequence the LSTM is traced and the output is None."""
    model = open_model(corpus_bytes("lstm_flatten.keras"), "lstm_flatten.keras")
    trace = model.trace(np.ones((9, 1)))
    assert trace.output is None and trace["lstm"].steps == 9
    assert any("built for 6 steps" in note for note in trace.notes)


def test_config_dtype_and_floatx_are_read_never_applied():
    """A float64 policy is replayed in float64; nothing process-wide changes (no Keras here at all)."""
    def change(config):
        for name in ("lstm", "dense"):
            layer(config, name)["config"]["dtype"] = "float64"
    model = open_model(with_config("lstm_dense.keras", change), "m.keras")
    trace = model.trace(np.load(CORPUS / "lstm_dense.expected.npz")["input"])
    assert trace["lstm"].x.dtype == np.float64


# ---- the person's input -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def dense_model():
    return open_model(corpus_bytes("multivariate.keras"), "multivariate.keras")


@pytest.mark.parametrize("x, reason", [
    (np.ones((5, 2)), "input_shape"),
    (np.ones((5,)), "input_shape"),
    (np.ones((0, 3)), "input_shape"),
    (np.array([[1.0, np.nan, 2.0]]), "input_values"),
    (np.array([["a", "b", "c"]]), "input_values"),
])
def test_an_input_that_does_not_fit(dense_model, x, reason):
    with pytest.raises(ModelError) as info:
        dense_model.trace(x)
    assert info.value.reason == reason


def test_token_ids_outside_the_vocabulary():
    model = open_model(corpus_bytes("embedding_lstm.keras"), "embedding_lstm.keras")
    with pytest.raises(ModelError) as info:
        model.trace(np.array([1, 2, 99]))
    assert info.value.reason == "token_range" and "99" in str(info.value) and "19" in str(info.value)
    with pytest.raises(ModelError) as info:
        model.trace(np.array([1.5, 2.0]))
    assert info.value.reason == "input_values"
    assert model.trace(np.array([1.0, 2.0, 3.0])).layers[0].steps == 3


def test_a_windowed_model_takes_one_window_per_step():
    model = open_model(corpus_bytes("windows_as_features.keras"), "windows_as_features.keras")
    assert model.input.windowed and model.input.look_back == 4
    x = model.windows(np.arange(10.0))
    assert x.shape == (7, 4) and list(x[1]) == [1, 2, 3, 4]
    assert model.trace(x).layers[0].steps == 7
    with pytest.raises(ModelError):
        model.windows(np.arange(3.0))


def test_sentences_fill_every_field():
    for reason, sentence in REASONS.items():
        fields = {f.split("}")[0] for f in sentence.split("{")[1:]}
        error = ModelError(reason, **{f: f"<{f}>" for f in fields})
        assert "?" not in str(error), reason
