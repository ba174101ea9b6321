"""The NumPy cell against Keras 3: h over whole sequences, c and every gate step by step.

Random weights with random non-zero biases (zero biases hide swapped gate slices),
atol = rtol = 1e-5 in float32, as DESIGN.md asks.
"""

import numpy as np
import pytest

from lstm_core import LSTMWeights, lstm_forward, lstm_step
from lstm_core.cells import GRUWeights, gru_forward, rnn_forward
from lstm_core.cells.activations import ACTIVATIONS, KERAS2_HARD_SIGMOID
from lstm_core.keras_bridge.layers import keras_lstm_model, keras_weights, weights_from_keras
from lstm_core.weights import init_weights, random_layer, random_weights

pytestmark = pytest.mark.keras
TOL = dict(atol=1e-5, rtol=1e-5)
SHAPES = [(1, 5, 1, 1), (3, 7, 1, 4), (2, 12, 3, 1), (4, 9, 5, 8), (2, 30, 2, 16)]  # (B, T, D, H)


@pytest.fixture(scope="module")
def keras():
    import keras as k

    return k


def _inputs(b, t, d, seed):
    return np.random.default_rng(seed).normal(size=(b, t, d)).astype(np.float32)


@pytest.mark.parametrize("b, t, d, h", SHAPES)
def test_hidden_states_match_keras(keras, b, t, d, h):
    w = random_weights(d, h, seed=b * 100 + h)
    assert np.all(np.abs(w.bias) > 0)
    x = _inputs(b, t, d, seed=h)
    ours = lstm_forward(x, w)
    theirs = np.asarray(keras_lstm_model(w, return_sequences=True)(x))  # (B, T, H)
    np.testing.assert_allclose(ours.h.transpose(1, 0, 2), theirs, **TOL)
    unbatched = lstm_forward(x[0], w)
    np.testing.assert_allclose(unbatched.h, theirs[0], **TOL)


@pytest.mark.parametrize("b, t, d, h", SHAPES[1:4])
def test_cell_state_and_gates_match_keras_cell_step_by_step(keras, b, t, d, h):
    w = random_weights(d, h, seed=7 + h)
    x = _inputs(b, t, d, seed=3)
    layer = keras.layers.LSTM(h)
    layer.build((b, t, d))
    layer.set_weights(keras_weights(w))
    cell = layer.cell
    trace = lstm_forward(x, w)
    h_tm1 = np.zeros((b, h), np.float32)
    c_tm1 = np.zeros((b, h), np.float32)
    for step in range(t):
        x_t = x[:, step]
        out, (h_k, c_k) = cell(x_t, [h_tm1, c_tm1])
        h_k, c_k = np.asarray(h_k), np.asarray(c_k)
        np.testing.assert_allclose(trace.h[step], h_k, **TOL)
        np.testing.assert_allclose(trace.c[step], c_k, **TOL)
        # Keras' gates, from its own weights and activations, at this step; its columns are i, f, c, o
        z = x_t @ np.asarray(cell.kernel) + h_tm1 @ np.asarray(cell.recurrent_kernel) + np.asarray(cell.bias)
        sig, tanh = cell.recurrent_activation, cell.activation
        np.testing.assert_allclose(trace.i[step], np.asarray(sig(z[:, 0:h])), **TOL)
        np.testing.assert_allclose(trace.f[step], np.asarray(sig(z[:, h:2 * h])), **TOL)
        np.testing.assert_allclose(trace.c_tilde[step], np.asarray(tanh(z[:, 2 * h:3 * h])), **TOL)
        np.testing.assert_allclose(trace.o[step], np.asarray(sig(z[:, 3 * h:4 * h])), **TOL)
        # and our own single step agrees with the cell too
        ours = lstm_step(x_t, h_tm1, c_tm1, w)
        np.testing.assert_allclose(ours.h, h_k, **TOL)
        np.testing.assert_allclose(ours.c, c_k, **TOL)
        h_tm1, c_tm1 = h_k, c_k


def test_initial_states_match_keras(keras):
    w = random_weights(3, 4, seed=11)
    x = _inputs(2, 6, 3, seed=5)
    rng = np.random.default_rng(0)
    h0 = rng.normal(size=(2, 4)).astype(np.float32)
    c0 = rng.normal(size=(2, 4)).astype(np.float32)
    layer = keras.layers.LSTM(4, return_sequences=True)
    layer.build((2, 6, 3))
    layer.set_weights(keras_weights(w))
    theirs = np.asarray(layer(x, initial_state=[h0, c0]))
    ours = lstm_forward(x, w, h0=h0, c0=c0)
    np.testing.assert_allclose(ours.h.transpose(1, 0, 2), theirs, **TOL)


@pytest.mark.parametrize("b, t, d, hs", [(1, 10, 1, (4, 3)), (3, 8, 2, (5, 1)), (2, 6, 3, (1, 6))])
def test_two_stacked_layers_trace_layer_by_layer(keras, b, t, d, hs):
    stack = [random_weights(d, hs[0], seed=1), random_weights(hs[0], hs[1], seed=2)]
    model = keras_lstm_model(stack, return_sequences=True)
    x = _inputs(b, t, d, seed=9)
    theirs = np.asarray(model(x))
    layers = weights_from_keras(model)
    assert isinstance(layers, list) and len(layers) == 2
    first = lstm_forward(x, layers[0])
    second = lstm_forward(first.h.transpose(1, 0, 2), layers[1])
    np.testing.assert_allclose(second.h.transpose(1, 0, 2), theirs, **TOL)


