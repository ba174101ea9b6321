"""Every model file of tests/models/corpus opened as data and traced: each recurrent layer (each
direction) on what the model feeds it, x, h, c and the mask compared with Keras' own numbers
(``<name>.expected.npz``, written by make_corpus.py) at atol = rtol = 1e-5, and the model's output
where the replay reaches it. No TensorFlow here: the corpus carries Keras' reference numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from lstm_core.cells.activations import KERAS2_HARD_SIGMOID
from lstm_core.models import ModelInput, open_model

CORPUS = Path(__file__).parent / "corpus"
ENTRIES = json.loads((CORPUS / "MANIFEST.json").read_text())
TOL = dict(atol=1e-5, rtol=1e-5)
KINDS = {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "rnn"}


@pytest.fixture(scope="module")
def opened():
    cache = {}

    def get(entry):
        if entry["file"] not in cache:
            cache[entry["file"]] = open_model((CORPUS / entry["file"]).read_bytes(), entry["file"])
        return cache[entry["file"]]

    return get


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_every_layer_matches_keras(entry, opened):
    model = opened(entry)
    expected = np.load(CORPUS / entry["expected"], allow_pickle=False)
    trace = model.trace(expected["input"])
    got = trace.arrays()
    keys = [k for k in expected.files if k != "input"]
    assert keys, entry["file"]
    for key in keys:
        assert key in got, f"{entry['file']}: no {key} in the trace (has {sorted(got)})"
        if key.endswith("/mask"):
            np.testing.assert_array_equal(got[key], expected[key], err_msg=f"{entry['file']} {key}")
        else:
            assert got[key].shape == expected[key].shape, (key, got[key].shape, expected[key].shape)
            np.testing.assert_allclose(got[key], expected[key], **TOL, err_msg=f"{entry['file']} {key}")
    # no layer traced that Keras has not, and no mask Keras does not give
    traced = {k.rsplit("/", 1)[0] for k in got if k != "model/output"}
    assert traced <= {k.rsplit("/", 1)[0] for k in keys}, entry["file"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_layers_are_described_as_keras_saved_them(entry, opened):
    model = opened(entry)
    assert [layer.path for layer in model.layers] == [e["key"] for e in entry["layers"]]
    keras2 = entry["saved_by"].startswith("tf_keras")
    for layer, e in zip(model.layers, entry["layers"]):
        assert layer.kind == KINDS[e["kind"]]
        assert layer.direction == e["direction"]
        assert (layer.units, layer.input_size) == (e["units"], e["input_size"])
        rec = e["recurrent_activation"]
        if keras2 and rec == "hard_sigmoid":
            rec = KERAS2_HARD_SIGMOID
        assert (layer.activation, layer.recurrent_activation) == (e["activation"], rec)
        assert layer.use_bias == e["use_bias"] and layer.go_backwards == e["go_backwards"]
        assert layer.return_sequences == e["return_sequences"] and layer.return_state == e["return_state"]
        assert layer.zero_output_for_mask == e["zero_output_for_mask"]
        assert layer.reset_after == e["reset_after"]
        assert list(layer.feeds_from) == e["feeds_from"], (layer.path, layer.feeds_from)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_the_input_is_what_the_model_takes(entry, opened):
    spec: ModelInput = opened(entry).input
    want = entry["input"]
    assert spec.kind == want["kind"]
    assert spec.vocab == want["vocab"]
    if want["kind"] == "float":
        assert spec.features == (want["features"] if len(want["declared_shape"]) == 2 else int(np.prod(want["declared_shape"])))
        assert tuple(spec.shape) == tuple(want["declared_shape"])
    assert spec.windowed == ("windows_as_features" in entry["covers"])


def test_parallel_branches_are_never_one_stack(opened):
    entry = next(e for e in ENTRIES if e["file"] == "parallel_branches_mixed.keras")
    model = opened(entry)
    stacks = [[layer.path for layer in stack] for stack in model.stacks()]
    assert stacks == [["lstm", "lstm_1"], ["gru"]]
    assert model["lstm_1"].fed_by == "lstm" and model["gru"].fed_by is None
    two = opened(next(e for e in ENTRIES if e["file"] == "parallel_branches.keras"))
    assert [[layer.path for layer in s] for s in two.stacks()] == [["lstm_a"], ["lstm_b"]]


def test_a_bidirectional_layer_is_one_stack_with_the_layer_it_feeds(opened):
    model = opened(next(e for e in ENTRIES if e["file"] == "bidi_concat.keras"))
    assert [[layer.path for layer in s] for s in model.stacks()] == [
        ["bidirectional/forward", "bidirectional/backward", "lstm_1"]]
    assert model["lstm_1"].fed_by == "bidirectional/forward"


def test_backward_layers_keep_the_order_the_cell_ran(opened):
    """processing is the cell's own record (reversed input); quantity() is in input order."""
    entry = next(e for e in ENTRIES if e["file"] == "lstm_go_backwards.keras")
    trace = opened(entry).trace(np.load(CORPUS / entry["expected"])["input"])
    lt = trace["lstm"]
    np.testing.assert_array_equal(lt.processing.x, lt.x[::-1])
    np.testing.assert_array_equal(lt.quantity("h"), lt.processing.h[::-1])
    assert lt.processing_step(0) == lt.steps - 1
    np.testing.assert_array_equal(lt.processing.h[lt.processing_step(2)], lt.quantity("h")[2])
    # and the next layer is fed Keras' raw (processing-order) output
    np.testing.assert_array_equal(trace["lstm_1"].x, lt.processing.h)


def test_masked_bidirectional_outputs_zeros_but_carries_the_state(opened):
    entry = next(e for e in ENTRIES if e["file"] == "masking_bidi_sequences.keras")
    lt = opened(entry).trace(np.load(CORPUS / entry["expected"])["input"])["bidirectional/forward"]
    masked = ~lt.mask
    assert masked.any()
    assert np.all(lt.quantity("h")[masked] == 0)
    assert np.all(lt.processing.h[masked] == lt.processing.h[np.argmax(masked) - 1])


def test_pooling_changes_the_steps_and_says_so(opened):
    entry = next(e for e in ENTRIES if e["file"] == "conv_maxpool.keras")
    trace = opened(entry).trace(np.load(CORPUS / entry["expected"])["input"])
    assert trace["lstm"].steps == 6
    assert any("6 steps" in note for note in trace.notes)


def test_npz_round_trip(opened):
    entry = next(e for e in ENTRIES if e["file"] == "bidi_concat.keras")
    trace = opened(entry).trace(np.load(CORPUS / entry["expected"])["input"])
    import io

    with np.load(io.BytesIO(trace.to_npz()), allow_pickle=False) as data:
        assert set(data.files) == set(trace.arrays())
        assert data["bidirectional/backward/c_tilde"].shape == (8, 3)
    summary = trace.summary()
    assert [s["path"] for s in summary] == ["bidirectional/forward", "bidirectional/backward", "lstm_1"]
    assert summary[2]["feeds_from"] == ["bidirectional"] and summary[2]["steps"] == 8
