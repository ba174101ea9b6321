"""Parity with Keras for every layer kind and option the reader replays that the corpus does not pin:
each case builds a small model with Keras, one option varied, random non-zero biases (and batch
statistics), saves it, opens the file with ``open_model`` and compares, at atol = rtol = 1e-5, the
model's output and every recurrent layer's own outputs inside the model (sequences, last outputs,
states) with what Keras computes.
"""

from __future__ import annotations

import numpy as np
import pytest

from lstm_core.cells.activations import ACTIVATIONS, KERAS2_HARD_SIGMOID
from lstm_core.models import open_model

pytestmark = pytest.mark.keras
TOL = dict(atol=1e-5, rtol=1e-5)
T, D = 9, 2


@pytest.fixture(scope="module")
def K():
    import keras

    keras.utils.set_random_seed(7)
    return keras


def randomize(model, rng):
    for v in model.weights:
        shape = tuple(v.shape)
        if v.name == "bias":
            value = rng.normal(0.0, 0.5, shape)
            value = np.where(np.abs(value) < 0.05, 0.1, value)
        elif v.name == "gamma":
            value = rng.uniform(0.5, 1.5, shape)
        elif v.name == "beta":
            value = rng.normal(0.0, 0.3, shape)
        elif v.name == "moving_mean":
            value = rng.normal(0.0, 0.5, shape)
        elif v.name == "moving_variance":
            value = rng.uniform(0.5, 2.0, shape)
        else:
            continue
        v.assign(value.astype(v.dtype))


def series(rng, steps=T, features=D, pad_end=0):
    x = (np.sin(0.7 * np.arange(steps)[:, None] + rng.uniform(0, 6, features)) + rng.normal(0, 0.3, (steps, features)))
    x = x.astype(np.float32)
    if pad_end:
        x[-pad_end:] = 0.0
    return x


def parity(K, model, x, tmp_path, suffix=".keras", seed=0):
    """Save, open as data, and compare the output and every recurrent layer's outputs with Keras."""
    randomize(model, np.random.default_rng(seed))
    path = tmp_path / f"model{suffix}"
    model.save(path)
    opened = open_model(path.read_bytes(), path.name)
    trace = opened.trace(x)

    def reset():  # a stateful layer keeps its state between Keras calls; every call here starts from zero
        for layer in model.layers:
            if getattr(layer, "stateful", False):
                layer.reset_state()
    reset()
    expected = model(x[None])
    if isinstance(expected, (list, tuple)):
        for got, want in zip(trace.output, expected):
            np.testing.assert_allclose(got, np.asarray(want)[0], **TOL)
    else:
        np.testing.assert_allclose(trace.output, np.asarray(expected)[0], **TOL)
    tensor, _ = opened.graph.feed(x, opened)
    values, _ = opened.graph.run(tensor)
    names = {node.name: k for k, node in enumerate(opened.graph.nodes)}
    checked = 0
    for layer in model.layers:
        if not isinstance(layer, (K.layers.LSTM, K.layers.GRU, K.layers.SimpleRNN, K.layers.Bidirectional)):
            continue
        reset()
        want = K.Model(model.inputs, layer.output)(x[None])
        want = list(want) if isinstance(want, (list, tuple)) else [want]
        got = values[names[layer.name]]
        assert len(got) == len(want), layer.name
        for g, w in zip(got, want):
            np.testing.assert_allclose(g.value, np.asarray(w), **TOL, err_msg=layer.name)
        checked += 1
    assert checked == len({lt.layer.name for lt in trace.layers})
    return opened, trace


# ---- recurrent layers ---------------------------------------------------------------------------

CELL_ACTIVATIONS = sorted(set(ACTIVATIONS) - {KERAS2_HARD_SIGMOID})


