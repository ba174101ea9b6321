"""Why a plain RNN forgets: RNN, GRU and LSTM side by side.

tabs:  memory of an impulse (presets) -> gradients through time (random or trained weights, log scale)
       -> the GRU's gates as heatmaps -> the recall experiment (TensorFlow loads only when it is started)

Each tab is a view in app/rnn_view.py; its widgets are app/rnn_widgets.py, its figures app/rnn_figures.py.
"""

import streamlit as st

from app import recall_view
from app import rnn_view as view
from app.i18n import t

names = view.cell_names()
job = recall_view.current_job()
if job is not None and job.finished:  # the experiment finished while this page was not polling
    recall_view.collect(job)

st.title(t("rnn.title"))
st.write(t("rnn.intro"))
view.equations(names)

memory, gradients, gru, experiment = st.tabs(
    [t("rnn.tab.memory"), t("rnn.tab.gradients"), t("rnn.tab.gru"), t("rnn.tab.experiment")])
with memory:
    view.memory_of_an_impulse(names)
with gradients:
    gru_trace = view.gradients_through_time(names)
with gru:
    view.gru_gates(gru_trace)
with experiment:
    view.recall_experiment(names)
