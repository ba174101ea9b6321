"""Uploaded CSV bytes -> a validated, regular time series.

Reads what spreadsheets export: comma, semicolon, tab or pipe delimiters; decimal commas
and thousands separators (``1.234,5``); UTF-8 (with or without BOM) or Latin-1 text;
a leftover index column; a header row or none; dates as ISO, dd/mm/yyyy or yyyy-mm;
text columns beside the numbers.

Two steps, so a page can let the person choose the columns in between:

* :func:`read_table` bytes -> :class:`Table` (cells parsed, candidate date/value columns found)
* :func:`build_series` table + column choice -> :class:`SeriesData` (sorted, duplicates averaged,
  small gaps interpolated, frequency and seasonal period detected), each repair recorded as a
  :class:`Note`.

What cannot be a series raises :class:`DataError`: one sentence saying what is wrong and what
to do, with a ``code`` (and ``params``) so a page can show the sentence in its own language.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MIN_POINTS = 8
"""Fewer points than this cannot be a series worth forecasting."""
MAX_POINTS = 20_000
"""More points than this train too slowly on a shared server."""
MAX_GAP_FRACTION = 0.2
"""Gaps are filled by interpolation when at most this share of the dates is missing ..."""
MAX_GAP_RUN = 3
"""... and no single gap is longer than this many points (or one season, whichever is longer)."""

FREQUENCIES: dict[str, int | None] = {
    "hourly": 24,
    "daily": 7,
    "weekly": 52,
    "monthly": 12,
    "quarterly": 4,
    "yearly": None,
}
"""Detected frequency -> default seasonal period (None: no season)."""

_MISSING = {"", "na", "n/a", "nan", "null", "none", "-", "--", "#n/a", "#na", "?", "missing", "nd"}


# --- errors and notes -------------------------------------------------------------------------

_ERRORS: dict[str, str] = {
    "empty": "The file is empty: choose a CSV file with one row per date and a column of numbers.",
    "binary": (
        "This file is not text (it looks like a spreadsheet or another binary file): "
        "save it as CSV (File > Save as > CSV) and upload that."
    ),
    "unreadable": "The file could not be read as CSV ({detail}): save it again as CSV with one row per date.",
    "no_numeric": (
        "No column holds numbers: the series needs a column of values such as 112 or 1.234,5."
    ),
    "column_missing": "There is no column named '{column}': choose one of {choices}.",
    "not_numeric": "Column '{column}' does not hold numbers: choose a column of values.",
    "all_missing": "Column '{column}' has no values at all: fill it in or choose another column.",
    "dates_unreadable": (
        "The dates in column '{column}' could not be read (e.g. '{example}'): "
        "write them as 2024-01-31, 31/01/2024 or 2024-01, or choose no date column."
    ),
    "too_short": (
        "The series has only {n} points: a forecast needs at least {needed}; upload a longer series."
    ),
    "too_long": (
        "The series has {n} points, more than the {limit} this app trains on: "
        "aggregate it (e.g. daily to weekly) and upload it again."
    ),
    "constant": "Every value is the same ({value}): there is nothing to forecast; choose a column that varies.",
    "not_finite": "Column '{column}' holds values too large to use: keep values below 1e300.",
    "too_short_for_settings": (
        "The series has {n} points, but a window of {window} and a hold-out of {holdout} need at least {needed}: "
        "reduce the window or the hold-out, or upload a longer series."
    ),
    "log_nonpositive": "The log transform needs values above 0, but the series has {value}: turn the log transform off.",
    "bad_setting": "The setting {name} must be {expected}, not {value}: change it and try again.",
}


class DataError(ValueError):
    """Input that cannot become a series. ``str(err)`` is one actionable English sentence;
    ``code`` names the kind (a key of the page's translations) and ``params`` fills it in."""

    def __init__(self, code: str, **params: object) -> None:
        if code not in _ERRORS:
            raise KeyError(f"unknown DataError code {code!r}")
        self.code = code
        self.params = params
        super().__init__(_ERRORS[code].format(**params))


_NOTES: dict[str, str] = {
    "encoding_latin1": "The file is not UTF-8; it was read as Latin-1.",
    "index_dropped": "Column '{column}' looks like a leftover row index and was ignored.",
    "no_header": "The file has no header row; its columns are named column 1, column 2, ...",
    "bad_cells": "{count} cells of '{column}' are not numbers (e.g. '{example}') and were treated as missing.",
    "sorted": "The rows were not in date order; they were sorted by date.",
    "bad_dates": "{count} rows had no readable date (e.g. '{example}') and were left out.",
    "duplicates": "{count} dates appeared more than once; their values were averaged.",
    "gaps_filled": "{count} missing dates were filled by linear interpolation.",
    "missing_filled": "{count} missing values were filled by linear interpolation.",
    "edges_trimmed": "{count} empty values at the start or end were left out (nothing to interpolate from).",
    "gaps_kept": (
        "{count} dates are missing, too many to fill; the rows are used in order as if consecutive."
    ),
    "irregular": "The dates are not evenly spaced; the rows are used in order as if consecutive.",
}


@dataclass(frozen=True)
class Note:
    """A repair made to the data, shown to the person: ``code`` + ``params`` (English via ``str``)."""

    code: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return _NOTES[self.code].format(**self.params)


# --- numbers ------------------------------------------------------------------------------------

_DOT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$")
"""1234.5, 1,234.5, .5, 1e3 (decimal point, comma thousands)."""
_COMMA = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)?(,\d+)?([eE][+-]?\d+)?$")
"""1234,5, 1.234,5, ,5 (decimal comma, point thousands)."""
_SPACES = re.compile(r"(?<=\d)[\s\u00a0\u202f'](?=\d{3})")


