"""What one step computed for one unit, term by term: the numbers the equations on screen carry,
for the LSTM (:func:`step_breakdown`), the GRU (:func:`gru_breakdown`) and the plain RNN
(:func:`rnn_breakdown`).

For unit ``u`` at step ``t``, gate ``g`` in (i, f, c̃, o) computes::

    z_g = W_g[:, u] · x_t + U_g[:, u] · h_{t-1} + b_g[u]
    value_g = σ(z_g)   (the layer's recurrent activation; its activation, tanh, for c̃)

and :func:`step_breakdown` returns those three terms, their sum and the activation.

GRU, unit ``u`` at the cell's step ``k`` (σ and tanh stand for the layer's own activations)::

    z_t = σ(W_z·x_t + U_z·h_{t-1} + b_z)              b_z = input bias + recurrent bias
    r_t = σ(W_r·x_t + U_r·h_{t-1} + b_r)
    reset_after=True:   h̃_t = tanh(W_h·x_t + b_h + r_t (U_h·h_{t-1} + b'_h))
    reset_after=False:  h̃_t = tanh(W_h·x_t + U_h·(r_t ⊙ h_{t-1}) + b_h)
    h_t = z_t h_{t-1} + (1 - z_t) h̃_t

Plain RNN: h_t = act(W·x_t + U·h_{t-1} + b).

The GRU's and RNN's steps are the cell's own: ``k`` counts in the order the cell read the sequence
(a backward layer's k = 0 is the input's last step), and h_{t-1} is the state it had just before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.cells import GATES, GRUTrace, GRUWeights, LSTMWeights, RNNTrace, RNNWeights, Trace
from lstm_core.cells.activations import activation as activation_named


@dataclass(frozen=True)
class GateTerms:
    """One gate of one unit at one step: z = wx + uh + b, value = σ(z) (tanh(z) for c̃)."""

    wx: float
    uh: float
    b: float
    z: float
    value: float


@dataclass(frozen=True)
class StepBreakdown:
    """Every number of the six equations for unit ``unit`` at step ``t``."""

    t: int
    unit: int
    x_t: np.ndarray
    h_prev: float
    c_prev: float
    gates: dict[str, GateTerms]  # keys GATES: "i", "f", "c_tilde", "o"
    c: float
    tanh_c: float  # the layer's activation of C_t (tanh by default)
    h: float
    activation: str = "tanh"
    recurrent_activation: str = "sigmoid"

    @property
    def forget_term(self) -> float:
        """f_t · C_{t-1}: what is kept of the old cell state."""
        return self.gates["f"].value * self.c_prev

    @property
    def write_term(self) -> float:
        """i_t · C̃_t: what is written into the cell state."""
        return self.gates["i"].value * self.gates["c_tilde"].value


def _squash(name: str, z: float) -> float:
    """Activation ``name`` of one number."""
    return float(activation_named(name)(np.array([z], dtype=np.float64))[0])


def _dot(v: np.ndarray, matrix: np.ndarray, unit: int) -> float:
    """v · matrix[:, unit] in float64: one unit's share of an input or recurrent product."""
    return float(v @ np.asarray(matrix[:, unit], dtype=np.float64))


