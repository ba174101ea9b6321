"""A series shaped as the input a layer takes."""

from __future__ import annotations

import numpy as np


def as_features(x: np.ndarray, input_dim: int) -> np.ndarray:
    """A series as the (T, input_dim) input a layer takes: (T,) or (T, D) in, extra features
    dropped, missing ones filled with 0 (a one-feature series feeds the first input)."""
    x = np.asarray(x, dtype=np.float64)
    x = x[:, None] if x.ndim == 1 else x
    if x.ndim != 2:
        raise ValueError(f"expected x of shape (T,) or (T, D), got {x.shape}")
    if x.shape[1] == input_dim:
        return x
    out = np.zeros((x.shape[0], input_dim))
    keep = min(input_dim, x.shape[1])
    out[:, :keep] = x[:, :keep]
    return out