def _clean_number(cell: str) -> str:
    cell = cell.strip().replace("\u2212", "-")
    return _SPACES.sub("", cell)


def _is_missing(cell: str) -> bool:
    return cell.strip().lower() in _MISSING


def _parse_dot(cell: str) -> float | None:
    if not _DOT.match(cell) or not re.search(r"\d", cell):
        return None
    return float(cell.replace(",", ""))


def _parse_comma(cell: str) -> float | None:
    if not _COMMA.match(cell) or not re.search(r"\d", cell):
        return None
    return float(cell.replace(".", "").replace(",", "."))


def parse_numbers(cells: list[str], prefer_comma: bool = False) -> tuple[np.ndarray, list[str], str]:
    """Cells -> (values (N,) float64 with NaN for missing/unparseable, unparseable cells, decimal mark).

    The decimal mark ("." or ",") is chosen per column: the one under which more cells parse;
    when both parse equally (e.g. every cell is like 1.234), ``prefer_comma`` decides.
    """
    cleaned = [_clean_number(c) for c in cells]
    present = [c for c in cleaned if not _is_missing(c)]
    dot_ok = sum(_parse_dot(c) is not None for c in present)
    comma_ok = sum(_parse_comma(c) is not None for c in present)
    # Cells that only one convention accepts settle ties: "112,5" is a decimal comma, "1,234.5" a point.
    only_comma = sum(_parse_comma(c) is not None and _parse_dot(c) is None for c in present)
    only_dot = sum(_parse_dot(c) is not None and _parse_comma(c) is None for c in present)
    if comma_ok > dot_ok or (comma_ok == dot_ok and (only_comma > only_dot or (only_comma == only_dot and prefer_comma))):
        parse, mark = _parse_comma, ","
    else:
        parse, mark = _parse_dot, "."
    values = np.full(len(cells), np.nan)
    bad = []
    for k, c in enumerate(cleaned):
        if _is_missing(c):
            continue
        v = parse(c)
        if v is None:
            bad.append(cells[k])
        else:
            values[k] = v
    return values, bad, mark


# --- dates --------------------------------------------------------------------------------------

_DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%m/%d/%Y",
    "%m/%d/%Y %H:%M",
    "%Y/%m/%d",
    "%Y-%m",
    "%Y/%m",
    "%m/%Y",
    "%Y%m%d",
)


