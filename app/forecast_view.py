"""The forecast page's training panel and results, shared with the lessons.

A training runs in a worker thread (:mod:`app.server.training_slots`); its job, the finished run and
any error live in this session's state under the ``fc_`` keys below, so a model trained from a
lesson is the one the forecast and step-through pages show.
"""

from __future__ import annotations

import hashlib
import html

import numpy as np
import pandas as pd
import streamlit as st

from app import cached, chart_locale, job_panel, state, user_text
from app import forecast_figures as figures
from app.i18n import current_language, t
from app.presentation import is_on, show_chart
from app.server import training_slots
from lstm_core.data import DataError, SeriesData, build_series, step_seconds
from lstm_core.forecasting.pipeline import INTERVAL_LEVEL, ForecastRun, resolve_settings, run_forecast
from lstm_core.forecasting.settings import DEFAULTS, ForecastSettings, Resolved

JOB_KEY, RUN_KEY, RUN_SIGNATURE_KEY, ERROR_KEY = "fc_job", "fc_run", "fc_run_signature", "fc_error"
METRICS = ("rmse", "mae", "mape", "mase")


cached_table = cached.table


@st.cache_data(max_entries=32, show_spinner=False)
def cached_series(data: bytes, value_col: str | None, date_col: str | None, frequency: str | None = None) -> SeriesData:
    """:func:`lstm_core.data.build_series` of an upload's column, at the detected frequency (None)
    or the person's choice, built once per distinct choice."""
    return build_series(cached_table(data), value_col, date_col, frequency)


@st.cache_data(max_entries=64, show_spinner=False)
def _resolved(key: str, _series: SeriesData, _settings: ForecastSettings) -> Resolved:
    return resolve_settings(_series, _settings)


def resolved_settings(series: SeriesData, settings: ForecastSettings = DEFAULTS) -> Resolved:
    """:func:`resolve_settings`, kept per series and settings: it fits an STL decomposition (~90 ms on
    a 2,000-point series), and the page asks twice on every rerun. Raises its :class:`DataError`."""
    values = np.ascontiguousarray(series.values, dtype=np.float64)
    key = hashlib.sha1(values.tobytes()).hexdigest() + repr((series.season_length, settings))
    return _resolved(key, series, settings)


def show_data_error(err: DataError) -> None:
    st.error(t(f"fc.err.{err.code}", **user_text.literal_params(err.params)))


def x_axis(series: SeriesData) -> list:
    return list(series.dates) if series.dates is not None else list(range(1, len(series) + 1))


def date_axis(series: SeriesData) -> dict | None:
    """How the charts write the series' dates in the page's language (None: the x axis is steps)."""
    if series.dates is None:
        return None
    step = step_seconds(series.frequency)
    return chart_locale.date_axis(current_language(), with_time=step is not None and step < 86_400)


def collect(job: training_slots.TrainingJob) -> None:
    """Move a finished job's result (or error) into the session, and leave the hand-off."""
    st.session_state.pop(JOB_KEY, None)
    if job.status == training_slots.DONE:
        run: ForecastRun = job.result
        st.session_state[RUN_KEY] = run
        st.session_state[RUN_SIGNATURE_KEY] = job.meta.get("signature")
        st.session_state[state.TRAINED_MODEL_KEY] = state.TrainedModelHandoff(
            layers=run.layers, inputs=run.model_inputs, label=t("fc.handoff.label", name=job.meta.get("label", "")),
            timestamps=run.input_dates,
        )
    elif job.status == training_slots.FAILED:
        err = job.error
        st.session_state[ERROR_KEY] = (
            (err.code, err.params) if isinstance(err, DataError) else ("training", {"detail": str(err)[:200]})
        )


@st.fragment(run_every=1.0)
def training_panel() -> None:
    """Polls the worker thread: queued message, or progress bar + growing loss curve + stop."""
    job = job_panel.watch(JOB_KEY, collect)
    if job is None:
        return
    if job.status == training_slots.QUEUED:
        pass  # watch() said so
    elif job.epoch == 0:
        st.progress(0.0, text=t("fc.starting"))
    else:
        st.progress(min(1.0, job.epoch / job.epochs), text=t("fc.progress", epoch=job.epoch, epochs=job.epochs))
        loss, val_loss = list(job.loss), list(job.val_loss)  # the worker appends while we read
        n = min(len(loss), len(val_loss)) if val_loss else len(loss)
        # redrawn every second for every session training: a plain spec, not a validated chart
        show_chart(figures.loss_figure(loss[:n], val_loss[:n], loss_labels(), height=220, spec=not is_on()),
                   width="stretch", key="fc_live_loss_chart")
    job_panel.stop_control(job, t("fc.stop"), "fc_stop")


