"""Figures of the "why a plain RNN forgets" page: pure ``(data) -> go.Figure`` builders.

memory_figure:    the input on top, below it how much of the t = 0 impulse is left in each cell's state
gradient_figure:  ‖∂h_T/∂x_t‖ (or ‖∂h_T/∂h_t‖) against the distance T - t, log scale, one line per cell
recall_figure:    accuracy of the recall experiment against the lag k, with the chance level

The GRU's gates are drawn with :func:`app.figures.unit_time_heatmap`, the step-through page's builder.
Every text comes in as an argument (already translated); colours are Okabe-Ito (colour-blind-safe).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from app.figures.heatmap import fast_figure
from app.figures.legend import legend_below
from lstm_core.analysis.gradients import GradientNorms
from lstm_core.analysis.memory import MemoryCurve

CELL_COLOURS: dict[str, str] = {"rnn": "#D55E00", "gru": "#009E73", "lstm": "#0072B2"}
"""One colour per cell on every figure of the page: vermillion, bluish green, blue."""

CELLS: tuple[str, ...] = ("rnn", "gru", "lstm")
LOG10_FLOOR, LOG10_CEIL = -300.0, 300.0
"""Plotted range of log10 norms: what float64 can show (the numbers themselves may go further)."""
MEMORY_FLOOR = 1e-16
"""Log-scale memory plots clip below this (float64 precision: nothing smaller is meaningful)."""


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(log10: float) -> str:
    """A number given by its log10, for people: ``-3.9 -> "1.3 × 10⁻⁴"``, ``0.3 -> "2.0"``, ``-inf -> "0"``."""
    if np.isnan(log10):
        return "?"
    if log10 == -np.inf:
        return "0"
    if log10 == np.inf:
        return "∞"
    exponent = int(np.floor(log10))
    mantissa = 10 ** (log10 - exponent)
    if round(mantissa, 1) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    if -2 <= exponent <= 2:
        return f"{10 ** log10:.3g}"
    return f"{mantissa:.1f} × 10{str(exponent).translate(_SUPERSCRIPT)}"


def _title(text: str) -> dict:
    return dict(text=text, x=0, xanchor="left", font=dict(size=16))


def memory_figure(
    x: np.ndarray,
    curves: Mapping[str, MemoryCurve],
    *,
    names: Mapping[str, str],
    title: str,
    input_label: str,
    memory_label: str,
    time_label: str,
    cell_state_name: str | None = None,
    log_y: bool = False,
    height: int = 520,
) -> go.Figure:
    """Top: the input x (T,). Bottom: ``curve.memory`` of every cell in ``curves`` (keys among rnn, gru, lstm).

    names: legend name of each cell; cell_state_name: legend name of the LSTM's C_t curve (dashed),
    drawn when given and the LSTM curve has one. log_y: a log axis, clipped at :data:`MEMORY_FLOOR`.
    """
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    steps = len(x)
    t = np.arange(steps, dtype=np.int32)
    data: list[dict] = [
        dict(type="scatter", x=t, y=x.astype(np.float32), mode="lines+markers" if steps <= 80 else "lines",
             line=dict(color="#555555", width=1.5), marker=dict(size=4), name=input_label, showlegend=False,
             xaxis="x", yaxis="y2", hovertemplate="t=%{x}<br>x=%{y:.3g}<extra></extra>"),
    ]

    def values(v: np.ndarray) -> np.ndarray:
        v = np.asarray(v, dtype=np.float64)
        return np.maximum(v, MEMORY_FLOOR) if log_y else v

    for cell in CELLS:
        if cell not in curves:
            continue
        curve = curves[cell]
        if len(curve.memory) != steps:
            raise ValueError(f"expected {cell}'s memory curve of {steps} steps like x, got {len(curve.memory)}")
        data.append(dict(
            type="scatter", x=t, y=values(curve.memory), mode="lines", name=names[cell],
            line=dict(color=CELL_COLOURS[cell], width=3), xaxis="x", yaxis="y",
            hovertemplate=f"{names[cell]}<br>t=%{{x}}<br>%{{y:.3g}}<extra></extra>",
        ))
        if cell == "lstm" and cell_state_name and curve.memory_c is not None:
            data.append(dict(
                type="scatter", x=t, y=values(curve.memory_c), mode="lines", name=cell_state_name,
                line=dict(color=CELL_COLOURS[cell], width=2, dash="dash"), xaxis="x", yaxis="y",
                hovertemplate=f"{cell_state_name}<br>t=%{{x}}<br>%{{y:.3g}}<extra></extra>",
            ))
    memory_axis = dict(title=dict(text=memory_label), domain=[0.0, 0.72], zeroline=True)
    if log_y:
        memory_axis.update(type="log", exponentformat="power", range=[-16.2, 0.3])
    else:
        memory_axis.update(range=[-0.05, 1.1], tickformat=".0%")
    layout = dict(
        title=_title(title),
        height=height,
        margin=dict(l=10, r=10, t=50, b=40),
        xaxis=dict(title=dict(text=time_label), range=[-0.5, steps - 0.5], anchor="y"),
        yaxis=memory_axis,
        yaxis2=dict(title=dict(text=input_label), domain=[0.8, 1.0], anchor="x"),
        legend=dict(orientation="h", yanchor="bottom", y=0.73, x=1, xanchor="right"),
        hovermode="x unified",
    )
    return fast_figure(data, layout)


def gradient_figure(
    norms: Mapping[str, GradientNorms],
    *,
    names: Mapping[str, str],
    title: str,
    distance_label: str,
    norm_label: str,
    wrt: str = "x",
    cell_state_name: str | None = None,
    height: int = 460,
) -> go.Figure:
    """‖∂h_T/∂x_t‖ (``wrt="x"``) or ‖∂h_T/∂h_t‖ (``wrt="h"``) against the distance T - t, on a log axis.

    With ``wrt="h"`` and ``cell_state_name``, the LSTM's ‖∂h_T/∂C_t‖ is added dashed.
    Values outside 10^±300 are drawn at that edge; the hover shows the exact power of ten.
    """
    if wrt not in ("x", "h"):
        raise ValueError(f"expected wrt 'x' or 'h', got {wrt!r}")
    data: list[dict] = []
    lowest, highest = 0.0, 0.0

    def line(cell: str, distance: np.ndarray, log10: np.ndarray, name: str, dash: str | None) -> None:
        nonlocal lowest, highest
        keep = ~np.isnan(log10) & (log10 > -np.inf)
        shown = np.clip(log10[keep], LOG10_FLOOR, LOG10_CEIL)
        if shown.size:
            lowest, highest = min(lowest, float(shown.min())), max(highest, float(shown.max()))
        data.append(dict(
            type="scatter", x=distance[keep].astype(np.int32), y=np.power(10.0, shown), mode="lines", name=name,
            line=dict(color=CELL_COLOURS[cell], width=2 if dash else 3, dash=dash),
            customdata=np.round(log10[keep], 2),
            hovertemplate=f"{name}<br>T - t = %{{x}}<br>10^%{{customdata}}<extra></extra>",
        ))

    for cell in CELLS:
        if cell not in norms:
            continue
        g = norms[cell]
        line(cell, g.distance, g.log10_dx if wrt == "x" else g.log10_dh, names[cell], None)
        if wrt == "h" and cell == "lstm" and cell_state_name and g.log10_dc is not None:
            line(cell, g.distance, g.log10_dc, cell_state_name, "dash")
    layout = dict(
        title=_title(title),
        height=height,
        margin=dict(l=10, r=10, t=50, b=40),
        xaxis=dict(title=dict(text=distance_label), rangemode="tozero"),
        yaxis=dict(title=dict(text=norm_label), type="log", exponentformat="power",
                   range=[np.floor(lowest) - 0.5, np.ceil(highest) + 0.5]),
        legend=legend_below(),
        hovermode="x unified",
    )
    return fast_figure(data, layout)


def recall_figure(
    ks: tuple[int, ...] | list[int],
    accuracy: Mapping[str, np.ndarray],
    *,
    chance: float,
    names: Mapping[str, str],
    title: str,
    lag_label: str,
    accuracy_label: str,
    chance_label: str,
    height: int = 420,
) -> go.Figure:
    """Accuracy (fractions) of every cell against the lag k, with a dashed line at the chance level."""
    ks = np.asarray(list(ks), dtype=np.int32)
    data: list[dict] = []
    for cell in CELLS:
        if cell not in accuracy:
            continue
        acc = np.asarray(accuracy[cell], dtype=np.float64)
        if acc.shape != ks.shape:
            raise ValueError(f"expected {len(ks)} accuracies for {cell} (one per k), got {acc.shape}")
        data.append(dict(
            type="scatter", x=ks, y=acc, mode="lines+markers", name=names[cell],
            line=dict(color=CELL_COLOURS[cell], width=3), marker=dict(size=10),
            hovertemplate=f"{names[cell]}<br>k=%{{x}}<br>%{{y:.0%}}<extra></extra>",
        ))
    span = [float(ks.min()) - 1, float(ks.max()) + 1] if ks.size else [0, 1]
    data.append(dict(type="scatter", x=span, y=[chance, chance], mode="lines", name=chance_label,
                     line=dict(color="#777777", width=2, dash="dot"), hoverinfo="skip"))
    layout = dict(
        title=_title(title),
        height=height,
        margin=dict(l=10, r=10, t=50, b=40),
        xaxis=dict(title=dict(text=lag_label), tickmode="array", tickvals=ks, range=span),
        yaxis=dict(title=dict(text=accuracy_label), range=[0, 1.05], tickformat=".0%"),
        legend=legend_below(),
    )
    return fast_figure(data, layout)
