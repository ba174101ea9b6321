"""Why a plain RNN forgets: RNN, GRU and LSTM side by side.

tabs:  memory of an impulse (presets) -> gradients through time (random or trained weights, log scale)
       -> the GRU's gates as heatmaps -> the recall experiment (TensorFlow loads only when it is started)
"""

import numpy as np
import streamlit as st

from app import recall_view
from app.figures import unit_time_heatmap
from app.i18n import t
from app.presentation import show_chart
from app.rnn_figures import gradient_figure, memory_figure, power_of_ten, recall_figure
from lstm_core.keras_bridge import recall
from lstm_core.cells import LSTMWeights
from lstm_core.analysis.gradients import demo_cells, gradients_for_cells
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
from lstm_core.cells import GRUWeights, RNNWeights
from lstm_core.sequences.builtin import noise

EXPERIMENT_KEY = recall_view.RESULT_KEY  # this session's last recall.RecallResult, if any
INPUTS = ("impulse_zeros", "impulse_noise", "sine", "step", "noise", "airline", "fibonacci")
CELLS = ("rnn", "gru", "lstm")
WEIGHT_TYPES = {"rnn": RNNWeights, "gru": GRUWeights, "lstm": LSTMWeights}
CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


@st.cache_data(max_entries=32, show_spinner=False)
def gradient_run(x: np.ndarray, arrays: tuple) -> tuple[dict, object]:
    """Gradient norms of the three cells given as (cell, kernel, recurrent_kernel, bias) tuples, and the GRU trace."""
    cells = {cell: WEIGHT_TYPES[cell](*rest) for cell, *rest in arrays}
    norms, traces = gradients_for_cells(x, cells)
    return norms, traces["gru"]


def as_arrays(cells: dict) -> tuple:
    return tuple((c, cells[c].kernel, cells[c].recurrent_kernel, cells[c].bias) for c in CELLS)


names = {cell: t(f"rnn.cell.{cell}") for cell in CELLS}
experiment_job = recall_view.current_job()
if experiment_job is not None and experiment_job.finished:  # finished while this page was not polling
    recall_view.collect(experiment_job)

st.title(t("rnn.title"))
st.write(t("rnn.intro"))
with st.expander(t("rnn.equations")):
    left, right = st.columns(2)
    left.markdown(f"**{names['rnn']}**")
    left.latex(r"h_t = \tanh(W x_t + U h_{t-1} + b)")
    right.markdown(f"**{names['gru']}**")
    right.latex(
        r"""\begin{aligned}
z_t &= \sigma(W_z x_t + U_z h_{t-1} + b_z) \\
r_t &= \sigma(W_r x_t + U_r h_{t-1} + b_r) \\
\tilde{h}_t &= \tanh(W_h x_t + r_t \odot (U_h h_{t-1} + b'_h) + b_h) \\
h_t &= z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t
\end{aligned}"""
    )
    left.markdown(f"**{names['lstm']}**")
    left.latex(
        r"""\begin{aligned}
f_t, i_t, o_t &= \sigma(W_{f,i,o}\, x_t + U_{f,i,o}\, h_{t-1} + b_{f,i,o}) \\
\tilde{C}_t &= \tanh(W_c x_t + U_c h_{t-1} + b_c) \\
C_t &= f_t \odot C_{t-1} + i_t \odot \tilde{C}_t \\
h_t &= o_t \odot \tanh(C_t)
\end{aligned}"""
    )

tab_memory, tab_gradients, tab_gru, tab_experiment = st.tabs(
    [t("rnn.tab.memory"), t("rnn.tab.gradients"), t("rnn.tab.gru"), t("rnn.tab.experiment")]
)

