"""What one step computed for one unit, term by term: the numbers the equations on screen carry.

For unit ``u`` at step ``t``, gate ``g`` in (i, f, c̃, o) computes::

    z_g = W_g[:, u] · x_t + U_g[:, u] · h_{t-1} + b_g[u]
    value_g = σ(z_g)   (the layer's recurrent activation; its activation, tanh, for c̃)

and :func:`step_breakdown` returns those three terms, their sum and the activation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.cells import GATES, LSTMWeights, Trace
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


def step_breakdown(
    trace: Trace, weights: LSTMWeights, t: int, unit: int,
    activation: str = "tanh", recurrent_activation: str = "sigmoid",
) -> StepBreakdown:
    """The terms of every equation for one unit at one step of an unbatched trace, with the layer's
    activations (by Keras name).

    W_g·x_t and U_g·h_{t-1} are dot products over all inputs and all units; their sum
    with b_g equals the recorded pre-activation ``trace.z`` (to float precision).
    """
    if trace.batched:
        raise ValueError("expected an unbatched trace; pick one sequence with trace.sequence(b)")
    if not 0 <= t < trace.steps:
        raise ValueError(f"expected 0 <= t < {trace.steps}, got {t}")
    if not 0 <= unit < trace.units:
        raise ValueError(f"expected 0 <= unit < {trace.units}, got {unit}")
    if weights.units != trace.units:
        raise ValueError(f"expected weights with {trace.units} units, got {weights.units}")
    x_t = np.asarray(trace.x[t], dtype=np.float64)
    h_prev = np.asarray(trace.h_prev(t), dtype=np.float64)
    gates = {}
    for g in GATES:
        W, U, b = weights.gate(g)
        wx = float(x_t @ np.asarray(W[:, unit], dtype=np.float64))
        uh = float(h_prev @ np.asarray(U[:, unit], dtype=np.float64))
        bias = float(b[unit])
        z = wx + uh + bias
        squash = activation_named(activation if g == "c_tilde" else recurrent_activation)
        value = float(squash(np.array([z]))[0])
        gates[g] = GateTerms(wx, uh, bias, z, value)
    c_prev = float(trace.c_prev(t)[unit])
    c = float(trace.c[t, unit])
    return StepBreakdown(
        t=t, unit=unit, x_t=x_t, h_prev=float(h_prev[unit]), c_prev=c_prev, gates=gates,
        c=c, tanh_c=float(activation_named(activation)(np.array([c]))[0]), h=float(trace.h[t, unit]),
        activation=activation, recurrent_activation=recurrent_activation,
    )
