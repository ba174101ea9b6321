"""The colour scale of each recorded quantity, fitted to what the layer's activations can produce.

A gate spans its recurrent activation's range ([0, 1] for σ and hard σ, [-1, 1] for tanh); the
other quantities (candidate, cell and hidden state) keep the heatmaps' scale centred on 0 over
the data's own extent, cut to white-to-red when they cannot go below 0 (a relu candidate) and
blue-to-white when they cannot go above it. A range an activation leaves open on a side (relu,
linear, elu ...) is the data's own extent there. An LSTM with the default activations gets
exactly the "gate" and "state" kinds the figures always had.

Ranges, per cell kind (R(a) = :func:`lstm_core.cells.activations.output_range`):

    LSTM  i, f, o: R(rec)   c̃: R(act)   C: unbounded (>= 0 when R(rec) and R(act) are)   h: R(rec) · R(act)
    GRU   z, r: R(rec)      h̃: R(act)   h: between 0 (h0) and h̃'s range when z is in [0, 1]
    RNN   h: R(act)
"""

from __future__ import annotations

import math

import numpy as np

from app.figures.heatmap import GATE_SCALE, STATE_SCALE, Scale, symmetric_limit
from lstm_core.cells.activations import output_range
from lstm_core.cells.gates import QUANTITY

INF = math.inf


def _product(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The range of x·y for x in a and y in b (0·∞ counts as 0)."""
    corners = [0.0 if 0.0 in (x, y) else x * y for x in a for y in b]
    return min(corners), max(corners)


def value_range(q: str, kind: str, activation: str = "tanh",
                recurrent_activation: str = "sigmoid") -> tuple[float, float]:
    """(low, high) of what quantity ``q`` of a ``kind`` ("lstm", "gru", "rnn") layer can take, ±inf where open."""
    act = output_range(activation)
    if q == "h" and kind == "rnn":
        return act
    if q == "x":
        return -INF, INF
    rec = output_range(recurrent_activation)
    if QUANTITY[q].kind == "gate":
        return rec
    if QUANTITY[q].kind == "candidate":
        return act
    if q == "c":  # C_t = f·C_{t-1} + i·c̃ from C_0 = 0: never negative when f, i and c̃ are not
        return (0.0, INF) if rec[0] >= 0 and act[0] >= 0 else (-INF, INF)
    if kind == "lstm":  # h = o · act(C)
        return _product(rec, act)
    if kind == "gru" and rec[0] >= 0 and rec[1] <= 1:  # h = z·h_{t-1} + (1 - z)·h̃ from h0 = 0: a mix of 0 and h̃'s
        return min(act[0], 0.0), max(act[1], 0.0)
    return -INF, INF


def quantity_scale(q: str, values: np.ndarray, kind: str, activation: str = "tanh",
                   recurrent_activation: str = "sigmoid") -> str | Scale:
    """The colour scale of ``q`` over ``values`` (the window shown): "gate", "state" or a :class:`Scale`."""
    low, high = value_range(q, kind, activation, recurrent_activation)
    finite = np.asarray(values)[np.isfinite(values)]
    if QUANTITY[q].kind == "gate":
        if (low, high) == (0.0, 1.0):
            return "gate"
        lo = low if math.isfinite(low) else (float(finite.min()) if finite.size else 0.0)
        hi = high if math.isfinite(high) else (float(finite.max()) if finite.size else 1.0)
        return Scale(lo, hi if hi > lo else lo + 1.0, GATE_SCALE)
    m = symmetric_limit(finite)
    if low >= 0:
        return Scale(0.0, m, STATE_SCALE, (0.5, 1.0))
    if high <= 0:
        return Scale(-m, 0.0, STATE_SCALE, (0.0, 0.5))
    return "state"


def is_default(kind: str, activation: str, recurrent_activation: str) -> bool:
    """Whether the layer has Keras' default activations (tanh, and σ for an LSTM's or GRU's gates)."""
    return activation == "tanh" and (kind == "rnn" or recurrent_activation == "sigmoid")
