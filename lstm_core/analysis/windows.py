"""Windows of time for charts: the heatmaps' window around a step, and an overview of a long series."""

from __future__ import annotations

import numpy as np


def time_window(steps: int, t: int, width: int) -> tuple[int, int]:
    """``(start, stop)`` of at most ``width`` timesteps containing ``t``, kept inside [0, steps).

    The window moves in pages of half its width, so stepping inside it does not change
    it (figures of the window can be reused) and ``t`` never sits at an edge for long.
    """
    if steps < 1:
        raise ValueError(f"expected steps >= 1, got {steps}")
    if width < 1:
        raise ValueError(f"expected width >= 1, got {width}")
    if not 0 <= t < steps:
        raise ValueError(f"expected 0 <= t < {steps}, got {t}")
    if steps <= width:
        return 0, steps
    half = max(1, width // 2)
    start = (t // half) * half - (half if width > 1 else 0) // 2
    start = min(max(0, start), steps - width)
    return start, start + width


def envelope(y: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Down-sample a (T,) series for an overview: ``(t, low, high)`` of at most ``max_points`` buckets.

    Each bucket keeps the min and max of its samples, so spikes survive; when
    ``T <= max_points`` the series comes back as is (low == high).
    """
    y = np.asarray(y, dtype=np.float64).ravel()
    steps = y.size
    if steps == 0:
        raise ValueError("expected a non-empty series, got an empty one")
    if max_points < 1:
        raise ValueError(f"expected max_points >= 1, got {max_points}")
    if steps <= max_points:
        t = np.arange(steps)
        return t, y, y
    edges = np.linspace(0, steps, max_points + 1).astype(int)
    low = np.minimum.reduceat(y, edges[:-1])
    high = np.maximum.reduceat(y, edges[:-1])
    return edges[:-1], low, high
