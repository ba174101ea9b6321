"""CSV bytes -> :class:`Table`: decode (UTF-8, BOM, UTF-16, Latin-1; refuse binaries), sniff the
delimiter, find the header, and classify each column as dates, numbers or text."""

from __future__ import annotations

import csv
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lstm_core.data.dates import consecutive_years, date_mask, parse_dates, year_column, year_dates, years_named
from lstm_core.data.errors import DataError, Note
from lstm_core.data.numbers import check_magnitude, clean_number, is_missing, parse_comma, parse_dot, parse_numbers


@dataclass(frozen=True)
class Table:
    """A CSV file read into text cells, with what was found about its columns.

    frame: every cell as text (index 0..N-1), columns named from the header (or "column k").
    numeric: columns that hold numbers (in file order), mapped to their parsed values (N,).
    dates: columns that hold dates, mapped to their parsed dates (N,) (NaT where unreadable).
    date_column, value_column: the default choice (date may be None).
    """

    frame: pd.DataFrame
    delimiter: str
    encoding: str
    has_header: bool
    numeric: dict[str, np.ndarray]
    bad_cells: dict[str, list[str]]
    dates: dict[str, pd.DatetimeIndex]
    date_column: str | None
    value_column: str
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


def read_table(data: bytes) -> Table:
    """CSV bytes -> :class:`Table`. Raises :class:`DataError` for what cannot be a table of numbers."""
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
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
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
    if has_header:
        names = _unique_names([c.strip() for c in first])
        body_rows = rest
    else:
        names = [f"column {k + 1}" for k in range(width)]
        body_rows = rows
        notes.append(Note("no_header"))
    if not body_rows or (len(rows) == 1 and not any(_is_value_cell(c) and not is_missing(c) for c in rows[0])):
        raise DataError("empty")
    frame = pd.DataFrame(body_rows, columns=names, dtype=object)
    prefer_comma = delimiter == ";"

    dates: dict[str, pd.DatetimeIndex] = {}
    numeric: dict[str, np.ndarray] = {}
    bad_cells: dict[str, list[str]] = {}
    for name in names:
        cells = frame[name].astype(str).tolist()
        present = [c for c in cells if not is_missing(c)]
        if not present:
            numeric_all_missing = True
        else:
            numeric_all_missing = False
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
        elif numeric_all_missing and name.strip():
            numeric[name] = values  # an empty column: kept so choosing it gives "all_missing"
            bad_cells[name] = []
    # A leftover index column (blank or "Unnamed: 0" header, values 0..N-1 or 1..N) is not a series.
    for name in list(numeric):
        header_like_index = (not has_header) or name.lower() in ("", "index", "unnamed: 0", "id", "#") or name.startswith("column ")
        if header_like_index and looks_like_index(numeric[name]) and len(numeric) > 1:
            del numeric[name]
            notes.append(Note("index_dropped", {"column": name}))
    candidates = [n for n in numeric if np.isfinite(numeric[n]).any()]
    if not candidates:
        for name, values in numeric.items():  # a column of 1e309 (read as inf) says so, not "no numbers"
            check_magnitude(values, name)
        empty = next(iter(numeric), None)
        if empty is not None and dates:
            raise DataError("all_missing", column=empty)
        raise DataError("no_numeric")
    date_column = next(iter(dates), None)
    # Prefer a column of measurements over a counter (0, 1, 2, ... or 1, 2, 3, ...).
    value_column = next((n for n in candidates if not looks_like_index(numeric[n])), candidates[0])
    return Table(frame, delimiter, encoding, has_header, numeric, bad_cells, dates, date_column, value_column, tuple(notes))


def _unique_names(names: list[str]) -> list[str]:
    out, seen = [], {}
    for k, name in enumerate(names):
        name = name or ("index" if k == 0 else f"column {k + 1}")
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 0
        out.append(name)
    return out
