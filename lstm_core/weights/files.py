"""Weight files of our own: one LSTM layer or a stack as ``.npz`` (``layer{k}_kernel`` ...), never pickled."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import numpy as np

from lstm_core.cells import LSTMWeights

_KEYS = ("kernel", "recurrent_kernel", "bias")


def save_weights_npz(weights: LSTMWeights | list[LSTMWeights], file: str | Path | BinaryIO | None = None) -> bytes | None:
    """Save one layer or a stack of layers as ``.npz`` (``layer{k}_kernel`` ...); bytes when no file."""
    layers = weights if isinstance(weights, list) else [weights]
    arrays = {f"layer{k}_{key}": getattr(w, key) for k, w in enumerate(layers) for key in _KEYS}
    if file is None:
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        return buffer.getvalue()
    np.savez(file, **arrays)
    return None


def load_weights_npz(file: str | Path | BinaryIO | bytes) -> list[LSTMWeights]:
    """Load the layers saved by :func:`save_weights_npz`; never unpickles (``allow_pickle=False``)."""
    if isinstance(file, (bytes, bytearray)):
        file = io.BytesIO(file)
    try:
        data = np.load(file, allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise ValueError(f"expected a NumPy .npz file of LSTM weights, but it could not be read ({exc})") from None
    with data:
        layers = []
        k = 0
        while f"layer{k}_kernel" in data.files:
            try:
                layers.append(LSTMWeights(*(data[f"layer{k}_{key}"] for key in _KEYS)))
            except KeyError as exc:
                raise ValueError(f"layer {k} of the .npz file is missing {exc}") from None
            k += 1
    if not layers:
        raise ValueError("expected arrays named layer0_kernel, layer0_recurrent_kernel, layer0_bias in the .npz file, found none")
    return layers
