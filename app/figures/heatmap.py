"""Units x time heatmaps: the picture of one recorded quantity (a gate or a state).

Builders are pure: arrays in, ``go.Figure`` out. Arrays are time-first ``(T, H)``;
the figure puts time on the x axis and units on the y axis (unit 0 at the top).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import plotly.colors as pc
import plotly.graph_objects as go

GATE_SCALE = "Viridis"
"""Sequential, perceptually uniform and colour-blind-safe; gates are fixed to [0, 1]."""

STATE_SCALE = "RdBu_r"
"""Diverging (ColorBrewer RdBu, colour-blind-safe): blue below 0, white at 0, red above."""

MARKER_COLOUR = "#ff7f0e"
"""The current-timestep marker: orange reads on both the Viridis and RdBu scales."""

KINDS = ("gate", "state")


@lru_cache(maxsize=16)
def _colourscale(name: str) -> tuple[tuple[float, str], ...]:
    return tuple((float(p), c) for p, c in pc.get_colorscale(name))


def colourscale(name: str) -> list[list]:
    """A named Plotly scale ("Viridis", "RdBu_r") as explicit [position, colour] pairs."""
    return [[p, c] for p, c in _colourscale(name)]


def fast_figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts without Plotly's per-property validation (about 20x faster).

    Every builder's output is validated in the tests (``go.Figure(fig.to_dict())``), so a
    wrong property fails there instead of costing every rerun of the page.
    """
    return go.Figure(data=data, layout=layout, _validate=False)


def symmetric_limit(values: np.ndarray) -> float:
    """max |value| of the finite entries, or 1.0 when there are none or all are 0."""
    finite = np.asarray(values)[np.isfinite(values)]
    limit = float(np.max(np.abs(finite))) if finite.size else 0.0
    return limit if limit > 0 else 1.0


def colour_range(values: np.ndarray, kind: str) -> tuple[float, float]:
    """(zmin, zmax): [0, 1] for gates, [-m, m] with m = max |value| for states."""
    if kind == "gate":
        return 0.0, 1.0
    if kind == "state":
        m = symmetric_limit(values)
        return -m, m
    raise ValueError(f"expected kind among {KINDS}, got {kind!r}")


def current_marker(current_t: float, *, colour: str = MARKER_COLOUR, width: float = 3.0) -> dict:
    """A vertical line across the whole plot at x = current_t (a layout shape)."""
    return dict(
        type="line", xref="x", yref="paper", x0=current_t, x1=current_t, y0=0, y1=1,
        line=dict(color=colour, width=width), name="current_t",
    )


def unit_time_heatmap(
    values: np.ndarray,
    *,
    title: str,
    kind: str,
    current_t: int | None = None,
    unit_labels: Sequence[str] | None = None,
    t_start: int = 0,
    hover_name: str = "value",
    height: int | None = None,
) -> go.Figure:
    """Heatmap of a ``(T, H)`` quantity: time on x (``t_start .. t_start + T - 1``), units on y.

    kind: ``"gate"`` (sequential scale fixed to [0, 1]) or ``"state"`` (diverging scale
    centred on 0, symmetric range from the data's max |value|).
    current_t: a vertical marker at that (absolute) timestep when it lies in the window.
    unit_labels: H names for the y axis (default "0", "1", ...).
    Hover shows t, unit and ``hover_name``'s value. The z data is sent as float32.
    """
    values = np.asarray(values)
    if values.ndim != 2:
        raise ValueError(f"expected values of shape (T, H), got {values.shape}")
    steps, units = values.shape
    if steps < 1 or units < 1:
        raise ValueError(f"expected at least one timestep and one unit, got values of shape {values.shape}")
    labels = [str(k) for k in range(units)] if unit_labels is None else [str(u) for u in unit_labels]
    if len(labels) != units:
        raise ValueError(f"expected {units} unit labels, got {len(labels)}")
    zmin, zmax = colour_range(values, kind)
    heat = dict(
        type="heatmap",
        z=np.ascontiguousarray(values.T, dtype=np.float32),
        x=np.arange(t_start, t_start + steps, dtype=np.int32),
        y=labels,
        zmin=zmin,
        zmax=zmax,
        colorscale=colourscale(GATE_SCALE if kind == "gate" else STATE_SCALE),
        colorbar=dict(thickness=12, len=0.9),
        hovertemplate=f"t=%{{x}}<br>unit=%{{y}}<br>{hover_name}=%{{z:.4f}}<extra></extra>",
        xgap=0,
        ygap=1 if units <= 32 else 0,
    )
    if kind == "state":
        heat["zmid"] = 0.0
    shapes = []
    if current_t is not None and t_start <= current_t < t_start + steps:
        shapes.append(current_marker(current_t))
    layout = dict(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)),
        height=height or int(min(420, max(180, 90 + 14 * units))),
        margin=dict(l=10, r=10, t=40, b=30),
        xaxis=dict(range=[t_start - 0.5, t_start + steps - 0.5]),
        yaxis=dict(autorange="reversed", type="category"),
        shapes=shapes,
    )
    return fast_figure([heat], layout)
