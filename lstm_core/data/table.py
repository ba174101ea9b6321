"""CSV bytes -> :class:`Table`: decode (UTF-8, BOM, UTF-16, Latin-1; refuse binaries), sniff the
delimiter, find the header, and classify each column as dates, numbers or text."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lstm_core.data.dates import consecutive_years, date_mask, parse_dates, year_column, year_dates, years_named
from lstm_core.data.errors import DataError, Note
from lstm_core.data.numbers import clean_number, is_missing, parse_comma, parse_dot, parse_numbers

FIELD_LIMIT = 1 << 30
"""Python's csv module refuses a cell longer than 131,072 characters (``csv.field_size_limit``),
which a spreadsheet's one long row, or a long text cell, can pass. The limit is process-wide; it is
raised once, here, never lowered (an upload is at most a few MB, a file read by the command fits
in memory)."""
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))


@dataclass(frozen=True)
class Table:
    """A CSV file read into text cells, with what was found about its columns.

    frame: every cell as text (index 0..N-1), columns named from the header (or "column k").
    numeric: columns that hold numbers (in file order), mapped to their parsed values (N,).
    dates: columns that hold dates, mapped to their parsed dates (N,) (NaT where unreadable).
    date_column, value_column: the default choice (date may be None; value None when the only
    numbers are a row counter such as ``index``: the person has to pick it).
    """

    frame: pd.DataFrame
    delimiter: str
    encoding: str
    has_header: bool
    numeric: dict[str, np.ndarray]
    bad_cells: dict[str, list[str]]
    dates: dict[str, pd.DatetimeIndex]
    date_column: str | None
    value_column: str | None
    notes: tuple[Note, ...]

    @property
    def columns(self) -> list[str]:
        return list(self.frame.columns)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). Raises :class:`DataError` ``empty`` or ``binary``."""
    if not data or not data.strip():
        raise DataError("empty")
    head = data[:8192]
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\x1f\x8b")):
        raise DataError("binary")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise DataError("binary") from None
    control = sum(b < 32 and b not in (9, 10, 13) for b in head)
    if b"\x00" in head or control > len(head) * 0.05:
        raise DataError("binary")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the first lines into the most consistent number (> 1) of fields."""
    best, best_score = ",", (0.0, 0)
    for delim in ("\t", ";", "|", ","):
        counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        if modal < 2:
            continue
        score = (counts.count(modal) / len(counts), 1)
        if score > best_score:
            best, best_score = delim, score
    return best


def _is_value_cell(cell: str) -> bool:
    c = clean_number(cell)
    if is_missing(c):
        return True
    if parse_dot(c) is not None or parse_comma(c) is not None:
        return True
    return parse_dates([c])[1] is not None


def _present_values(cells: list[str]) -> tuple[int, int]:
    """(cells not missing that :func:`_is_value_cell` accepts, cells not missing) of a column, with
    the dates tried once per format instead of once per cell."""
    cleaned = [clean_number(c) for c in cells]
    present = np.array([not is_missing(c) for c in cells], dtype=bool)
    value = np.array([is_missing(c) or parse_dot(c) is not None or parse_comma(c) is not None for c in cleaned],
                     dtype=bool)
    rest = np.flatnonzero(present & ~value)
    if rest.size:
        value[rest] = date_mask([cleaned[k] for k in rest])
    return int((value & present).sum()), int(present.sum())


def looks_like_index(values: np.ndarray) -> bool:
    """0..N-1 or 1..N: a row counter, not a measurement."""
    n = len(values)
    return n > 1 and not np.isnan(values).any() and (
        np.array_equal(values, np.arange(n)) or np.array_equal(values, np.arange(1, n + 1))
    )


ROW_NUMBER_NAMES = frozenset({
    "", "index", "idx", "id", "#", "t", "n", "no", "no.", "nr", "nº", "n°", "row", "rows", "rownum", "row number",
    "obs", "linha", "índice", "indice", "número", "numero",
})
"""Headers a column of row numbers goes by (lower-cased), besides pandas' ``Unnamed: k``."""


def index_named(name: str) -> bool:
    """A header that names a row counter: blank, "index", "t", "#", "id", "Unnamed: 0", ..."""
    name = name.strip().lower()
    return name in ROW_NUMBER_NAMES or re.fullmatch(r"unnamed: \d+", name) is not None


_UNDEFINED = frozenset({"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "-nan", "+nan",
                        "#num!", "#div/0!", "#value!", "#ref!", "∞", "-∞"})
"""Cells that name a number no series can use (infinite, undefined, a spreadsheet's error)."""


def undefined_cell(cell: str) -> bool:
    return cell.strip().lower() in _UNDEFINED


