"""The input sequence with the current step and the heatmaps' window marked; the values at step t."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import html

import numpy as np
import plotly.graph_objects as go

from app.figures.heatmap import (
    GATE_SCALE, MARKER_COLOUR, STATE_SCALE, colourscale, current_marker, fast_figure, symmetric_limit,
)
from lstm_core.analysis import envelope

LINE_COLOURS = ("#0072B2", "#009E73", "#CC79A7", "#E69F00")
"""Okabe-Ito colours (colour-blind-safe) for up to four input features."""

GATE_QUANTITIES = ("f", "i", "o")


def input_figure(
    x: np.ndarray,
    *,
    title: str,
    current_t: int | None = None,
    window: tuple[int, int] | None = None,
    max_points: int = 2000,
    feature_names: Sequence[str] | None = None,
    height: int = 220,
) -> go.Figure:
    """The input over all T steps: x (T,) or (T, D) (at most four features are drawn).

    Longer series are reduced to ``max_points`` min/max buckets so spikes stay visible.
    ``window`` = (start, stop) shades the steps the heatmaps show; ``current_t`` gets a
    vertical marker and a dot on each drawn feature.
    """
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2 or x.shape[0] < 1:
        raise ValueError(f"expected x of shape (T,) or (T, D), got {x.shape}")
    steps, features = x.shape
    names = list(feature_names) if feature_names is not None else [f"x[{d}]" for d in range(features)]
    data: list[dict] = []
    shapes: list[dict] = []
    for d in range(min(features, len(LINE_COLOURS))):
        colour = LINE_COLOURS[d]
        t, low, high = envelope(x[:, d], max_points)
        if steps <= max_points:
            data.append(dict(
                type="scatter", x=t.astype(np.int32), y=low.astype(np.float32), name=names[d],
                mode="lines+markers" if steps <= 120 else "lines", line=dict(color=colour, width=2),
                marker=dict(size=5), hovertemplate="t=%{x}<br>x=%{y:.4g}<extra></extra>",
            ))
        else:  # min/max envelope: the band between the two lines holds every sample of its bucket
            data.append(dict(type="scatter", x=t.astype(np.int32), y=high.astype(np.float32), mode="lines",
                             line=dict(color=colour, width=1), name=names[d], hoverinfo="skip", showlegend=False))
            data.append(dict(type="scatter", x=t.astype(np.int32), y=low.astype(np.float32), mode="lines",
                             line=dict(color=colour, width=1), fill="tonexty", name=names[d],
                             hovertemplate="t≈%{x}<br>min=%{y:.4g}<extra></extra>"))
        if current_t is not None and 0 <= current_t < steps:
            data.append(dict(
                type="scatter", x=[current_t], y=[float(x[current_t, d])], mode="markers", showlegend=False,
                marker=dict(size=12, color=MARKER_COLOUR, line=dict(color="black", width=1)),
                hovertemplate="t=%{x}<br>x=%{y:.4g}<extra></extra>", name="current",
            ))
    if window is not None and (window[0] > 0 or window[1] < steps):
        shapes.append(dict(type="rect", xref="x", yref="paper", x0=window[0] - 0.5, x1=window[1] - 0.5, y0=0, y1=1,
                           fillcolor="#999999", opacity=0.18, line=dict(width=0), layer="below", name="window"))
    if current_t is not None and 0 <= current_t < steps:
        shapes.append(current_marker(current_t, width=2))
    return fast_figure(data, dict(
        shapes=shapes, title=dict(text=html.escape(title), x=0, xanchor="left", font=dict(size=16)),
        height=height, margin=dict(l=10, r=10, t=40, b=30),
        showlegend=features > 1, xaxis=dict(range=[-0.5, steps - 0.5]),
    ))


def step_bars(
    values: Mapping[str, np.ndarray],
    *,
    titles: Mapping[str, str],
    unit_labels: Sequence[str],
    title: str = "",
    height: int = 260,
    limits: Mapping[str, float] | None = None,
) -> go.Figure:
    """The six quantities at one step, one bar per unit, side by side (f, i, c̃, o, c, h).

    values: {"f", "i", "c_tilde", "o", "c", "h"} -> (H,). Bars are coloured with the heatmaps'
    scales; gates' axes are fixed to [0, 1], the others are symmetric around 0: [-m, m] with
    m = ``limits[q]`` when given (pass the heatmaps' colour limits, so a bar has its cell's colour
    and the axes stay put while stepping), else max |value| (at least 1 for c̃ and h).
    """
    order = ("f", "i", "c_tilde", "o", "c", "h")
    missing = [q for q in order if q not in values]
    if missing:
        raise ValueError(f"expected values for {order}, missing {missing}")
    labels = [str(u) for u in unit_labels]
    traces, layout = [], {}
    gap_x = 0.035
    w = (1 - 5 * gap_x) / 6
    annotations = []
    for k, q in enumerate(order):
        v = np.asarray(values[q], dtype=np.float32).ravel()
        if v.shape != (len(labels),):
            raise ValueError(f"expected {len(labels)} values for {q}, got shape {np.shape(values[q])}")
        col = k
        if q in GATE_QUANTITIES:
            lo, hi, scale = 0.0, 1.0, GATE_SCALE
        else:
            if limits is not None and q in limits:
                m = float(limits[q])
            else:
                m = max(1.0, symmetric_limit(v)) if q != "c" else symmetric_limit(v)
            lo, hi, scale = -m, m, STATE_SCALE
        suffix = "" if k == 0 else str(k + 1)
        traces.append(dict(
            type="bar", x=labels, y=v, xaxis=f"x{suffix}", yaxis=f"y{suffix}", showlegend=False,
            marker=dict(color=v, colorscale=colourscale(scale), cmin=lo, cmax=hi, line=dict(width=0.5, color="#444")),
            hovertemplate=f"unit=%{{x}}<br>{q}=%{{y:.4f}}<extra></extra>",
        ))
        pad = 0.05 * (hi - lo)
        x0 = col * (w + gap_x)
        layout[f"xaxis{suffix}"] = dict(domain=[max(0.0, x0), min(1.0, x0 + w)], anchor=f"y{suffix}", type="category",
                                        showticklabels=len(labels) <= 16)
        layout[f"yaxis{suffix}"] = dict(domain=[0.0, 1.0], anchor=f"x{suffix}",
                                        range=[lo - (0 if q in GATE_QUANTITIES else pad), hi + pad],
                                        exponentformat="e")  # not "40µ": an SI prefix reads as a unit
        annotations.append(dict(text=titles[q], x=x0 + w / 2, y=1.0, xref="paper", yref="paper", xanchor="center",
                                yanchor="bottom", showarrow=False, font=dict(size=14)))
    return fast_figure(traces, dict(
        **layout, annotations=annotations,
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)) if title else None,
        height=height, margin=dict(l=10, r=10, t=60 if title else 30, b=20), bargap=0.15,
    ))
