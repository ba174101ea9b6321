"""The GRU cell and the plain RNN cell as chain pictures with live numbers, drawn like the LSTM's
(:mod:`app.figures.diagram`) on the same 0..14 x 0..8 canvas::

    GRU   h_{t-1} ──(×)───────────────────(+)──────── h_t
                     ▲  ┌─(1-)──────────►(×)
                   [σ z]┘      [σ r]──►[tanh h̃]
    h_{t-1} ─────────┴───────────┴─────────┴
                 x_t

    RNN   h_{t-1} ─────────────┬──► [tanh] ──────────── h_t
                 x_t ──────────┘

A gate's box is filled with its value on the heatmaps' scale, so a gate near 1 looks the same here
as in its heatmap.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from app.figures.diagram import (
    _ACTIVATION_LABEL,
    BOX_H,
    BOX_W,
    CELL_Y,
    GATE_Y,
    HID_Y,
    LINE,
    OP_FILL,
    OP_R,
    _arrow,
    _box,
    _Canvas,
    _colour,
    _line,
    _op,
    _rails,
    _value,
    fmt,
)
from app.figures.heatmap import GATE_SCALE, STATE_SCALE, Scale, fast_figure
from lstm_core.analysis.breakdown import GRUBreakdown, RNNBreakdown
from lstm_core.cells.gates import QUANTITY

X_Z, X_R, X_H = 3.0, 6.4, 9.4  # the gates' boxes
X_ONE_MINUS, MIX_Y = 4.7, 4.9   # the (1 - z) circle and the row where (1 - z) meets h̃


def _fill(value: float, q: str, scales: Mapping[str, Scale]) -> str:
    own = scales.get(q)
    if own is not None:
        return _colour(value, own, own.zmin, own.zmax)
    if QUANTITY[q].kind == "gate":
        return _colour(value, GATE_SCALE, 0, 1)
    return _colour(value, STATE_SCALE, -1, 1)


def _label(name: str) -> str:
    return _ACTIVATION_LABEL.get(name, name)


def _figure(fig: _Canvas, title: str, height: int, top: float = 8.2) -> go.Figure:
    return fast_figure([], dict(
        shapes=fig.shapes, annotations=fig.annotations,
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)) if title else None,
        height=height, margin=dict(l=5, r=5, t=40 if title else 5, b=5),
        xaxis=dict(range=[0, 14], visible=False, fixedrange=True),
        yaxis=dict(range=[-0.3, top], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1),
        plot_bgcolor="white", paper_bgcolor="white", showlegend=False,
    ))


def _gate(fig: _Canvas, x: float, q: str, value: float, act: str, name: str | None,
          scales: Mapping[str, Scale]) -> None:
    _box(fig, x, GATE_Y, _label(act), _fill(value, q, scales))
    below = f"{QUANTITY[q].html} = <b>{fmt(value)}</b>" + (
        f"<br><span style='font-size:12px'>{name}</span>" if name else "")
    _value(fig, x, GATE_Y - 0.95, below, size=15)


def gru_diagram(b: GRUBreakdown, *, names: Mapping[str, str] | None = None, title: str = "", height: int = 480,
                scales: Mapping[str, Scale] | None = None) -> go.Figure:
    """The chain picture of one GRU cell for unit ``b.unit``, live numbers written on it.

    names: optional display names for "z", "r", "h_tilde" (translated), under each box; scales: a
    gate's own colour :class:`Scale` (the heatmap's). The boxes carry the layer's own activations.
    """
    names, scales = dict(names or {}), dict(scales or {})
    z, r, h_tilde = b.gates["z"].value, b.gates["r"].value, b.candidate.value
    fig = _Canvas()
    # the state line across the top, h_{t-1} -> (×) z -> (+) -> h_t; h_{t-1} and x_t along the bottom
    _rails(fig, X_Z, X_H, (X_Z, X_R, X_H))
    # z keeps the old state; 1 - z lets the candidate in
    _arrow(fig, X_Z, GATE_Y + BOX_H / 2, X_Z, CELL_Y - OP_R)
    _arrow(fig, X_Z, MIX_Y, X_ONE_MINUS - OP_R, MIX_Y)
    _arrow(fig, X_ONE_MINUS + OP_R, MIX_Y, X_H - OP_R, MIX_Y)
    # r scales the recurrent part of the candidate; the candidate goes up to be mixed in
    _arrow(fig, X_R + BOX_W / 2, GATE_Y, X_H - BOX_W / 2, GATE_Y)
    _arrow(fig, X_H, GATE_Y + BOX_H / 2, X_H, MIX_Y - OP_R)
    _arrow(fig, X_H, MIX_Y + OP_R, X_H, CELL_Y - OP_R)

    _op(fig, X_Z, CELL_Y, "×")
    _op(fig, X_H, CELL_Y, "+")
    _op(fig, X_H, MIX_Y, "×")
    fig.add_shape(type="circle", x0=X_ONE_MINUS - 0.45, x1=X_ONE_MINUS + 0.45, y0=MIX_Y - OP_R, y1=MIX_Y + OP_R,
                  line=dict(color=LINE, width=2), fillcolor=OP_FILL, layer="above")
    fig.add_annotation(x=X_ONE_MINUS, y=MIX_Y, text="<b>1−</b>", showarrow=False, font=dict(size=15, color="black"))
    _gate(fig, X_Z, "z", z, b.recurrent_activation, names.get("z"), scales)
    _gate(fig, X_R, "r", r, b.recurrent_activation, names.get("r"), scales)
    _gate(fig, X_H, "h_tilde", h_tilde, b.activation, names.get("h_tilde"), scales)

    _value(fig, 0.5, CELL_Y + 0.45, f"h<sub>t-1</sub> = <b>{fmt(b.h_prev)}</b>", anchor="left")
    _value(fig, 13.3, CELL_Y + 0.45, f"h<sub>t</sub> = <b>{fmt(b.h)}</b>", anchor="right")
    _value(fig, 0.5, HID_Y + 0.4, f"h<sub>t-1</sub> = <b>{fmt(b.h_prev)}</b>", anchor="left")
    x_text = ", ".join(fmt(v) for v in b.x_t[:3]) + (", …" if b.x_t.size > 3 else "")
    _value(fig, 1.8, 0.05, f"x<sub>t</sub> = <b>{x_text}</b>", anchor="left")
    _value(fig, X_Z + 0.4, CELL_Y - 0.6, f"z·h<sub>t-1</sub> = {fmt(b.keep_term)}", anchor="left", size=13)
    _value(fig, X_ONE_MINUS, MIX_Y + 0.55, f"1−z = {fmt(1 - z)}", size=13)
    _value(fig, X_H + 0.4, MIX_Y - 0.05, f"(1−z)·h̃ = {fmt(b.write_term)}", anchor="left", size=13)
    return _figure(fig, title, height, top=7.5)


def rnn_diagram(b: RNNBreakdown, *, title: str = "", height: int = 330, scales: Mapping[str, Scale] | None = None
                ) -> go.Figure:
    """The plain RNN cell for unit ``b.unit``: h_{t-1} and x_t into one squashing box, h_t out."""
    scales = dict(scales or {})
    fig = _Canvas()
    y = GATE_Y
    _line(fig, 0.6, HID_Y, 6.0, HID_Y)
    _arrow(fig, 1.6, 0.0, 1.6, HID_Y, head=False)
    _arrow(fig, 6.0, HID_Y, 6.0, y - BOX_H / 2)
    _arrow(fig, 6.0 + BOX_W / 2, y, 13.2, y)
    _box(fig, 6.0, y, _label(b.activation), _fill(b.h, "h", scales))
    terms = " + ".join(f"({fmt(v)})" if v < 0 else fmt(v) for v in (b.wx, b.uh, b.b))
    _value(fig, 6.0, y + 0.95, f"a = {terms} = <b>{fmt(b.a)}</b>", size=14)
    _value(fig, 0.5, HID_Y + 0.4, f"h<sub>t-1</sub> = <b>{fmt(b.h_prev)}</b>", anchor="left")
    x_text = ", ".join(fmt(v) for v in b.x_t[:3]) + (", …" if b.x_t.size > 3 else "")
    _value(fig, 1.8, 0.05, f"x<sub>t</sub> = <b>{x_text}</b>", anchor="left")
    _value(fig, 13.3, y + 0.45, f"h<sub>t</sub> = <b>{fmt(b.h)}</b>", anchor="right")
    return _figure(fig, title, height, top=5.0)