@pytest.mark.parametrize("kind", ["LSTM", "GRU", "SimpleRNN"])
def test_every_activation(K, tmp_path, kind):
    """One branch per built-in activation, side by side from the same input."""
    rng = np.random.default_rng(1)
    inp = K.Input((T, D))
    outs = [getattr(K.layers, kind)(2, activation=a, name=f"{kind.lower()}_{a}")(inp) for a in CELL_ACTIVATIONS]
    model = K.Model(inp, K.layers.Dense(1)(K.layers.Concatenate()(outs)))
    opened, _ = parity(K, model, series(rng) * 0.5, tmp_path)
    assert len(opened.stacks()) == len(CELL_ACTIVATIONS)


@pytest.mark.parametrize("kind", ["LSTM", "GRU"])
def test_every_recurrent_activation(K, tmp_path, kind):
    rng = np.random.default_rng(2)
    inp = K.Input((T, D))
    outs = [getattr(K.layers, kind)(2, recurrent_activation=a, name=f"r_{a}")(inp) for a in CELL_ACTIVATIONS]
    model = K.Model(inp, K.layers.Dense(1)(K.layers.Concatenate()(outs)))
    parity(K, model, series(rng) * 0.5, tmp_path)


@pytest.mark.parametrize("layer", [
    lambda L: L.GRU(3, use_bias=False, reset_after=False),
    lambda L: L.GRU(3, use_bias=False),
    lambda L: L.SimpleRNN(3, use_bias=False),
    lambda L: L.SimpleRNN(3, go_backwards=True, return_sequences=True),
    lambda L: L.GRU(3, go_backwards=True, return_sequences=True, reset_after=False),
    lambda L: L.LSTM(3, return_sequences=True, return_state=True),
    lambda L: L.GRU(3, return_state=True, go_backwards=True),
], ids=["gru_no_bias_before", "gru_no_bias_after", "rnn_no_bias", "rnn_backwards_seq", "gru_backwards_seq",
        "lstm_seq_state", "gru_state_backwards"])
def test_recurrent_options(K, tmp_path, layer):
    rng = np.random.default_rng(3)
    inp = K.Input((T, D))
    out = layer(K.layers)(inp)
    if isinstance(out, (list, tuple)):
        out = K.layers.Concatenate()([K.layers.Flatten()(out[0])] + list(out[1:]))
    elif len(out.shape) == 3:
        out = K.layers.Flatten()(out)
    parity(K, K.Model(inp, K.layers.Dense(2)(out)), series(rng), tmp_path)


@pytest.mark.parametrize("inner, merge", [
    ("LSTM", "concat"), ("GRU", "concat"), ("SimpleRNN", "ave"), ("LSTM", None),
], ids=["lstm", "gru", "rnn_ave", "lstm_none"])
def test_bidirectional_return_state(K, tmp_path, inner, merge):
    rng = np.random.default_rng(4)
    inp = K.Input((T, D))
    outs = K.layers.Bidirectional(getattr(K.layers, inner)(3, return_state=True), merge_mode=merge)(inp)
    model = K.Model(inp, K.layers.Dense(1)(K.layers.Concatenate()(list(outs))))
    parity(K, model, series(rng), tmp_path)


def test_masks_through_backward_and_bidirectional_layers(K, tmp_path):
    rng = np.random.default_rng(5)
    L = K.layers
    model = K.Sequential([K.Input((T, D)), L.Masking(), L.Bidirectional(L.GRU(3, return_sequences=True, reset_after=False)),
                          L.SimpleRNN(3, go_backwards=True, return_sequences=True),
                          L.LSTM(2, zero_output_for_mask=True, return_sequences=True), L.LSTM(2), L.Dense(1)])
    _, trace = parity(K, model, series(rng, pad_end=3), tmp_path)
    assert all(lt.mask is not None and not lt.mask[-1] for lt in trace.layers)


