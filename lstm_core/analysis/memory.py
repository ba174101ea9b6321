"""How much of an early input is left in the state: the impulse-memory measurement and its presets.

The measurement: run a cell twice on the same input, once as given and once with
a unit less at t = 0 (so the two runs differ only by an impulse of size 1 at the
start), and follow the gap between the two hidden states::

    gap_t      = ‖h_t(x) - h_t(x - e_0)‖                   (how much of the impulse is in h_t)
    memory_t   = gap_t / gap_0                              1 at t = 0, then what is left

For an input that is an impulse followed by zeros, the second run is all zeros.
For the LSTM the same is measured on the cell state C_t too.

Teaching presets, one unit each, one input (D = H = 1):

* RNN ``halves``: h_t = tanh(x_t + 0.5·h_{t-1}); with no new input each step keeps about half
  (tanh is nearly linear near 0), so after 10 steps about 1/1000 of the impulse is left.
* RNN ``strong``: the recurrent weight at 1; tanh still squashes a little every step.
* GRU ``keeps`` / ``halves`` / ``drops``: the update gate z_t near 1, at 0.5, near 0 when the
  input is small (``keeps`` writes only when |x| is large, like the LSTM's ``remember``).
* LSTM ``keeps`` (forget gate f_t ≈ 1, the ``remember`` preset of :mod:`lstm_core.weights`),
  ``halves`` (f_t = 0.5), ``drops`` (f_t ≈ 0, the ``forget`` preset).
* ``random`` for every cell: Keras' initialisation with ``units`` units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.cells import GRUWeights, LSTMWeights, RNNWeights, gru_forward, lstm_forward, rnn_forward
from lstm_core.sequences.builtin import builtin_sequence, noise
from lstm_core.weights import init_weights, one_unit, preset_weights
from lstm_core.weights.init import init_layer

INPUTS: tuple[str, ...] = ("impulse_zeros", "impulse_noise")
"""Input kinds besides the built-in series: an impulse at t = 0 followed by zeros or by noise."""

RNN_PRESETS: tuple[str, ...] = ("halves", "strong", "random")
GRU_PRESETS: tuple[str, ...] = ("keeps", "halves", "drops", "random")
LSTM_PRESETS: tuple[str, ...] = ("keeps", "halves", "drops", "random")


def memory_input(kind: str, length: int = 40, seed: int = 0, noise_std: float = 0.3) -> np.ndarray:
    """The input (T,) float64 for the memory plot.

    ``impulse_zeros``: 1 at t = 0, zeros after. ``impulse_noise``: 1 at t = 0, then Gaussian noise of
    std ``noise_std``. Any name of :data:`lstm_core.sequences.SEQUENCES`: that series divided by its
    largest |value| (so it lies in [-1, 1] and does not pin every gate).
    """
    if kind == "impulse_zeros":
        return builtin_sequence("impulse", length)
    if kind == "impulse_noise":
        if not noise_std >= 0:
            raise ValueError(f"expected noise_std >= 0, got {noise_std}")
        x = noise_std * noise(length, seed=seed)
        x[0] = 1.0
        return x
    x = builtin_sequence(kind, length, seed=seed).astype(np.float64)
    peak = float(np.max(np.abs(x)))
    return x / peak if peak > 0 else x


# --- presets -----------------------------------------------------------------------------


def rnn_preset(name: str, units: int = 8, seed: int = 0) -> RNNWeights:
    """A plain RNN of :data:`RNN_PRESETS` (``random`` has ``units`` units, the others one)."""
    if name == "halves":
        return RNNWeights(np.ones((1, 1)), np.full((1, 1), 0.5), np.zeros(1)).astype(np.float32)
    if name == "strong":
        return RNNWeights(np.ones((1, 1)), np.ones((1, 1)), np.zeros(1)).astype(np.float32)
    if name == "random":
        return init_layer("rnn", 1, units, seed=seed)
    raise ValueError(f"expected an RNN preset among {RNN_PRESETS}, got {name!r}")


def _gru_one_unit(W_z: float, b_z: float, W_h: float = 4.0) -> GRUWeights:
    # columns z, r, h; the reset gate is fully open (b_r = 8) and there is no recurrent weight
    kernel = np.array([[W_z, 0.0, W_h]])
    recurrent = np.zeros((1, 3))
    bias = np.array([[b_z, 8.0, 0.0], [0.0, 0.0, 0.0]])
    return GRUWeights(kernel, recurrent, bias).astype(np.float32)


def gru_preset(name: str, units: int = 8, seed: int = 0) -> GRUWeights:
    """A GRU of :data:`GRU_PRESETS`; z_t = σ(W_z x_t + b_z), h̃_t = tanh(4 x_t).

    keeps: z = σ(8 - 16 x): about 1 (keep) for small inputs, about 0 (write) when x ≳ 0.5.
    halves: z = 0.5 always. drops: z ≈ 0 always, h_t ≈ h̃_t. random: Keras' initialisation.
    """
    if name == "keeps":
        return _gru_one_unit(-16.0, 8.0)
    if name == "halves":
        return _gru_one_unit(0.0, 0.0)
    if name == "drops":
        return _gru_one_unit(0.0, -12.0)
    if name == "random":
        return init_layer("gru", 1, units, seed=seed)
    raise ValueError(f"expected a GRU preset among {GRU_PRESETS}, got {name!r}")


def lstm_preset(name: str, units: int = 8, seed: int = 0) -> LSTMWeights:
    """An LSTM of :data:`LSTM_PRESETS`.

    keeps: f ≈ 1 (``remember``). halves: the same cell with f = σ(0) = 0.5.
    drops: f ≈ 0 (``forget``). random: Keras' initialisation (forget bias 1).
    """
    if name == "keeps":
        return preset_weights("remember")
    if name == "halves":
        return one_unit({"b_f": 0.0, "W_i": 8.0, "b_i": -4.0, "W_c": 4.0, "b_o": 4.0})
    if name == "drops":
        return preset_weights("forget")
    if name == "random":
        return init_weights(1, units, seed=seed)
    raise ValueError(f"expected an LSTM preset among {LSTM_PRESETS}, got {name!r}")


# --- the measurement -----------------------------------------------------------------------


@dataclass(frozen=True)
class MemoryCurve:
    """What is left of a unit impulse at t = 0, step by step.

    gap:      (T,) ‖h_t(x) - h_t(x - e_0)‖
    memory:   (T,) gap / gap[0] (zeros when the cell ignored the impulse: gap[0] = 0)
    h:        (T, H) the hidden states of the run on x (for plotting)
    gap_c, memory_c: the same on the cell state C_t (LSTM only, else None)
    """

    cell: str
    gap: np.ndarray
    memory: np.ndarray
    h: np.ndarray
    gap_c: np.ndarray | None = None
    memory_c: np.ndarray | None = None

    def steps_to(self, fraction: float) -> int | None:
        """The first t at which ``memory`` falls below ``fraction`` (None if it never does)."""
        below = np.flatnonzero(self.memory < fraction)
        return int(below[0]) if below.size else None


def _relative(gap: np.ndarray) -> np.ndarray:
    return gap / gap[0] if gap[0] > 0 else np.zeros_like(gap)


def memory_curve(weights: RNNWeights | GRUWeights | LSTMWeights, x: np.ndarray) -> MemoryCurve:
    """Run the cell on ``x`` (T,) or (T, 1) and on ``x`` with 1 subtracted at t = 0; measure the gap.

    Computed in float64 so that gaps down to ~1e-15 of the impulse still show.
    """
    x = np.asarray(x, dtype=np.float64)
    x = x[:, None] if x.ndim == 1 else x
    if x.ndim != 2 or x.shape[1] != weights.input_dim:
        raise ValueError(f"expected x of shape (T,) or (T, {weights.input_dim}), got {x.shape}")
    base = x.copy()
    base[0] -= 1.0
    if isinstance(weights, RNNWeights):
        run = lambda s: rnn_forward(s, weights, dtype=np.float64)  # noqa: E731
        cell = "rnn"
    elif isinstance(weights, GRUWeights):
        run = lambda s: gru_forward(s, weights, dtype=np.float64)  # noqa: E731
        cell = "gru"
    elif isinstance(weights, LSTMWeights):
        run = lambda s: lstm_forward(s, weights, dtype=np.float64)  # noqa: E731
        cell = "lstm"
    else:
        raise ValueError(f"expected RNNWeights, GRUWeights or LSTMWeights, got {type(weights).__name__}")
    with_impulse, without = run(x), run(base)
    gap = np.linalg.norm(with_impulse.h - without.h, axis=-1)
    gap_c = memory_c = None
    if cell == "lstm":
        gap_c = np.linalg.norm(with_impulse.c - without.c, axis=-1)
        memory_c = _relative(gap_c)
    return MemoryCurve(cell, gap, _relative(gap), with_impulse.h, gap_c, memory_c)
