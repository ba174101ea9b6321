"""What one step of a GRU or a plain RNN computed for one unit, term by term: the numbers their
equations on the step-through page carry (the LSTM's are :func:`lstm_core.analysis.breakdown.step_breakdown`).

GRU, unit ``u`` at step ``t`` (Keras' gate order z, r, h̃; σ and tanh stand for the layer's own
recurrent activation and activation)::

    z_t = σ(W_z·x_t + U_z·h_{t-1} + b_z)              b_z = input bias + recurrent bias
    r_t = σ(W_r·x_t + U_r·h_{t-1} + b_r)
    reset_after=True:   h̃_t = tanh(W_h·x_t + b_h + r_t (U_h·h_{t-1} + b'_h))
    reset_after=False:  h̃_t = tanh(W_h·x_t + U_h·(r_t ⊙ h_{t-1}) + b_h)
    h_t = z_t h_{t-1} + (1 - z_t) h̃_t

Plain RNN::

    h_t = act(W·x_t + U·h_{t-1} + b)

Steps are the cell's own: ``k`` counts in the order the cell read the sequence (a backward layer's
k = 0 is the input's last step), and h_{t-1} is the state the cell had just before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.analysis.breakdown import GateTerms
from lstm_core.cells import GRUTrace, GRUWeights, RNNTrace, RNNWeights
from lstm_core.cells.activations import activation as activation_named


def _squash(name: str, z: float) -> float:
    return float(activation_named(name)(np.array([z], dtype=np.float64))[0])


@dataclass(frozen=True)
class CandidateTerms:
    """The GRU's candidate for one unit: h̃ = act(wx + b + r·(uh + b_rec)) (reset_after) or act(wx + b + ruh)."""

    wx: float
    b: float
    uh: float      # U_h·h_{t-1} (reset_after=True) or U_h·(r ⊙ h_{t-1}) (False)
    b_rec: float   # the recurrent bias b'_h (0 with reset_after=False)
    r: float
    a: float       # the pre-activation
    value: float


@dataclass(frozen=True)
class GRUBreakdown:
    """Every number of the GRU's four equations for ``unit`` at the cell's step ``k``."""

    k: int
    unit: int
    x_t: np.ndarray
    h_prev: float
    gates: dict[str, GateTerms]  # "z", "r"
    candidate: CandidateTerms
    h: float
    reset_after: bool = True
    activation: str = "tanh"
    recurrent_activation: str = "sigmoid"

    @property
    def keep_term(self) -> float:
        """z_t · h_{t-1}: what is kept of the old state."""
        return self.gates["z"].value * self.h_prev

    @property
    def write_term(self) -> float:
        """(1 - z_t) · h̃_t: what the candidate brings."""
        return (1.0 - self.gates["z"].value) * self.candidate.value


@dataclass(frozen=True)
class RNNBreakdown:
    """The plain RNN's one equation for ``unit`` at the cell's step ``k``: h = act(wx + uh + b)."""

    k: int
    unit: int
    x_t: np.ndarray
    h_prev: float
    wx: float
    uh: float
    b: float
    a: float
    h: float
    activation: str = "tanh"


def _check(trace, weights, k: int, unit: int) -> None:
    if trace.batched:
        raise ValueError("expected an unbatched trace; pick one sequence with trace.sequence(b)")
    if not 0 <= k < trace.steps:
        raise ValueError(f"expected 0 <= k < {trace.steps}, got {k}")
    if not 0 <= unit < trace.units:
        raise ValueError(f"expected 0 <= unit < {trace.units}, got {unit}")
    if weights.units != trace.units:
        raise ValueError(f"expected weights with {trace.units} units, got {weights.units}")


def gru_breakdown(trace: GRUTrace, weights: GRUWeights, k: int, unit: int,
                  activation: str = "tanh", recurrent_activation: str = "sigmoid") -> GRUBreakdown:
    """The terms of the GRU's equations for one unit at the cell's step ``k`` of an unbatched trace."""
    _check(trace, weights, k, unit)
    x_t = np.asarray(trace.x[k], dtype=np.float64)
    h_prev = np.asarray(trace.h_prev(k), dtype=np.float64)
    gates = {}
    for g in ("z", "r"):
        W, U, b_in, b_rec = weights.gate(g)
        wx = float(x_t @ np.asarray(W[:, unit], dtype=np.float64))
        uh = float(h_prev @ np.asarray(U[:, unit], dtype=np.float64))
        bias = float(b_in[unit]) + float(b_rec[unit])
        z = wx + uh + bias
        gates[g] = GateTerms(wx, uh, bias, z, _squash(recurrent_activation, z))
    W, U, b_in, b_rec = weights.gate("h_tilde")
    r = gates["r"].value
    wx = float(x_t @ np.asarray(W[:, unit], dtype=np.float64))
    bias = float(b_in[unit])
    if weights.reset_after:
        uh, rec_bias = float(h_prev @ np.asarray(U[:, unit], dtype=np.float64)), float(b_rec[unit])
        a = wx + bias + r * (uh + rec_bias)
    else:  # every unit's reset gate scales its own h_{t-1} before the product
        r_all = np.asarray(trace.r[k], dtype=np.float64)
        uh, rec_bias = float((r_all * h_prev) @ np.asarray(U[:, unit], dtype=np.float64)), 0.0
        a = wx + bias + uh
    candidate = CandidateTerms(wx, bias, uh, rec_bias, r, a, _squash(activation, a))
    return GRUBreakdown(k=k, unit=unit, x_t=x_t, h_prev=float(h_prev[unit]), gates=gates, candidate=candidate,
                        h=float(trace.h[k, unit]), reset_after=weights.reset_after, activation=activation,
                        recurrent_activation=recurrent_activation)


def rnn_breakdown(trace: RNNTrace, weights: RNNWeights, k: int, unit: int, activation: str = "tanh") -> RNNBreakdown:
    """The terms of the plain RNN's equation for one unit at the cell's step ``k`` of an unbatched trace."""
    _check(trace, weights, k, unit)
    x_t = np.asarray(trace.x[k], dtype=np.float64)
    h_prev = np.asarray(trace.h_prev(k), dtype=np.float64)
    wx = float(x_t @ np.asarray(weights.kernel[:, unit], dtype=np.float64))
    uh = float(h_prev @ np.asarray(weights.recurrent_kernel[:, unit], dtype=np.float64))
    b = float(weights.bias[unit])
    return RNNBreakdown(k=k, unit=unit, x_t=x_t, h_prev=float(h_prev[unit]), wx=wx, uh=uh, b=b, a=wx + uh + b,
                        h=float(trace.h[k, unit]), activation=activation)
