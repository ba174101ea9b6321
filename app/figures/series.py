"""The input sequence with the current step and the heatmaps' window marked; the values at step t as a strip."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from app.figures.heatmap import (
    GATE_SCALE,
    MARKER_COLOUR,
    STATE_SCALE,
    Scale,
    colourscale,
    current_marker,
    fast_figure,
    symmetric_limit,
)
from app.figures.spec import ChartSpec
from lstm_core.analysis.windows import envelope
from lstm_core.cells.gates import QUANTITY, is_gate

LINE_COLOURS = ("#0072B2", "#009E73", "#CC79A7", "#E69F00")
"""Okabe-Ito colours (colour-blind-safe) for up to four input features."""



def input_figure(
    x: np.ndarray,
    *,
    title: str,
    current_t: int | None = None,
    window: tuple[int, int] | None = None,
    max_points: int = 2000,
    feature_names: Sequence[str] | None = None,
    height: int = 220,
    shaded: Sequence[tuple[int, int]] = (),
    spec: bool = False,
) -> go.Figure | ChartSpec:
    """The input over all T steps: x (T,) or (T, D) (at most four features are drawn).

    Longer series are reduced to ``max_points`` min/max buckets so spikes stay visible.
    ``window`` = (start, stop) shades the steps the heatmaps show; ``current_t`` gets a
    vertical marker and a dot on each drawn feature. ``shaded``: runs of steps [start, stop) drawn
    grey (masked steps, which the layer skipped). ``spec``: as a :class:`ChartSpec` (see ``fast_figure``).
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
    for start, stop in shaded:
        shapes.append(dict(type="rect", xref="x", yref="paper", x0=start - 0.5, x1=stop - 0.5, y0=0, y1=1,
                           fillcolor="#7f7f7f", opacity=0.35, line=dict(width=0), layer="below", name="masked"))
    if current_t is not None and 0 <= current_t < steps:
        shapes.append(current_marker(current_t, width=2))
    return fast_figure(data, dict(
        shapes=shapes, title=dict(text=html.escape(title), x=0, xanchor="left", font=dict(size=16)),
        height=height, margin=dict(l=10, r=10, t=40, b=30),
        showlegend=features > 1, xaxis=dict(range=[-0.5, steps - 0.5]),
    ), spec=spec)


def step_strip(
    values: Mapping[str, np.ndarray],
    *,
    titles: Mapping[str, str],
    unit_labels: Sequence[str],
    title: str = "",
    limits: Mapping[str, float] | None = None,
    scales: Mapping[str, Scale] | None = None,
    numbers_up_to: int = 16,
    spec: bool = False,
) -> go.Figure | ChartSpec:
    """The six quantities at one step as a strip: one row per quantity (f, i, c̃, o, c, h from the
    top), one cell per unit, each cell in its heatmap colour and, for up to ``numbers_up_to`` units,
    with its value written in it: the column at t of every heatmap, enlarged.

    values: quantity -> (H,), rows from the top in the mapping's order (an LSTM's f, i, c_tilde, o, c,
    h; a GRU's z, r, h_tilde, h); titles: the row labels; limits: the
    heatmaps' symmetric colour limits of c̃, c and h (default: max |value|, at least 1 for c̃ and
    h), so a cell has the colour of its cell in the heatmap; gates use [0, 1]; scales: a row's own
    :class:`Scale` (the heatmap's, when the layer's activations call for one), before ``limits``.
    One axis pair for the six rows: a step costs a fraction of six bar panels.
    ``spec``: as a :class:`ChartSpec` (see ``fast_figure``).
    """
    order = tuple(values)
    unknown = [q for q in order if q not in QUANTITY]
    if unknown or not order:
        raise ValueError(f"expected values for quantities among {tuple(QUANTITY)}, got {order}")
    untitled = [q for q in order if q not in titles]
    if untitled:
        raise ValueError(f"expected a title for every row, missing {untitled}")
    labels = [str(u) for u in unit_labels]
    show_numbers = len(labels) <= numbers_up_to
    traces = []
    for row, q in enumerate(order):
        v = np.asarray(values[q], dtype=np.float32).ravel()
        if v.shape != (len(labels),):
            raise ValueError(f"expected {len(labels)} values for {q}, got shape {np.shape(values[q])}")
        own = scales.get(q) if scales is not None else None
        if own is not None:
            lo, hi, colours = own.zmin, own.zmax, own.colours()
        elif is_gate(q):
            lo, hi, colours = 0.0, 1.0, colourscale(GATE_SCALE)
        else:
            if limits is not None and q in limits:
                m = float(limits[q])
            else:
                m = max(1.0, symmetric_limit(v)) if q != "c" else symmetric_limit(v)
            lo, hi, colours = -m, m, colourscale(STATE_SCALE)
        base = dict(
            type="heatmap", x=labels, y=[row], zmin=lo, zmax=hi, colorscale=colours, showscale=False,
            xgap=2, ygap=2, hovertemplate=f"unit=%{{x}}<br>{q}=%{{z:.4f}}<extra></extra>",
        )
        if not show_numbers:
            traces.append(dict(base, z=v[None, :]))
            continue
        # the numbers in white on the scales' dark ends, in black elsewhere: two traces, one per text colour
        p = (v - lo) / (hi - lo) if hi > lo else np.full_like(v, 0.5)
        if own is not None:
            dark = own.dark(p)
        else:
            dark = p < 0.45 if is_gate(q) else (p < 0.2) | (p > 0.8)
        for mask, colour in ((dark, "white"), (~dark, "#1f1f1f")):
            if mask.any():
                traces.append(dict(base, z=np.where(mask, v, np.nan)[None, :], texttemplate="%{z:.2f}",
                                   textfont=dict(color=colour)))  # the figure's font size: larger on a projector
    return fast_figure(traces, dict(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)) if title else None,
        height=70 + 34 * len(order), margin=dict(l=10, r=10, t=40 if title else 10, b=10),
        xaxis=dict(type="category", showticklabels=len(labels) <= 32),
        yaxis=dict(tickvals=list(range(len(order))), ticktext=[titles[q] for q in order], autorange="reversed",
                   showgrid=False, zeroline=False),
    ), spec=spec)
