"""The shape of a lesson: an ordered tuple of steps, each with its text keys and a live component."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class LessonStep:
    """One screen of a lesson: strings ``lessons.<lesson>.<key>.title`` / ``.body`` and a renderer."""

    key: str
    render: Callable[[], None]


@dataclass(frozen=True)
class Lesson:
    key: str
    steps: tuple[LessonStep, ...]
    minutes: int = 5

    def text_key(self, step: LessonStep, part: str) -> str:
        return f"lessons.{self.key}.{step.key}.{part}"
