"""Model files read as data: ``open_model(data, filename)`` (being written; see models_api.md)."""

from __future__ import annotations

from lstm_core.models.api import OpenedModel
from lstm_core.models.errors import ModelError


def open_model(data: bytes, filename: str) -> OpenedModel:
    """A Keras ``.keras``/``.h5``/``.hdf5`` file's bytes as an :class:`OpenedModel`; raises :class:`ModelError`."""
    raise ModelError("not_a_model")
