"""The NumPy plain RNN and GRU: equations by hand, step == forward, shapes, dtypes, properties, bad input."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import expit as sigmoid

from lstm_core.cells import (
    GRU_GATES,
    GRUTrace,
    GRUWeights,
    RNNTrace,
    RNNWeights,
    gate_slice,
    gru_forward,
    gru_step,
    rnn_forward,
    rnn_step,
)
from lstm_core.weights.init import init_layer, random_layer


def test_rnn_step_by_hand():
    w = random_layer("rnn", 2, 3, seed=1, dtype=np.float64)
    x_t, h_tm1 = np.array([0.5, -1.0]), np.array([0.1, -0.2, 0.3])
    a = x_t @ w.kernel + h_tm1 @ w.recurrent_kernel + w.bias
    step = rnn_step(x_t, h_tm1, w)
    np.testing.assert_allclose(step.a, a, rtol=1e-12)
    np.testing.assert_allclose(step.h, np.tanh(a), rtol=1e-12)


def test_gru_step_by_hand_keras_reset_after():
    w = random_layer("gru", 2, 3, seed=2, dtype=np.float64)
    x_t, h_tm1 = np.array([0.5, -1.0]), np.array([0.1, -0.2, 0.3])
    s = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    p = x_t @ w.kernel + w.bias[0]
    q = h_tm1 @ w.recurrent_kernel + w.bias[1]
    z = s(p[0:3] + q[0:3])
    r = s(p[3:6] + q[3:6])
    hh = np.tanh(p[6:9] + r * q[6:9])
    h = z * h_tm1 + (1 - z) * hh
    step = gru_step(x_t, h_tm1, w)
    for name, want in dict(p=p, q=q, z=z, r=r, h_tilde=hh, h=h).items():
        np.testing.assert_allclose(getattr(step, name), want, rtol=1e-12, atol=1e-12, err_msg=name)


@pytest.mark.parametrize("kind", ["rnn", "gru"])
@pytest.mark.parametrize("batched", [False, True])
def test_stepping_equals_forward(kind, batched):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 7, 3) if batched else (7, 3))
    if kind == "rnn":
        w, fwd, step = random_layer("rnn", 3, 4, seed=0), rnn_forward, rnn_step
    else:
        w, fwd, step = random_layer("gru", 3, 4, seed=0), gru_forward, gru_step
    h0 = rng.standard_normal((2, 4) if batched else 4)
    trace = fwd(x, w, h0=h0, dtype=np.float64)
    h = h0
    for t in range(7):
        s = step(x[:, t] if batched else x[t], h, w.astype(np.float64))
        np.testing.assert_allclose(s.h, trace.h[t], rtol=1e-12, atol=1e-12)
        h = s.h
    np.testing.assert_allclose(trace.h_prev(0), h0)
    np.testing.assert_allclose(trace.h_prevs()[3], trace.h[2])


def test_shapes_dtypes_and_batch_slices():
    x = np.zeros((2, 5, 3))
    rt = rnn_forward(x, random_layer("rnn", 3, 4))
    assert isinstance(rt, RNNTrace) and rt.a.shape == (5, 2, 4) and rt.h.dtype == np.float32 and rt.batched
    gt = gru_forward(x, random_layer("gru", 3, 4), dtype=np.float64)
    assert isinstance(gt, GRUTrace) and gt.p.shape == (5, 2, 12) and gt.q.shape == (5, 2, 12)
    assert gt.z.shape == gt.r.shape == gt.h_tilde.shape == (5, 2, 4) and gt.h.dtype == np.float64
    one = gt.sequence(1)
    assert one.h.shape == (5, 4) and one.h0.shape == (4,) and not one.batched
    alone = gru_forward(x[1], random_layer("gru", 3, 4), dtype=np.float64)
    for name in ("x", "p", "q", "z", "r", "h_tilde", "h", "h0"):
        np.testing.assert_allclose(getattr(one, name), getattr(alone, name), atol=1e-12, err_msg=name)
    assert alone == gru_forward(x[1], random_layer("gru", 3, 4), dtype=np.float64)
    assert gt.gate("h_tilde") is gt.h_tilde and [gt.gate(g).shape for g in GRU_GATES] == [(5, 2, 4)] * 3
    assert rt.steps == 5 and rt.units == 4


def test_gate_slices_follow_keras_order():
    assert GRU_GATES == ("z", "r", "h_tilde")
    assert [gate_slice(g, 2, GRU_GATES) for g in GRU_GATES] == [slice(0, 2), slice(2, 4), slice(4, 6)]
    w = random_layer("gru", 1, 2)
    W_r, U_r, bx_r, bh_r = w.gate("r")
    np.testing.assert_array_equal(W_r, w.kernel[:, 2:4])
    np.testing.assert_array_equal(bh_r, w.bias[1, 2:4])


def test_gru_step_by_hand_reset_before():
    """reset_after=False (bias (3H,)): h̃ = tanh(x W_h + b_h + (r ⊙ h_{t-1}) U_h), Keras' literal slices."""
    full = random_layer("gru", 2, 3, seed=4, dtype=np.float64)
    w = GRUWeights(full.kernel, full.recurrent_kernel, full.bias[0])
    assert not w.reset_after and full.reset_after
    x_t, h_tm1 = np.array([0.5, -1.0]), np.array([0.1, -0.2, 0.3])
    s = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    p = x_t @ w.kernel + w.bias
    U = w.recurrent_kernel
    z = s(p[0:3] + h_tm1 @ U[:, 0:3])
    r = s(p[3:6] + h_tm1 @ U[:, 3:6])
    hh = np.tanh(p[6:9] + (r * h_tm1) @ U[:, 6:9])
    h = z * h_tm1 + (1 - z) * hh
    step = gru_step(x_t, h_tm1, w)
    for name, want in dict(p=p, z=z, r=r, h_tilde=hh, h=h).items():
        np.testing.assert_allclose(getattr(step, name), want, rtol=1e-12, atol=1e-12, err_msg=name)
    x = np.random.default_rng(5).normal(size=(6, 2))
    trace = gru_forward(x, w, dtype=np.float64)
    h = np.zeros(3)
    for t in range(6):
        h = gru_step(x[t], h, w).h
        np.testing.assert_allclose(trace.h[t], h, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("activation, recurrent_activation", [("relu", "hard_sigmoid"), ("linear", "sigmoid")])
def test_gru_and_rnn_activations_by_name_agree_step_and_forward(activation, recurrent_activation):
    x = np.random.default_rng(6).normal(size=(7, 2))
    g = random_layer("gru", 2, 3, seed=6, dtype=np.float64)
    trace = gru_forward(x, g, dtype=np.float64, activation=activation, recurrent_activation=recurrent_activation)
    h = np.zeros(3)
    for t in range(7):
        step = gru_step(x[t], h, g, activation=activation, recurrent_activation=recurrent_activation)
        for name in ("z", "r", "h_tilde", "h"):
            np.testing.assert_allclose(getattr(trace, name)[t], getattr(step, name), rtol=1e-12, atol=1e-12)
        h = step.h
    r = random_layer("rnn", 2, 3, seed=6, dtype=np.float64)
    trace = rnn_forward(x, r, dtype=np.float64, activation=activation)
    h = np.zeros(3)
    for t in range(7):
        h = rnn_step(x[t], h, r, activation=activation).h
        np.testing.assert_allclose(trace.h[t], h, rtol=1e-12, atol=1e-12)


def test_masked_steps_keep_the_gru_and_rnn_state():
    x = np.random.default_rng(7).normal(size=(6, 2))
    mask = np.array([True, False, True, True, False, True])
    for fwd, w in ((gru_forward, random_layer("gru", 2, 3, seed=7)), (rnn_forward, random_layer("rnn", 2, 3, seed=7))):
        trace = fwd(x, w, dtype=np.float64, mask=mask)
        np.testing.assert_array_equal(trace.h[1], trace.h[0])
        np.testing.assert_array_equal(trace.h[4], trace.h[3])
        unmasked = fwd(x[mask], w, dtype=np.float64)  # the masked steps, left out, change nothing
        np.testing.assert_allclose(trace.h[mask], unmasked.h, rtol=1e-12, atol=1e-12)


def test_keras_like_initialisation():
    r = init_layer("rnn", 3, 5, seed=1)
    np.testing.assert_allclose(r.recurrent_kernel @ r.recurrent_kernel.T, np.eye(5), atol=1e-5)
    assert np.all(r.bias == 0) and np.all(np.abs(r.kernel) <= np.sqrt(6 / 8))
    g = init_layer("gru", 3, 5, seed=1)
    np.testing.assert_allclose(g.recurrent_kernel @ g.recurrent_kernel.T, np.eye(5), atol=1e-5)
    assert g.bias.shape == (2, 15) and np.all(g.bias == 0)


@given(
    x=st.lists(st.floats(-50, 50), min_size=1, max_size=12),
    seed=st.integers(0, 1000),
    scale=st.floats(0.1, 5.0),
)
def test_gru_gates_in_range_and_h_is_a_blend(x, seed, scale):
    w = random_layer("gru", 1, 3, seed=seed, scale=scale)
    trace = gru_forward(np.array(x)[:, None], w, dtype=np.float64)
    for g in ("z", "r"):
        assert np.all((trace.gate(g) >= 0) & (trace.gate(g) <= 1))
    assert np.all(np.abs(trace.h_tilde) <= 1) and np.all(np.abs(trace.h) <= 1)
    h_prev = trace.h_prevs()
    np.testing.assert_allclose(trace.h, trace.z * h_prev + (1 - trace.z) * trace.h_tilde, atol=1e-12)
    np.testing.assert_allclose(trace.z, sigmoid(trace.p[:, :3] + trace.q[:, :3]), atol=1e-12)


@given(seed=st.integers(0, 1000), perm_seed=st.integers(0, 1000))
def test_batch_order_is_irrelevant(seed, perm_seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((4, 6, 2))
    perm = np.random.default_rng(perm_seed).permutation(4)
    for fwd, w in ((rnn_forward, random_layer("rnn", 2, 3, seed)), (gru_forward, random_layer("gru", 2, 3, seed))):
        a, b = fwd(x, w, dtype=np.float64), fwd(x[perm], w, dtype=np.float64)
        np.testing.assert_allclose(a.h[:, perm], b.h, atol=1e-12)


def test_huge_inputs_give_no_nan():
    x = np.array([[1e4], [-1e4], [1e4]])
    with np.errstate(all="raise"):
        assert np.all(np.isfinite(rnn_forward(x, random_layer("rnn", 1, 3)).h))
        assert np.all(np.isfinite(gru_forward(x, random_layer("gru", 1, 3)).h))


@pytest.mark.parametrize(
    "cls, kernel, recurrent, bias, message",
    [
        (RNNWeights, np.zeros((2, 3)), np.zeros((3, 4)), np.zeros(3), r"recurrent_kernel of shape \(units, units\), got \(3, 4\)"),
        (RNNWeights, np.zeros((2, 4)), np.zeros((3, 3)), np.zeros(3), r"kernel of shape \(input_dim, 3\), got \(2, 4\)"),
        (RNNWeights, np.zeros((2, 3)), np.zeros((3, 3)), np.zeros(4), r"bias of shape \(3,\), got \(4,\)"),
        (GRUWeights, np.zeros((2, 6)), np.zeros((2, 6)), np.zeros(4), r"bias of shape \(2, 6\) or \(6,\), got \(4,\)"),
        (GRUWeights, np.zeros((2, 6)), np.zeros((2, 8)), np.zeros((2, 6)), r"recurrent_kernel of shape \(2, 6\), got \(2, 8\)"),
        (GRUWeights, np.zeros((2, 9)), np.zeros((2, 6)), np.zeros((2, 6)), r"kernel of shape \(input_dim, 6\), got \(2, 9\)"),
        (GRUWeights, np.full((2, 6), np.inf), np.zeros((2, 6)), np.zeros((2, 6)), "kernel contains NaN or infinite"),
    ],
)
def test_mismatched_weights_are_refused_with_the_shapes(cls, kernel, recurrent, bias, message):
    with pytest.raises(ValueError, match=message):
        cls(kernel, recurrent, bias)


@pytest.mark.parametrize("fwd, w", [(rnn_forward, random_layer("rnn", 2, 3)), (gru_forward, random_layer("gru", 2, 3))])
def test_bad_input_names_the_shape_or_value(fwd, w):
    with pytest.raises(ValueError, match=r"expected x with 2 features .* got 3"):
        fwd(np.zeros((4, 3)), w)
    with pytest.raises(ValueError, match=r"x contains NaN .* index \(1, 0\)"):
        fwd(np.array([[0.0, 1.0], [np.nan, 2.0]]), w)
    with pytest.raises(ValueError, match=r"h0 of shape \(3,\) or \(1, 3\), got \(4,\)"):
        fwd(np.zeros((2, 2)), w, h0=np.zeros(4))
    with pytest.raises(ValueError, match="float32 or float64"):
        fwd(np.zeros((2, 2)), w, dtype=np.int64)
    with pytest.raises(ValueError, match="units between 1"):
        init_layer("gru", 1, 0)
