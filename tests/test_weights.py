"""Initialisation, the teaching presets (their behaviour pinned down), one-unit cells, NPZ files."""

import io

import numpy as np
import pytest

from lstm_core import lstm_forward
from lstm_core.sequences.builtin import impulse, set_hold_reset
from lstm_core.weights import (
    ONE_UNIT_PARAMS,
    PRESETS,
    init_weights,
    load_weights_npz,
    one_unit,
    one_unit_params,
    preset_weights,
    random_weights,
    save_weights_npz,
    stack_units,
)


def test_init_is_seeded_and_keras_shaped():
    a, b, c = init_weights(3, 8, seed=1), init_weights(3, 8, seed=1), init_weights(3, 8, seed=2)
    assert a.kernel.shape == (3, 32) and a.recurrent_kernel.shape == (8, 32) and a.bias.shape == (32,)
    assert a.kernel.dtype == np.float32
    np.testing.assert_array_equal(a.kernel, b.kernel)
    assert not np.array_equal(a.kernel, c.kernel)
    np.testing.assert_array_equal(a.bias[8:16], 1.0)
    np.testing.assert_array_equal(np.delete(a.bias, np.s_[8:16]), 0.0)
    np.testing.assert_allclose(a.recurrent_kernel @ a.recurrent_kernel.T, np.eye(8), atol=1e-5)


@pytest.mark.parametrize("d, h", [(0, 3), (2, 0), (2, 5000)])
def test_init_refuses_bad_sizes(d, h):
    with pytest.raises(ValueError, match="expected"):
        init_weights(d, h)


def _run(name, series):
    return lstm_forward(series[:, None], preset_weights(name))


def test_remember_keeps_a_spike_for_a_long_time():
    trace = _run("remember", impulse(500, at=3))
    assert abs(trace.c[2, 0]) < 0.05  # nothing written before the spike
    written = trace.c[3, 0]
    assert written > 0.9
    assert trace.c[-1, 0] > 0.99 * written
    assert np.all(trace.f[:, 0] > 0.9999)


def test_forget_drops_everything_every_step():
    trace = _run("forget", impulse(20, at=3))
    assert trace.c[3, 0] > 0.9
    assert np.all(np.abs(trace.c[4:, 0]) < 1e-4)
    assert np.all(trace.f[:, 0] < 1e-4)


def test_latch_holds_a_set_until_reset():
    x = set_hold_reset(40)  # +1 at 2, -1 at 9, +1 at 14, -1 at 21, ...
    trace = _run("latch", x)
    c = trace.c[:, 0]
    assert np.all(np.abs(c[:2]) < 1e-3)
    assert np.all(c[2:9] > 0.99) and np.all(c[2:9] < 1.01)
    assert np.all(np.abs(c[9:14]) < 1e-3)
    assert np.all(c[14:21] > 0.99)


def test_accumulate_sums_the_squashed_inputs():
    x = np.array([0.5, -0.2, 0.3, 0.0, 0.4])
    trace = _run("accumulate", x)
    np.testing.assert_allclose(trace.c[:, 0], np.cumsum(np.tanh(x)), atol=1e-4)


def test_showcase_units_behave_as_they_do_alone():
    x = set_hold_reset(30)
    together = _run("showcase", x)
    assert PRESETS["showcase"].unit_names == ("remember", "forget", "latch", "accumulate")
    for k, name in enumerate(PRESETS["showcase"].unit_names):
        alone = _run(name, x)
        np.testing.assert_allclose(together.c[:, k], alone.c[:, 0], atol=1e-6)
        np.testing.assert_allclose(together.h[:, k], alone.h[:, 0], atol=1e-6)


def test_every_preset_takes_one_input_feature():
    for name in PRESETS:
        assert preset_weights(name).input_dim == 1
    with pytest.raises(ValueError, match="expected a preset among"):
        preset_weights("nope")


def test_one_unit_round_trip_and_bad_names():
    params = {name: float(k) / 10 for k, name in enumerate(ONE_UNIT_PARAMS)}
    w = one_unit(params)
    assert w.units == 1 and w.input_dim == 1
    assert one_unit_params(w) == pytest.approx(params)
    with pytest.raises(ValueError, match="W_x"):
        one_unit({"W_x": 1.0})


def test_stack_units_refuses_mixed_inputs():
    with pytest.raises(ValueError, match="one input_dim"):
        stack_units([random_weights(1, 2), random_weights(2, 2)])


def test_npz_round_trip_and_no_pickles(tmp_path):
    stack = [random_weights(2, 3, seed=1), random_weights(3, 4, seed=2)]
    data = save_weights_npz(stack)
    back = load_weights_npz(data)
    assert len(back) == 2
    np.testing.assert_array_equal(back[1].recurrent_kernel, stack[1].recurrent_kernel)
    path = tmp_path / "w.npz"
    save_weights_npz(stack[0], path)
    assert load_weights_npz(path)[0].units == 3
    # an object array needs pickle: refused, never executed
    buffer = io.BytesIO()
    np.savez(buffer, layer0_kernel=np.array([object()], dtype=object))
    with pytest.raises(ValueError):
        load_weights_npz(buffer.getvalue())
    with pytest.raises(ValueError, match="could not be read"):
        load_weights_npz(b"not an npz file")
    with pytest.raises(ValueError, match="layer0_kernel"):
        load_weights_npz(_npz(other=np.zeros(3)))


def _npz(**arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()
