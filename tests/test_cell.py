"""The NumPy cell: known answers, shapes, dtypes, stability and bad input."""

import warnings

import numpy as np
import pytest

from lstm_core import GATES, LSTMWeights, Trace, lstm_forward, lstm_step, split_gates
from lstm_core.cells.activations import ACTIVATIONS
from lstm_core.weights import random_weights


def constant_weights(d: int, h: int) -> LSTMWeights:
    """Keras LSTM(h) with Constant(0.01) kernel, Constant(0.02) recurrent, Constant(0.03) bias, unit forget bias."""
    bias = np.full(4 * h, 0.03)
    bias[h : 2 * h] = 1.0
    return LSTMWeights(np.full((d, 4 * h), 0.01), np.full((h, 4 * h), 0.02), bias)


def test_known_answer_from_keras_constant_initialisers():
    x = np.arange(72, dtype=np.float32).reshape(3, 6, 4)
    trace = lstm_forward(x, constant_weights(4, 3))
    np.testing.assert_allclose(trace.h[-1, 0], [0.6288687] * 3, atol=1e-5, rtol=1e-5)


def test_known_answer_by_hand_one_step():
    w = random_weights(2, 3, seed=1)
    x_t = np.array([0.5, -1.0])
    h_tm1 = np.array([0.1, -0.2, 0.3])
    c_tm1 = np.array([1.0, 0.0, -1.0])
    z = x_t @ w.kernel.astype(np.float64) + h_tm1 @ w.recurrent_kernel + w.bias
    s = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    i, f, g, o = s(z[0:3]), s(z[3:6]), np.tanh(z[6:9]), s(z[9:12])
    c = f * c_tm1 + i * g
    h = o * np.tanh(c)
    step = lstm_step(x_t, h_tm1, c_tm1, w.astype(np.float64))
    for name, want in dict(i=i, f=f, c_tilde=g, o=o, c=c, h=h, z=z).items():
        np.testing.assert_allclose(getattr(step, name), want, rtol=1e-12, atol=1e-12, err_msg=name)


def test_shapes_unbatched_and_batched():
    w = random_weights(3, 5, seed=0)
    t1 = lstm_forward(np.zeros((7, 3)), w)
    assert t1.x.shape == (7, 3) and t1.z.shape == (7, 20) and t1.h0.shape == (5,)
    for q in ("i", "f", "c_tilde", "o", "c", "h"):
        assert getattr(t1, q).shape == (7, 5)
        assert getattr(t1, q).dtype == np.float32
    t2 = lstm_forward(np.zeros((2, 7, 3)), w)
    assert t2.x.shape == (7, 2, 3) and t2.z.shape == (7, 2, 20) and t2.h.shape == (7, 2, 5)
    assert t2.h0.shape == (2, 5) and t2.batched and not t1.batched


def test_float64_when_asked():
    w = random_weights(2, 4, seed=3)
    trace = lstm_forward(np.ones((5, 2)), w, dtype=np.float64)
    assert trace.h.dtype == np.float64 and trace.z.dtype == np.float64


def test_initial_states_are_used_and_recorded():
    w = random_weights(1, 2, seed=4)
    h0, c0 = np.array([0.5, -0.5]), np.array([2.0, -1.0])
    trace = lstm_forward(np.zeros((3, 1)), w, h0=h0, c0=c0)
    step = lstm_step(np.zeros(1), h0, c0, w)
    np.testing.assert_allclose(trace.h[0], step.h, rtol=1e-6)
    np.testing.assert_allclose(trace.h0, h0)
    np.testing.assert_allclose(trace.c_prev(0), c0)
    np.testing.assert_allclose(trace.h_prev(2), trace.h[1])


def test_split_gates_follows_gate_order():
    fused = np.arange(8)
    parts = split_gates(fused)
    assert list(parts) == list(GATES) == ["i", "f", "c_tilde", "o"]
    assert parts["f"].tolist() == [2, 3] and parts["c_tilde"].tolist() == [4, 5] and parts["o"].tolist() == [6, 7]
    with pytest.raises(ValueError, match="4\\*units"):
        split_gates(np.arange(6))


