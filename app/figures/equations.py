"""A cell's equations with the real numbers plugged in, as LaTeX lines: the LSTM's six, the GRU's
four (either ``reset_after``), the plain RNN's one."""

from __future__ import annotations

from app.figures.diagram import fmt
from lstm_core.analysis.breakdown import GRUBreakdown, RNNBreakdown, StepBreakdown
from lstm_core.cells.gates import QUANTITY, TEACHING_GATES

_ACTIVATION_LATEX = {"sigmoid": r"\sigma", "tanh": r"\tanh"}


def activation_latex(name: str) -> str:
    """An activation's LaTeX: σ and tanh as usual, any other by its Keras name in roman type."""
    escaped = name.replace("_", r"\_")
    return _ACTIVATION_LATEX.get(name, rf"\mathrm{{{escaped}}}")


def _n(value: float, digits: int) -> str:
    """A number for LaTeX, negative numbers in parentheses when they follow an operator."""
    text = fmt(value, digits)
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa}\times10^{{{int(exponent)}}}"
    return text


def _p(value: float, digits: int) -> str:
    text = _n(value, digits)
    return f"({text})" if float(value) < 0 else text


def _gate_line(q: str, act: str, term, digits: int) -> str:
    """A gate's line: sym = act(W x_t + U h_{t-1} + b) = act(wx + uh + b) = act(z) = value (``term``: its
    :class:`~lstm_core.analysis.breakdown.GateTerms` or the GRU's alike)."""
    sym, letter = QUANTITY[q].latex, QUANTITY[q].letter
    return (
        rf"{sym} = {act}(W_{letter}\,x_t + U_{letter}\,h_{{t-1}} + b_{letter})"
        rf" = {act}({_n(term.wx, digits)} + {_p(term.uh, digits)} + {_p(term.b, digits)})"
        rf" = {act}({_n(term.z, digits)}) = \mathbf{{{_n(term.value, digits)}}}"
    )


def equation_lines(b: StepBreakdown, digits: int = 3) -> list[str]:
    """Six LaTeX lines, f, i, C̃, o, C, h, for unit ``b.unit`` at step ``b.t``.

    A gate line reads  f_t = σ(W_f x_t + U_f h_{t-1} + b_f) = σ(wx + uh + b) = σ(z) = value,
    where W_f x_t and U_f h_{t-1} are the dot products over all inputs and all units.
    """
    act_c, act_gate = activation_latex(b.activation), activation_latex(b.recurrent_activation)
    lines = [_gate_line(g, act_c if g == "c_tilde" else act_gate, b.gates[g], digits) for g in TEACHING_GATES]
    f, i, c_tilde, o = (b.gates[g].value for g in TEACHING_GATES)
    lines.append(
        rf"C_t = f_t\,C_{{t-1}} + i_t\,\tilde{{C}}_t = {_n(f, digits)}\cdot{_p(b.c_prev, digits)}"
        rf" + {_n(i, digits)}\cdot{_p(c_tilde, digits)} = {_n(b.forget_term, digits)} + {_p(b.write_term, digits)}"
        rf" = \mathbf{{{_n(b.c, digits)}}}"
    )
    lines.append(
        rf"h_t = o_t\,{act_c}(C_t) = {_n(o, digits)}\cdot{act_c}({_n(b.c, digits)})"
        rf" = {_n(o, digits)}\cdot{_p(b.tanh_c, digits)}"
        rf" = \mathbf{{{_n(b.h, digits)}}}"
    )
    return lines