def read_table(data: bytes) -> Table:
    """CSV bytes -> :class:`Table`. Raises :class:`DataError` for what cannot be a table of numbers.

    Besides one row per date, reads a series written along its lines (:func:`_along_lines`: one
    line of values, perhaps with a label first, perhaps beside a line of dates), and leaves out
    title lines above the table (:func:`_preamble`).
    """
    text, encoding = decode(data)
    notes: list[Note] = []
    if encoding == "latin-1":
        notes.append(Note("encoding_latin1"))
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise DataError("empty")
    delimiter = sniff_delimiter(lines[:50])
    try:
        rows = list(csv.reader(lines, delimiter=delimiter))
    except csv.Error as exc:
        raise DataError("unreadable", detail=str(exc)) from None
    if len(rows) == 1 and len(rows[0]) == 1 and len(rows[0][0].split()) > 1:
        rows = [rows[0][0].split()]  # one line of values separated by spaces
    along = _along_lines(rows)
    if along is not None:
        names, body_rows = along
        has_header = not all(name.startswith("line ") for name in names)
        notes.append(Note("across"))
    else:
        skipped = _preamble(rows)
        if skipped:
            notes.append(Note("preamble", {"count": skipped, "example": _clip(rows[0][0], 30)}))
            rows = rows[skipped:]
        names, body_rows, has_header = _down_columns(rows, notes)
    if not body_rows or (len(rows) == 1 and along is None
                         and not any(_is_value_cell(c) and not is_missing(c) for c in rows[0])):
        if len(lines) == 1 and len(lines[0]) > LONG_LINE:
            raise DataError("long_line", length=len(lines[0]))
        raise DataError("empty")
    frame = pd.DataFrame(body_rows, columns=names, dtype=object)
    prefer_comma = delimiter == ";"

    dates: dict[str, pd.DatetimeIndex] = {}
    numeric: dict[str, np.ndarray] = {}
    bad_cells: dict[str, list[str]] = {}
    for name in names:
        cells = frame[name].astype(str).tolist()
        present = [c for c in cells if not is_missing(c)]
        parsed, fmt = parse_dates(cells, allow_years=years_named(name) or consecutive_years(cells))
        n_dates = int(parsed.notna().sum())
        values, bad, _ = parse_numbers(cells, prefer_comma)
        n_values = int(np.isfinite(values).sum()) + int(np.isinf(values).sum())
        is_year_like = fmt == "%Y" or (
            n_values and n_dates == n_values and fmt in ("%Y%m%d",)
        )
        if present and n_dates >= 0.8 * len(present) and (n_values < 0.8 * len(present) or is_year_like or year_column(name, values)):
            dates[name] = year_dates(values) if year_column(name, values) and fmt != "%Y" else parsed
            continue
        if present and n_values >= 0.8 * len(present) and n_values > 0:
            numeric[name] = values
            bad_cells[name] = bad
        elif not present and name.strip():
            numeric[name] = values  # an empty column: kept so choosing it gives "all_missing"
            bad_cells[name] = []
    # A leftover index column (blank or "Unnamed: 0" header, values 0..N-1 or 1..N) is not a series.
    for name in list(numeric):
        header_like_index = (not has_header) or index_named(name) or name.startswith("column ")
        if header_like_index and looks_like_index(numeric[name]) and len(numeric) > 1:
            del numeric[name]
            notes.append(Note("index_dropped", {"column": name}))
    date_column = next(iter(dates), None)
    value_column = _value_column(frame, names, numeric, dates)
    return Table(frame, delimiter, encoding, has_header, numeric, bad_cells, dates, date_column, value_column, tuple(notes))


LONG_LINE = 131_072
"""A line longer than this (Python's csv module's own limit for one cell, lifted here) that holds
no values is refused with a sentence of its own rather than called empty."""
MAX_ALONG_LINES = 3
"""A file of at most this many lines, each longer than the file is tall, holds its series along the
lines: one line of values, or a line of dates and a line of values (either order), each perhaps
with a label first."""
MAX_COLUMNS = 1_000
"""A table of more columns than this is refused (each column is read for dates and numbers)."""
MAX_PREAMBLE = 10
"""At most this many title lines above a table are left out."""


def _clip(text: str, length: int) -> str:
    text = text.strip()
    return text if len(text) <= length else text[: length - 1] + "…"


