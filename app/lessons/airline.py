"""Lesson 4, airline passengers: look at the series, score the baselines, train the LSTM,
compare it honestly, then open the trained model's gates on the step-through page.

Training and results are the forecast page's own components (:mod:`app.forecast_view`), so
the model trained here is also the one the forecast and step-through pages show.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import forecast_figures, forecast_view
from app.forecast_widgets import EXAMPLE_NAME, example_bytes
from app.i18n import t
from app.lessons.base import Lesson, LessonStep
from app.presentation import show_chart
from lstm_core.data import read_series
from lstm_core.forecasting.metrics import all_metrics, naive_forecast, seasonal_naive_forecast
from lstm_core.forecasting.settings import DEFAULTS

HOLDOUT = 12


def airline():
    return read_series(example_bytes())


def baseline_scores() -> pd.DataFrame:
    """RMSE and MAE of the naive and seasonal-naive forecasts of the last 12 months."""
    y = airline().values
    train, test = y[:-HOLDOUT], y[-HOLDOUT:]
    rows = {}
    for name, forecast in (("naive", naive_forecast(train, HOLDOUT)),
                           ("seasonal_naive", seasonal_naive_forecast(train, HOLDOUT, 12))):
        scores = all_metrics(test, forecast, train, 12)
        rows[t(f"fc.model.{name}")] = {"RMSE": scores["rmse"], "MAE": scores["mae"]}
    return pd.DataFrame(rows).T


def _series() -> None:
    series = airline()
    show_chart(forecast_figures.series_figure(list(series.dates), series.values, series.name, t("fc.chart.date")),
               key="lesson_airline_series")
    y = series.values
    st.caption(t("lessons.airline.series_numbers", first=f"{y[:12].max() - y[:12].min():.0f}",
                 last=f"{y[-12:].max() - y[-12:].min():.0f}"))


def _baselines() -> None:
    st.dataframe(baseline_scores().style.format("{:.1f}"), width="content")


def _train() -> None:
    run = forecast_view.current_run()
    if forecast_view.current_job() is None and st.button(t("lessons.airline.train"), type="primary",
                                                        icon=":material/play_arrow:", key="lesson_airline_train"):
        forecast_view.start_job(airline(), DEFAULTS, label=EXAMPLE_NAME)
        st.rerun()
    if forecast_view.current_job() is not None:
        forecast_view.training_panel()
    elif run is not None and run.series.name == airline().name:
        st.success(t("lessons.airline.trained", epochs=len(run.loss)))


def _compare() -> None:
    run = forecast_view.current_run()
    if run is None:
        st.info(t("lessons.airline.train_first"))
        return
    forecast_view.show_results(run, stale=False)


def _gates() -> None:
    if forecast_view.current_run() is None:
        st.info(t("lessons.airline.train_first"))
        return
    if st.button(t("fc.inspect"), icon=":material/visibility:", type="primary", key="lesson_airline_inspect"):
        st.switch_page("pages/step_through.py")


LESSON = Lesson(
    key="airline",
    steps=(
        LessonStep("series", _series),
        LessonStep("baselines", _baselines),
        LessonStep("train", _train),
        LessonStep("compare", _compare),
        LessonStep("gates", _gates),
    ),
)