# --- memory of an impulse ---------------------------------------------------------------------
with tab_memory:
    st.write(t("rnn.mem.lead"))
    c1, c2, c3 = st.columns(3)
    kind = c1.selectbox(t("rnn.mem.input"), INPUTS, format_func=lambda k: t(f"rnn.input.{k}"), key="rnn_input")
    length = c2.slider(t("rnn.mem.length"), 10, 200, 40, step=5, key="rnn_length")
    noise_std = (
        c3.slider(t("rnn.mem.noise"), 0.0, 1.0, 0.3, step=0.05, key="rnn_noise") if kind == "impulse_noise" else 0.3
    )
    c1, c2, c3 = st.columns(3)
    picks = {
        "rnn": c1.selectbox(names["rnn"], RNN_PRESETS, format_func=lambda p: t(
            "rnn.preset.random" if p == "random" else f"rnn.preset.rnn.{p}"), key="rnn_preset_rnn"),
        "gru": c2.selectbox(names["gru"], GRU_PRESETS, format_func=lambda p: t(
            "rnn.preset.random" if p == "random" else f"rnn.preset.gru.{p}"), key="rnn_preset_gru"),
        "lstm": c3.selectbox(names["lstm"], LSTM_PRESETS, format_func=lambda p: t(
            "rnn.preset.random" if p == "random" else f"rnn.preset.lstm.{p}"), key="rnn_preset_lstm"),
    }
    units, seed = 8, 0
    if "random" in picks.values():
        c1, c2, _ = st.columns(3)
        units = int(c1.number_input(t("rnn.mem.units"), 1, 128, 8, key="rnn_mem_units"))
        seed = int(c2.number_input(t("rnn.mem.seed"), 0, 10_000, 0, key="rnn_mem_seed"))
    log_y = st.toggle(t("rnn.mem.log"), value=False, key="rnn_mem_log")

    x_memory = memory_input(kind, length, seed=seed, noise_std=noise_std)
    builders = {"rnn": rnn_preset, "gru": gru_preset, "lstm": lstm_preset}
    curves = {cell: memory_curve(builders[cell](picks[cell], units=units, seed=seed), x_memory) for cell in CELLS}
    show_chart(
        memory_figure(
            x_memory, curves, names=names, title=t("rnn.mem.fig_title"), input_label=t("rnn.mem.input_axis"),
            memory_label=t("rnn.mem.axis"), time_label=t("word.timestep") + " t",
            cell_state_name=t("rnn.cell.lstm_c"), log_y=log_y,
        ),
        config=CONFIG,
    )
    st.caption(t("rnn.mem.caption"))
    for cell in CELLS:
        if curves[cell].gap[0] == 0:
            st.info(t("rnn.mem.ignored", cell=names[cell]))
    st.markdown(f"**{t('rnn.mem.steps_to')}**")
    for column, cell in zip(st.columns(3), CELLS):
        steps_to = curves[cell].steps_to(0.01)
        column.markdown(f"{names[cell]}: **{t('rnn.mem.never', steps=length) if steps_to is None else steps_to}**")

# --- gradients through time -------------------------------------------------------------------
result = st.session_state.get(EXPERIMENT_KEY)
with tab_gradients:
    st.write(t("rnn.grad.lead"))
    if result is None:
        source = "random"
        st.caption(t("rnn.grad.trained_hint"))
    else:
        source = st.radio(t("rnn.grad.source"), ("random", "trained"), format_func=lambda s: t(f"rnn.grad.source.{s}"),
                          horizontal=True, key="rnn_grad_source")
    c1, c2, c3 = st.columns(3)
    steps = c1.slider(t("rnn.grad.length"), 10, 500, 100, step=10, key="rnn_grad_length")
    grad_seed = int(c2.number_input(t("rnn.grad.seed"), 0, 10_000, 0, key="rnn_grad_seed"))
    wrt = c3.radio(t("rnn.grad.wrt"), ("x", "h"), format_func=lambda w: t(f"rnn.grad.wrt.{w}"), key="rnn_grad_wrt")
    if source == "trained":
        k = st.columns(3)[0].selectbox(t("rnn.grad.k"), result.settings.ks, index=len(result.settings.ks) - 1,
                                       key="rnn_grad_k")
        cells = {cell: result.weights[(cell, k)] for cell in CELLS}
        x_grad = recall.recall_data(steps - 1, result.settings, 1, seed=grad_seed)[0][0]
    else:
        c1, c2, c3 = st.columns(3)
        scale = c1.slider(t("rnn.grad.scale"), 0.25, 3.0, 1.0, step=0.05, help=t("rnn.grad.scale_help"),
                          key="rnn_grad_scale")
        keep_bias = c2.slider(t("rnn.grad.keep_bias"), -2.0, 6.0, 3.0, step=0.5, help=t("rnn.grad.keep_bias_help"),
                              key="rnn_grad_keep_bias")
        grad_units = c3.select_slider(t("rnn.grad.units"), (4, 8, 16, 32, 64), 32, key="rnn_grad_units")
        cells = demo_cells(1, int(grad_units), scale, keep_bias, seed=grad_seed)
        st.caption(t("rnn.grad.random_note"))
        x_grad = noise(steps, seed=grad_seed)[:, None]
    norms, gru_trace = gradient_run(np.ascontiguousarray(x_grad, dtype=np.float32), as_arrays(cells))
    show_chart(
        gradient_figure(
            norms, names=names, title=t("rnn.grad.fig_title"), distance_label=t("rnn.grad.distance"),
            norm_label=t(f"rnn.grad.norm_{wrt}"), wrt=wrt, cell_state_name=t("rnn.cell.lstm_c"),
        ),
        config=CONFIG,
    )
    st.caption(t("rnn.grad.caption"))
    if source == "trained":
        st.caption(t("rnn.grad.caption_trained", k=k))
    distance = min(20, steps - 1)
    st.markdown(f"**{t('rnn.grad.at', d=distance)}**")
    for column, cell in zip(st.columns(3), CELLS):
        log10 = (norms[cell].log10_dx if wrt == "x" else norms[cell].log10_dh)[steps - 1 - distance]
        column.markdown(f"{names[cell]}: **{power_of_ten(log10)}**")