def test_weights_round_trip_through_keras(keras):
    w = random_weights(2, 3, seed=4)
    layer = keras.layers.LSTM(3)
    layer.build((None, None, 2))
    layer.set_weights(keras_weights(w))
    back = weights_from_keras(layer)
    assert isinstance(back, LSTMWeights)
    for name in ("kernel", "recurrent_kernel", "bias"):
        np.testing.assert_array_equal(getattr(back, name), getattr(w, name))


def test_model_without_lstm_is_refused(keras):
    model = keras.Sequential([keras.Input((5, 2)), keras.layers.GRU(3)])
    with pytest.raises(ValueError, match="at least one LSTM layer"):
        weights_from_keras(model)


def test_unusual_activation_is_refused(keras):
    layer = keras.layers.LSTM(2, activation="relu")
    layer.build((None, None, 1))
    with pytest.raises(ValueError, match=r"activation, recurrent_activation = \('tanh', 'sigmoid'\), got \('relu'"):
        weights_from_keras(layer)


def test_init_matches_keras_in_distribution(keras):
    """Same laws as a fresh Keras LSTM: glorot-uniform range and spread, orthogonal U, unit forget bias."""
    d, h = 16, 64
    ours = init_weights(d, h, seed=0)
    layer = keras.layers.LSTM(h)
    layer.build((None, None, d))
    kernel, recurrent, bias = layer.get_weights()
    limit = np.sqrt(6 / (d + 4 * h))
    for k in (ours.kernel, kernel):
        assert np.abs(k).max() <= limit + 1e-7
        assert abs(k.std() - limit / np.sqrt(3)) < 0.05 * limit
    for u in (ours.recurrent_kernel, recurrent):
        np.testing.assert_allclose(u @ u.T, np.eye(h), atol=1e-5)
    np.testing.assert_array_equal(ours.bias, bias)


def _keras_sequence(keras, layer, x, weights):
    layer.build(x.shape)
    layer.set_weights(weights)
    return np.asarray(layer(x))


@pytest.mark.parametrize("option", [
    {"activation": "relu"}, {"recurrent_activation": "hard_sigmoid"}, {"activation": "linear"},
    {"activation": "elu"}, {"activation": "softsign"}, {"recurrent_activation": "tanh"}, {"use_bias": False},
])
def test_lstm_options_match_keras(keras, option):
    """One option varied per case, random non-zero biases, the whole sequence of h."""
    w = random_weights(3, 4, seed=21)
    x = _inputs(2, 9, 3, seed=22)
    kwargs = {k: v for k, v in option.items() if k != "use_bias"}
    if option.get("use_bias") is False:
        w = LSTMWeights(w.kernel, w.recurrent_kernel, np.zeros_like(w.bias))
        theirs = _keras_sequence(keras, keras.layers.LSTM(4, return_sequences=True, use_bias=False), x,
                                 [w.kernel, w.recurrent_kernel])
    else:
        theirs = _keras_sequence(keras, keras.layers.LSTM(4, return_sequences=True, **kwargs), x,
                                 [w.kernel, w.recurrent_kernel, w.bias])
    ours = lstm_forward(x, w, **kwargs)
    np.testing.assert_allclose(ours.h.transpose(1, 0, 2), theirs, **TOL)


@pytest.mark.parametrize("reset_after", [True, False])
@pytest.mark.parametrize("option", [{}, {"activation": "relu"}, {"recurrent_activation": "hard_sigmoid"}])
def test_gru_options_match_keras(keras, reset_after, option):
    w = random_layer("gru", 2, 3, seed=23)
    if not reset_after:
        w = GRUWeights(w.kernel, w.recurrent_kernel, w.bias[0])
    x = _inputs(2, 8, 2, seed=24)
    theirs = _keras_sequence(keras, keras.layers.GRU(3, return_sequences=True, reset_after=reset_after, **option), x,
                             [w.kernel, w.recurrent_kernel, w.bias])
    np.testing.assert_allclose(gru_forward(x, w, **option).h.transpose(1, 0, 2), theirs, **TOL)


@pytest.mark.parametrize("activation", ["tanh", "relu", "linear", "sigmoid"])
def test_simple_rnn_activations_match_keras(keras, activation):
    w = random_layer("rnn", 2, 3, seed=25, scale=0.8)
    x = _inputs(2, 8, 2, seed=26)
    theirs = _keras_sequence(keras, keras.layers.SimpleRNN(3, return_sequences=True, activation=activation), x,
                             [w.kernel, w.recurrent_kernel, w.bias])
    np.testing.assert_allclose(rnn_forward(x, w, activation=activation).h.transpose(1, 0, 2), theirs, **TOL)


@pytest.mark.parametrize("name", sorted(set(ACTIVATIONS) - {KERAS2_HARD_SIGMOID}))
def test_every_activation_matches_keras_by_name(keras, name):
    x = np.concatenate([np.linspace(-8, 8, 161), [-40.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 40.0]]).astype(np.float32)
    theirs = np.asarray(keras.activations.get(name)(x))
    np.testing.assert_allclose(ACTIVATIONS[name](x), theirs, **TOL)
    out = np.empty_like(x)
    np.testing.assert_allclose(ACTIVATIONS[name](x, out=out), theirs, **TOL)
    np.testing.assert_allclose(out, theirs, **TOL)


def test_keras2_hard_sigmoid_is_the_old_definition():
    x = np.array([-5.0, -2.5, -1.0, 0.0, 1.0, 2.5, 5.0], np.float32)
    np.testing.assert_allclose(ACTIVATIONS[KERAS2_HARD_SIGMOID](x), np.clip(0.2 * x + 0.5, 0, 1))
