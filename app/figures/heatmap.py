"""Units x time heatmaps: the picture of one recorded quantity (a gate or a state).

Builders are pure: arrays in, ``go.Figure`` out. Arrays are time-first ``(T, H)``;
the figure puts time on the x axis and units on the y axis (unit 0 at the top).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import plotly.colors as pc
import plotly.graph_objects as go
import plotly.io as pio

from app.figures.spec import MARKER_NAME, ChartSpec, plain_traces

GATE_SCALE = "Viridis"
"""Sequential, perceptually uniform and colour-blind-safe; gates are fixed to [0, 1]."""

STATE_SCALE = "RdBu_r"
"""Diverging (ColorBrewer RdBu, colour-blind-safe): blue below 0, white at 0, red above."""

MARKER_COLOUR = "#ff7f0e"
"""The current-timestep marker: orange reads on both the Viridis and RdBu scales."""

KINDS = ("gate", "state")


@dataclass(frozen=True)
class Scale:
    """An explicit colour scale, where "gate" ([0, 1]) and "state" (±max |value|) do not fit: a relu
    candidate's [0, max], a gate whose recurrent activation is tanh, [-1, 1].

    zmin, zmax: the values at the scale's two ends. name: a Plotly scale; part: the slice of it
    used, e.g. (0.5, 1.0), white to red, the upper half of the diverging scale for values >= 0.
    """

    zmin: float
    zmax: float
    name: str = STATE_SCALE
    part: tuple[float, float] = (0.0, 1.0)

    def colours(self) -> list[list]:
        """[position, colour] pairs of the slice ``part`` of the scale ``name``, spread over [0, 1]."""
        return [[p, c] for p, c in _slice(self.name, self.part)]

    def dark(self, position: np.ndarray) -> np.ndarray:
        """Where a colour at ``position`` in [0, 1] along this scale is dark (text on it in white)."""
        lo, hi = self.part
        p = lo + np.asarray(position) * (hi - lo)  # position on the whole named scale
        return p < 0.45 if self.name == GATE_SCALE else (p < 0.2) | (p > 0.8)


@lru_cache(maxsize=32)
def _slice(name: str, part: tuple[float, float]) -> tuple[tuple[float, str], ...]:
    lo, hi = part
    if (lo, hi) == (0.0, 1.0):
        return _colourscale(name)
    points = np.linspace(lo, hi, 11)
    colours = pc.sample_colorscale(pc.get_colorscale(name), list(points))
    return tuple((float(k) / 10, c) for k, c in enumerate(colours))


def scale_colours(kind: "str | Scale") -> list[list]:
    """The colour scale of a panel kind: "gate" Viridis, "state" RdBu_r, or a :class:`Scale`'s own."""
    if isinstance(kind, Scale):
        return kind.colours()
    return colourscale(GATE_SCALE if kind == "gate" else STATE_SCALE)


@lru_cache(maxsize=16)
def _colourscale(name: str) -> tuple[tuple[float, str], ...]:
    return tuple((float(p), c) for p, c in pc.get_colorscale(name))


def colourscale(name: str) -> list[list]:
    """A named Plotly scale ("Viridis", "RdBu_r") as explicit [position, colour] pairs."""
    return [[p, c] for p, c in _colourscale(name)]


def _plotly_template_for(traces: tuple[str, ...]) -> dict:
    """Plotly's default template cut to what 2-D charts of these trace types read (axes, hover,
    colour bars): the 3-D, map, polar and other trace types' parts are ~80% of its JSON."""
    full = pio.templates["plotly"].to_plotly_json()
    layout = {k: v for k, v in full["layout"].items()
              if k not in ("geo", "polar", "ternary", "scene", "mapbox", "colorscale", "coloraxis")}
    data = {k: [{p: v for p, v in style.items() if p != "colorscale"} for style in styles]
            for k, styles in full["data"].items() if k in traces}
    return {"data": data, "layout": layout}


TEMPLATE = _plotly_template_for(("heatmap", "bar", "scatter"))
"""The figures' template: Plotly's default, without the parts no chart here reads. It is copied
and sent with every chart on every rerun: the full one was 6.5 KB per chart (80% of a step's
payload) and ~2 ms of server time per chart; this one draws pixel-identical charts."""


def fast_figure(data: list[dict], layout: dict, *, spec: bool = False) -> go.Figure | ChartSpec:
    """A figure from plain dicts without Plotly's per-property validation (about 20x faster),
    with the :data:`TEMPLATE` template unless ``layout`` names one.

    ``spec=True``: the same chart as a :class:`ChartSpec`, the dicts as they are, without building
    Plotly's objects at all (what a page sends at every step: a few ms less each time).
    Every builder's output is validated in the tests (``go.Figure(fig.to_dict())``), so a
    wrong property fails there instead of costing every rerun of the page.
    """
    layout = {"template": TEMPLATE, **{k: v for k, v in layout.items() if v is not None}}
    if spec:
        return ChartSpec({"data": plain_traces(data), "layout": layout})
    return go.Figure(data=data, layout=layout, _validate=False)


def symmetric_limit(values: np.ndarray) -> float:
    """max |value| of the finite entries, or 1.0 when there are none or all are 0."""
    finite = np.asarray(values)[np.isfinite(values)]
    limit = float(np.max(np.abs(finite))) if finite.size else 0.0
    return limit if limit > 0 else 1.0


