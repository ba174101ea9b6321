"""The impulse-memory measurement and its textbook presets."""

import numpy as np
import pytest

from lstm_core.analysis.memory import (
    GRU_PRESETS,
    LSTM_PRESETS,
    RNN_PRESETS,
    gru_preset,
    lstm_preset,
    memory_curve,
    memory_input,
    rnn_preset,
)
from lstm_core.cells import RNNWeights


def test_rnn_halves_each_step():
    curve = memory_curve(rnn_preset("halves"), memory_input("impulse_zeros", 12))
    ratios = curve.memory[1:] / curve.memory[:-1]
    assert np.all((ratios > 0.45) & (ratios < 0.51))  # tanh is nearly linear near 0: about one half
    assert curve.memory[10] < 1e-3 and curve.steps_to(0.01) == 7


def test_lstm_forget_gate_near_one_keeps_and_near_zero_drops():
    x = memory_input("impulse_zeros", 40)
    keep = memory_curve(lstm_preset("keeps"), x)
    assert keep.memory[-1] > 0.99 and keep.memory_c[-1] > 0.99 and keep.steps_to(0.5) is None
    drop = memory_curve(lstm_preset("drops"), x)
    assert drop.gap[0] > 0.5 and drop.memory[1] < 1e-4 and drop.memory_c[1] < 1e-4
    half = memory_curve(lstm_preset("halves"), x)
    np.testing.assert_allclose(half.memory_c[1:8] / half.memory_c[:7], 0.5, rtol=1e-6)


def test_gru_update_gate_presets():
    x = memory_input("impulse_zeros", 40)
    assert memory_curve(gru_preset("keeps"), x).memory[-1] > 0.98
    np.testing.assert_allclose(memory_curve(gru_preset("halves"), x).memory[1:6], 0.5 ** np.arange(1, 6), rtol=1e-6)
    assert memory_curve(gru_preset("drops"), x).memory[1] < 1e-4


def test_gated_cells_outlast_the_rnn_in_noise():
    x = memory_input("impulse_noise", 30, seed=1, noise_std=0.3)
    rnn = memory_curve(rnn_preset("halves"), x).memory[10]
    assert memory_curve(lstm_preset("keeps"), x).memory_c[10] > 0.99 > 100 * rnn


@pytest.mark.parametrize("name", ["sine", "airline", "fibonacci", "noise"])
def test_builtin_series_are_scaled_to_at_most_one(name):
    x = memory_input(name, 20)
    assert x.shape == (20,) and np.max(np.abs(x)) == pytest.approx(1.0)


def test_every_preset_builds_and_random_has_units():
    for names, build in ((RNN_PRESETS, rnn_preset), (GRU_PRESETS, gru_preset), (LSTM_PRESETS, lstm_preset)):
        for name in names:
            w = build(name, units=5, seed=2)
            assert w.input_dim == 1 and w.units == (5 if name == "random" else 1)
            curve = memory_curve(w, memory_input("impulse_noise", 15))
            assert curve.memory[0] == pytest.approx(1.0) and curve.h.shape == (15, w.units)


def test_an_ignored_impulse_gives_zero_memory_and_bad_input_is_named():
    deaf = RNNWeights(np.zeros((1, 1)), np.full((1, 1), 0.5), np.zeros(1))
    curve = memory_curve(deaf, memory_input("impulse_zeros", 5))
    assert np.all(curve.memory == 0) and np.all(curve.gap == 0)
    with pytest.raises(ValueError, match=r"x of shape \(T,\) or \(T, 1\), got \(5, 2\)"):
        memory_curve(rnn_preset("halves"), np.zeros((5, 2)))
    with pytest.raises(ValueError, match="RNN preset among"):
        rnn_preset("keeps")
    with pytest.raises(ValueError, match="sequence among"):
        memory_input("nonsense")