def _ns(dates: pd.DatetimeIndex) -> np.ndarray:
    """Nanoseconds since the epoch, whatever the index's unit (pandas 3 keeps s, ms, us or ns)."""
    return np.asarray(dates.values.astype("datetime64[ns]").astype(np.int64))


def parse_dates(cells: list[str], allow_years: bool = False) -> tuple[pd.DatetimeIndex, str | None]:
    """Cells -> (dates with NaT for unreadable cells, the format used or None).

    Tries each of :data:`_DATE_FORMATS` (dd/mm before mm/dd: the issue's users are Brazilian and
    European) and keeps the one that reads the most cells; a column of years 1000-2999 reads as years.
    """
    stripped = pd.Series([c.strip() for c in cells], dtype=object)
    present = stripped[~stripped.map(_is_missing)]
    if present.empty:
        return pd.DatetimeIndex([pd.NaT] * len(cells)), None
    best, best_format, best_count = None, None, 0
    for fmt in _DATE_FORMATS:
        parsed = pd.to_datetime(stripped, format=fmt, errors="coerce")
        count = int(parsed.notna().sum())
        if count > best_count:
            best, best_format, best_count = parsed, fmt, count
        if count == len(present):
            break
    if allow_years and best_count < len(present) and present.str.fullmatch(r"[12]\d{3}").all():
        return pd.DatetimeIndex(pd.to_datetime(stripped, format="%Y", errors="coerce")), "%Y"
    if best is None:
        return pd.DatetimeIndex([pd.NaT] * len(cells)), None
    return pd.DatetimeIndex(best), best_format


# --- the table ----------------------------------------------------------------------------------


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


def _decode(data: bytes) -> tuple[str, str]:
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


def _sniff_delimiter(lines: list[str]) -> str:
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
    c = _clean_number(cell)
    if _is_missing(c):
        return True
    if _parse_dot(c) is not None or _parse_comma(c) is not None:
        return True
    return parse_dates([c])[1] is not None


def _looks_like_index(values: np.ndarray) -> bool:
    n = len(values)
    return n > 1 and not np.isnan(values).any() and (
        np.array_equal(values, np.arange(n)) or np.array_equal(values, np.arange(1, n + 1))
    )


def read_table(data: bytes) -> Table:
    """CSV bytes -> :class:`Table`. Raises :class:`DataError` for what cannot be a table of numbers."""
    text, encoding = _decode(data)
    notes: list[Note] = []
    if encoding == "latin-1":
        notes.append(Note("encoding_latin1"))
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise DataError("empty")
    delimiter = _sniff_delimiter(lines[:50])
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
            body = [r[j] for r in rest[:200]]
            body_values = sum(_is_value_cell(c) and not _is_missing(c) for c in body)
            if cell.strip() and not _is_value_cell(cell) and body_values >= 0.8 * max(1, sum(not _is_missing(c) for c in body)) and body_values:
                has_header = True
                break
    if has_header:
        names = _unique_names([c.strip() for c in first])
        body_rows = rest
    else:
        names = [f"column {k + 1}" for k in range(width)]
        body_rows = rows
        notes.append(Note("no_header"))
    if not body_rows or (len(rows) == 1 and not any(_is_value_cell(c) and not _is_missing(c) for c in rows[0])):
        raise DataError("empty")
    frame = pd.DataFrame(body_rows, columns=names, dtype=object)
    prefer_comma = delimiter == ";"

    dates: dict[str, pd.DatetimeIndex] = {}
    numeric: dict[str, np.ndarray] = {}
    bad_cells: dict[str, list[str]] = {}
    for name in names:
        cells = frame[name].astype(str).tolist()
        present = [c for c in cells if not _is_missing(c)]
        if not present:
            numeric_all_missing = True
        else:
            numeric_all_missing = False
        parsed, fmt = parse_dates(cells, allow_years=_years_named(name) or _consecutive_years(cells))
        n_dates = int(parsed.notna().sum())
        values, bad, _ = parse_numbers(cells, prefer_comma)
        n_values = int(np.isfinite(values).sum()) + int(np.isinf(values).sum())
        is_year_like = fmt == "%Y" or (
            n_values and n_dates == n_values and fmt in ("%Y%m%d",)
        )
        if present and n_dates >= 0.8 * len(present) and (n_values < 0.8 * len(present) or is_year_like or _year_column(name, values)):
            dates[name] = _year_dates(values) if _year_column(name, values) and fmt != "%Y" else parsed
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
        if header_like_index and _looks_like_index(numeric[name]) and len(numeric) > 1:
            del numeric[name]
            notes.append(Note("index_dropped", {"column": name}))
    candidates = [n for n in numeric if np.isfinite(numeric[n]).any()]
    if not candidates:
        empty = next(iter(numeric), None)
        if empty is not None and dates:
            raise DataError("all_missing", column=empty)
        raise DataError("no_numeric")
    date_column = next(iter(dates), None)
    # Prefer a column of measurements over a counter (0, 1, 2, ... or 1, 2, 3, ...).
    value_column = next((n for n in candidates if not _looks_like_index(numeric[n])), candidates[0])
    return Table(frame, delimiter, encoding, has_header, numeric, bad_cells, dates, date_column, value_column, tuple(notes))


