"""Train & forecast: read a CSV (or the airline example), train an LSTM with live progress,
score it on the hold-out beside the baselines, forecast past the end, open the trained gates.

The training panel and the results view live in app/forecast_view.py (the lessons use them too)."""

import html

import streamlit as st

from app import forecast_figures as figures
from app import forecast_view as view
from app import forecast_widgets as widgets
from app import user_text
from app.server import training_slots
from app.i18n import t
from app.presentation import show_chart
from lstm_core.data import DataError, SeriesData


# --- the page -------------------------------------------------------------------------------------

st.title(t("fc.title"))
st.caption(t("fc.intro"))
training_slots.start_fork_server()  # Keras loads for the trainings while the person picks data and settings

job = view.current_job()
if job is not None and job.finished:
    view.collect(job)

data, name = widgets.source_picker()
if data is None:
    st.info(t("fc.upload.prompt"), icon=":material/upload_file:")
    st.stop()
if name and name != widgets.EXAMPLE_NAME:
    st.caption(t("fc.file", name=user_text.literal(name)))
key = widgets.digest(data)
try:
    table = view.cached_table(data)
except DataError as err:
    view.show_data_error(err)
    st.stop()

date_area, value_area, frequency_area, season_area = st.columns([1, 1, 1.25, 1])
date_col, value_col = widgets.column_pickers(table, key, date_area, value_area)
try:
    detected = view.cached_series(data, value_col, date_col)
    frequency = widgets.frequency_picker(detected.frequency, date_col is not None, f"{key}_{date_col}", frequency_area)
    series = detected if frequency is None else view.cached_series(data, value_col, date_col, frequency)
except DataError as err:
    view.show_data_error(err)
    st.stop()

for note in series.notes:
    st.info(t(f"fc.note.{note.code}", **user_text.literal_params(note.params)), icon=":material/build:")
season = widgets.season_picker(series.season_length, len(series), key, season_area)
st.caption(widgets.summary_text(series, season, frequency))
show_chart(figures.series_figure(view.x_axis(series), series.values, html.escape(series.name),
                                 t("fc.chart.date") if series.dates is not None else t("fc.chart.step"),
                                 date_axis=view.date_axis(series)),
           width="stretch", key="fc_series_chart")

series = SeriesData(series.values, series.dates, series.frequency, season, series.name, series.notes)
try:
    defaults = view.resolved_settings(series)
except DataError as err:
    view.show_data_error(err)
    st.stop()
st.caption(widgets.chosen_text(defaults) + "  \n" + "  \n".join(f"· {t(f'fc.reason.{r}')}" for r in defaults.reasons))
with st.expander(t("fc.settings"), icon=":material/tune:"):
    settings = widgets.settings_form(defaults, len(series), f"{key}_{frequency}_{season}")
try:
    resolved = view.resolved_settings(series, settings)
except DataError as err:
    view.show_data_error(err)
    st.stop()
if widgets.chosen_text(resolved) != widgets.chosen_text(defaults):
    st.caption(widgets.chosen_text(resolved, "fc.yours"))

signature = (key, value_col, date_col, frequency, resolved)
if st.button(t("fc.train"), type="primary", icon=":material/play_arrow:", key="fc_train",
             disabled=view.current_job() is not None):
    label = value_col if name == widgets.EXAMPLE_NAME else f"{name} / {value_col}"
    view.start_job(series, settings, label, signature)
    st.rerun()  # redraw with the button disabled and the progress panel
if view.current_job() is not None:
    view.training_panel()

error = st.session_state.get(view.ERROR_KEY)
if error is not None:
    st.error(t(f"fc.err.{error[0]}", **user_text.literal_params(error[1])))
run = view.current_run()
if run is not None:
    view.show_results(run, stale=st.session_state.get(view.RUN_SIGNATURE_KEY) != signature)