def gru_equation_lines(b: GRUBreakdown, digits: int = 3) -> list[str]:
    """Four LaTeX lines, z, r, h̃, h, for unit ``b.unit`` at the cell's step ``b.k``.

    With ``reset_after`` (Keras 3's default) r_t scales the recurrent product and its own bias;
    without it r_t scales h_{t-1} before the product (a sum over every unit, shown as one number).
    """
    act, rec = activation_latex(b.activation), activation_latex(b.recurrent_activation)
    h_prev = r"h_{t-1}"
    lines = [_gate_line(g, rec, b.gates[g], digits) for g in ("z", "r")]
    c, h_tilde, z_sym, r_sym = b.candidate, QUANTITY["h_tilde"].latex, QUANTITY["z"].latex, QUANTITY["r"].latex
    if b.reset_after:
        lines.append(
            rf"{h_tilde} = {act}(W_h\,x_t + b_h + {r_sym}\,(U_h\,{h_prev} + b'_h))"
            rf" = {act}({_n(c.wx, digits)} + {_p(c.b, digits)} + {_n(c.r, digits)}\cdot({_n(c.uh, digits)}"
            rf" + {_p(c.b_rec, digits)})) = {act}({_n(c.a, digits)}) = \mathbf{{{_n(c.value, digits)}}}"
        )
    else:
        lines.append(
            rf"{h_tilde} = {act}(W_h\,x_t + U_h\,({r_sym} \odot {h_prev}) + b_h)"
            rf" = {act}({_n(c.wx, digits)} + {_p(c.uh, digits)} + {_p(c.b, digits)})"
            rf" = {act}({_n(c.a, digits)}) = \mathbf{{{_n(c.value, digits)}}}"
        )
    z = b.gates["z"].value
    lines.append(
        rf"{QUANTITY['h'].latex} = {z_sym}\,{h_prev} + (1 - {z_sym})\,{h_tilde}"
        rf" = {_n(z, digits)}\cdot{_p(b.h_prev, digits)} + {_n(1 - z, digits)}\cdot{_p(c.value, digits)}"
        rf" = {_n(b.keep_term, digits)} + {_p(b.write_term, digits)} = \mathbf{{{_n(b.h, digits)}}}"
    )
    return lines


def rnn_equation_lines(b: RNNBreakdown, digits: int = 3) -> list[str]:
    """The plain RNN's one LaTeX line for unit ``b.unit`` at the cell's step ``b.k``."""
    act = activation_latex(b.activation)
    return [
        rf"{QUANTITY['h'].latex} = {act}(W\,x_t + U\,h_{{t-1}} + b)"
        rf" = {act}({_n(b.wx, digits)} + {_p(b.uh, digits)} + {_p(b.b, digits)})"
        rf" = {act}({_n(b.a, digits)}) = \mathbf{{{_n(b.h, digits)}}}"
    ]


def lines_of(b: StepBreakdown | GRUBreakdown | RNNBreakdown, digits: int = 3) -> list[str]:
    """The equations of whichever cell ``b`` is a breakdown of."""
    if isinstance(b, GRUBreakdown):
        return gru_equation_lines(b, digits)
    if isinstance(b, RNNBreakdown):
        return rnn_equation_lines(b, digits)
    return equation_lines(b, digits)


def equations_latex(b: StepBreakdown | GRUBreakdown | RNNBreakdown, digits: int = 3) -> str:
    """The cell's equation lines as one aligned LaTeX block (for ``st.latex``)."""
    rows = [line.replace(" = ", " &= ", 1) for line in lines_of(b, digits)]
    return r"\begin{aligned}" + r" \\[2pt] ".join(rows) + r"\end{aligned}"


def equation_blocks(b: StepBreakdown | GRUBreakdown | RNNBreakdown, digits: int = 3) -> list[str]:
    """The cell's equation lines as two-line LaTeX blocks (symbols above, numbers below): six
    for an LSTM, four for a GRU, one for a plain RNN.

    Narrow enough for a projector: ``f_t = σ(W_f x_t + U_f h_{t-1} + b_f)`` on the first
    line, ``= σ(0.83 + ...) = σ(z) = value`` aligned under it.
    """
    blocks = []
    for line in lines_of(b, digits):
        lhs, symbolic, numbers = line.split(" = ", 2)
        blocks.append(rf"\begin{{aligned}} {lhs} &= {symbolic} \\ &= {numbers} \end{{aligned}}")
    return blocks