def _years_named(name: str) -> bool:
    return bool(re.fullmatch(r"(year|years|ano|anos|jahr|año|annee|année)", name.strip().lower()))


def _consecutive_years(cells: list[str]) -> bool:
    """Cells 1950, 1951, 1952, ...: a column of years even without a telling header."""
    try:
        years = [int(c.strip()) for c in cells if not _is_missing(c)]
    except ValueError:
        return False
    return len(years) > 2 and all(1000 <= y < 3000 for y in years) and all(b - a == 1 for a, b in zip(years, years[1:]))


def _year_column(name: str, values: np.ndarray) -> bool:
    """A numeric column named like 'year'/'ano' holding whole years 1000-2999."""
    if not _years_named(name):
        return False
    finite = values[np.isfinite(values)]
    return finite.size > 0 and bool(np.all((finite == np.round(finite)) & (finite >= 1000) & (finite < 3000)))


def _year_dates(values: np.ndarray) -> pd.DatetimeIndex:
    return pd.DatetimeIndex([pd.Timestamp(year=int(v), month=1, day=1) if np.isfinite(v) else pd.NaT for v in values])


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


# --- the series ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesData:
    """A regular series ready to forecast.

    values: (T,) float64, no NaN.
    dates: (T,) DatetimeIndex, or None when the person chose no date column.
    frequency: a key of :data:`FREQUENCIES`, or None (no dates, or irregular dates).
    season_length: detected seasonal period (None: no season).
    name: the value column's name.
    notes: every repair made, in order.
    """

    values: np.ndarray
    dates: pd.DatetimeIndex | None
    frequency: str | None
    season_length: int | None
    name: str
    notes: tuple[Note, ...]

    def __len__(self) -> int:
        return len(self.values)

    def future_dates(self, horizon: int) -> pd.DatetimeIndex | None:
        """The ``horizon`` dates after the last one, at the detected frequency (None without one)."""
        if self.dates is None or self.frequency is None:
            return None
        return future_dates(self.dates[-1], self.frequency, horizon)


_OFFSETS = {
    "hourly": pd.DateOffset(hours=1),
    "daily": pd.DateOffset(days=1),
    "weekly": pd.DateOffset(weeks=1),
    "monthly": pd.DateOffset(months=1),
    "quarterly": pd.DateOffset(months=3),
    "yearly": pd.DateOffset(years=1),
}


def future_dates(last: pd.Timestamp, frequency: str, horizon: int) -> pd.DatetimeIndex:
    """``horizon`` dates after ``last`` at ``frequency``."""
    offset = _OFFSETS[frequency]
    return pd.DatetimeIndex([last + offset * k for k in range(1, horizon + 1)])


def detect_frequency(dates: pd.DatetimeIndex) -> str | None:
    """The frequency of sorted, distinct ``dates`` from the median spacing (None: irregular)."""
    if len(dates) < 3:
        return None
    days = float(np.median(np.diff(_ns(dates)))) / 86_400e9
    for name, low, high in (
        ("hourly", 0.9 / 24, 1.1 / 24),
        ("daily", 0.9, 1.1),
        ("weekly", 6.5, 7.5),
        ("monthly", 27.5, 31.5),
        ("quarterly", 88, 93),
        ("yearly", 360, 367),
    ):
        if low <= days <= high:
            return name
    return None


