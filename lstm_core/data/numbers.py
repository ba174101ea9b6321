"""Text cells -> numbers, whichever decimal mark the spreadsheet used (``1.234,5`` or ``1,234.5``)."""

from __future__ import annotations

import re

import numpy as np

from lstm_core.data.errors import DataError

MAX_MAGNITUDE = 1e100
"""Values must stay strictly between -MAX_MAGNITUDE and MAX_MAGNITUDE: what reads the series
(differences, squares, sums of squares over up to 20 000 points) then stays far from float64's
overflow at 1.8e308; 1e300 did not (its square overflows), and no measured series comes near."""
MAX_MAGNITUDE_TEXT = "1e100"
MIN_MAGNITUDE = 1e-100
"""At least one value must be this large in size: squares of values near 1e-170 underflow to 0, and
the airline series scaled to 1e-170 got an error of 0 for every model, a flat forecast and an
interval of width 0 (at 1e-160 it still got the same forecast as in passengers). 1e-100 leaves a
wide margin, and no measured series comes near."""
MIN_MAGNITUDE_TEXT = "1e-100"

MISSING = {"", "na", "n/a", "nan", "null", "none", "-", "--", "#n/a", "#na", "?", "missing", "nd"}
"""Cells (lower-cased, stripped) that mean "no value here"."""

_DOT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$")
"""1234.5, 1,234.5, .5, 1e3 (decimal point, comma thousands)."""
_COMMA = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)?(,\d+)?([eE][+-]?\d+)?$")
"""1234,5, 1.234,5, ,5 (decimal comma, point thousands)."""
_SPACES = re.compile(r"(?<=\d)[\s\u00a0\u202f'](?=\d{3})")


def clean_number(cell: str) -> str:
    """Strip, turn a typographic minus into '-', drop space/apostrophe thousands separators."""
    cell = cell.strip().replace("\u2212", "-")
    return _SPACES.sub("", cell)


def is_missing(cell: str) -> bool:
    return cell.strip().lower() in MISSING


def parse_dot(cell: str) -> float | None:
    """A cleaned cell with a decimal point (and comma thousands) -> float, or None."""
    if not _DOT.match(cell) or not re.search(r"\d", cell):
        return None
    return float(cell.replace(",", ""))


def parse_comma(cell: str) -> float | None:
    """A cleaned cell with a decimal comma (and point thousands) -> float, or None."""
    if not _COMMA.match(cell) or not re.search(r"\d", cell):
        return None
    return float(cell.replace(".", "").replace(",", "."))


def parse_numbers(cells: list[str], prefer_comma: bool = False) -> tuple[np.ndarray, list[str], str]:
    """Cells -> (values (N,) float64 with NaN for missing/unparseable, unparseable cells, decimal mark).

    The decimal mark ("." or ",") is chosen per column: the one under which more cells parse;
    when both parse equally (e.g. every cell is like 1.234), ``prefer_comma`` decides.
    """
    cleaned = [clean_number(c) for c in cells]
    present = [c for c in cleaned if not is_missing(c)]
    dot_ok = sum(parse_dot(c) is not None for c in present)
    comma_ok = sum(parse_comma(c) is not None for c in present)
    # Cells that only one convention accepts settle ties: "112,5" is a decimal comma, "1,234.5" a point.
    only_comma = sum(parse_comma(c) is not None and parse_dot(c) is None for c in present)
    only_dot = sum(parse_dot(c) is not None and parse_comma(c) is None for c in present)
    if comma_ok > dot_ok or (comma_ok == dot_ok and (only_comma > only_dot or (only_comma == only_dot and prefer_comma))):
        parse, mark = parse_comma, ","
    else:
        parse, mark = parse_dot, "."
    values = np.full(len(cells), np.nan)
    bad = []
    for k, c in enumerate(cleaned):
        if is_missing(c):
            continue
        v = parse(c)
        if v is None:
            bad.append(cells[k])
        else:
            values[k] = v
    return values, bad, mark


def check_magnitude(values: np.ndarray, column: str) -> None:
    """Raise :class:`DataError` ``not_finite`` if any of ``values`` (N,) is infinite or at least
    :data:`MAX_MAGNITUDE` in size, ``too_small`` if some value is not 0 but every one is below
    :data:`MIN_MAGNITUDE` in size (NaN, a missing value, passes; all zeros is the "constant" check's)."""
    too_large = np.isinf(values) | (np.abs(np.nan_to_num(values)) >= MAX_MAGNITUDE)
    if too_large.any():
        example = f"{float(values[np.flatnonzero(too_large)[0]]):g}"
        raise DataError("not_finite", column=column, example=example, limit=MAX_MAGNITUDE_TEXT)
    sizes = np.abs(values[np.isfinite(values)])
    largest = float(sizes.max()) if sizes.size else 0.0
    if 0.0 < largest < MIN_MAGNITUDE:
        raise DataError("too_small", column=column, example=f"{largest:g}", limit=MIN_MAGNITUDE_TEXT)
