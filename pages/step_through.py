"""Step through an LSTM: pick a sequence and weights, move through time, watch every gate.

sidebar:  sequence (+ scaling) and weights (+ layer) -> the trace, computed once per input
main:     stepper -> input with the current step -> the values at t (a strip) and units x time heatmaps
          -> one unit: the cell diagram and the six equations with the numbers -> downloads
"""

import numpy as np
import streamlit as st

from app import figures, quantities, step_state as ss, user_text, widgets
from app.chart_locale import date_text
from app.i18n import current_language, t
from app.presentation import advanced_controls, is_on, show_chart, styled
from app.server import turns
from app.state import trained_model
from lstm_core.analysis.breakdown import step_breakdown
from lstm_core.analysis.ordering import select_units
from lstm_core.analysis.windows import time_window
from lstm_core.cells.gates import LSTM_QUANTITIES, TEACHING_GATES, is_gate
from lstm_core.sequences.features import as_features

SHOWN = LSTM_QUANTITIES  # f, i, c̃, o, C, h: the rows of the strip and the heatmaps
KIND = {q: "gate" if is_gate(q) else "state" for q in SHOWN}  # a gate's colours span [0, 1], a state's ±max
CSV_MAX_ROWS = 1_000_000  # beyond this the CSV holds the units shown (the NPZ always holds them all)
PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}

ss.init()
st.title(t("step.title"))
# play and speed sit beside the introduction, outside the stepping fragment (see widgets.playback)
intro_col, play_col, speed_col = st.columns([7, 1.4, 1.6] if not is_on() else [5, 2.2, 1.9],
                                            vertical_alignment="bottom")
intro_col.caption(t("step.intro"))

# --- what the person picks (sidebar) -------------------------------------------------------
with st.sidebar:
    seq_box, weights_box, view_box = st.container(border=True), st.container(border=True), st.container(border=True)
with weights_box:
    st.subheader(t("step.w.header"))
    pick = widgets.weights_picker(trained_model())
    layer = widgets.layer_picker(pick.layers) if pick.layers else 0
with seq_box:
    st.subheader(t("step.seq.header"))
    if pick.inputs is not None:
        st.caption(t("step.seq.from_model", label=user_text.literal(pick.label)))  # names their file
        x, seq_error, seq_prompt, seq_label = np.asarray(pick.inputs, dtype=np.float64), None, None, pick.label
    else:
        seq = widgets.sequence_picker()
        _, x, scale_error = widgets.scaling_picker(seq.values)
        seq_error, seq_prompt, seq_label = seq.error or scale_error, seq.prompt, seq.label

for problem in (seq_error, pick.error):
    if problem:
        st.error(problem)
for prompt in (seq_prompt, pick.prompt):
    if prompt:
        st.info(prompt)
if seq_error or pick.error or seq_prompt or pick.prompt:
    st.stop()

input_dim = pick.layers[0].input_dim
if (1 if x.ndim == 1 else x.shape[1]) != input_dim:
    st.warning(t("step.warn.features", d=input_dim, got=1 if x.ndim == 1 else x.shape[1]))
x = as_features(x, input_dim)
if pick.inputs is None and float(np.max(np.abs(x))) > 10:
    st.warning(t("step.warn.large_input", peak=f"{float(np.max(np.abs(x))):.4g}"))

traces = ss.traces(x, pick.layers)
trace, weights = traces[layer], pick.layers[layer]
steps, units = trace.steps, trace.units
names = pick.unit_names if pick.unit_names and layer == 0 else None
labels = list(names) if names else [str(u) for u in range(units)]
layer_input = x if layer == 0 else traces[layer - 1].h
panel_titles = {q: quantities.panel_title(q) for q in SHOWN}
symbols = {q: quantities.symbol(q) for q in SHOWN}
with view_box:
    st.subheader(t("step.view.header"))
    with advanced_controls(t("app.more_controls")):  # in presentation mode: folded away
        order_by, show, picked, width = widgets.unit_filter(units, labels, steps)
order = ss.ordered_units(trace, order_by)
shown = picked or [int(u) for u in order[:show]]
playing, speed = widgets.playback(steps, play_col, speed_col)


