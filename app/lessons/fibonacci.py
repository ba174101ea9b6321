"""Lesson 3, Fibonacci: why scaling matters, then an LSTM that predicts the next number.

Steps 1-3 need only NumPy: the raw series pins every gate at 0 or 1 (saturation), the
log-scaled one does not. The last step trains a small Keras LSTM (TensorFlow is imported
only when the person presses the button).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from app import figures, forecast_view, quantities
from app.i18n import t
from app.lessons.base import Lesson, LessonStep
from app.presentation import show_chart
from lstm_core import lstm_forward
from lstm_core.data import SeriesData
from lstm_core.forecasting.settings import ForecastSettings
from lstm_core.sequences.builtin import fibonacci
from lstm_core.sequences.scaling import scale_series
from lstm_core.weights import init_weights

LENGTH = 30
UNITS = 8


def saturation(gates: np.ndarray, tolerance: float = 0.01) -> float:
    """Fraction of gate values within ``tolerance`` of 0 or 1: (T, H) -> float in [0, 1]."""
    return float(np.mean((gates < tolerance) | (gates > 1 - tolerance)))


def _gates_of(series: np.ndarray):
    return lstm_forward(series[:, None], init_weights(1, UNITS, seed=0))


def _series() -> None:
    y = fibonacci(LENGTH)
    show_chart(figures.input_figure(y, title="", feature_names=["F(t)"], height=280), key="lesson_fib_raw")
    st.caption(t("lessons.fibonacci.series_numbers", last=f"{y[-1]:,.0f}", ratio=f"{y[-1] / y[-2]:.4f}"))


def _heatmaps(series: np.ndarray, key: str) -> None:
    trace = _gates_of(series)
    left, right = st.columns(2)
    for col, q in zip((left, right), ("i", "f")):
        with col:
            show_chart(figures.unit_time_heatmap(trace.quantity(q), title=quantities.panel_title(q), kind="gate", height=260),
                       key=f"{key}_{q}")
    st.caption(t("lessons.fibonacci.saturation", share=f"{100 * saturation(np.concatenate([trace.i, trace.f, trace.o])):.0f}%"))


def _raw() -> None:
    _heatmaps(fibonacci(LENGTH), key="lesson_fib_raw_heat")


def _scaled() -> None:
    scaled = scale_series(fibonacci(LENGTH), "log")
    show_chart(figures.input_figure(scaled, title="", feature_names=["log(1 + F(t)), min-max"], height=220),
               key="lesson_fib_scaled")
    _heatmaps(scaled, key="lesson_fib_scaled_heat")


HOLDOUT = 5
SETTINGS = ForecastSettings(window=3, holdout=HOLDOUT, horizon=3, season_length=None, log=True, difference=True,
                            seasonal_diff=False, units=8, epochs=40, members=2)
"""log, then differences: log F(t+1) - log F(t) tends to log φ, an easy target for a small LSTM."""


def fibonacci_series() -> SeriesData:
    return SeriesData(fibonacci(LENGTH), None, None, None, "Fibonacci", ())


def _predict() -> None:
    run = forecast_view.current_run()
    ours = run is not None and run.series.name == "Fibonacci"
    if forecast_view.current_job() is None and st.button(t("lessons.fibonacci.train"), type="primary",
                                                        icon=":material/play_arrow:", key="lesson_fib_train"):
        forecast_view.start_job(fibonacci_series(), SETTINGS, label="Fibonacci")
        st.rerun()
    if forecast_view.current_job() is not None:
        forecast_view.training_panel()
    elif ours:
        first = LENGTH - HOLDOUT
        table = pd.DataFrame({
            "t": range(first, LENGTH),
            t("lessons.fibonacci.col.actual"): run.holdout_actual,
            t("lessons.fibonacci.col.predicted"): run.holdout_forecast,
            t("lessons.fibonacci.col.error"): 100 * (run.holdout_forecast - run.holdout_actual) / run.holdout_actual,
        })
        st.dataframe(table.style.format({table.columns[1]: "{:,.0f}", table.columns[2]: "{:,.0f}",
                                         table.columns[3]: "{:+.2f}%"}), hide_index=True, width="content")
        st.caption(t("lessons.fibonacci.predict_caption"))


STEPS: list[LessonStep] = [
    LessonStep("series", _series), LessonStep("raw", _raw), LessonStep("scaled", _scaled),
    LessonStep("predict", _predict),
]

LESSON = Lesson(key="fibonacci", steps=tuple(STEPS))
