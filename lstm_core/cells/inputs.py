"""What every cell checks and reshapes before it computes: inputs, initial states, masks.

Every cell takes an unbatched ``(T, D)`` or batched ``(B, T, D)`` sequence (Keras' ``inputs:
(batch, timesteps, features)``) and works time-first, ``(T, B, D)``, so step ``t`` is one
contiguous ``(B, D)`` block. Errors name what was expected and what came.
"""

from __future__ import annotations

import numpy as np


def check_finite(name: str, arr: np.ndarray) -> None:
    """A ValueError naming the first NaN or infinite entry of ``arr``, if any."""
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(f"{name} contains NaN or infinite values (first at index {tuple(int(k) for k in bad)})")


def as_state(name: str, state, batch: int, units: int, dtype) -> np.ndarray:
    """A ``(B, H)`` initial state (a fresh array) from None (zeros), ``(H,)`` (one for every sequence) or ``(B, H)``."""
    if state is None:
        return np.zeros((batch, units), dtype=dtype)
    arr = np.asarray(state, dtype=dtype)
    if arr.shape == (units,):
        arr = np.broadcast_to(arr, (batch, units))
    if arr.shape != (batch, units):
        raise ValueError(f"expected {name} of shape ({units},) or ({batch}, {units}), got {arr.shape}")
    check_finite(name, arr)
    return np.array(arr)


def time_first(x: np.ndarray, input_dim: int, dtype) -> tuple[np.ndarray, bool]:
    """x ``(T, D)`` or ``(B, T, D)`` -> ``(T, B, D)`` in ``dtype`` (float32 or float64), and whether it was batched."""
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"expected dtype float32 or float64, got {dtype}")
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.number):
        raise ValueError(f"expected numeric x, got dtype {x.dtype}")
    if x.ndim not in (2, 3):
        raise ValueError(f"expected x of shape (timesteps, features) or (batch, timesteps, features), got {x.shape}")
    batched = x.ndim == 3
    xb = x.astype(dtype, copy=False) if batched else x.astype(dtype, copy=False)[None]
    batch, steps, features = xb.shape
    if steps < 1 or batch < 1:
        raise ValueError(f"expected at least one timestep and one sequence, got x of shape {x.shape}")
    if features != input_dim:
        raise ValueError(
            f"expected x with {input_dim} features (the kernel's first axis), got {features} (x of shape {x.shape})"
        )
    check_finite("x", x)
    return np.ascontiguousarray(xb.transpose(1, 0, 2)), batched


def one_step(x_t: np.ndarray, input_dim: int) -> tuple[np.ndarray, bool, np.dtype]:
    """x_t ``(D,)`` or ``(B, D)`` -> ``(B, D)`` in its float dtype (float32 otherwise), whether it was unbatched, the dtype."""
    x_t = np.asarray(x_t)
    dtype = x_t.dtype if np.issubdtype(x_t.dtype, np.floating) else np.dtype(np.float32)
    x2 = np.atleast_2d(x_t).astype(dtype, copy=False)
    if x2.ndim != 2 or x2.shape[1] != input_dim:
        raise ValueError(f"expected x_t of shape ({input_dim},) or (batch, {input_dim}), got {x_t.shape}")
    check_finite("x_t", x_t)
    return x2, x_t.ndim == 1, dtype


def time_first_mask(mask, steps: int, batch: int) -> np.ndarray | None:
    """A Keras mask, ``(T,)`` unbatched or ``(B, T)`` batched with True where a step counts, as ``(T, B, 1)``
    bool (None stays None): at a step whose mask is False the cell carries its state over unchanged."""
    if mask is None:
        return None
    m = np.asarray(mask)
    if m.dtype != bool:
        raise ValueError(f"expected a boolean mask, got dtype {m.dtype}")
    if m.shape == (steps,):
        m = np.broadcast_to(m[:, None], (steps, batch))
    elif m.shape == (batch, steps):
        m = m.T
    else:
        raise ValueError(f"expected a mask of shape ({steps},) or ({batch}, {steps}), got {m.shape}")
    return np.ascontiguousarray(m)[..., None]
