"""How a recorded quantity is named on screen: its translated name and its symbol, never edited from each other.

The symbol (f_t, C̃_t, h̃_t ...) and the kind of every quantity come from :mod:`lstm_core.cells.gates`;
the name ("forget gate", "porta de esquecimento") from the strings (``quantity.<name>``).
"""

from __future__ import annotations

from app.i18n import t
from lstm_core.cells.gates import QUANTITY


def name(q: str) -> str:
    """"forget gate": the quantity's name in the person's language."""
    return t(f"quantity.{q}")


def label(q: str) -> str:
    """"forget gate f_t": name and symbol, as plain text."""
    return f"{name(q)} {QUANTITY[q].text}"


def panel_title(q: str) -> str:
    """"forget gate f<sub>t</sub>": name and symbol, for a chart title."""
    return f"{name(q)} {QUANTITY[q].html}"


def symbol(q: str) -> str:
    """"f<sub>t</sub>": the symbol alone, for a chart's row label."""
    return QUANTITY[q].html