def test_sigmoid_is_stable_at_extremes():
    z = np.array([-1e4, -100.0, 0.0, 100.0, 1e4], dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = ACTIVATIONS["sigmoid"](z)
    assert not np.any(np.isnan(s))
    np.testing.assert_allclose(s, [0, 0, 0.5, 1, 1], atol=1e-7)


def test_huge_inputs_give_no_nan():
    w = random_weights(1, 3, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trace = lstm_forward(np.array([[1e4], [-1e4], [1e4]]), w)
    assert np.all(np.isfinite(trace.h)) and np.all(np.isfinite(trace.c))


@pytest.mark.parametrize(
    "kernel, recurrent, bias, message",
    [
        (np.zeros((2, 8)), np.zeros((2, 8)), np.zeros(7), r"bias of shape \(8,\), got \(7,\)"),
        (np.zeros((2, 12)), np.zeros((2, 8)), np.zeros(8), r"kernel of shape \(input_dim, 8\), got \(2, 12\)"),
        (np.zeros((2, 8)), np.zeros((3, 8)), np.zeros(8), r"recurrent_kernel of shape \(3, 12\), got \(3, 8\)"),
        (np.zeros((2, 8)), np.zeros(8), np.zeros(8), r"recurrent_kernel of shape \(units, 4\*units\), got \(8,\)"),
        (np.full((2, 8), np.nan), np.zeros((2, 8)), np.zeros(8), "kernel contains NaN"),
    ],
)
def test_mismatched_weights_are_refused_with_the_shapes(kernel, recurrent, bias, message):
    with pytest.raises(ValueError, match=message):
        LSTMWeights(kernel, recurrent, bias)


@pytest.mark.parametrize(
    "x, message",
    [
        (np.zeros((4, 3)), r"expected x with 2 features .* got 3 \(x of shape \(4, 3\)\)"),
        (np.zeros(4), r"got \(4,\)"),
        (np.zeros((1, 2, 3, 2)), r"got \(1, 2, 3, 2\)"),
        (np.zeros((0, 2)), "at least one timestep"),
        (np.array([[0.0, 1.0], [np.nan, 2.0]]), r"x contains NaN .* index \(1, 0\)"),
        (np.array([["a", "b"]]), "numeric x"),
    ],
)
def test_bad_input_names_the_shape_or_value(x, message):
    with pytest.raises(ValueError, match=message):
        lstm_forward(x, random_weights(2, 3))


def test_bad_initial_state_and_dtype():
    w = random_weights(2, 3)
    with pytest.raises(ValueError, match=r"h0 of shape \(3,\) or \(1, 3\), got \(4,\)"):
        lstm_forward(np.zeros((2, 2)), w, h0=np.zeros(4))
    with pytest.raises(ValueError, match="float32 or float64"):
        lstm_forward(np.zeros((2, 2)), w, dtype=np.int32)
    with pytest.raises(ValueError, match=r"x_t of shape \(2,\)"):
        lstm_step(np.zeros(3), np.zeros(3), np.zeros(3), w)


def test_trace_is_a_trace():
    assert isinstance(lstm_forward(np.zeros((2, 2)), random_weights(2, 3)), Trace)


def _by_hand(x, w, act, rec, mask=None):
    """The equations with Keras' literal column slices, one step at a time in float64 (no code of ours)."""
    H = w.units
    h, c = np.zeros(H), np.zeros(H)
    hs, cs = [], []
    for t, x_t in enumerate(x):
        z = x_t @ w.kernel.astype(np.float64) + h @ w.recurrent_kernel.astype(np.float64) + w.bias
        i, f, g, o = rec(z[0:H]), rec(z[H:2 * H]), act(z[2 * H:3 * H]), rec(z[3 * H:4 * H])
        if mask is None or mask[t]:
            c = f * c + i * g
            h = o * act(c)
        hs.append(h)
        cs.append(c)
    return np.array(hs), np.array(cs)


RELU = lambda v: np.maximum(v, 0)  # noqa: E731
HARD_SIGMOID = lambda v: np.clip(v / 6 + 0.5, 0, 1)  # noqa: E731  (Keras 3's)
SIGMOID = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731


@pytest.mark.parametrize("activation, recurrent_activation, act, rec", [
    ("tanh", "sigmoid", np.tanh, SIGMOID),
    ("relu", "sigmoid", RELU, SIGMOID),
    ("tanh", "hard_sigmoid", np.tanh, HARD_SIGMOID),
    ("linear", "sigmoid", lambda v: v, SIGMOID),
])
def test_activations_by_name_follow_the_equations(activation, recurrent_activation, act, rec):
    w = random_weights(2, 3, seed=5)
    x = np.random.default_rng(6).normal(size=(9, 2))
    trace = lstm_forward(x, w, dtype=np.float64, activation=activation, recurrent_activation=recurrent_activation)
    h, c = _by_hand(x, w, act, rec)
    np.testing.assert_allclose(trace.h, h, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(trace.c, c, rtol=1e-10, atol=1e-12)


def test_masked_steps_carry_the_state_over():
    w = random_weights(2, 3, seed=7)
    x = np.random.default_rng(8).normal(size=(8, 2))
    mask = np.array([True, True, False, True, False, False, True, True])
    trace = lstm_forward(x, w, dtype=np.float64, mask=mask)
    h, c = _by_hand(x, w, np.tanh, SIGMOID, mask)
    np.testing.assert_allclose(trace.h, h, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(trace.c, c, rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(trace.h[2], trace.h[1])


def test_a_batched_mask_is_per_sequence():
    w = random_weights(1, 2, seed=9)
    x = np.random.default_rng(10).normal(size=(2, 5, 1))
    mask = np.array([[True] * 5, [True, False, True, False, True]])
    both = lstm_forward(x, w, mask=mask)
    np.testing.assert_allclose(both.h[:, 0], lstm_forward(x[0], w).h, rtol=1e-6)
    np.testing.assert_allclose(both.h[:, 1], lstm_forward(x[1], w, mask=mask[1]).h, rtol=1e-6)
    with pytest.raises(ValueError, match="mask of shape"):
        lstm_forward(x, w, mask=np.ones(4, bool))


def test_an_unknown_activation_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="expected an activation among .* got 'sofmax'"):
        lstm_forward(np.zeros((2, 2)), random_weights(2, 3), activation="sofmax")
