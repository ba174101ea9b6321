"""Step through a recurrent layer: pick weights (a preset, random, one unit by hand, the forecast page's
model or your own model file) and a sequence, move through time, watch every gate.

sidebar:  weights (a model file: opened as data) and the sequence fitted to them (+ scaling)
          -> every recurrent layer traced once per input
main:     the layer (and direction) to view -> stepper -> its input with the current step -> the values
          at t (a strip) and units x time heatmaps -> one unit: diagram (LSTM) and equations with the
          numbers -> downloads
"""

import streamlit as st

from app import model_input, step_state as ss, step_views as views, widgets
from app.i18n import t
from app.presentation import advanced_controls, is_on
from app.server import turns
from app.state import trained_model
from lstm_core.analysis.windows import time_window

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
with seq_box:
    st.subheader(t("step.seq.header"))
    feed = model_input.feed_for(pick)
if views.problems(pick, feed):
    st.stop()
layers = views.traced(pick, feed)
if layers is None:
    st.stop()

choice_col, about_col = st.columns([2, 3])
with choice_col:
    shown = layers[views.layer_choice(pick, layers)]
with about_col:
    views.about(shown, feed)
steps, labels = shown.steps, views.unit_labels(pick, shown)
with view_box:
    st.subheader(t("step.view.header"))
    with advanced_controls(t("app.more_controls")):  # in presentation mode: folded away
        order_by, show, picked, width = widgets.unit_filter(shown.units, labels, steps)
order = [int(u) for u in ss.ordered_units(shown, order_by)]
units = picked or order[:show]
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

    window = time_window(steps, t_now, width)
    views.input_chart(shown, feed, t_now, window)
    st.caption(views.now_caption(t_now, steps, window, feed, shown))

    # only the open tab is drawn: a step costs half as much
    heat_tab, unit_tab = st.tabs([t("step.tab.heatmaps"), t("step.tab.unit")], key=ss.VIEW, on_change="rerun")
    if heat_tab.open is not False:
        with heat_tab:
            views.all_units(shown, t_now, window, units, labels)
    if unit_tab.open is not False:
        with unit_tab:
            views.one_unit(shown, t_now, order, labels, window, units)


step_view()

# downloads (outside the fragment: a step does not resend them), built only when clicked
views.downloads(layers, shown, units)
