"""Figures of the train & forecast page: pure builders, data (and labels) in, ``go.Figure`` out."""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from app.figures.heatmap import fast_figure
from app.figures.legend import MODEBAR_ROOM, legend_below
from app.figures.spec import ChartSpec

HISTORY_COLOR = "#4c566a"
ACTUAL_COLOR = "#2e7d32"
LSTM_COLOR = "#c62828"
NAIVE_COLOR = "#9e9e9e"
SNAIVE_COLOR = "#f9a825"
CLASSICAL_COLOR = "#6a1b9a"
BAND_COLOR = "rgba(198, 40, 40, 0.15)"


def _layout(x_title: str, y_title: str, height: int, date_axis: dict | None = None, **extra) -> dict:
    """The page's chart layout (white template, legend below the chart, unified hover) as a plain dict.

    The legend sits below the chart and the top margin holds Plotly's toolbar (see ``app.figures.legend``).

    ``date_axis``: the x axis holds dates; these properties (see ``app.chart_locale``) say how to write them.
    """
    layout = dict(
        height=height,
        margin=dict(l=10, r=10, t=MODEBAR_ROOM, b=10),
        legend=legend_below(),
        hovermode="x unified",
        template=_white_template(),
        **extra,
    )
    layout["xaxis"] = {**layout.get("xaxis", {}), "title": dict(text=x_title)}
    if date_axis is not None:
        layout["xaxis"].update(type="date", **date_axis)
    layout["yaxis"] = {**layout.get("yaxis", {}), "title": dict(text=y_title)}
    return layout


def _line(x: list, y, name: str, **style) -> dict:
    return dict(type="scatter", x=x, y=np.asarray(y, dtype=float), name=name, **{"mode": "lines", **style})


def series_figure(x: Sequence, values: np.ndarray, name: str, x_title: str, height: int = 260,
                  date_axis: dict | None = None) -> go.Figure:
    """The uploaded series as a line: x (T,) dates or steps, values (T,); ``date_axis`` as in ``_layout``."""
    return fast_figure([_line(list(x), values, name, line=dict(color=HISTORY_COLOR, width=1.5))],
                       _layout(x_title, name, height, date_axis=date_axis, showlegend=False))


def _band(x: list, lower: np.ndarray, upper: np.ndarray, name: str, group: str, legend: bool = True) -> list[dict]:
    """An interval as two traces: the upper edge, then the lower edge filled up to it."""
    return [
        _line(x, upper, "", line=dict(width=0), hoverinfo="skip", showlegend=False, legendgroup=group),
        _line(x, lower, name, line=dict(width=0), fill="tonexty", fillcolor=BAND_COLOR, legendgroup=group,
              hoverinfo="skip", showlegend=legend),
    ]


def forecast_figure(
    history_x: Sequence,
    history: np.ndarray,
    holdout_x: Sequence,
    holdout_actual: np.ndarray,
    holdout_forecast: np.ndarray,
    holdout_lower: np.ndarray,
    holdout_upper: np.ndarray,
    baselines: dict[str, np.ndarray],
    future_x: Sequence,
    future: np.ndarray,
    future_lower: np.ndarray,
    future_upper: np.ndarray,
    labels: dict[str, str],
    height: int = 440,
    x_start=None,
    date_axis: dict | None = None,
) -> go.Figure:
    """History, the hold-out (actual, LSTM, baselines, interval) and the forecast past the end.

    history: (n - h,) before the hold-out; holdout_*: (h,); future*: (horizon,).
    labels: legend and axis names, keys history, actual, lstm_holdout, forecast, interval,
    naive, seasonal_naive (holt_winters when that baseline is given), x, y.
    x_start: where the x axis starts at first (the rest of the history is a pan or zoom-out away).
    date_axis: the x values are dates, written as these properties say (see ``_layout``).
    """
    hx, ox, fx = list(history_x), list(holdout_x), list(future_x)
    data = [_line(hx, history, labels["history"], line=dict(color=HISTORY_COLOR, width=1.5))]
    data += _band(ox, holdout_lower, holdout_upper, labels["interval"], "interval")
    colors = {"naive": NAIVE_COLOR, "seasonal_naive": SNAIVE_COLOR, "holt_winters": CLASSICAL_COLOR}
    for name, values in baselines.items():
        data.append(_line(ox, values, labels[name], line=dict(color=colors.get(name, NAIVE_COLOR), width=1.2, dash="dot")))
    data.append(_line(ox, holdout_actual, labels["actual"], mode="lines+markers",
                      line=dict(color=ACTUAL_COLOR, width=1.8), marker=dict(size=4)))
    data.append(_line(ox, holdout_forecast, labels["lstm_holdout"], line=dict(color=LSTM_COLOR, width=1.8, dash="dash")))
    data += _band(fx, future_lower, future_upper, labels["interval"], "interval_future", legend=False)
    data.append(_line(fx, future, labels["forecast"], mode="lines+markers", line=dict(color=LSTM_COLOR, width=2.2),
                      marker=dict(size=4)))
    extra: dict = {}
    if ox:  # where the hold-out starts
        extra["shapes"] = [dict(type="line", xref="x", yref="y domain", x0=ox[0], x1=ox[0], y0=0, y1=1,
                                line=dict(color="#bbbbbb", width=1, dash="dot"))]
    if x_start is not None and (fx or ox):
        extra["xaxis"] = dict(range=[x_start, (fx or ox)[-1]])
    return fast_figure(data, _layout(labels["x"], labels["y"], height, date_axis=date_axis, **extra))


def loss_figure(loss: Sequence[float], val_loss: Sequence[float], labels: dict[str, str], height: int = 260,
                spec: bool = False) -> go.Figure | ChartSpec:
    """Training (and validation) loss per epoch, log scale. labels: loss, val_loss, epoch, y.

    ``spec``: as a :class:`ChartSpec` (plain dicts, no Plotly objects): the live curve is redrawn
    every second of a training, for every session training at once.
    """
    data = [_line(list(range(1, len(loss) + 1)), loss, labels["loss"], line=dict(color=HISTORY_COLOR))]
    if len(val_loss):
        data.append(_line(list(range(1, len(val_loss) + 1)), val_loss, labels["val_loss"], line=dict(color=LSTM_COLOR)))
    return fast_figure(data, _layout(labels["epoch"], labels["y"], height, yaxis=dict(type="log")), spec=spec)


@lru_cache(maxsize=1)
def _white_template() -> dict:
    """The page's "plotly_white" template as the dict a spec carries (a figure resolves the name itself)."""
    return pio.templates["plotly_white"].to_plotly_json()
