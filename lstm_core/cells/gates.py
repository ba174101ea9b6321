"""Names, order and kinds of everything a cell records: the one source for the core, the figures and the pages.

Keras fuses a layer's gates side by side along the last axis of ``kernel``, ``recurrent_kernel``
and ``bias``, in a fixed column order:

    LSTM   (D, 4H)   i, f, c̃, o     input gate, forget gate, candidate, output gate
    GRU    (D, 3H)   z, r, h̃        update gate, reset gate, candidate
    RNN    (D, H)    (one block)

A *quantity* is one array of a trace, ``(T, H)``: the gates, the candidate and the states.
Its name is the trace's attribute (``trace.c_tilde``) and its :attr:`Quantity.kind` says what
values it can take:

    gate        the recurrent activation of a pre-activation: σ by default, in (0, 1)
    candidate   the activation of a pre-activation: tanh by default, in (-1, 1)
    cell        the LSTM's cell state C_t: a running sum, unbounded
    hidden      the hidden state h_t (what the layer outputs)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """One recorded quantity: its trace attribute, its letter in parameter names, its symbols, its kind."""

    name: str    # the trace attribute: "f", "c_tilde", "h"
    letter: str  # in weight names W_<letter>, U_<letter>, b_<letter> ("c" for the candidate C̃)
    text: str    # in plain text: "C̃_t"
    latex: str   # as in the equations: r"\tilde{C}_t"
    html: str    # for chart titles: "C̃<sub>t</sub>"
    kind: str    # "gate", "candidate", "cell" or "hidden" (module docstring)


QUANTITY: dict[str, Quantity] = {q.name: q for q in (
    Quantity("i", "i", "i_t", "i_t", "i<sub>t</sub>", "gate"),
    Quantity("f", "f", "f_t", "f_t", "f<sub>t</sub>", "gate"),
    Quantity("c_tilde", "c", "C̃_t", r"\tilde{C}_t", "C̃<sub>t</sub>", "candidate"),
    Quantity("o", "o", "o_t", "o_t", "o<sub>t</sub>", "gate"),
    Quantity("c", "C", "C_t", "C_t", "C<sub>t</sub>", "cell"),
    Quantity("z", "z", "z_t", "z_t", "z<sub>t</sub>", "gate"),
    Quantity("r", "r", "r_t", "r_t", "r<sub>t</sub>", "gate"),
    Quantity("h_tilde", "h", "h̃_t", r"\tilde{h}_t", "h̃<sub>t</sub>", "candidate"),
    Quantity("h", "h", "h_t", "h_t", "h<sub>t</sub>", "hidden"),
)}
"""Every quantity by its trace attribute."""

GATES: tuple[str, ...] = ("i", "f", "c_tilde", "o")
"""The LSTM's fused ``4H`` columns, in Keras' order."""

GRU_GATES: tuple[str, ...] = ("z", "r", "h_tilde")
"""The GRU's fused ``3H`` columns, in Keras' order."""

LSTM_QUANTITIES: tuple[str, ...] = ("f", "i", "c_tilde", "o", "c", "h")
"""What the LSTM records per unit, in the order its story is told (forget, write, output)."""

GRU_QUANTITIES: tuple[str, ...] = ("z", "r", "h_tilde", "h")
RNN_QUANTITIES: tuple[str, ...] = ("h",)

TEACHING_GATES: tuple[str, ...] = ("f", "i", "c_tilde", "o")
"""The LSTM's gates in the order the equations are read (forget first), as opposed to :data:`GATES`."""

QUANTITIES_OF: dict[str, tuple[str, ...]] = {"lstm": LSTM_QUANTITIES, "gru": GRU_QUANTITIES, "rnn": RNN_QUANTITIES}
"""Per cell kind ("lstm", "gru", "rnn"), what its trace records per unit, in story order."""

FUSED_OF: dict[str, tuple[str, ...]] = {"lstm": GATES, "gru": GRU_GATES, "rnn": ("h",)}
"""Per cell kind, the blocks of its fused kernel columns in Keras' order."""


def gate_slice(gate: str, units: int, order: tuple[str, ...] = GATES) -> slice:
    """Columns of ``gate`` in a fused ``(..., G*H)`` array whose blocks follow ``order`` (LSTM by default)."""
    if gate not in order:
        raise ValueError(f"expected a gate among {order}, got {gate!r}")
    k = order.index(gate)
    return slice(k * units, (k + 1) * units)


def split_gates(fused, order: tuple[str, ...] = GATES) -> dict:
    """Views ``{gate: (..., H)}`` of a fused ``(..., G*H)`` array whose blocks follow ``order``."""
    width = fused.shape[-1]
    if width % len(order):
        raise ValueError(f"expected a last axis of {len(order)}*units, got {width}")
    units = width // len(order)
    return {g: fused[..., gate_slice(g, units, order)] for g in order}


def is_gate(name: str) -> bool:
    """Whether quantity ``name`` is a gate (a recurrent activation: σ's (0, 1) by default)."""
    return QUANTITY[name].kind == "gate"
