"""Lesson 2, memory: an LSTM that keeps a value, one that forgets it, and the plain RNN that halves it.

Every chart is the impulse-memory measurement of :mod:`lstm_core.analysis.memory`: what fraction of a
unit impulse given at t = 0 is still in the state at t (1 = all of it, 0 = nothing).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from app import figures
from app.i18n import t
from app.lessons.base import Lesson, LessonStep
from app.lessons.state import kept_slider
from app.presentation import show_chart
from app.rnn_figures import memory_figure
from lstm_core.analysis.memory import MemoryCurve, gru_preset, lstm_preset, memory_curve, memory_input, rnn_preset
from lstm_core.weights import one_unit

STEPS = 30


def _percent(value: float) -> str:
    return "< 0.01%" if value < 1e-4 else f"{100 * value:.3g}%"


def _chart(x: np.ndarray, curves: dict[str, MemoryCurve], key: str) -> None:
    """The 'why a plain RNN forgets' page's memory figure: the input on top, what is left below."""
    names = {cell: t(f"rnn.cell.{cell}") for cell in curves}
    show_chart(memory_figure(x, curves, names=names, title="", input_label=t("rnn.mem.input_axis"),
                             memory_label=t("rnn.mem.axis"), time_label=t("word.timestep") + " t",
                             cell_state_name=t("rnn.cell.lstm_c") if "lstm" in curves else None, height=420),
               key=key)


def _impulse() -> None:
    x = memory_input("impulse_zeros", STEPS)
    show_chart(figures.input_figure(x, title="", feature_names=[t("word.input")], height=240), key="lesson_memory_input")


def _rnn() -> None:
    x = memory_input("impulse_zeros", STEPS)
    curve = memory_curve(rnn_preset("halves"), x)
    _chart(x, {"rnn": curve}, key="lesson_memory_rnn")
    st.caption(t("lessons.memory.rnn_numbers", p5=_percent(curve.memory[5]), p10=_percent(curve.memory[10])))


def _lstm(preset: str) -> None:
    x = memory_input("impulse_zeros", STEPS)
    curve = memory_curve(lstm_preset(preset), x)
    _chart(x, {"lstm": curve}, key=f"lesson_memory_lstm_{preset}")
    st.caption(t("lessons.memory.lstm_numbers", p10=_percent(curve.memory_c[10]), p29=_percent(curve.memory_c[-1])))


def _forget_bias() -> None:
    b_f = kept_slider(t("lessons.gates.slider", name="b_f"), -6.0, 8.0, key="lesson_memory_b_f", default=0.0)
    weights = one_unit({"b_f": b_f, "W_i": 8.0, "b_i": -4.0, "W_c": 4.0, "b_o": 4.0})
    x = memory_input("impulse_zeros", STEPS)
    curve = memory_curve(weights, x)
    _chart(x, {"lstm": curve}, key="lesson_memory_slider")
    f = 1 / (1 + np.exp(-b_f))
    st.caption(t("lessons.memory.slider_numbers", f=f"{f:.3f}", p10=_percent(curve.memory_c[10])))


def _together() -> None:
    x = memory_input("impulse_noise", STEPS, seed=0)
    curves = {"rnn": memory_curve(rnn_preset("halves"), x), "gru": memory_curve(gru_preset("keeps"), x),
              "lstm": memory_curve(lstm_preset("keeps"), x)}
    _chart(x, curves, key="lesson_memory_together")
    st.caption(t("lessons.memory.together_caption"))


LESSON = Lesson(
    key="memory",
    steps=(
        LessonStep("impulse", _impulse),
        LessonStep("rnn", _rnn),
        LessonStep("keeps", lambda: _lstm("keeps")),
        LessonStep("drops", lambda: _lstm("drops")),
        LessonStep("forget_bias", _forget_bias),
        LessonStep("together", _together),
    ),
)
