"""The six equations of the cell with the real numbers plugged in, as LaTeX lines."""

from __future__ import annotations

from app.figures.diagram import fmt
from lstm_core.analysis.breakdown import StepBreakdown
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


def equation_lines(b: StepBreakdown, digits: int = 3) -> list[str]:
    """Six LaTeX lines, f, i, C̃, o, C, h, for unit ``b.unit`` at step ``b.t``.

    A gate line reads  f_t = σ(W_f x_t + U_f h_{t-1} + b_f) = σ(wx + uh + b) = σ(z) = value,
    where W_f x_t and U_f h_{t-1} are the dot products over all inputs and all units.
    """
    lines = []
    act_c, act_gate = activation_latex(b.activation), activation_latex(b.recurrent_activation)
    for g in TEACHING_GATES:
        term = b.gates[g]
        sym, act, letter = QUANTITY[g].latex, act_c if g == "c_tilde" else act_gate, QUANTITY[g].letter
        lines.append(
            rf"{sym} = {act}(W_{letter}\,x_t + U_{letter}\,h_{{t-1}} + b_{letter})"
            rf" = {act}({_n(term.wx, digits)} + {_p(term.uh, digits)} + {_p(term.b, digits)})"
            rf" = {act}({_n(term.z, digits)}) = \mathbf{{{_n(term.value, digits)}}}"
        )
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


def equations_latex(b: StepBreakdown, digits: int = 3) -> str:
    """:func:`equation_lines` as one aligned LaTeX block (for ``st.latex``)."""
    rows = [line.replace(" = ", " &= ", 1) for line in equation_lines(b, digits)]
    return r"\begin{aligned}" + r" \\[2pt] ".join(rows) + r"\end{aligned}"


def equation_blocks(b: StepBreakdown, digits: int = 3) -> list[str]:
    """:func:`equation_lines` as six two-line LaTeX blocks (symbols above, numbers below).

    Narrow enough for a projector: ``f_t = σ(W_f x_t + U_f h_{t-1} + b_f)`` on the first
    line, ``= σ(0.83 + ...) = σ(z) = value`` aligned under it.
    """
    blocks = []
    for line in equation_lines(b, digits):
        lhs, symbolic, numbers = line.split(" = ", 2)
        blocks.append(rf"\begin{{aligned}} {lhs} &= {symbolic} \\ &= {numbers} \end{{aligned}}")
    return blocks
