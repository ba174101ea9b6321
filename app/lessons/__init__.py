"""Guided lessons: ordered steps that drive the real pages' components with fixed settings.

Each lesson module defines ``LESSON: Lesson``; :data:`LESSONS` lists them in teaching order.
A step's text is ``t("lessons.<lesson>.<step>.title")`` and ``...body``; its ``render``
draws the live part (figures and at most one or two widgets, keys prefixed ``lesson_``).
"""

from app.lessons.base import Lesson, LessonStep
from app.lessons.gates import LESSON as GATES_LESSON
from app.lessons.memory import LESSON as MEMORY_LESSON
from app.lessons.fibonacci import LESSON as FIBONACCI_LESSON
from app.lessons.airline import LESSON as AIRLINE_LESSON

LESSONS: tuple[Lesson, ...] = (GATES_LESSON, MEMORY_LESSON, FIBONACCI_LESSON, AIRLINE_LESSON)

__all__ = ["LESSONS", "Lesson", "LessonStep"]