def loss_labels() -> dict[str, str]:
    return {"loss": t("fc.chart.loss"), "val_loss": t("fc.chart.val_loss"), "epoch": t("fc.chart.epoch"),
            "y": t("fc.chart.mse")}


def show_results(run: ForecastRun, stale: bool) -> None:
    r = run.resolved
    if stale:
        st.warning(t("fc.stale"), icon=":material/history:")
    if run.stopped:
        st.warning(t("fc.stopped", epoch=len(run.loss), epochs=r.epochs))
    st.subheader(t("fc.results"))
    st.caption(t("fc.results.caption", holdout=r.holdout))
    models = [m for m in ("lstm", "naive", "seasonal_naive", "holt_winters") if m in run.metrics]
    table = pd.DataFrame(
        [[run.metrics[m][k] for k in METRICS] for m in models],
        index=[t(f"fc.model.{m}") for m in models],
        columns=[t(f"fc.metric.{k}") for k in METRICS],
    )
    table.index.name = t("fc.model")
    st.dataframe(table.style.format("{:.3f}", na_rep="–"), width="content")
    lstm_rmse = run.metrics["lstm"]["rmse"]
    if run.copies_naive:
        st.warning(t("fc.copies_naive"), icon=":material/content_copy:")
    elif lstm_rmse <= min(run.metrics["naive"]["rmse"], run.metrics["seasonal_naive"]["rmse"]):
        st.success(t("fc.verdict.better"))
    else:
        st.warning(t("fc.verdict.worse"))

    st.subheader(t("fc.forecast"))
    series = run.series
    xs = x_axis(series)
    n, h = len(series), r.holdout
    future_x = list(run.future_dates) if run.future_dates is not None else list(range(n + 1, n + 1 + r.horizon))
    labels = {k: t(f"fc.chart.{k}") for k in
              ("history", "actual", "lstm_holdout", "forecast", "interval", "naive", "seasonal_naive", "holt_winters")}
    labels.update(x=t("fc.chart.date") if series.dates is not None else t("fc.chart.step"), y=html.escape(series.name))
    show_chart(figures.forecast_figure(
        xs[: n - h], series.values[: n - h], xs[n - h :], run.holdout_actual, run.holdout_forecast,
        run.holdout_lower, run.holdout_upper, run.baselines, future_x, run.future_forecast,
        run.future_lower, run.future_upper, labels, x_start=xs[max(0, n - h - 4 * (r.season_length or h))],
        date_axis=date_axis(series),
    ), width="stretch", key="fc_forecast_chart")
    st.caption(t("fc.forecast.caption", level=INTERVAL_LEVEL))
    with st.expander(t("fc.loss")):
        show_chart(figures.loss_figure(run.loss, run.val_loss, loss_labels()), width="stretch", key="fc_loss_chart")

    st.subheader(t("fc.downloads"))
    c1, c2, c3 = st.columns(3)
    stem = (series.name or "series").replace(" ", "_")[:40]
    c1.download_button(t("fc.download.csv"), run.forecast_frame().to_csv(index=False).encode(),
                       f"forecast_{stem}.csv", "text/csv", icon=":material/download:", key="fc_dl_csv")
    c2.download_button(t("fc.download.model"), run.model_bytes, f"lstm_{stem}.keras", "application/octet-stream",
                       icon=":material/download:", key="fc_dl_model")
    c3.download_button(t("fc.download.settings"), run.settings_json().encode(), f"settings_{stem}.json",
                       "application/json", icon=":material/download:", key="fc_dl_settings")
    st.caption(t("fc.inspect.caption"))
    if st.button(t("fc.inspect"), icon=":material/visibility:", type="primary", key="fc_inspect"):
        st.switch_page("pages/step_through.py")


def current_job() -> training_slots.TrainingJob | None:
    """This session's training in progress (queued or running), if any."""
    return st.session_state.get(JOB_KEY)


def current_run() -> ForecastRun | None:
    """This session's last finished forecast run, if any."""
    return st.session_state.get(RUN_KEY)


def start_job(series: SeriesData, settings: ForecastSettings, label: str, signature: object = None) -> None:
    """Start training ``run_forecast(series, settings)`` in a worker thread (it waits for a free slot)."""
    st.session_state.pop(ERROR_KEY, None)

    work = training_slots.in_subprocess(run_forecast, series, settings)  # the server keeps its GIL
    job = training_slots.start_training(work, resolve_settings(series, settings).epochs)
    job.meta.update(signature=signature, label=label)
    st.session_state[JOB_KEY] = job
