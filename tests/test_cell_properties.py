"""Properties of the cell that must hold for any weights and inputs (Hypothesis finds counter-examples)."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lstm_core import lstm_forward, lstm_step
from lstm_core.weights import random_weights

dims = st.tuples(
    st.integers(1, 4),  # B
    st.integers(1, 12),  # T
    st.integers(1, 3),  # D
    st.integers(1, 6),  # H
)
seeds = st.integers(0, 2**16)
scales = st.floats(0.1, 4.0)


def _case(b, t, d, h, seed, scale):
    w = random_weights(d, h, seed=seed, scale=scale)
    x = np.random.default_rng(seed + 1).normal(scale=scale, size=(b, t, d)).astype(np.float32)
    return w, x


@given(dims, seeds, scales)
def test_gates_are_inside_unit_interval_and_candidate_inside_minus_one_one(shape, seed, scale):
    w, x = _case(*shape, seed, scale)
    trace = lstm_forward(x, w)
    for gate in (trace.i, trace.f, trace.o):
        assert np.all((gate >= 0) & (gate <= 1))
    assert np.all(np.abs(trace.c_tilde) <= 1)
    assert np.all(np.abs(trace.h) <= 1)


@given(dims, seeds, scales)
def test_cell_state_update_equation_holds(shape, seed, scale):
    w, x = _case(*shape, seed, scale)
    tr = lstm_forward(x, w)
    c_prev = np.concatenate([tr.c0[None], tr.c[:-1]])
    np.testing.assert_allclose(tr.c, tr.f * c_prev + tr.i * tr.c_tilde, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tr.h, tr.o * np.tanh(tr.c), rtol=1e-5, atol=1e-6)


ACTIVATION_PAIRS = st.sampled_from([("tanh", "sigmoid"), ("relu", "hard_sigmoid"), ("linear", "sigmoid"),
                                     ("elu", "hard_sigmoid"), ("softsign", "sigmoid")])


@given(dims, seeds, scales, ACTIVATION_PAIRS)
def test_stepping_one_step_at_a_time_equals_forward(shape, seed, scale, activations):
    """lstm_step (the equations, written plainly) and lstm_forward (the preallocated loop) are two pieces of code."""
    w, x = _case(*shape, seed, scale)
    w, x = w.astype(np.float64), x.astype(np.float64)  # float64: only the code differs, not the rounding
    act, rec = activations
    trace = lstm_forward(x, w, dtype=np.float64, activation=act, recurrent_activation=rec)
    b, _, _ = x.shape
    h = np.zeros((b, w.units))
    c = np.zeros((b, w.units))
    for t in range(x.shape[1]):
        step = lstm_step(x[:, t], h, c, w, activation=act, recurrent_activation=rec)
        for name in ("z", "i", "f", "c_tilde", "o", "c", "h"):
            np.testing.assert_allclose(getattr(step, name), getattr(trace, name)[t], rtol=1e-9, atol=1e-12, err_msg=name)
        h, c = step.h, step.c


@given(dims, seeds, st.randoms(use_true_random=False))
def test_batch_order_does_not_matter(shape, seed, rnd):
    w, x = _case(*shape, seed, 1.0)
    order = list(range(x.shape[0]))
    rnd.shuffle(order)
    straight = lstm_forward(x, w)
    shuffled = lstm_forward(x[order], w)
    np.testing.assert_allclose(shuffled.h, straight.h[:, order], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(shuffled.c, straight.c[:, order], rtol=1e-6, atol=1e-7)


@given(dims, seeds, scales)
def test_float64_agrees_with_float32(shape, seed, scale):
    w, x = _case(*shape, seed, scale)
    f32 = lstm_forward(x, w)
    f64 = lstm_forward(x, w, dtype=np.float64)
    assert f64.h.dtype == np.float64
    for name in ("i", "f", "c_tilde", "o", "c", "h"):
        np.testing.assert_allclose(getattr(f32, name), getattr(f64, name), rtol=1e-5, atol=1e-5, err_msg=name)


@given(arrays(np.float64, st.tuples(st.integers(1, 20), st.just(1)), elements=st.floats(-1e6, 1e6)), seeds)
def test_any_finite_input_gives_finite_trace(x, seed):
    trace = lstm_forward(x, random_weights(1, 3, seed=seed))
    assert all(np.all(np.isfinite(getattr(trace, q))) for q in ("z", "i", "f", "c_tilde", "o", "c", "h"))
