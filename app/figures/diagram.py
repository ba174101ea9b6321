"""The LSTM cell as the familiar chain picture (after Olah's diagrams), with live numbers.

Drawn with Plotly shapes and annotations on a fixed 0..14 x 0..8 canvas::

    C_{t-1} ──────(×)───────────(+)──────────┬────── C_t
                   ▲             ▲          (tanh)
                   │            (×)          ▼
                   │           ▲   ▲   ┌──►(×)──┬──── h_t
                 [σ f]     [σ i] [tanh C̃] [σ o]  │
    h_{t-1} ───────┴─────────┴─────┴──────┘        │
                 x_t

Gate boxes are filled with the gate's value on the heatmaps' scale, so a gate
near 1 looks the same here as in its heatmap.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.colors as pc
import plotly.graph_objects as go

from app.figures.heatmap import GATE_SCALE, STATE_SCALE, Scale, fast_figure
from lstm_core.analysis.breakdown import StepBreakdown
from lstm_core.cells.activations import KERAS2_HARD_SIGMOID
from lstm_core.cells.gates import QUANTITY, TEACHING_GATES

_ACTIVATION_LABEL = {"sigmoid": "σ", "hard_sigmoid": "hard σ", KERAS2_HARD_SIGMOID: "hard σ"}
"""What a gate's box says for an activation (its Keras name otherwise)."""

BOX_W, BOX_H = 1.5, 0.9
OP_R = 0.32
LINE = "#333333"
OP_FILL = "#f9c6d8"
CELL_Y, GATE_Y, JOIN_Y, HID_Y = 6.8, 3.4, 2.0, 0.9
X_F, X_I, X_C, X_O = 3.0, 5.0, 6.9, 8.9
X_ADD, X_OUT = 6.9, 10.9


def fmt(value: float, digits: int = 3) -> str:
    """A number as shown on screen: fixed digits, scientific when very large or very small."""
    v = float(value)
    if v != 0 and (abs(v) >= 1e4 or abs(v) < 10 ** (-digits)):
        return f"{v:.{max(1, digits - 1)}e}"
    return f"{v:.{digits}f}"


def _colour(value: float, scale: str | Scale, lo: float, hi: float) -> str:
    frac = 0.0 if hi <= lo else min(1.0, max(0.0, (value - lo) / (hi - lo)))
    colours = scale.colours() if isinstance(scale, Scale) else pc.get_colorscale(scale)
    return pc.sample_colorscale(colours, [frac])[0]


def _text_colour(fill: str) -> str:
    r, g, b = (float(c) for c in fill[fill.index("(") + 1 : fill.index(")")].split(","))
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "white"


class _Canvas:
    """Shapes and annotations collected as plain dicts, then put into one figure at once (fast)."""

    def __init__(self) -> None:
        self.shapes: list[dict] = []
        self.annotations: list[dict] = []

    def add_shape(self, **shape) -> None:
        self.shapes.append(shape)

    def add_annotation(self, **annotation) -> None:
        self.annotations.append(annotation)


def _arrow(fig: _Canvas, x0: float, y0: float, x1: float, y1: float, head: bool = True) -> None:
    fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", text="",
                       showarrow=True, arrowhead=2 if head else 0, arrowsize=1.2, arrowwidth=2.2, arrowcolor=LINE)


def _line(fig: _Canvas, x0: float, y0: float, x1: float, y1: float, width: float = 2.2) -> None:
    fig.add_shape(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color=LINE, width=width))


def _op(fig: _Canvas, x: float, y: float, symbol: str) -> None:
    fig.add_shape(type="circle", x0=x - OP_R, x1=x + OP_R, y0=y - OP_R, y1=y + OP_R,
                  line=dict(color=LINE, width=2), fillcolor=OP_FILL, layer="above")
    fig.add_annotation(x=x, y=y, text=f"<b>{symbol}</b>", showarrow=False, font=dict(size=18, color="black"))


