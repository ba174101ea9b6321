"""Reading a trace: unit ordering, windows of time, envelopes, stacked layers, one step's numbers."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_core import lstm_forward
from lstm_core.analysis.breakdown import step_breakdown
from lstm_core.analysis.ordering import input_correlation, unit_order, unit_variance
from lstm_core.analysis.windows import envelope, time_window
from lstm_core.cells import forward_layers
from lstm_core.weights import preset_weights, random_weights


def test_variance_order_puts_the_busiest_unit_first():
    rng = np.random.default_rng(0)
    values = np.stack([0.1 * rng.standard_normal(50), 3 * rng.standard_normal(50), np.zeros(50)], axis=1)
    assert list(unit_order(values, "variance")) == [1, 0, 2]
    np.testing.assert_allclose(unit_variance(values), values.var(axis=0))


def test_correlation_order_uses_absolute_correlation_and_treats_constants_as_zero():
    x = np.linspace(-1, 1, 40)
    values = np.stack([np.ones(40), -2 * x + 0.01 * np.sin(9 * x), np.sin(13 * x)], axis=1)
    corr = input_correlation(values, x[:, None])
    assert corr[0] == 0.0  # constant unit: no NaN
    assert corr[1] < -0.99
    assert list(unit_order(values, "correlation", x=x)) == [1, 2, 0]


def test_index_order_and_bad_orderings():
    values = np.zeros((3, 4))
    assert list(unit_order(values)) == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="ordering"):
        unit_order(values, "alphabetical")
    with pytest.raises(ValueError, match="needs the input"):
        unit_order(values, "correlation")
    with pytest.raises(ValueError, match="expected an input of 3 timesteps"):
        input_correlation(values, np.zeros(5))


@given(steps=st.integers(1, 20_000), width=st.integers(1, 500), data=st.data())
def test_time_window_holds_t_and_stays_inside(steps, width, data):
    t = data.draw(st.integers(0, steps - 1))
    start, stop = time_window(steps, t, width)
    assert 0 <= start <= t < stop <= steps
    assert stop - start == min(steps, width)


def test_time_window_does_not_move_while_stepping_inside_it():
    windows = {time_window(10_000, t, 200) for t in range(1000, 1100)}
    assert len(windows) == 1
    assert time_window(100, 99, 200) == (0, 100)
    with pytest.raises(ValueError, match="0 <= t < 10"):
        time_window(10, 10, 5)


def test_envelope_keeps_spikes_and_bounds_the_point_count():
    y = np.zeros(10_000)
    y[4321] = 7.0
    t, low, high = envelope(y, 500)
    assert len(t) == len(low) == len(high) == 500
    assert high.max() == 7.0 and low.min() == 0.0
    t, low, high = envelope(np.arange(5.0), 500)
    np.testing.assert_array_equal(low, high)
    assert list(t) == [0, 1, 2, 3, 4]


def test_forward_layers_feeds_each_layer_the_previous_h():
    x = np.random.default_rng(1).standard_normal((12, 2))
    first, second = random_weights(2, 3, seed=2), random_weights(3, 4, seed=3)
    traces = forward_layers(x, [first, second])
    np.testing.assert_array_equal(traces[1].h, lstm_forward(traces[0].h, second).h)
    with pytest.raises(ValueError, match="layer 1"):
        forward_layers(x, [first, random_weights(5, 4)])


def test_step_breakdown_adds_up_to_the_recorded_trace():
    w = random_weights(2, 5, seed=4)
    x = np.random.default_rng(5).standard_normal((9, 2)).astype(np.float32)
    trace = lstm_forward(x, w)
    for t, unit in [(0, 0), (4, 3), (8, 4)]:
        b = step_breakdown(trace, w, t, unit)
        for k, g in enumerate(("i", "f", "c_tilde", "o")):  # Keras' column order, literally
            terms = b.gates[g]
            assert terms.wx + terms.uh + terms.b == pytest.approx(terms.z, abs=1e-9)
            assert terms.z == pytest.approx(float(trace.z[t, k * 5 + unit]), abs=1e-4)
        assert b.gates["f"].value == pytest.approx(float(trace.f[t, unit]), abs=1e-5)
        assert b.gates["c_tilde"].value == pytest.approx(float(trace.c_tilde[t, unit]), abs=1e-5)
        assert b.forget_term + b.write_term == pytest.approx(b.c, abs=1e-5)
        assert b.gates["o"].value * b.tanh_c == pytest.approx(b.h, abs=1e-5)
    assert step_breakdown(trace, w, 0, 1).h_prev == 0.0  # h_{-1} is h0 = 0


def test_step_breakdown_uses_the_layers_activations():
    w = random_weights(2, 3, seed=6)
    x = np.random.default_rng(7).standard_normal((5, 2)).astype(np.float32)
    trace = lstm_forward(x, w, activation="relu", recurrent_activation="hard_sigmoid")
    b = step_breakdown(trace, w, 3, 1, activation="relu", recurrent_activation="hard_sigmoid")
    assert b.gates["c_tilde"].value == pytest.approx(max(b.gates["c_tilde"].z, 0.0), abs=1e-6)
    assert b.gates["i"].value == pytest.approx(min(max(b.gates["i"].z / 6 + 0.5, 0.0), 1.0), abs=1e-6)
    assert b.gates["o"].value * b.tanh_c == pytest.approx(b.h, abs=1e-5)  # tanh_c is relu(C_t) here


def test_step_breakdown_rejects_out_of_range_requests():
    w = preset_weights("remember")
    trace = lstm_forward(np.zeros((3, 1)), w)
    with pytest.raises(ValueError, match="0 <= t < 3"):
        step_breakdown(trace, w, 3, 0)
    with pytest.raises(ValueError, match="0 <= unit < 1"):
        step_breakdown(trace, w, 0, 1)


def test_select_units_keeps_the_chosen_units_in_order():
    from lstm_core.analysis.ordering import select_units

    w = random_weights(1, 5, seed=6)
    trace = lstm_forward(np.random.default_rng(7).standard_normal((6, 1)), w)
    sub = select_units(trace, [3, 1])
    np.testing.assert_array_equal(sub.h, trace.h[:, [3, 1]])
    np.testing.assert_array_equal(sub.z[:, 2:4], trace.z[:, [5 + 3, 5 + 1]])  # the forget gate's columns
    assert sub.to_frame()["unit"].nunique() == 2
    with pytest.raises(ValueError, match=r"\[0, 5\)"):
        select_units(trace, [5])


def test_as_features_pads_or_drops_features():
    from lstm_core.sequences.features import as_features

    np.testing.assert_array_equal(as_features(np.array([1.0, 2.0]), 3), [[1, 0, 0], [2, 0, 0]])
    np.testing.assert_array_equal(as_features(np.ones((2, 4)), 2), np.ones((2, 2)))
    assert as_features(np.ones((5, 1)), 1).shape == (5, 1)