def _grid_positions(dates: pd.DatetimeIndex, frequency: str) -> np.ndarray:
    """Integer position of each date on the regular grid of ``frequency`` starting at the first date."""
    first = dates[0]
    if frequency in ("monthly", "quarterly", "yearly"):
        months = (dates.year - first.year) * 12 + (dates.month - first.month)
        step = {"monthly": 1, "quarterly": 3, "yearly": 12}[frequency]
        return np.round(np.asarray(months) / step).astype(np.int64)
    step_ns = {"hourly": 3_600e9, "daily": 86_400e9, "weekly": 7 * 86_400e9}[frequency]
    ns = _ns(dates)
    return np.round((ns - ns[0]) / step_ns).astype(np.int64)


def _interpolate(values: np.ndarray) -> np.ndarray:
    idx = np.arange(len(values))
    ok = np.isfinite(values)
    return np.interp(idx, idx[ok], values[ok])


def _longest_nan_run(values: np.ndarray) -> int:
    longest = run = 0
    for v in np.isnan(values):
        run = run + 1 if v else 0
        longest = max(longest, run)
    return longest


def build_series(table: Table, value_column: str | None = None, date_column: str | None | type = ...) -> SeriesData:
    """The series of ``value_column`` ordered by ``date_column`` (None: rows in file order).

    Defaults are the table's own choice. Sorts by date, averages duplicate dates, fills small gaps
    and missing values by linear interpolation (each repair is a :class:`Note`), detects the
    frequency and the seasonal period. Raises :class:`DataError` when this cannot be a series.
    """
    value_column = table.value_column if value_column is None else value_column
    if date_column is ...:
        date_column = table.date_column
    if value_column not in table.columns:
        raise DataError("column_missing", column=value_column, choices=", ".join(table.numeric) or "-")
    if value_column not in table.numeric:
        raise DataError("not_numeric", column=value_column)
    if date_column is not None and date_column not in table.columns:
        raise DataError("column_missing", column=date_column, choices=", ".join(table.dates) or "-")
    notes = list(table.notes)
    values = table.numeric[value_column].copy()
    if not np.isfinite(values).any() and not np.isinf(values).any():
        raise DataError("all_missing", column=value_column)
    if np.isinf(values).any():
        raise DataError("not_finite", column=value_column)
    bad = table.bad_cells.get(value_column, [])
    if bad:
        notes.append(Note("bad_cells", {"count": len(bad), "column": value_column, "example": bad[0][:30]}))

    dates = None
    frequency = None
    gaps = np.zeros(len(values), dtype=bool)
    if date_column is not None:
        if date_column in table.dates:
            parsed = table.dates[date_column]
        else:
            parsed, _ = parse_dates(table.frame[date_column].astype(str).tolist())
        cells = table.frame[date_column].astype(str).tolist()
        if parsed.notna().sum() < 0.5 * len(parsed) or not parsed.notna().any():
            example = next((c for c, d in zip(cells, parsed) if pd.isna(d) and c.strip()), cells[0] if cells else "")
            raise DataError("dates_unreadable", column=date_column, example=example[:30])
        undated = parsed.isna()
        if undated.any():
            example = next((c for c, d in zip(cells, undated) if d), "")
            notes.append(Note("bad_dates", {"count": int(undated.sum()), "example": example[:30]}))
        frame = pd.DataFrame({"date": parsed[~undated], "value": values[~np.asarray(undated)]})
        if not frame["date"].is_monotonic_increasing:
            notes.append(Note("sorted"))
            frame = frame.sort_values("date", kind="stable")
        duplicated = int(frame["date"].duplicated().sum())
        if duplicated:
            notes.append(Note("duplicates", {"count": duplicated}))
            frame = frame.groupby("date", as_index=False, sort=True)["value"].mean()
        dates = pd.DatetimeIndex(frame["date"])
        values = frame["value"].to_numpy(dtype=np.float64)
        frequency = detect_frequency(dates)
        if frequency is None and len(dates) >= 3:
            notes.append(Note("irregular"))
        elif frequency is not None:
            positions = _grid_positions(dates, frequency)
            if len(np.unique(positions)) < len(positions):  # two dates in one period (e.g. one month)
                grid_frame = pd.DataFrame({"pos": positions, "value": values}).groupby("pos")["value"].mean()
                positions, values = grid_frame.index.to_numpy(), grid_frame.to_numpy()
                dates = pd.DatetimeIndex([dates[0] + _OFFSETS[frequency] * int(p) for p in positions])
            length = int(positions[-1]) + 1
            missing = length - len(positions)
            if missing:
                full = np.full(length, np.nan)
                full[positions] = values
                season = FREQUENCIES[frequency] or 1
                if missing <= MAX_GAP_FRACTION * length and _longest_nan_run(full) <= max(MAX_GAP_RUN, season):
                    notes.append(Note("gaps_filled", {"count": missing}))
                    gaps = np.ones(length, dtype=bool)
                    gaps[positions] = False
                    values = full  # NaNs filled below with the missing values
                    dates = pd.DatetimeIndex([dates[0] + _OFFSETS[frequency] * k for k in range(length)])
                else:
                    notes.append(Note("gaps_kept", {"count": missing}))
                    frequency = None
    values, keep, fill_notes = _fill_missing(values, value_column, gaps)
    notes.extend(fill_notes)
    if dates is not None:
        dates = dates[keep]
    if len(values) < MIN_POINTS:
        raise DataError("too_short", n=len(values), needed=MIN_POINTS)
    if len(values) > MAX_POINTS:
        raise DataError("too_long", n=len(values), limit=MAX_POINTS)
    if np.ptp(values) == 0:
        raise DataError("constant", value=f"{values[0]:g}")
    season = FREQUENCIES.get(frequency) if frequency else detect_season(values)
    if season is not None and len(values) < 2 * season:
        season = None
    return SeriesData(values.astype(np.float64), dates, frequency, season, value_column, tuple(notes))