def test_functional_masking_carries_the_mask_through_keras_ops(K, tmp_path):
    """Keras 3 writes a functional Masking's mask as NotEqual/Any op nodes passed to the LSTM."""
    rng = np.random.default_rng(6)
    inp = K.Input((T, D))
    y = K.layers.LSTM(3)(K.layers.Masking(mask_value=-1.0)(inp))
    x = series(rng)
    x[:2] = -1.0
    _, trace = parity(K, K.Model(inp, K.layers.Dense(1)(y)), x, tmp_path)
    assert list(trace.layers[0].mask[:3]) == [False, False, True]


def test_stateful_from_a_zero_state(K, tmp_path):
    rng = np.random.default_rng(7)
    model = K.Sequential([K.Input((T, D), batch_size=1), K.layers.LSTM(3, stateful=True), K.layers.Dense(1)])
    opened, _ = parity(K, model, series(rng), tmp_path)
    assert any("stateful" in n for n in opened.notes)


def test_float64_policy(K, tmp_path):
    rng = np.random.default_rng(8)
    L = K.layers
    model = K.Sequential([K.Input((T, D), dtype="float64"), L.Dense(3, dtype="float64"), L.LSTM(3, dtype="float64"),
                          L.Dense(1, dtype="float64")])
    _, trace = parity(K, model, series(rng).astype(np.float64), tmp_path)
    assert trace.layers[0].x.dtype == np.float64


# ---- layers before and between recurrent layers ------------------------------------------------


@pytest.mark.parametrize("make", [
    lambda L: [L.AveragePooling1D(2)],
    lambda L: [L.AveragePooling1D(3, strides=2, padding="same")],
    lambda L: [L.MaxPooling1D(3, strides=1, padding="same")],
    lambda L: [L.MaxPooling1D(2, strides=3)],
    lambda L: [L.Conv1D(3, 3, strides=2, padding="same")],
    lambda L: [L.Conv1D(3, 2, dilation_rate=2, padding="causal", use_bias=False, activation="selu")],
    lambda L: [L.Conv1D(4, 1, activation="gelu")],
    lambda L: [L.Dense(3, activation="softmax"), L.Dense(3, activation="log_softmax")],
    lambda L: [L.Dense(3, activation="mish"), L.Dense(3, activation="hard_silu"), L.Dense(3, activation="leaky_relu")],
    lambda L: [L.Dense(3, use_bias=False, activation="swish")],
    lambda L: [L.GaussianDropout(0.3), L.AlphaDropout(0.2), L.ActivityRegularization(0.1, 0.1), L.SpatialDropout1D(0.2)],
    lambda L: [L.Activation("softplus"), L.Activation("relu6")],
    lambda L: [L.BatchNormalization(center=False)],
    lambda L: [L.BatchNormalization(scale=False, epsilon=0.01)],
    lambda L: [L.LayerNormalization(center=False, scale=False, epsilon=1e-5)],
    lambda L: [L.Normalization(mean=[0.5, -0.2], variance=[2.0, 0.5])],
    lambda L: [L.Reshape((9, 2)), L.TimeDistributed(L.Dense(3, activation="tanh"))],
], ids=["avgpool", "avgpool_same_strides", "maxpool_same", "maxpool_strides", "conv_same_strides",
        "conv_causal_dilated_nobias", "conv_k1", "dense_softmax", "dense_acts", "dense_nobias", "identities",
        "activations", "batchnorm_no_center", "batchnorm_no_scale", "layernorm_plain", "normalization_given",
        "reshape_timedistributed"])
def test_front_layers(K, tmp_path, make):
    rng = np.random.default_rng(9)
    L = K.layers
    model = K.Sequential([K.Input((T, D)), *make(L), L.LSTM(3), L.Dense(1)])
    parity(K, model, series(rng), tmp_path)


