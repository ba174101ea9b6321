"""The six equations of the cell with the real numbers plugged in, as LaTeX lines."""

from __future__ import annotations

from lstm_core.analysis import StepBreakdown

from app.figures.diagram import fmt

_GATE_LATEX = {"f": "f_t", "i": "i_t", "c": r"\tilde{C}_t", "o": "o_t"}
_ACT = {"f": r"\sigma", "i": r"\sigma", "c": r"\tanh", "o": r"\sigma"}


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
    for g in ("f", "i", "c", "o"):
        term = b.gates[g]
        sym, act = _GATE_LATEX[g], _ACT[g]
        lines.append(
            rf"{sym} = {act}(W_{g}\,x_t + U_{g}\,h_{{t-1}} + b_{g})"
            rf" = {act}({_n(term.wx, digits)} + {_p(term.uh, digits)} + {_p(term.b, digits)})"
            rf" = {act}({_n(term.z, digits)}) = \mathbf{{{_n(term.value, digits)}}}"
        )
    f, i, c_tilde, o = (b.gates[g].value for g in ("f", "i", "c", "o"))
    lines.append(
        rf"C_t = f_t\,C_{{t-1}} + i_t\,\tilde{{C}}_t = {_n(f, digits)}\cdot{_p(b.c_prev, digits)}"
        rf" + {_n(i, digits)}\cdot{_p(c_tilde, digits)} = {_n(b.forget_term, digits)} + {_p(b.write_term, digits)}"
        rf" = \mathbf{{{_n(b.c, digits)}}}"
    )
    lines.append(
        rf"h_t = o_t\,\tanh(C_t) = {_n(o, digits)}\cdot\tanh({_n(b.c, digits)})"
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
