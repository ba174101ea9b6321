"""What the plain RNN and the GRU record: time-first traces, in the style of :mod:`lstm_core.trace`.

Unbatched shapes (batched ones put the batch after time, (T, B, ...), and h0 is (B, H))::

    RNNTrace:  x (T, D), a (T, H) pre-activations, h (T, H), h0 (H,)
    GRUTrace:  x (T, D), p and q (T, 3H) input and recurrent projections (gate order z, r, h),
               z, r, h_tilde, h (T, H), h0 (H,)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.trace import TimeFirst

GRU_GATES: tuple[str, ...] = ("z", "r", "h")
"""Gate order of the GRU's fused ``3H`` columns, as Keras stores them: update, reset, candidate."""


@dataclass(frozen=True, eq=False)
class RNNTrace(TimeFirst):
    """What :func:`rnn_forward` computed, time-first.

    x  (T, D)   inputs
    a  (T, H)   pre-activations x_t·W + h_{t-1}·U + b
    h  (T, H)   hidden states tanh(a_t), in (-1, 1)
    h0 (H,)     initial state
    Batched: (T, B, ...) and h0 (B, H).
    """

    x: np.ndarray
    a: np.ndarray
    h: np.ndarray
    h0: np.ndarray

    def __post_init__(self) -> None:
        if self.a.shape != self.h.shape:
            raise ValueError(f"expected a of shape {self.h.shape} like h, got {self.a.shape}")
        if self.x.shape[:-1] != self.h.shape[:-1]:
            raise ValueError(f"expected x with leading axes {self.h.shape[:-1]}, got {self.x.shape}")
        if self.h0.shape != self.h.shape[1:]:
            raise ValueError(f"expected h0 of shape {self.h.shape[1:]}, got {self.h0.shape}")


@dataclass(frozen=True, eq=False)
class GRUTrace(TimeFirst):
    """What :func:`gru_forward` computed, time-first.

    x        (T, D)    inputs
    p        (T, 3H)   input projections x_t·W + b[0], gate order z, r, h
    q        (T, 3H)   recurrent projections h_{t-1}·U + b[1], gate order z, r, h
    z        (T, H)    update gate, in (0, 1): 1 keeps h_{t-1}, 0 takes h̃_t
    r        (T, H)    reset gate, in (0, 1)
    h_tilde  (T, H)    candidate, in (-1, 1)
    h        (T, H)    hidden state
    h0       (H,)      initial state
    Batched: (T, B, ...) and h0 (B, H).
    """

    x: np.ndarray
    p: np.ndarray
    q: np.ndarray
    z: np.ndarray
    r: np.ndarray
    h_tilde: np.ndarray
    h: np.ndarray
    h0: np.ndarray

    def __post_init__(self) -> None:
        ref = self.h.shape
        for name in ("z", "r", "h_tilde"):
            if getattr(self, name).shape != ref:
                raise ValueError(f"expected {name} of shape {ref} like h, got {getattr(self, name).shape}")
        fused = ref[:-1] + (3 * ref[-1],)
        for name in ("p", "q"):
            if getattr(self, name).shape != fused:
                raise ValueError(f"expected {name} of shape {fused}, got {getattr(self, name).shape}")
        if self.x.shape[:-1] != ref[:-1]:
            raise ValueError(f"expected x with leading axes {ref[:-1]}, got {self.x.shape}")
        if self.h0.shape != ref[1:]:
            raise ValueError(f"expected h0 of shape {ref[1:]}, got {self.h0.shape}")

    def gate(self, name: str) -> np.ndarray:
        """``"z"``, ``"r"`` or ``"h"`` (the candidate h̃) as (T, H)."""
        if name not in GRU_GATES:
            raise ValueError(f"expected a GRU gate among {GRU_GATES}, got {name!r}")
        return self.h_tilde if name == "h" else getattr(self, name)