# --- what the person sees: everything that changes with the timestep reruns alone ------------
@st.fragment(run_every=1.0 / speed if playing else None)
@turns.one_at_a_time  # the class's steps take turns: most finish sooner (see app/server/turns.py)
def step_view() -> None:
    if st.session_state[ss.PLAYING]:
        ss.advance_playback(steps)
    t_now = widgets.stepper(steps, locked=playing)
    if bool(st.session_state[ss.PLAYING]) != playing:
        st.rerun(scope="app")  # the playback reached the end: clear the timer, show "Play" again

    start, stop = time_window(steps, t_now, width)
    input_title = t("step.fig.input", label=seq_label) if layer == 0 else t("step.fig.layer_input", k=layer)
    sendable = not is_on()  # the per-step charts go out as plain specs; a projector's restyling needs figures
    show_chart(figures.input_figure(layer_input, title=input_title, current_t=t_now, window=(start, stop),
                                    spec=sendable),
               config=PLOTLY_CONFIG, key="step_fig_input")
    when = (t("step.now_date", date=date_text(pick.timestamps[t_now], current_language()))
            if pick.timestamps and len(pick.timestamps) == steps else "")
    st.caption(t("step.now_caption", t=t_now, last=steps - 1, start=start, stop=stop - 1) + when)

    # only the open tab is drawn: a step costs half as much
    heat_tab, unit_tab = st.tabs([t("step.tab.heatmaps"), t("step.tab.unit")], key=ss.VIEW, on_change="rerun")
    if heat_tab.open is not False:
        with heat_tab:
            shown_labels = [labels[u] for u in shown]
            windows = {q: trace.quantity(q)[start:stop, shown] for q in SHOWN}
            show_chart(
                figures.step_strip({q: trace.quantity(q)[t_now, shown] for q in SHOWN}, titles=symbols,
                                   unit_labels=shown_labels, title=t("step.fig.now", t=t_now),
                                   limits={q: figures.colour_range(w, KIND[q])[1] for q, w in windows.items()},
                                   spec=sendable),
                config=PLOTLY_CONFIG, key="step_fig_now",
            )
            st.caption(t("step.heat_caption"))
            # built once per window; a step moves its marker only
            heatmaps = ss.chart("heatmaps", trace, (start, stop, tuple(shown), tuple(shown_labels),
                                                    tuple(panel_titles.values()), is_on()),
                                lambda: styled(figures.heatmap_grid(
                                    [(windows[q], panel_titles[q], KIND[q], q) for q in SHOWN],
                                    current_t=t_now, unit_labels=shown_labels, t_start=start, spec=sendable,
                                )))
            show_chart(heatmaps.at(t_now), config=PLOTLY_CONFIG, key="step_fig_heatmaps")
    if unit_tab.open is not False:
        with unit_tab:
            with st.columns([1, 2])[0]:
                unit = widgets.unit_chooser([int(u) for u in order], labels)
            breakdown = step_breakdown(trace, weights, t_now, unit)
            gate_names = {g: quantities.name(g) for g in TEACHING_GATES}
            show_chart(figures.cell_diagram(breakdown, title=t("step.fig.diagram", unit=labels[unit], t=t_now),
                                            names=gate_names), config=PLOTLY_CONFIG, key="step_fig_diagram")
            st.markdown(t("step.eq.header", unit=labels[unit], t=t_now))
            for block in figures.equation_blocks(breakdown):
                st.latex(block)
            if units > 1:
                st.caption(t("step.eq.dot_note", units=units))


step_view()

# downloads (outside the fragment: a step does not resend them): built only when clicked;
# a huge trace's CSV holds the units shown
st.divider()
whole = steps * units * 6 <= CSV_MAX_ROWS
csv_units = list(range(units)) if whole else shown
csv_col, npz_col, note_col = st.columns([1, 1, 3], vertical_alignment="center")
csv_col.download_button(t("step.download.csv"), data=lambda: select_units(trace, csv_units).to_csv(),
                        file_name="lstm_trace.csv",
                        mime="text/csv", on_click="ignore", key="step_dl_csv", icon=":material/download:")
npz_col.download_button(t("step.download.npz"), data=trace.to_npz, file_name="lstm_trace.npz",
                        mime="application/octet-stream", on_click="ignore", key="step_dl_npz",
                        icon=":material/download:")
rows = steps * len(csv_units) * 6
note_col.caption(t("step.download.note", rows=rows) if whole else t("step.download.note_shown", rows=rows,
                                                                     shown=len(shown), units=units))
