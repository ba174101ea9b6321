"""Lesson 1, the gates of one unit: the six equations on a one-unit cell, one weight at a time.

The input is a set/hold/reset pattern (+1 spikes, -1 spikes, zeros), so every gate has
something visible to do: write the spike, keep it, show it, erase it.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from app import figures, quantities
from app.i18n import t
from app.lessons.base import Lesson, LessonStep
from app.lessons.state import kept_slider
from app.presentation import show_chart
from lstm_core import lstm_forward
from lstm_core.analysis.breakdown import step_breakdown
from lstm_core.cells.gates import TEACHING_GATES
from lstm_core.sequences.builtin import set_hold_reset
from lstm_core.weights import one_unit

STEPS = 30
START = {"W_i": 6.0, "b_i": -3.0, "W_c": 3.0, "b_f": 3.0, "b_o": 2.0}
"""The starting cell: the input gate opens on a +1 spike, the candidate is tanh(3x), f ≈ 0.95, o ≈ 0.88."""

SLIDERS = {  # step -> (parameter, min, max)
    "forget": ("b_f", -6.0, 6.0),
    "input": ("W_i", -8.0, 8.0),
    "candidate": ("W_c", -6.0, 6.0),
    "output": ("b_o", -6.0, 6.0),
}
SHOWN = {  # step -> quantities drawn under the slider
    "forget": ("f", "c"),
    "input": ("i", "c"),
    "candidate": ("c_tilde", "c"),
    "output": ("o", "c", "h"),
}


def _key(name: str) -> str:
    return f"lesson_gates_{name}"


def params() -> dict[str, float]:
    """The cell as the person has set it so far (the sliders of earlier steps persist)."""
    return {name: float(st.session_state.get(_key(name), START.get(name, 0.0))) for name in {*START, *(p for p, _, _ in SLIDERS.values())}}


def _trace():
    x = set_hold_reset(STEPS)
    weights = one_unit(params())
    return x, weights, lstm_forward(x[:, None], weights)


def _lines(trace, x, names: tuple[str, ...]):
    series = np.column_stack([x] + [trace.quantity(q)[:, 0] for q in names])
    labels = [t("word.input")] + [quantities.label(q) for q in names]
    return figures.input_figure(series, title="", feature_names=labels, height=300)


def _slider_step(step: str) -> None:
    name, low, high = SLIDERS[step]
    kept_slider(t("lessons.gates.slider", name=name), low, high, key=_key(name), default=START.get(name, 0.0))
    x, _, trace = _trace()
    show_chart(_lines(trace, x, SHOWN[step]), key=f"lesson_gates_chart_{step}")
    st.caption(t("lessons.gates.chart_caption"))


def _equations_step() -> None:
    x, weights, trace = _trace()
    now = st.slider(t("word.timestep"), 0, STEPS - 1, 2, key=_key("t"))
    breakdown = step_breakdown(trace, weights, now, 0)
    names = {g: quantities.name(g) for g in TEACHING_GATES}
    show_chart(figures.cell_diagram(breakdown, names=names, height=440), key="lesson_gates_diagram")
    for line in figures.equation_lines(breakdown):  # full width: the numbers make the lines long
        st.latex(line)


def _render(step: str):
    return (lambda: _slider_step(step)) if step in SLIDERS else _equations_step


LESSON = Lesson(
    key="gates",
    steps=tuple(LessonStep(step, _render(step)) for step in ("meet", "forget", "input", "candidate", "output", "recap")),
)
