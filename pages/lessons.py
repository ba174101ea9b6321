"""Lessons: short guided walk-throughs with back and next."""

import streamlit as st

from app.i18n import t
from app.lessons import LESSONS
from app.lessons.state import current_lesson, current_step, go

st.title(t("lessons.title"))
st.caption(t("lessons.intro"))

lesson = current_lesson(LESSONS, label=t("lessons.pick"), format_title=lambda n, lesson: t(
    "lessons.item", n=n, title=t(f"lessons.{lesson.key}.title"), minutes=lesson.minutes))
k = current_step(lesson)
step = lesson.steps[k]

st.progress((k + 1) / len(lesson.steps), text=t("lessons.step_of", k=k + 1, n=len(lesson.steps)))
st.subheader(t(lesson.text_key(step, "title")))
st.write(t(lesson.text_key(step, "body")))
step.render()

back, _, forward = st.columns([1, 4, 1])
back.button(t("lessons.back"), on_click=go, args=(lesson, -1), disabled=k == 0, key="lesson_back",
            icon=":material/arrow_back:", width="stretch")
forward.button(t("lessons.next"), on_click=go, args=(lesson, +1), disabled=k == len(lesson.steps) - 1,
               key="lesson_next", icon=":material/arrow_forward:", type="primary", width="stretch")
if k == len(lesson.steps) - 1:
    st.success(t("lessons.finished"))
