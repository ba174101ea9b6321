"""Figures of the train & forecast page: pure builders, data (and labels) in, ``go.Figure`` out."""

from __future__ import annotations

from typing import Sequence

from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from app.figures.heatmap import fast_figure
from app.figures.spec import ChartSpec

HISTORY_COLOR = "#4c566a"
ACTUAL_COLOR = "#2e7d32"
LSTM_COLOR = "#c62828"
NAIVE_COLOR = "#9e9e9e"
SNAIVE_COLOR = "#f9a825"
CLASSICAL_COLOR = "#6a1b9a"
BAND_COLOR = "rgba(198, 40, 40, 0.15)"


def _layout(fig: go.Figure, x_title: str, y_title: str, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
        xaxis_title=x_title,
        yaxis_title=y_title,
        hovermode="x unified",
        template="plotly_white",
    )
    return fig


def series_figure(x: Sequence, values: np.ndarray, name: str, x_title: str, height: int = 260) -> go.Figure:
    """The uploaded series as a line: x (T,) dates or steps, values (T,)."""
    fig = go.Figure(go.Scatter(x=list(x), y=np.asarray(values, dtype=float), mode="lines", name=name,
                               line=dict(color=HISTORY_COLOR, width=1.5)))
    fig.update_layout(showlegend=False)
    return _layout(fig, x_title, name, height)


def _band(fig: go.Figure, x: list, lower: np.ndarray, upper: np.ndarray, name: str, group: str) -> None:
    fig.add_trace(go.Scatter(x=x, y=np.asarray(upper, dtype=float), mode="lines", line=dict(width=0),
                             hoverinfo="skip", showlegend=False, legendgroup=group))
    fig.add_trace(go.Scatter(x=x, y=np.asarray(lower, dtype=float), mode="lines", line=dict(width=0),
                             fill="tonexty", fillcolor=BAND_COLOR, name=name, legendgroup=group, hoverinfo="skip"))


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
) -> go.Figure:
    """History, the hold-out (actual, LSTM, baselines, interval) and the forecast past the end.

    history: (n - h,) before the hold-out; holdout_*: (h,); future*: (horizon,).
    labels: legend and axis names, keys history, actual, lstm_holdout, forecast, interval,
    naive, seasonal_naive (holt_winters when that baseline is given), x, y.
    x_start: where the x axis starts at first (the rest of the history is a pan or zoom-out away).
    """
    hx, ox, fx = list(history_x), list(holdout_x), list(future_x)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=hx, y=np.asarray(history, float), mode="lines", name=labels["history"],
                             line=dict(color=HISTORY_COLOR, width=1.5)))
    _band(fig, ox, holdout_lower, holdout_upper, labels["interval"], "interval")
    colors = {"naive": NAIVE_COLOR, "seasonal_naive": SNAIVE_COLOR, "holt_winters": CLASSICAL_COLOR}
    for name, values in baselines.items():
        fig.add_trace(go.Scatter(x=ox, y=np.asarray(values, float), mode="lines", name=labels[name],
                                 line=dict(color=colors.get(name, NAIVE_COLOR), width=1.2, dash="dot")))
    fig.add_trace(go.Scatter(x=ox, y=np.asarray(holdout_actual, float), mode="lines+markers", name=labels["actual"],
                             line=dict(color=ACTUAL_COLOR, width=1.8), marker=dict(size=4)))
    fig.add_trace(go.Scatter(x=ox, y=np.asarray(holdout_forecast, float), mode="lines", name=labels["lstm_holdout"],
                             line=dict(color=LSTM_COLOR, width=1.8, dash="dash")))
    _band(fig, fx, future_lower, future_upper, labels["interval"], "interval_future")
    fig.data[-1].showlegend = False
    fig.add_trace(go.Scatter(x=fx, y=np.asarray(future, float), mode="lines+markers", name=labels["forecast"],
                             line=dict(color=LSTM_COLOR, width=2.2), marker=dict(size=4)))
    if ox:
        fig.add_vline(x=ox[0], line=dict(color="#bbbbbb", width=1, dash="dot"))
    if x_start is not None and (fx or ox):
        fig.update_xaxes(range=[x_start, (fx or ox)[-1]])
    return _layout(fig, labels["x"], labels["y"], height)


def loss_figure(loss: Sequence[float], val_loss: Sequence[float], labels: dict[str, str], height: int = 260,
                spec: bool = False) -> go.Figure | ChartSpec:
    """Training (and validation) loss per epoch, log scale. labels: loss, val_loss, epoch, y.

    ``spec``: as a :class:`ChartSpec` (plain dicts, no Plotly objects): the live curve is redrawn
    every second of a training, for every session training at once.
    """
    data = [dict(type="scatter", x=list(range(1, len(loss) + 1)), y=[float(v) for v in loss], mode="lines",
                 name=labels["loss"], line=dict(color=HISTORY_COLOR))]
    if len(val_loss):
        data.append(dict(type="scatter", x=list(range(1, len(val_loss) + 1)), y=[float(v) for v in val_loss],
                         mode="lines", name=labels["val_loss"], line=dict(color=LSTM_COLOR)))
    return fast_figure(data, dict(
        height=height, margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
        xaxis=dict(title=dict(text=labels["epoch"])), yaxis=dict(type="log", title=dict(text=labels["y"])),
        hovermode="x unified", template=_white_template(),
    ), spec=spec)


@lru_cache(maxsize=1)
def _white_template() -> dict:
    """The page's "plotly_white" template as the dict a spec carries (a figure resolves the name itself)."""
    return pio.templates["plotly_white"].to_plotly_json()
