"""Which lesson and step a session is on, kept in the URL (?lesson=gates&step=3) so a teacher can link to it."""

from __future__ import annotations

from typing import Callable, Sequence

import streamlit as st

from app.lessons.base import Lesson

LESSON_KEY = "lesson_pick"
STEP_KEY = "lesson_step"


def current_lesson(lessons: Sequence[Lesson], label: str, format_title: Callable[[int, Lesson], str]) -> Lesson:
    """The lesson picker; the URL's ``?lesson=`` chooses the first time."""
    by_key = {lesson.key: lesson for lesson in lessons}
    if LESSON_KEY not in st.session_state:
        wanted = st.query_params.get("lesson")
        st.session_state[LESSON_KEY] = wanted if wanted in by_key else lessons[0].key
        step = st.query_params.get("step", "1")
        st.session_state[STEP_KEY] = int(step) - 1 if step.isdigit() else 0
    keys = [lesson.key for lesson in lessons]
    titles = {key: format_title(n, by_key[key]) for n, key in enumerate(keys, start=1)}  # in this run's language
    chosen = st.selectbox(label, keys, key=LESSON_KEY, on_change=lambda: st.session_state.update({STEP_KEY: 0}),
                          format_func=titles.get)
    st.query_params["lesson"] = chosen
    return by_key[chosen]


def current_step(lesson: Lesson) -> int:
    """The current step index, clamped to the lesson, mirrored into ``?step=`` (1-based)."""
    k = min(max(int(st.session_state.get(STEP_KEY, 0)), 0), len(lesson.steps) - 1)
    st.session_state[STEP_KEY] = k
    st.query_params["step"] = str(k + 1)
    return k


def go(lesson: Lesson, delta: int) -> None:
    """Back (-1) or next (+1), within the lesson."""
    k = int(st.session_state.get(STEP_KEY, 0)) + delta
    st.session_state[STEP_KEY] = min(max(k, 0), len(lesson.steps) - 1)


def kept_slider(label: str, low: float, high: float, key: str, default: float, step: float = 0.5) -> float:
    """A slider whose value outlives the step it is on.

    Streamlit forgets a widget's value once a run does not draw it (the next lesson step),
    so the value lives under ``key`` and the widget under ``_widget_`` + key.
    """
    st.session_state.setdefault(key, default)
    widget = "_widget_" + key
    st.session_state[widget] = st.session_state[key]
    st.slider(label, low, high, step=step, key=widget,
              on_change=lambda: st.session_state.update({key: st.session_state[widget]}))
    return float(st.session_state[key])