def _box(fig: _Canvas, x: float, y: float, label: str, fill: str) -> None:
    fig.add_shape(type="rect", x0=x - BOX_W / 2, x1=x + BOX_W / 2, y0=y - BOX_H / 2, y1=y + BOX_H / 2,
                  line=dict(color=LINE, width=2), fillcolor=fill, layer="above")
    fig.add_annotation(x=x, y=y, text=f"<b>{label}</b>", showarrow=False,
                       font=dict(size=18 if len(label) <= 4 else 13, color=_text_colour(fill)))


def _value(fig: _Canvas, x: float, y: float, text: str, anchor: str = "center", size: int = 16,
           colour: str = "#1a1a1a") -> None:
    fig.add_annotation(x=x, y=y, text=text, showarrow=False, xanchor=anchor, font=dict(size=size, color=colour),
                       bgcolor="rgba(255,255,255,0.85)")


def _rails(fig: _Canvas, x_times: float, x_plus: float, gates: tuple[float, ...]) -> None:
    """What every cell's picture has: the state line across the top through a (×) at ``x_times`` and a
    (+) at ``x_plus`` to the right edge, and along the bottom h_{t-1} joined by x_t, feeding each gate
    box at ``gates`` from below."""
    _line(fig, 0.6, CELL_Y, x_times - OP_R, CELL_Y, width=4)
    _line(fig, x_times + OP_R, CELL_Y, x_plus - OP_R, CELL_Y, width=4)
    _arrow(fig, x_plus + OP_R, CELL_Y, 13.2, CELL_Y)
    _line(fig, 0.6, HID_Y, max(gates), HID_Y)
    _arrow(fig, 1.6, 0.0, 1.6, HID_Y, head=False)
    for x_gate in gates:
        _arrow(fig, x_gate, HID_Y, x_gate, GATE_Y - BOX_H / 2)


