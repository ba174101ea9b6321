"""A model config's JSON shapes checked as they are read: an object where an object belongs, a list where a list does."""

from __future__ import annotations

from typing import Any

from lstm_core.models.errors import ModelError


def as_dict(value: Any, what: str) -> dict:
    """``value`` when it is a JSON object, else a ``bad_config`` ModelError naming ``what``."""
    if not isinstance(value, dict):
        raise ModelError("bad_config", detail=f"{what} is not an object")
    return value


def as_list(value: Any, what: str) -> list:
    """``value`` when it is a JSON list, else a ``bad_config`` ModelError naming ``what``."""
    if not isinstance(value, list):
        raise ModelError("bad_config", detail=f"{what} is not a list")
    return value