def _inputs(trace, weights, t: int, unit: int, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(x_t (D,), h_{t-1} (H,)) in float64 for step ``t`` of an unbatched trace, after checking the step,
    the unit and the weights against it (``name``: how the step is called in an error)."""
    if trace.batched:
        raise ValueError("expected an unbatched trace; pick one sequence with trace.sequence(b)")
    if not 0 <= t < trace.steps:
        raise ValueError(f"expected 0 <= {name} < {trace.steps}, got {t}")
    if not 0 <= unit < trace.units:
        raise ValueError(f"expected 0 <= unit < {trace.units}, got {unit}")
    if weights.units != trace.units:
        raise ValueError(f"expected weights with {trace.units} units, got {weights.units}")
    return np.asarray(trace.x[t], dtype=np.float64), np.asarray(trace.h_prev(t), dtype=np.float64)


def step_breakdown(
    trace: Trace, weights: LSTMWeights, t: int, unit: int,
    activation: str = "tanh", recurrent_activation: str = "sigmoid",
) -> StepBreakdown:
    """The terms of every equation for one unit at one step of an unbatched trace, with the layer's
    activations (by Keras name).

    W_g·x_t and U_g·h_{t-1} are dot products over all inputs and all units; their sum
    with b_g equals the recorded pre-activation ``trace.z`` (to float precision).
    """
    x_t, h_prev = _inputs(trace, weights, t, unit, "t")
    gates = {}
    for g in GATES:
        W, U, b = weights.gate(g)
        wx, uh = _dot(x_t, W, unit), _dot(h_prev, U, unit)
        bias = float(b[unit])
        z = wx + uh + bias
        gates[g] = GateTerms(wx, uh, bias, z, _squash(activation if g == "c_tilde" else recurrent_activation, z))
    c_prev = float(trace.c_prev(t)[unit])
    c = float(trace.c[t, unit])
    return StepBreakdown(
        t=t, unit=unit, x_t=x_t, h_prev=float(h_prev[unit]), c_prev=c_prev, gates=gates,
        c=c, tanh_c=_squash(activation, c), h=float(trace.h[t, unit]),
        activation=activation, recurrent_activation=recurrent_activation,
    )


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


def gru_breakdown(trace: GRUTrace, weights: GRUWeights, k: int, unit: int,
                  activation: str = "tanh", recurrent_activation: str = "sigmoid") -> GRUBreakdown:
    """The terms of the GRU's equations for one unit at the cell's step ``k`` of an unbatched trace."""
    x_t, h_prev = _inputs(trace, weights, k, unit, "k")
    gates = {}
    for g in ("z", "r"):
        W, U, b_in, b_rec = weights.gate(g)
        wx, uh = _dot(x_t, W, unit), _dot(h_prev, U, unit)
        bias = float(b_in[unit]) + float(b_rec[unit])
        z = wx + uh + bias
        gates[g] = GateTerms(wx, uh, bias, z, _squash(recurrent_activation, z))
    W, U, b_in, b_rec = weights.gate("h_tilde")
    r = gates["r"].value
    wx = _dot(x_t, W, unit)
    bias = float(b_in[unit])
    if weights.reset_after:
        uh, rec_bias = _dot(h_prev, U, unit), float(b_rec[unit])
        a = wx + bias + r * (uh + rec_bias)
    else:  # every unit's reset gate scales its own h_{t-1} before the product
        r_all = np.asarray(trace.r[k], dtype=np.float64)
        uh, rec_bias = _dot(r_all * h_prev, U, unit), 0.0
        a = wx + bias + uh
    candidate = CandidateTerms(wx, bias, uh, rec_bias, r, a, _squash(activation, a))
    return GRUBreakdown(k=k, unit=unit, x_t=x_t, h_prev=float(h_prev[unit]), gates=gates, candidate=candidate,
                        h=float(trace.h[k, unit]), reset_after=weights.reset_after, activation=activation,
                        recurrent_activation=recurrent_activation)


def rnn_breakdown(trace: RNNTrace, weights: RNNWeights, k: int, unit: int, activation: str = "tanh") -> RNNBreakdown:
    """The terms of the plain RNN's equation for one unit at the cell's step ``k`` of an unbatched trace."""
    x_t, h_prev = _inputs(trace, weights, k, unit, "k")
    wx, uh = _dot(x_t, weights.kernel, unit), _dot(h_prev, weights.recurrent_kernel, unit)
    b = float(weights.bias[unit])
    return RNNBreakdown(k=k, unit=unit, x_t=x_t, h_prev=float(h_prev[unit]), wx=wx, uh=uh, b=b, a=wx + uh + b,
                        h=float(trace.h[k, unit]), activation=activation)
