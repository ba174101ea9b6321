"""The record of one forward pass: every quantity of a cell at every timestep.

All arrays are time-first. An LSTM's :class:`Trace`, unbatched::

    x        (T, D)    inputs
    z        (T, 4H)   pre-activations, gate order i, f, c, o
    i, f     (T, H)    input and forget gates, in (0, 1)
    c_tilde  (T, H)    candidate, in (-1, 1)
    o        (T, H)    output gate, in (0, 1)
    c        (T, H)    cell state
    h        (T, H)    hidden state, in (-1, 1)
    h0, c0   (H,)      initial states

The GRU's :class:`GRUTrace`: x (T, D), p and q (T, 3H) input and recurrent projections (gate
order z, r, h̃), z, r, h_tilde, h (T, H), h0 (H,). The plain RNN's :class:`RNNTrace`: x (T, D),
a (T, H) pre-activations, h (T, H), h0 (H,).

Batched traces put the batch after time: (T, B, ...), and h0, c0 are (B, H).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, fields
from pathlib import Path
from typing import BinaryIO, ClassVar

import numpy as np
import pandas as pd

from lstm_core.cells.gates import GRU_GATES, LSTM_QUANTITIES

QUANTITIES: tuple[str, ...] = LSTM_QUANTITIES
"""The LSTM's six per-unit quantities, in the order the cell's story is told."""

_ARRAYS: tuple[str, ...] = ("x", "z", "i", "f", "c_tilde", "o", "c", "h", "h0", "c0")


class TimeFirst:
    """Read-outs shared by every cell's record (LSTM, GRU, plain RNN): a dataclass whose ``h`` is
    (T, H) or (T, B, H); :attr:`STATES` name its initial states, (H,) or (B, H)."""

    STATES: ClassVar[tuple[str, ...]] = ("h0",)
    PER_UNIT: ClassVar[tuple[str, ...]] = ()
    """Arrays shaped like ``h``: (T, H) or (T, B, H)."""
    FUSED: ClassVar[dict[str, int]] = {}
    """Arrays of G fused gates: (T, G·H) or (T, B, G·H), by name."""
    h: np.ndarray
    h0: np.ndarray

    def __post_init__(self) -> None:
        ref = self.h.shape
        for name in self.PER_UNIT:
            if getattr(self, name).shape != ref:
                raise ValueError(f"expected {name} of shape {ref} like h, got {getattr(self, name).shape}")
        for name, gates in self.FUSED.items():
            fused = ref[:-1] + (gates * ref[-1],)
            if getattr(self, name).shape != fused:
                raise ValueError(f"expected {name} of shape {fused}, got {getattr(self, name).shape}")
        if self.x.shape[:-1] != ref[:-1]:
            raise ValueError(f"expected x with leading axes {ref[:-1]}, got {self.x.shape}")
        for name in self.STATES:
            if getattr(self, name).shape != ref[1:]:
                raise ValueError(f"expected {name} of shape {ref[1:]}, got {getattr(self, name).shape}")

    @property
    def steps(self) -> int:
        """T, the number of timesteps."""
        return self.h.shape[0]

    @property
    def units(self) -> int:
        """H, the number of units."""
        return self.h.shape[-1]

    @property
    def batched(self) -> bool:
        return self.h.ndim == 3

    def h_prev(self, t: int) -> np.ndarray:
        """h_{t-1}: the hidden state the cell saw at step ``t`` (h0 at t = 0)."""
        return self.h0 if t == 0 else self.h[t - 1]

    def h_prevs(self) -> np.ndarray:
        """(T, H) or (T, B, H): h_{t-1} for every t, h0 first."""
        return np.concatenate([self.h0[None], self.h[:-1]], axis=0)

    def sequence(self, b: int):
        """The unbatched record of sequence ``b`` of a batched one."""
        if not self.batched:
            raise ValueError("expected a batched trace; this one is unbatched")
        return type(self)(**{f.name: getattr(self, f.name)[b] if f.name in self.STATES else getattr(self, f.name)[:, b]
                             for f in fields(self)})

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(np.array_equal(getattr(self, f.name), getattr(other, f.name)) for f in fields(self))

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, eq=False)
class Trace(TimeFirst):
    """Time-first arrays recorded by :func:`lstm_core.lstm_forward` (shapes in the module docstring)."""

    STATES: ClassVar[tuple[str, ...]] = ("h0", "c0")
    PER_UNIT: ClassVar[tuple[str, ...]] = ("i", "f", "c_tilde", "o", "c")
    FUSED: ClassVar[dict[str, int]] = {"z": 4}
    x: np.ndarray
    z: np.ndarray
    i: np.ndarray
    f: np.ndarray
    c_tilde: np.ndarray
    o: np.ndarray
    c: np.ndarray
    h: np.ndarray
    h0: np.ndarray
    c0: np.ndarray

    def quantity(self, name: str) -> np.ndarray:
        """One of :data:`QUANTITIES` (also accepts ``"x"`` and ``"z"``)."""
        if name not in _ARRAYS:
            raise ValueError(f"expected one of {_ARRAYS}, got {name!r}")
        return getattr(self, name)

    def c_prev(self, t: int) -> np.ndarray:
        """c_{t-1}: the cell state the cell saw at step ``t`` (c0 at t = 0)."""
        return self.c0 if t == 0 else self.c[t - 1]

    def to_frame(self) -> pd.DataFrame:
        """A tidy table: columns t, unit, quantity, value (and ``batch`` first when batched).

        One row per (t, unit, quantity) for the six :data:`QUANTITIES`.
        """
        steps, units = self.steps, self.units
        if self.batched:
            batch = self.h.shape[1]
            t, b, u = np.meshgrid(np.arange(steps), np.arange(batch), np.arange(units), indexing="ij")
            index = {"batch": np.tile(b.ravel(), len(QUANTITIES))}
        else:
            t, u = np.meshgrid(np.arange(steps), np.arange(units), indexing="ij")
            index = {}
        per = t.size
        frame = pd.DataFrame(
            {
                **index,
                "t": np.tile(t.ravel(), len(QUANTITIES)),
                "unit": np.tile(u.ravel(), len(QUANTITIES)),
                "quantity": np.repeat(np.array(QUANTITIES), per),
                "value": np.concatenate([np.ascontiguousarray(getattr(self, q)).ravel() for q in QUANTITIES]),
            }
        )
        return frame

    def to_csv(self, path_or_buffer: str | Path | io.TextIOBase | None = None) -> str | None:
        """Write :meth:`to_frame` as CSV; returns the text when no destination is given."""
        return self.to_frame().to_csv(path_or_buffer, index=False)

    def to_npz(self, file: str | Path | BinaryIO | None = None) -> bytes | None:
        """Save every array (no pickles) as ``.npz``; returns the bytes when no file is given."""
        arrays = {n: np.ascontiguousarray(getattr(self, n)) for n in _ARRAYS}
        if file is None:
            buffer = io.BytesIO()
            np.savez_compressed(buffer, **arrays)
            return buffer.getvalue()
        np.savez_compressed(file, **arrays)
        return None

    @classmethod
    def from_npz(cls, file: str | Path | BinaryIO | bytes) -> "Trace":
        """Load a trace saved by :meth:`to_npz` (``allow_pickle=False``)."""
        if isinstance(file, (bytes, bytearray)):
            file = io.BytesIO(file)
        with np.load(file, allow_pickle=False) as data:
            missing = [n for n in _ARRAYS if n not in data.files]
            if missing:
                raise ValueError(f"expected arrays {list(_ARRAYS)} in the .npz file, missing {missing}")
            return cls(**{n: data[n] for n in _ARRAYS})


@dataclass(frozen=True, eq=False)
class RNNTrace(TimeFirst):
    """What :func:`rnn_forward` computed, time-first.

    x  (T, D)   inputs
    a  (T, H)   pre-activations x_t·W + h_{t-1}·U + b
    h  (T, H)   hidden states tanh(a_t), in (-1, 1)
    h0 (H,)     initial state
    Batched: (T, B, ...) and h0 (B, H).
    """

    PER_UNIT: ClassVar[tuple[str, ...]] = ("a",)
    x: np.ndarray
    a: np.ndarray
    h: np.ndarray
    h0: np.ndarray


@dataclass(frozen=True, eq=False)
class GRUTrace(TimeFirst):
    """What :func:`gru_forward` computed, time-first.

    x        (T, D)    inputs
    p        (T, 3H)   input projections x_t·W + b_in, gate order z, r, h̃
    q        (T, 3H)   recurrent projections, gate order z, r, h̃ (see :mod:`lstm_core.cells.gru`)
    z        (T, H)    update gate, in (0, 1): 1 keeps h_{t-1}, 0 takes h̃_t
    r        (T, H)    reset gate, in (0, 1)
    h_tilde  (T, H)    candidate, in (-1, 1) with tanh
    h        (T, H)    hidden state
    h0       (H,)      initial state
    Batched: (T, B, ...) and h0 (B, H).
    """

    PER_UNIT: ClassVar[tuple[str, ...]] = ("z", "r", "h_tilde")
    FUSED: ClassVar[dict[str, int]] = {"p": 3, "q": 3}
    x: np.ndarray
    p: np.ndarray
    q: np.ndarray
    z: np.ndarray
    r: np.ndarray
    h_tilde: np.ndarray
    h: np.ndarray
    h0: np.ndarray

    def gate(self, name: str) -> np.ndarray:
        """``"z"``, ``"r"`` or ``"h_tilde"`` as (T, H)."""
        if name not in GRU_GATES:
            raise ValueError(f"expected a GRU gate among {GRU_GATES}, got {name!r}")
        return getattr(self, name)