# --- the GRU's gates --------------------------------------------------------------------------
with tab_gru:
    st.write(t("rnn.gru.lead"))
    gru_titles = {"z": t("rnn.gru.z"), "r": t("rnn.gru.r"), "h_tilde": t("rnn.gru.h_tilde"), "h": t("quantity.h")}
    for row in ((("z", "gate"), ("r", "gate")), (("h_tilde", "state"), ("h", "state"))):
        for column, (name, kind_) in zip(st.columns(2), row):
            with column:
                show_chart(
                    unit_time_heatmap(getattr(gru_trace, name), title=gru_titles[name], kind=kind_, hover_name=name),
                    config=CONFIG,
                )
    st.caption(t("rnn.gru.caption"))

# --- the recall experiment --------------------------------------------------------------------
with tab_experiment:
    defaults = recall.RecallSettings()
    st.write(t("rnn.exp.lead", v=defaults.symbols))
    c1, c2, c3, c4 = st.columns(4)
    ks = c1.multiselect(t("rnn.exp.ks"), (2, 5, 10, 20, 30, 40), list(defaults.ks), key="rnn_exp_ks")
    exp_units = c2.slider(t("rnn.exp.units"), 4, 32, defaults.units, step=4, key="rnn_exp_units")
    epochs = c3.slider(t("rnn.exp.epochs"), 2, 30, defaults.epochs, key="rnn_exp_epochs")
    exp_noise = c4.slider(t("rnn.exp.noise"), 0.0, 1.0, defaults.noise, step=0.1, key="rnn_exp_noise")
    if st.button(t("rnn.exp.run"), type="primary", key="rnn_exp_run", disabled=recall_view.current_job() is not None):
        if not ks:
            st.warning(t("rnn.exp.need_k"))
        else:
            recall_view.start(recall.RecallSettings(ks=tuple(ks), units=exp_units, epochs=epochs,
                                                             noise=exp_noise))
            st.rerun()  # the button disabled, and the progress panel (or, all known, the result)
    if recall_view.current_job() is not None:
        recall_view.panel()
    if st.session_state.get(recall_view.ERROR_KEY):
        st.error(t("rnn.exp.failed", error=st.session_state[recall_view.ERROR_KEY]))
    result = st.session_state.get(EXPERIMENT_KEY)
    if result is None:
        if recall_view.current_job() is None:
            st.info(t("rnn.exp.none"))
    else:
        show_chart(
            recall_figure(
                result.settings.ks, result.accuracy, chance=result.settings.chance, names=names,
                title=t("rnn.exp.fig_title"), lag_label=t("rnn.exp.lag"), accuracy_label=t("rnn.exp.accuracy"),
                chance_label=t("rnn.exp.chance"),
            ),
            config=CONFIG,
        )
        st.caption(t("rnn.exp.caption"))
        table = {t("rnn.exp.col_k"): list(result.settings.ks)}
        table.update({names[c]: [f"{a:.0%}" for a in result.accuracy[c]] for c in CELLS})
        st.dataframe(table, hide_index=True)
        st.caption(t("rnn.exp.time", models=3 * len(result.settings.ks), seconds=f"{result.seconds:.0f}"))
