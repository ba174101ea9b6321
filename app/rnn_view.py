"""The "why a plain RNN forgets" page's tabs, each a view (pages/rnn_vs_lstm.py lays them out).

    equations()               the three cells' equations, in an expander
    memory_of_an_impulse()    presets -> how much of the first input each cell's state keeps
    gradients_through_time()  random or trained cells -> ‖∂h_T/∂x_t‖ against the distance; returns the GRU's trace
    gru_gates(trace)          the GRU's z, r, h̃ and h as unit-by-time heatmaps
    recall_experiment()       trains the three cells to recall k steps back (TensorFlow loads only when started)

The recall experiment's job (a training slot's process) is :mod:`app.recall_view`.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from app import quantities, recall_view
from app import rnn_widgets as widgets
from app.figures import cell_equations, unit_time_heatmap
from app.i18n import t
from app.presentation import show_chart
from app.rnn_figures import CELLS, gradient_figure, memory_figure, power_of_ten, recall_figure
from lstm_core.analysis.gradients import GradientNorms, demo_cells, gradients_for_cells
from lstm_core.analysis.memory import gru_preset, lstm_preset, memory_curve, memory_input, rnn_preset
from lstm_core.cells import GRUWeights, LSTMWeights, RNNWeights
from lstm_core.keras_bridge import recall
from lstm_core.sequences.builtin import noise

CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
PRESET_CELLS = {"rnn": rnn_preset, "gru": gru_preset, "lstm": lstm_preset}
WEIGHT_TYPES = {"rnn": RNNWeights, "gru": GRUWeights, "lstm": LSTMWeights}


def cell_names() -> dict[str, str]:
    """``{cell: its name in the person's language}`` for rnn, gru, lstm."""
    return {cell: t(f"rnn.cell.{cell}") for cell in CELLS}


# --- computation, cached ---------------------------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def _gradient_run(x: np.ndarray, arrays: tuple) -> tuple[dict, object]:
    cells = {cell: WEIGHT_TYPES[cell](*rest) for cell, *rest in arrays}
    norms, traces = gradients_for_cells(x, cells)
    return norms, traces["gru"]


def gradients(x: np.ndarray, cells: dict) -> tuple[dict[str, GradientNorms], object]:
    """The three cells' gradient norms through time on ``x`` (T, D), and the GRU's trace; cached by
    the input and the weights' arrays (the cells are given as ``{cell: its weights}``)."""
    arrays = tuple((c, cells[c].kernel, cells[c].recurrent_kernel, cells[c].bias) for c in CELLS)
    return _gradient_run(np.ascontiguousarray(x, dtype=np.float32), arrays)


# --- the tabs --------------------------------------------------------------------------------------


def equations(names: dict[str, str]) -> None:
    with st.expander(t("rnn.equations")):
        left, right = st.columns(2)
        left.markdown(f"**{names['rnn']}**")
        left.latex(cell_equations.RNN)
        right.markdown(f"**{names['gru']}**")
        right.latex(cell_equations.GRU)
        left.markdown(f"**{names['lstm']}**")
        left.latex(cell_equations.LSTM_SHORT)


def memory_of_an_impulse(names: dict[str, str]) -> None:
    st.write(t("rnn.mem.lead"))
    kind, length, noise_std = widgets.memory_input()
    picks = {cell: widgets.preset_picker(cell, names[cell], area) for cell, area in zip(CELLS, st.columns(3))}
    units, seed = widgets.random_size(picks)
    log_y = st.toggle(t("rnn.mem.log"), value=False, key="rnn_mem_log")

    x = memory_input(kind, length, seed=seed, noise_std=noise_std)
    curves = {cell: memory_curve(PRESET_CELLS[cell](picks[cell], units=units, seed=seed), x) for cell in CELLS}
    show_chart(memory_figure(x, curves, names=names, title=t("rnn.mem.fig_title"),
                             input_label=t("rnn.mem.input_axis"), memory_label=t("rnn.mem.axis"),
                             time_label=t("word.timestep") + " t", cell_state_name=t("rnn.cell.lstm_c"), log_y=log_y),
               config=CONFIG)
    st.caption(t("rnn.mem.caption"))
    for cell in CELLS:
        if curves[cell].gap[0] == 0:
            st.info(t("rnn.mem.ignored", cell=names[cell]))
    st.markdown(f"**{t('rnn.mem.steps_to')}**")
    for area, cell in zip(st.columns(3), CELLS):
        steps_to = curves[cell].steps_to(0.01)
        area.markdown(f"{names[cell]}: **{t('rnn.mem.never', steps=length) if steps_to is None else steps_to}**")


def gradients_through_time(names: dict[str, str]):
    """The tab; returns the GRU's trace on the same input and weights, for :func:`gru_gates`."""
    st.write(t("rnn.grad.lead"))
    result = st.session_state.get(recall_view.RESULT_KEY)  # this session's last recall.RecallResult, if any
    source = widgets.gradient_source(result is not None)
    steps, seed, wrt = widgets.gradient_run()
    if source == "trained":
        k = widgets.trained_lag(result.settings.ks)
        cells = {cell: result.weights[(cell, k)] for cell in CELLS}
        x = recall.recall_data(steps - 1, result.settings, 1, seed=seed)[0][0]
    else:
        scale, keep_bias, units = widgets.random_cells()
        cells = demo_cells(1, units, scale, keep_bias, seed=seed)
        st.caption(t("rnn.grad.random_note"))
        x = noise(steps, seed=seed)[:, None]

    norms, gru_trace = gradients(x, cells)
    show_chart(gradient_figure(norms, names=names, title=t("rnn.grad.fig_title"),
                               distance_label=t("rnn.grad.distance"), norm_label=t(f"rnn.grad.norm_{wrt}"),
                               wrt=wrt, cell_state_name=t("rnn.cell.lstm_c")),
               config=CONFIG)
    st.caption(t("rnn.grad.caption"))
    if source == "trained":
        st.caption(t("rnn.grad.caption_trained", k=k))
    distance = min(20, steps - 1)
    st.markdown(f"**{t('rnn.grad.at', d=distance)}**")
    for area, cell in zip(st.columns(3), CELLS):
        log10 = (norms[cell].log10_dx if wrt == "x" else norms[cell].log10_dh)[steps - 1 - distance]
        area.markdown(f"{names[cell]}: **{power_of_ten(log10)}**")
    return gru_trace


def gru_gates(gru_trace) -> None:
    st.write(t("rnn.gru.lead"))
    for row in ((("z", "gate"), ("r", "gate")), (("h_tilde", "state"), ("h", "state"))):
        for area, (name, kind) in zip(st.columns(2), row):
            with area:  # titles as "update gate z_t": the name from the strings, the symbol from lstm_core.cells.gates
                show_chart(unit_time_heatmap(getattr(gru_trace, name), title=quantities.label(name), kind=kind,
                                             hover_name=name),
                           config=CONFIG)
    st.caption(t("rnn.gru.caption"))


def recall_experiment(names: dict[str, str]) -> None:
    defaults = recall.RecallSettings()
    st.write(t("rnn.exp.lead", v=defaults.symbols))
    ks, units, epochs, noise_std = widgets.experiment_settings(defaults)
    if st.button(t("rnn.exp.run"), type="primary", key="rnn_exp_run", disabled=recall_view.current_job() is not None):
        if not ks:
            st.warning(t("rnn.exp.need_k"))
        else:
            recall_view.start(recall.RecallSettings(ks=tuple(ks), units=units, epochs=epochs, noise=noise_std))
            st.rerun()  # the button disabled, and the progress panel (or, all known, the result)
    if recall_view.current_job() is not None:
        recall_view.panel()
    if st.session_state.get(recall_view.ERROR_KEY):
        st.error(t("rnn.exp.failed", error=st.session_state[recall_view.ERROR_KEY]))

    result = st.session_state.get(recall_view.RESULT_KEY)
    if result is None:
        if recall_view.current_job() is None:
            st.info(t("rnn.exp.none"))
        return
    show_chart(recall_figure(result.settings.ks, result.accuracy, chance=result.settings.chance, names=names,
                             title=t("rnn.exp.fig_title"), lag_label=t("rnn.exp.lag"),
                             accuracy_label=t("rnn.exp.accuracy"), chance_label=t("rnn.exp.chance")),
               config=CONFIG)
    st.caption(t("rnn.exp.caption"))
    st.dataframe(accuracy_table(result, names), hide_index=True)
    st.caption(t("rnn.exp.time", models=3 * len(result.settings.ks), seconds=f"{result.seconds:.0f}"))


def accuracy_table(result, names: dict[str, str]) -> dict[str, list]:
    """The experiment's accuracies as columns: k, then one per cell in percent."""
    table = {t("rnn.exp.col_k"): list(result.settings.ks)}
    table.update({names[c]: [f"{a:.0%}" for a in result.accuracy[c]] for c in CELLS})
    return table
