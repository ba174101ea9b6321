"""Built-in input series and the typed-list parser.

Every builder returns a float64 array of shape (T,); feed it to the cell as
``series[:, None]`` (T, 1). Builders are deterministic given their arguments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable

import numpy as np
import pandas as pd

from lstm_core.data.numbers import MAX_MAGNITUDE, MAX_MAGNITUDE_TEXT

MAX_LENGTH = 10_000
FIBONACCI_MAX = 90
"""F(90) ≈ 2.9e18 is still exact in float64; longer runs lose integers and soon overflow float32."""


def sine(length: int = 60, period: float = 20.0, seed: int = 0) -> np.ndarray:
    """sin(2π t / period), t = 0 .. T-1."""
    return np.sin(2 * np.pi * np.arange(length) / period)


def fibonacci(length: int = 20, seed: int = 0) -> np.ndarray:
    """1, 1, 2, 3, 5, 8, ...: grows like φ^t, the reason the articles scale it first."""
    if length > FIBONACCI_MAX:
        raise ValueError(f"expected at most {FIBONACCI_MAX} Fibonacci numbers (they overflow past that), got {length}")
    out = np.ones(length)
    for k in range(2, length):
        out[k] = out[k - 1] + out[k - 2]
    return out


@lru_cache(maxsize=1)
def airline_passengers_frame() -> pd.DataFrame:
    """Monthly international airline passengers, thousands, Jan 1949 - Dec 1960 (144 rows).

    Columns ``month`` (Timestamp, month start) and ``passengers`` (int).
    """
    text = resources.files("lstm_core.datasets").joinpath("airline_passengers.csv").read_text()
    from io import StringIO

    frame = pd.read_csv(StringIO(text))
    return pd.DataFrame(
        {"month": pd.to_datetime(frame["Month"], format="%Y-%m"), "passengers": frame["Passengers"].astype(int)}
    )


def airline_passengers(length: int = 144, seed: int = 0) -> np.ndarray:
    """The first ``length`` months (at most 144) of the airline-passengers series."""
    values = airline_passengers_frame()["passengers"].to_numpy(dtype=np.float64)
    return values[: min(length, len(values))]


def step(length: int = 40, at: int | None = None, seed: int = 0) -> np.ndarray:
    """0 before ``at`` (default: a quarter of the way), 1 from ``at`` on."""
    at = length // 4 if at is None else at
    return (np.arange(length) >= at).astype(np.float64)


def impulse(length: int = 40, at: int = 0, seed: int = 0) -> np.ndarray:
    """A single 1 at ``at``, zeros elsewhere: how long does the cell remember it?"""
    out = np.zeros(length)
    if 0 <= at < length:
        out[at] = 1.0
    return out


def noise(length: int = 100, seed: int = 0) -> np.ndarray:
    """Standard Gaussian noise, seeded."""
    return np.random.default_rng(seed).standard_normal(length)


def set_hold_reset(length: int = 40, seed: int = 0) -> np.ndarray:
    """+1 spikes (set) and -1 spikes (reset) among zeros: the input the ``latch`` preset expects."""
    out = np.zeros(length)
    for k, start in enumerate(range(2, length, 12)):
        out[start] = 1.0
        if start + 7 < length:
            out[start + 7] = -1.0
    return out


@dataclass(frozen=True)
class SequenceSpec:
    name: str
    build: Callable[..., np.ndarray]
    default_length: int
    max_length: int


SEQUENCES: dict[str, SequenceSpec] = {
    "sine": SequenceSpec("sine", sine, 60, MAX_LENGTH),
    "fibonacci": SequenceSpec("fibonacci", fibonacci, 20, FIBONACCI_MAX),
    "airline": SequenceSpec("airline", airline_passengers, 144, 144),
    "step": SequenceSpec("step", step, 40, MAX_LENGTH),
    "impulse": SequenceSpec("impulse", impulse, 40, MAX_LENGTH),
    "set_hold_reset": SequenceSpec("set_hold_reset", set_hold_reset, 40, MAX_LENGTH),
    "noise": SequenceSpec("noise", noise, 100, MAX_LENGTH),
}
"""The built-in series by name."""


def builtin_sequence(name: str, length: int | None = None, seed: int = 0) -> np.ndarray:
    """Series ``name`` (a key of :data:`SEQUENCES`) with ``length`` points (its default when None)."""
    if name not in SEQUENCES:
        raise ValueError(f"expected a sequence among {sorted(SEQUENCES)}, got {name!r}")
    spec = SEQUENCES[name]
    length = spec.default_length if length is None else int(length)
    if not 1 <= length <= spec.max_length:
        raise ValueError(f"expected a length between 1 and {spec.max_length} for {name}, got {length}")
    return spec.build(length=length, seed=seed)


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number_list(text: str, max_length: int = MAX_LENGTH) -> np.ndarray:
    """Numbers typed by hand -> (T,) float64.

    Separators: commas, spaces, new lines, or semicolons. When semicolons separate the
    numbers, a comma inside a number is a decimal comma ("1,5; 2,25" is 1.5, 2.25).
    Raises ValueError naming the first item that is not a number.
    """
    text = (text or "").strip()
    if not text:
        raise ValueError("the list is empty: type numbers separated by commas, e.g. 1, 2, 3")
    if ";" in text:
        items = [part.strip().replace(",", ".") for part in text.split(";")]
    else:
        items = [part for part in re.split(r"[,\s]+", text)]
    items = [item for item in items if item]
    for position, item in enumerate(items, start=1):
        if not _NUMBER.match(item):
            raise ValueError(
                f"item {position}, {item[:20]!r}, is not a number: type numbers separated by commas, e.g. 1, 2.5, -3"
            )
    values = np.array([float(item) for item in items])
    if not np.all(np.isfinite(values) & (np.abs(values) < MAX_MAGNITUDE)):
        # The limit the CSV reader enforces: squares of values near 1e300 overflow (standard scaling).
        raise ValueError(f"the list has a number too large to use: keep every value between -{MAX_MAGNITUDE_TEXT} "
                         f"and {MAX_MAGNITUDE_TEXT}")
    if len(values) > max_length:
        raise ValueError(f"the list has {len(values)} numbers; at most {max_length} are allowed")
    return values
