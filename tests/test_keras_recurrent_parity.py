"""Keras 3 SimpleRNN and GRU against the NumPy cells (atol = rtol = 1e-5), TensorFlow's gradients against
our BPTT, and the recall experiment (tiny, slow-marked)."""

import numpy as np
import pytest

from lstm_core.analysis.gradients import gradient_norms
from lstm_core.cells import GRUWeights, LSTMWeights, RNNWeights, gru_forward, lstm_forward, rnn_forward
from lstm_core.keras_bridge.layers import keras_model, weights_from_keras_layer
from lstm_core.keras_bridge.recall import RecallSettings, recall_data, run_recall_experiment
from lstm_core.keras_bridge.tape_gradients import tape_gradient_fn
from lstm_core.weights import random_weights
from lstm_core.weights.init import random_layer

pytestmark = pytest.mark.keras
TOL = dict(atol=1e-5, rtol=1e-5)
SHAPES = [(1, 1), (3, 4), (2, 7)]


@pytest.mark.parametrize("kind", ["rnn", "gru"])
@pytest.mark.parametrize("D, H", SHAPES)
def test_numpy_matches_keras_batched_and_unbatched(kind, D, H):
    fwd = rnn_forward if kind == "rnn" else gru_forward
    w = random_layer(kind, D, H, seed=D * 10 + H, scale=1.5, bias_scale=1.0)  # random non-zero biases catch swapped slices
    x = np.random.default_rng(H).standard_normal((3, 9, D)).astype(np.float32)
    keras_h = np.asarray(keras_model(w, timesteps=9).predict(x, verbose=0))  # (B, T, H)
    ours = fwd(x, w)  # (T, B, H)
    np.testing.assert_allclose(ours.h.transpose(1, 0, 2), keras_h, **TOL)
    np.testing.assert_allclose(fwd(x[1], w).h, keras_h[1], **TOL)


def test_layer_weights_load_as_is_and_match_the_stated_shapes():
    import keras

    x = np.random.default_rng(0).standard_normal((2, 6, 3)).astype(np.float32)
    for layer, cls, shapes in (
        (keras.layers.SimpleRNN(4, return_sequences=True, bias_initializer="random_normal"), RNNWeights,
         [(3, 4), (4, 4), (4,)]),
        (keras.layers.GRU(4, return_sequences=True, bias_initializer="random_normal"), GRUWeights,
         [(3, 12), (4, 12), (2, 12)]),
        (keras.layers.LSTM(4, return_sequences=True, bias_initializer="random_normal"), LSTMWeights,
         [(3, 16), (4, 16), (16,)]),
    ):
        out = np.asarray(layer(x))
        assert [w.shape for w in layer.get_weights()] == shapes
        w = weights_from_keras_layer(layer)
        assert isinstance(w, cls)
        fwd = {RNNWeights: rnn_forward, GRUWeights: gru_forward, LSTMWeights: lstm_forward}[cls]
        np.testing.assert_allclose(fwd(x, w).h.transpose(1, 0, 2), out, **TOL)


def test_unsupported_layers_are_refused_with_a_reason():
    import keras

    gru = keras.layers.GRU(2, reset_after=False)
    gru(np.zeros((1, 3, 1), np.float32))
    assert not weights_from_keras_layer(gru).reset_after  # read off its bias, (3H,)
    relu = keras.layers.SimpleRNN(2, activation="relu")
    relu(np.zeros((1, 3, 1), np.float32))
    with pytest.raises(ValueError, match=r"activation = \('tanh',\), got \('relu',\)"):
        weights_from_keras_layer(relu)
    with pytest.raises(ValueError, match="built layer"):
        weights_from_keras_layer(keras.layers.GRU(2))


def test_gradients_match_tensorflow_gradient_tape():
    x = np.random.default_rng(1).standard_normal((15, 2))
    for w in (random_layer("rnn", 2, 3, seed=1), random_layer("gru", 2, 3, seed=1), random_weights(2, 3, seed=1)):
        fwd = {RNNWeights: rnn_forward, GRUWeights: gru_forward, LSTMWeights: lstm_forward}[type(w)]
        ours = gradient_norms(fwd(x, w, dtype=np.float64), w)
        tape_dx, tape_dh = tape_gradient_fn(w.astype(np.float64))(x)
        np.testing.assert_allclose(ours.log10_dx, tape_dx, atol=1e-9, err_msg=type(w).__name__)
        np.testing.assert_allclose(ours.log10_dh, tape_dh, atol=1e-9, err_msg=type(w).__name__)


def test_recall_data_marks_the_symbol_and_adds_noise_after_it():
    s = RecallSettings(ks=(3,), symbols=4, noise=0.5)
    x, y = recall_data(3, s, 200, seed=0)
    assert x.shape == (200, 4, 5) and y.shape == (200,) and x.dtype == np.float32
    np.testing.assert_array_equal(x[:, 0, :4].argmax(-1), y)
    assert np.all(x[:, 0, 4] == 1) and np.all(x[:, 1:, 4] == 0)
    assert 0.4 < x[:, 1:, :4].std() < 0.6
    with pytest.raises(ValueError, match="lag k >= 1"):
        RecallSettings(ks=(0, 2))
    with pytest.raises(ValueError, match="symbols >= 2"):
        RecallSettings(symbols=1)


@pytest.mark.slow
def test_recall_experiment_runs_end_to_end_tiny():
    s = RecallSettings(ks=(2,), units=3, train_sequences=64, test_sequences=32, epochs=1, batch_size=32)
    seen = []
    result = run_recall_experiment(s, progress=lambda f, m: seen.append((f, m)))
    assert seen == [(0.0, "rnn, k = 2"), (1 / 3, "gru, k = 2"), (2 / 3, "lstm, k = 2"), (1.0, "")]
    for cell in ("rnn", "gru", "lstm"):
        assert result.accuracy[cell].shape == (1,) and 0 <= result.accuracy[cell][0] <= 1
    assert isinstance(result.weights[("gru", 2)], GRUWeights) and result.weights[("rnn", 2)].input_dim == 5
    assert [row["k"] for row in result.table()] == [2]


def test_settings_sort_the_lags_and_the_loop_hands_each_model_its_own_k():
    s = RecallSettings(ks=(5, 2, 5))
    assert s.ks == (2, 5) and s.chance == 0.25
    asked = []

    def train(cell, k, settings):
        asked.append((cell, k, settings.ks))
        return 0.5, random_layer("rnn", 5, 2)

    result = run_recall_experiment(s, train=train)
    assert asked == [(c, k, (k,)) for k in (2, 5) for c in ("rnn", "gru", "lstm")]
    assert result.table() == [{"k": 2, "rnn": 0.5, "gru": 0.5, "lstm": 0.5}, {"k": 5, "rnn": 0.5, "gru": 0.5, "lstm": 0.5}]
