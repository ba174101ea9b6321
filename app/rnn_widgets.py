"""The RNN page's widgets (pages/rnn_vs_lstm.py, through :mod:`app.rnn_view`): each draws its
controls and returns plain values. Keys are prefixed ``rnn_``; tests drive them by key."""

from __future__ import annotations

import streamlit as st

from app.i18n import t
from app.rnn_figures import CELLS
from lstm_core.analysis.memory import GRU_PRESETS, LSTM_PRESETS, RNN_PRESETS

INPUTS = ("impulse_zeros", "impulse_noise", "sine", "step", "noise", "airline", "fibonacci")
PRESETS = {"rnn": RNN_PRESETS, "gru": GRU_PRESETS, "lstm": LSTM_PRESETS}
LAGS = (2, 5, 10, 20, 30, 40)


def memory_input() -> tuple[str, int, float]:
    """(input kind, timesteps T, the distractors' std) for the memory of an impulse."""
    kind_area, length_area, noise_area = st.columns(3)
    kind = kind_area.selectbox(t("rnn.mem.input"), INPUTS, format_func=lambda k: t(f"rnn.input.{k}"),
                               key="rnn_input")
    length = length_area.slider(t("rnn.mem.length"), 10, 200, 40, step=5, key="rnn_length")
    noise_std = 0.3
    if kind == "impulse_noise":
        noise_std = noise_area.slider(t("rnn.mem.noise"), 0.0, 1.0, 0.3, step=0.05, key="rnn_noise")
    return kind, length, noise_std


def preset_picker(cell: str, label: str, area) -> str:
    """One cell's teaching preset (or ``"random"``), picked in ``area`` (a column)."""
    return area.selectbox(
        label, PRESETS[cell], key=f"rnn_preset_{cell}",
        format_func=lambda p: t("rnn.preset.random" if p == "random" else f"rnn.preset.{cell}.{p}"),
    )


def random_size(picks: dict[str, str]) -> tuple[int, int]:
    """(units, seed) of the cells picked as ``"random"``; asked only when one is, else (8, 0)."""
    if "random" not in picks.values():
        return 8, 0
    units_area, seed_area, _ = st.columns(3)
    units = int(units_area.number_input(t("rnn.mem.units"), 1, 128, 8, key="rnn_mem_units"))
    seed = int(seed_area.number_input(t("rnn.mem.seed"), 0, 10_000, 0, key="rnn_mem_seed"))
    return units, seed


def gradient_source(has_trained: bool) -> str:
    """``"random"`` or ``"trained"``: the choice is offered once the experiment has trained cells."""
    if not has_trained:
        st.caption(t("rnn.grad.trained_hint"))
        return "random"
    return st.radio(t("rnn.grad.source"), ("random", "trained"), format_func=lambda s: t(f"rnn.grad.source.{s}"),
                    horizontal=True, key="rnn_grad_source")


def gradient_run() -> tuple[int, int, str]:
    """(timesteps T, seed, ``"x"`` or ``"h"``: the gradient of h_T with respect to which)."""
    length_area, seed_area, wrt_area = st.columns(3)
    steps = length_area.slider(t("rnn.grad.length"), 10, 500, 100, step=10, key="rnn_grad_length")
    seed = int(seed_area.number_input(t("rnn.grad.seed"), 0, 10_000, 0, key="rnn_grad_seed"))
    wrt = wrt_area.radio(t("rnn.grad.wrt"), ("x", "h"), format_func=lambda w: t(f"rnn.grad.wrt.{w}"),
                         key="rnn_grad_wrt")
    return steps, seed, wrt


def trained_lag(ks: tuple[int, ...]) -> int:
    """The lag k whose trained cells to use (the longest by default)."""
    return st.columns(3)[0].selectbox(t("rnn.grad.k"), ks, index=len(ks) - 1, key="rnn_grad_k")


def random_cells() -> tuple[float, float, int]:
    """(weight scale, the gates' keep bias, units) of the random cells."""
    scale_area, bias_area, units_area = st.columns(3)
    scale = scale_area.slider(t("rnn.grad.scale"), 0.25, 3.0, 1.0, step=0.05, help=t("rnn.grad.scale_help"),
                              key="rnn_grad_scale")
    keep_bias = bias_area.slider(t("rnn.grad.keep_bias"), -2.0, 6.0, 3.0, step=0.5,
                                 help=t("rnn.grad.keep_bias_help"), key="rnn_grad_keep_bias")
    units = units_area.select_slider(t("rnn.grad.units"), (4, 8, 16, 32, 64), 32, key="rnn_grad_units")
    return scale, keep_bias, int(units)


def experiment_settings(defaults) -> tuple[list[int], int, int, float]:
    """(lags k, may be empty; units; epochs; the distractors' std) of the recall experiment."""
    ks_area, units_area, epochs_area, noise_area = st.columns(4)
    ks = ks_area.multiselect(t("rnn.exp.ks"), LAGS, list(defaults.ks), key="rnn_exp_ks")
    units = units_area.slider(t("rnn.exp.units"), 4, 32, defaults.units, step=4, key="rnn_exp_units")
    epochs = epochs_area.slider(t("rnn.exp.epochs"), 2, 30, defaults.epochs, key="rnn_exp_epochs")
    noise = noise_area.slider(t("rnn.exp.noise"), 0.0, 1.0, defaults.noise, step=0.1, key="rnn_exp_noise")
    return ks, units, epochs, noise