def colour_range(values: np.ndarray, kind: "str | Scale") -> tuple[float, float]:
    """(zmin, zmax): [0, 1] for gates, [-m, m] with m = max |value| for states, a :class:`Scale`'s own ends."""
    if isinstance(kind, Scale):
        return kind.zmin, kind.zmax
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
        line=dict(color=colour, width=width), name=MARKER_NAME,
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

    kind: ``"gate"`` (sequential scale fixed to [0, 1]), ``"state"`` (diverging scale
    centred on 0, symmetric range from the data's max |value|) or a :class:`Scale`.
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
        colorscale=scale_colours(kind),
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


def heatmap_grid(
    panels: Sequence[tuple[np.ndarray, str, str, str]],
    *,
    current_t: int | None = None,
    unit_labels: Sequence[str] | None = None,
    t_start: int = 0,
    columns: int = 2,
    shaded: Sequence[tuple[int, int]] = (),
    spec: bool = False,
) -> go.Figure | ChartSpec:
    """Several units x time heatmaps of one trace in one figure, ``columns`` to a row.

    panels: ``(values (T, H), title, kind, hover_name)`` each, all over the same T timesteps and
    H units; kind as in :func:`unit_time_heatmap` ("gate": [0, 1], "state": symmetric around 0, a :class:`Scale`),
    each panel with its own colour bar; the first column names the units. The time axes are
    linked: zooming one zooms all. ``shaded``: runs of steps [start, stop) (absolute t) greyed in every
    panel (masked steps, which the layer skipped).
    One figure instead of one per quantity: a step of the page sends one chart, not six.
    ``spec``: as a :class:`ChartSpec` (see :func:`fast_figure`).
    """
    if not panels:
        raise ValueError("expected at least one panel")
    shapes_seen = {np.shape(values) for values, *_ in panels}
    if len(shapes_seen) != 1 or len(next(iter(shapes_seen))) != 2:
        raise ValueError(f"expected panels of one (T, H) shape, got {sorted(shapes_seen)}")
    steps, units = next(iter(shapes_seen))
    if steps < 1 or units < 1:
        raise ValueError(f"expected at least one timestep and one unit, got panels of shape {(steps, units)}")
    labels = [str(k) for k in range(units)] if unit_labels is None else [str(u) for u in unit_labels]
    if len(labels) != units:
        raise ValueError(f"expected {units} unit labels, got {len(labels)}")
    rows = -(-len(panels) // columns)
    panel_px = int(min(420, max(140, 50 + 14 * units)))
    title_px, gap_px, bottom_px = 34, 30, 30
    height = rows * (panel_px + title_px) + (rows - 1) * gap_px + bottom_px
    col_width, bar_room = 1.0 / columns, 0.085  # each column: heatmap, then its colour bar
    x_values = np.arange(t_start, t_start + steps, dtype=np.int32)
    data, shapes, annotations, layout = [], [], [], {}
    for k, (values, title, kind, hover_name) in enumerate(panels):
        row, col = divmod(k, columns)
        axis = "" if k == 0 else str(k + 1)
        x0 = col * col_width
        x1 = x0 + col_width - bar_room - (0.02 if col < columns - 1 else 0.0)
        top_px = row * (panel_px + title_px + gap_px) + title_px
        y1 = 1 - top_px / height
        y0 = 1 - (top_px + panel_px) / height
        zmin, zmax = colour_range(values, kind)
        heat = dict(
            type="heatmap", xaxis=f"x{axis}", yaxis=f"y{axis}",
            z=np.ascontiguousarray(np.asarray(values).T, dtype=np.float32), x=x_values, y=labels,
            zmin=zmin, zmax=zmax, colorscale=scale_colours(kind),
            colorbar=dict(thickness=10, len=(y1 - y0), lenmode="fraction", y=(y0 + y1) / 2, yanchor="middle",
                          x=x1 + 0.01, xanchor="left"),
            hovertemplate=f"t=%{{x}}<br>unit=%{{y}}<br>{hover_name}=%{{z:.4f}}<extra></extra>",
            xgap=0, ygap=1 if units <= 32 else 0, name=hover_name,
        )
        if kind == "state":
            heat["zmid"] = 0.0
        data.append(heat)
        layout[f"xaxis{axis}"] = dict(domain=[x0, x1], anchor=f"y{axis}", range=[t_start - 0.5, t_start + steps - 0.5],
                                      **({} if k == 0 else {"matches": "x"}))
        # the units are the same in every panel: only the first column names them
        layout[f"yaxis{axis}"] = dict(domain=[y0, y1], anchor=f"x{axis}", autorange="reversed", type="category",
                                      showticklabels=col == 0)
        annotations.append(dict(text=title, x=0, y=1, xref=f"x{axis} domain", yref=f"y{axis} domain",
                                xanchor="left", yanchor="bottom", showarrow=False, font=dict(size=16)))
        for start, stop in shaded:
            lo, hi = max(start, t_start), min(stop, t_start + steps)
            if lo < hi:
                shapes.append(dict(type="rect", xref=f"x{axis}", yref=f"y{axis} domain", x0=lo - 0.5, x1=hi - 0.5,
                                   y0=0, y1=1, fillcolor="#7f7f7f", opacity=0.55, line=dict(width=0),
                                   layer="above", name="masked"))
        if current_t is not None and t_start <= current_t < t_start + steps:
            shapes.append({**current_marker(current_t), "xref": f"x{axis}", "yref": f"y{axis} domain"})
    layout.update(height=height, margin=dict(l=10, r=10, t=10, b=bottom_px), shapes=shapes, annotations=annotations)
    return fast_figure(data, layout, spec=spec)