def cell_diagram(b: StepBreakdown, *, names: Mapping[str, str] | None = None, title: str = "",
                 height: int = 520, scales: Mapping[str, Scale] | None = None) -> go.Figure:
    """The chain picture of one LSTM cell for unit ``b.unit`` at step ``b.t``, live numbers written on it.

    names: optional display names for the gates {"f", "i", "c_tilde", "o"} (e.g. translated);
    they appear under each box as "name = value". The boxes and the output's squashing carry the
    layer's own activations (σ and tanh by default). scales: a gate's own colour :class:`Scale`
    (the heatmap's; by default gates on [0, 1] and the candidate on [-1, 1]).
    """
    names = dict(names or {})
    scales = dict(scales or {})
    g = b.gates
    fig = _Canvas()
    # the cell line across the top, C_{t-1} -> (×) -> (+) -> C_t; h_{t-1} and x_t along the bottom
    _rails(fig, X_F, X_ADD, (X_F, X_I, X_C, X_O))
    # forget gate -> × on the cell line
    _arrow(fig, X_F, GATE_Y + BOX_H / 2, X_F, CELL_Y - OP_R)
    # input gate and candidate -> × -> +
    mul_y = 4.9
    _line(fig, X_I, GATE_Y + BOX_H / 2, X_I, mul_y)
    _arrow(fig, X_I, mul_y, X_ADD - OP_R, mul_y)
    _arrow(fig, X_C, GATE_Y + BOX_H / 2, X_C, mul_y - OP_R)
    _arrow(fig, X_ADD, mul_y + OP_R, X_ADD, CELL_Y - OP_R)
    # output: C_t -> tanh -> × (with o_t) -> h_t
    tanh_y, out_y = 4.9, 3.4
    _arrow(fig, X_OUT, CELL_Y, X_OUT, tanh_y + 0.35)
    _arrow(fig, X_OUT, tanh_y - 0.35, X_OUT, out_y + OP_R)
    _arrow(fig, X_O + BOX_W / 2, out_y, X_OUT - OP_R, out_y)
    _line(fig, X_OUT, out_y - OP_R, X_OUT, HID_Y)
    _arrow(fig, X_OUT, HID_Y, 13.2, HID_Y)
    _arrow(fig, 12.2, HID_Y, 12.2, 7.9)

    # operators and gates
    _op(fig, X_F, CELL_Y, "×")
    _op(fig, X_ADD, CELL_Y, "+")
    _op(fig, X_ADD, mul_y, "×")
    _op(fig, X_OUT, out_y, "×")
    fig.add_shape(type="circle", x0=X_OUT - 0.65, x1=X_OUT + 0.65, y0=tanh_y - 0.35, y1=tanh_y + 0.35,
                  line=dict(color=LINE, width=2), fillcolor=OP_FILL, layer="above")
    act, rec = _ACTIVATION_LABEL.get(b.activation, b.activation), _ACTIVATION_LABEL.get(b.recurrent_activation,
                                                                                       b.recurrent_activation)
    fig.add_annotation(x=X_OUT, y=tanh_y, text=f"<b>{act}</b>", showarrow=False, font=dict(size=15, color="black"))
    for key, x_gate in zip(TEACHING_GATES, (X_F, X_I, X_C, X_O)):
        value = g[key].value
        candidate = key == "c_tilde"
        own = scales.get(key)
        if own is not None:
            fill = _colour(value, own, own.zmin, own.zmax)
        else:
            fill = _colour(value, STATE_SCALE, -1, 1) if candidate else _colour(value, GATE_SCALE, 0, 1)
        _box(fig, x_gate, GATE_Y, act if candidate else rec, fill)
        name = names.get(key)
        below = f"{QUANTITY[key].html} = <b>{fmt(value)}</b>" + (
            f"<br><span style='font-size:12px'>{name}</span>" if name else "")
        _value(fig, x_gate + (0.25 if candidate else 0.0), GATE_Y - 0.95, below, size=15)

    # the numbers on the lines
    _value(fig, 0.5, CELL_Y + 0.45, f"C<sub>t-1</sub> = <b>{fmt(b.c_prev)}</b>", anchor="left")
    _value(fig, 13.3, CELL_Y + 0.45, f"C<sub>t</sub> = <b>{fmt(b.c)}</b>", anchor="right")
    _value(fig, 0.5, HID_Y + 0.4, f"h<sub>t-1</sub> = <b>{fmt(b.h_prev)}</b>", anchor="left")
    x_text = ", ".join(fmt(v) for v in b.x_t[:3]) + (", …" if b.x_t.size > 3 else "")
    _value(fig, 1.8, 0.05, f"x<sub>t</sub> = <b>{x_text}</b>", anchor="left")
    _value(fig, 13.3, HID_Y - 0.45, f"h<sub>t</sub> = <b>{fmt(b.h)}</b>", anchor="right")
    _value(fig, 12.3, 7.75, f"h<sub>t</sub> = {fmt(b.h)}", anchor="left", size=13)
    _value(fig, X_F + 0.4, CELL_Y - 0.6, f"f·C<sub>t-1</sub> = {fmt(b.forget_term)}", anchor="left", size=13)
    _value(fig, X_ADD + 0.4, mul_y - 0.05, f"i·C̃ = {fmt(b.write_term)}", anchor="left", size=13)
    _value(fig, X_OUT + 0.75, tanh_y, f"{fmt(b.tanh_c)}", anchor="left", size=13)

    return fast_figure([], dict(
        shapes=fig.shapes, annotations=fig.annotations,
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)) if title else None,
        height=height, margin=dict(l=5, r=5, t=40 if title else 5, b=5),
        xaxis=dict(range=[0, 14], visible=False, fixedrange=True),
        yaxis=dict(range=[-0.3, 8.2], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1),
        plot_bgcolor="white", paper_bgcolor="white", showlegend=False,
    ))