def _fill_missing(values: np.ndarray, column: str, gaps: np.ndarray) -> tuple[np.ndarray, slice, list[Note]]:
    """Trim NaNs at both ends, interpolate inner ones: (values, the slice kept, notes saying how many).

    ``gaps`` (T,) marks NaNs that are missing dates (already noted), not missing values.
    """
    notes: list[Note] = []
    ok = np.flatnonzero(np.isfinite(values))
    if ok.size == 0:
        raise DataError("all_missing", column=column)
    keep = slice(int(ok[0]), int(ok[-1]) + 1)
    trimmed = len(values) - (keep.stop - keep.start)
    if trimmed:
        notes.append(Note("edges_trimmed", {"count": trimmed}))
    inner = values[keep]
    n_missing = int((np.isnan(inner) & ~gaps[keep]).sum())
    if np.isnan(inner).any():
        inner = _interpolate(inner)
    if n_missing:
        notes.append(Note("missing_filled", {"count": n_missing}))
    return inner, keep, notes


def detect_season(values: np.ndarray, candidates: tuple[int, ...] = (4, 7, 12, 24, 52)) -> int | None:
    """A seasonal period for a series without dates: the candidate lag where the autocorrelation
    of the differenced series is highest, if it is above 0.3 and the series holds 3 full periods."""
    d = np.diff(np.asarray(values, dtype=np.float64))
    d = d - d.mean()
    denom = float(d @ d)
    if denom == 0:
        return None
    best, best_r = None, 0.3
    for lag in candidates:
        if 3 * lag > len(values):
            continue
        r = float(d[lag:] @ d[:-lag]) / denom
        if r > best_r:
            best, best_r = lag, r
    return best


def read_series(data: bytes, value_column: str | None = None, date_column: str | None | type = ...) -> SeriesData:
    """:func:`read_table` then :func:`build_series`: CSV bytes -> :class:`SeriesData`."""
    return build_series(read_table(data), value_column, date_column)