def _down_columns(rows: list[list[str]], notes: list[Note]) -> tuple[list[str], list[list[str]], bool]:
    """The usual layout, one row per date: (column names, body rows, whether row 1 is a header).

    The table is as wide as its first row or the widest row that another row matches: a stray line
    of many cells (35,000 in one long line) is cut to that width rather than widening every row.
    Raises ``too_wide`` past :data:`MAX_COLUMNS`.
    """
    widths = [len(r) for r in rows]
    shared = [w for w, count in Counter(widths).items() if count >= 2]
    width = max([widths[0], *shared])
    if width > MAX_COLUMNS:
        raise DataError("too_wide", columns=width, limit=MAX_COLUMNS)
    rows = [r[:width] + [""] * (width - len(r)) for r in rows]
    # A trailing delimiter on every line leaves an empty last column: drop it.
    while width > 1 and all(not r[-1].strip() for r in rows):
        rows = [r[:-1] for r in rows]
        width -= 1
    first, rest = rows[0], rows[1:]
    has_header = False
    if rest:
        for j, cell in enumerate(first):
            if not cell.strip() or _is_value_cell(cell):
                continue
            body_values, body_present = _present_values([r[j] for r in rest[:200]])
            if body_values and body_values >= 0.8 * max(1, body_present):
                has_header = True
                break
        # A row of names above a column without usable values ("", "reading" over 0, 1, 2 ... and inf, NaN):
        # no cell of it is a value, and some column below holds values.
        if not has_header and any(c.strip() for c in first) and not any(_is_value_cell(c) for c in first if c.strip()):
            has_header = any(
                counts[0] and counts[0] >= 0.8 * counts[1]
                for counts in (_present_values([r[j] for r in rest[:200]]) for j in range(width))
            )
    if has_header:
        return _unique_names([c.strip() for c in first]), rest, True
    notes.append(Note("no_header"))
    return [f"column {k + 1}" for k in range(width)], rows, False


def _along_lines(rows: list[list[str]]) -> tuple[list[str], list[list[str]]] | None:
    """A series written along the lines, as (column names, body rows) with each line turned into a
    column; None when the file is laid out in columns (or holds no values along its lines).

    Up to :data:`MAX_ALONG_LINES` lines, at least one with more cells than the file has lines and
    at least two values besides its label. A first cell that is not a value (a number or a date)
    is the line's label, its column's name; a line that holds only a label names the line below.
    """
    if not 1 <= len(rows) <= MAX_ALONG_LINES:
        return None
    lines: list[tuple[str | None, list[str]]] = []
    pending = None
    for row in rows:
        cells = list(row)
        while cells and not cells[-1].strip():
            cells.pop()  # a trailing delimiter
        if not cells:
            continue
        label = None
        if cells[0].strip() and not _is_value_cell(cells[0]):
            label, cells = cells[0].strip(), cells[1:]
        if not cells:
            pending = label
            continue
        lines.append((label or pending, cells))
        pending = None
    longest = max((len(cells) for _, cells in lines), default=0)
    if longest <= len(rows) or not any(_present_values(cells)[0] >= 2 for _, cells in lines):
        return None
    names = _unique_names([_clip(label, MAX_NAME) if label else f"line {k + 1}" for k, (label, _) in enumerate(lines)])
    columns = [cells + [""] * (longest - len(cells)) for _, cells in lines]
    return names, [list(r) for r in zip(*columns)]


def _preamble(rows: list[list[str]]) -> int:
    """How many title lines open the file ("Category: All categories", "Report of 2024-01,,,"): lines
    whose one cell (the first) is not a value, above a table whose rows have at least two cells."""
    def filled(row: list[str]) -> list[int]:
        return [j for j, c in enumerate(row) if c.strip()]

    counts = [len(filled(r)) for r in rows[:50]]
    if max(set(counts), key=counts.count) < 2:
        return 0
    k = 0
    while k < min(MAX_PREAMBLE, len(rows) - 1) and filled(rows[k]) == [0] and not _is_value_cell(rows[k][0]):
        k += 1
    return k if k < len(rows) and len(filled(rows[k])) >= 2 else 0


def _value_column(frame: pd.DataFrame, names: list[str], numeric: dict[str, np.ndarray],
                  dates: dict[str, pd.DatetimeIndex]) -> str | None:
    """The default value column: the first column of numbers that is not a row counter.

    Without one, the column meant to hold the values, so that choosing it says what it holds
    instead: the first with no usable number (only inf/NaN, or empty), else, beside row numbers,
    the last column of text. A lone counter whose header does not name one (``Value``: 1, 2, 3 ...)
    is the series; a counter named so (``index``, ``t``, ...) is taken only when the person picks
    it: then None. Raises ``no_numeric`` when no column holds a number at all.
    """
    finite = [n for n in numeric if np.isfinite(numeric[n]).any()]
    measured = [n for n in finite if not looks_like_index(numeric[n])]
    if measured:
        return measured[0]
    others = [n for n in names if n not in dates and n not in finite and n.strip()]

    def unusable(name: str) -> bool:
        cells = [c for c in frame[name].astype(str) if c.strip() and not is_missing(c) or undefined_cell(c)]
        return name in numeric or all(undefined_cell(c) for c in cells)

    empty = next((n for n in others if unusable(n)), None)
    if empty is not None:
        return empty
    if finite and others:
        return others[-1]
    if finite:
        lone = finite[0]
        return None if index_named(lone) and len(finite) == 1 else lone
    raise DataError("no_numeric")


MAX_NAME = 80
"""Longer header cells are cut to this many characters (a column's name is shown in a list)."""


def _unique_names(names: list[str]) -> list[str]:
    out, seen = [], {}
    for k, name in enumerate(names):
        name = _clip(name, MAX_NAME) or ("index" if k == 0 else f"column {k + 1}")
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 0
        out.append(name)
    return out