def test_every_merge(K, tmp_path):
    rng = np.random.default_rng(10)
    L = K.layers
    inp = K.Input((T, D))
    a, b = L.Dense(3)(inp), L.Dense(3, activation="tanh")(inp)
    m = L.Add()([a, b])
    m = L.Subtract()([m, b])
    m = L.Multiply()([m, a])
    m = L.Average()([m, b])
    m = L.Maximum()([m, a])
    m = L.Minimum()([m, b])
    m = L.Concatenate(axis=-1)([m, a])
    parity(K, K.Model(inp, L.Dense(1)(L.LSTM(3)(m))), series(rng), tmp_path)


def test_masks_through_merges_and_dense(K, tmp_path):
    """Concatenate with one masked branch (Keras ORs the masks: an unmasked input counts as all steps);
    Add of two masked branches keeps the mask; Dense and TimeDistributed pass it on."""
    rng = np.random.default_rng(11)
    L = K.layers
    inp = K.Input((T, D))
    masked = L.Masking()(inp)
    a = L.Dense(3)(masked)
    b = L.TimeDistributed(L.Dense(3))(masked)
    c = L.Dense(3)(inp)
    added = L.Add()([a, b])
    y1 = L.LSTM(2)(added)
    y2 = L.LSTM(2)(L.Concatenate()([added, c]))
    _, trace = parity(K, K.Model(inp, L.Dense(1)(L.Concatenate()([y1, y2]))), series(rng, pad_end=2), tmp_path)
    assert not trace.layers[0].mask[-1] and trace.layers[1].mask.all()


def test_shared_dense_called_twice(K, tmp_path):
    rng = np.random.default_rng(12)
    L = K.layers
    inp = K.Input((T, D))
    dense = L.Dense(2, activation="tanh")
    y = L.LSTM(3)(dense(dense(inp)))
    parity(K, K.Model(inp, L.Dense(1)(y)), series(rng), tmp_path)


def test_embedding_mask_through_dense_and_dropped_by_conv(K, tmp_path):
    rng = np.random.default_rng(13)
    L = K.layers
    inp = K.Input((T,), dtype="int32")
    e = L.Embedding(12, 3, mask_zero=True)(inp)
    y1 = L.LSTM(2)(L.Dense(3)(e))
    y2 = L.LSTM(2)(L.Conv1D(3, 2, padding="same")(e))
    ids = rng.integers(1, 12, T).astype(np.int32)
    ids[-3:] = 0
    _, trace = parity(K, K.Model(inp, L.Dense(1)(L.Concatenate()([y1, y2]))), ids, tmp_path)
    assert trace.layers[0].mask is not None and trace.layers[1].mask is None


def test_after_the_recurrent_layers(K, tmp_path):
    """Autoencoder (RepeatVector), global pooling with and without a mask, Flatten, a softmax head."""
    rng = np.random.default_rng(14)
    L = K.layers
    inp = K.Input((T, D))
    masked = L.Masking()(inp)
    seq = L.LSTM(3, return_sequences=True)(masked)
    avg = L.GlobalAveragePooling1D()(seq)
    mx = L.GlobalMaxPooling1D()(seq)
    code = L.LSTM(4)(inp)
    decoded = L.LSTM(3, return_sequences=True)(L.RepeatVector(T)(code))
    flat = L.Flatten()(L.TimeDistributed(L.Dense(1))(decoded))
    out = L.Dense(3, activation="softmax")(L.Concatenate()([avg, mx, flat]))
    parity(K, K.Model(inp, out), series(rng, pad_end=2), tmp_path)


# ---- legacy .h5 written by Keras 3 --------------------------------------------------------------


def test_legacy_h5_of_a_graph(K, tmp_path):
    rng = np.random.default_rng(15)
    L = K.layers
    inp = K.Input((T, D))
    a = L.Bidirectional(L.GRU(3, return_sequences=True), merge_mode="sum")(L.BatchNormalization()(inp))
    b = L.Conv1D(3, 2, padding="causal")(inp)
    y = L.LSTM(2)(L.Concatenate()([a, L.LayerNormalization()(b)]))
    parity(K, K.Model(inp, L.Dense(1)(y)), series(rng), tmp_path, suffix=".h5")
