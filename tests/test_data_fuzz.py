"""Fuzzing the CSV reader: any bytes give a series or the reader's own DataError, never another exception.

Kinds of input: raw bytes; CSV-shaped text built from the cells spreadsheets really write
(decimal commas, thousands separators, dates in several orders, missing markers, quotes, huge and
tiny numbers, HTML) in any delimiter, line ending and encoding; the files of tests/data with
bytes flipped, cut or repeated; lines longer than Python's csv field limit (a series along one
line, a long text cell, a line without delimiter) anywhere in a file; columns of inf, NaN and
spreadsheet errors beside row numbers; timestamps at regular spacings below a day. What comes back as a series must be usable as one, and reading
must not warn either: every warning (an overflow in the season check, say) fails the property.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lstm_core.data import (
    FREQUENCY_CHOICES,
    SPACINGS,
    MAX_POINTS,
    MIN_POINTS,
    DataError,
    SeriesData,
    build_series,
    read_series,
    read_table,
    step_seconds,
)

DATA = Path(__file__).parent / "data"
SAMPLES = sorted(DATA.glob("*.csv"))

CELLS = [
    "", " ", "1", "-2", "+3", "0", "-0", "112", "1.5", "1,5", "1.234,5", "1,234.5", "1 234", "1\u00a0234,5",
    "1e3", "1E-7", "1e308", "1e309", "-1e400", ".5", ",5", "5.", "nan", "NaN", "inf", "-Infinity", "NA", "n/a",
    "#N/A", "null", "?", "-", "--", "12%", "$3", "R$ 4,50", "3.14.15", "1,2,3", "0x1F", "١٢٣", "½",
    "2024-01-31", "31/01/2024", "01/31/2024", "2024-01", "1949", "2024-02-30", "2024-13-01", "31.12.1999",
    "2024-01-31T10:00", "Jan 2024", "9999-12-31", "0001-01-01", "1677-09-21", "2262-04-12",
    "date", "value", "Month", "Passengers", "year", "Unnamed: 0", "index",
    '"quoted, cell"', '"', '""', "'", "a;b", "a\tb", "a|b", "ção", "\u200b", "\ufeff", "\x00", "\x1a",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "=cmd|' /C calc'!A0", "x" * 300,
]
DELIMITERS = [",", ";", "\t", "|", " ", ":"]
NEWLINES = ["\n", "\r\n", "\r"]
ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"]


def check(data: bytes) -> None:
    """The property: a usable series, or DataError with a sentence; nothing else (not even a warning)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _check(data)


def _check(data: bytes) -> None:
    try:
        series = read_series(data)
    except DataError as exc:
        assert str(exc).strip(), f"empty DataError message for code {exc.code!r}"
        assert exc.code
        return
    assert isinstance(series, SeriesData)
    values = np.asarray(series.values)
    assert values.ndim == 1 and MIN_POINTS <= len(values) <= MAX_POINTS
    assert np.isfinite(values).all(), "a series came back with NaN or inf"
    if series.dates is not None:
        assert isinstance(series.dates, pd.DatetimeIndex) and len(series.dates) == len(values)
        assert series.dates.is_monotonic_increasing and not series.dates.hasnans
    for note in series.notes:
        assert str(note).strip()


@st.composite
def csv_text(draw) -> bytes:
    columns = draw(st.integers(1, 5))
    rows = draw(st.integers(0, 24))
    delimiter = draw(st.sampled_from(DELIMITERS))
    newline = draw(st.sampled_from(NEWLINES))
    cell = st.one_of(st.sampled_from(CELLS), st.floats(allow_nan=True, allow_infinity=True).map(repr),
                     st.integers(-10**20, 10**20).map(str), st.text(max_size=8))
    column_kind = st.lists(st.sampled_from(["number", "date", "any"]), min_size=columns, max_size=columns)
    kinds = draw(column_kind)
    numbers = st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: f"{v:.3f}")
    dates = st.dates().map(lambda d: d.isoformat())
    lines = []
    if draw(st.booleans()):
        lines.append(delimiter.join(draw(st.lists(cell, min_size=columns, max_size=columns))))
    for _ in range(rows):
        row = []
        for kind in kinds:
            strategy = {"number": st.one_of(numbers, cell), "date": st.one_of(dates, cell), "any": cell}[kind]
            row.append(draw(strategy))
        if draw(st.integers(0, 9)) == 0:  # a ragged row now and then
            row = row[: draw(st.integers(0, columns))] + draw(st.lists(cell, max_size=2))
        lines.append(delimiter.join(row))
    text = newline.join(lines) + draw(st.sampled_from(["", newline, newline * 3]))
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace")


@st.composite
def mangled_sample(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SAMPLES)).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at: at + draw(st.integers(1, 20))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from([b"\x00", b'"', b"\r", b";", b",", b"\xff\xfe", b"\xe9", b"\n\n"]))
        elif action == "repeat":
            data[at:at] = data[at: at + draw(st.integers(1, 200))] * draw(st.integers(1, 5))
        else:
            del data[at:]
    return bytes(data)


@given(st.binary(max_size=3000))
@example(b"")
@example(b"\x00" * 64)
@example(b"PK\x03\x04" + bytes(60))  # the start of an .xlsx (a zip)
@example(b"\xff\xfe" + "a,b\n1,2\n".encode("utf-16-le"))
@example(b"value\n" + b"1e309\n" * 20)
@example(b"value\n" + b"5\n" * 20)
@example(b"date,value\n" + b"2024-01-01,1\n" * 20)
@example(b"x\n" + b"1e300\n-1e300\n" * 20)  # the season check overflowed on this
@example(b"x\n" + b"1e305\n2e305\n3e305\n" * 10)
@example(b"x\n" + b"inf\n-inf\nnan\n1\n2\n" * 5)
def test_any_bytes(data):
    check(data)


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=80),
       st.sampled_from([repr, lambda v: f"{v:.17g}", lambda v: f"{v:e}"]))
@settings(max_examples=60)
@example([1.7976931348623157e308, -1.7976931348623157e308] * 20, repr)
@example([5e-324, 0.0, -5e-324] * 20, repr)
def test_any_finite_floats(values, fmt):
    """Any finite float64 column, however large or small: a series or DataError, never a warning."""
    check(("value\n" + "\n".join(fmt(v) for v in values)).encode())


@given(csv_text())
@settings(max_examples=50)
def test_csv_shaped_text(data):
    check(data)


@given(mangled_sample())
@settings(max_examples=40)
def test_mangled_samples(data):
    check(data)


@given(csv_text())
@settings(max_examples=25)
def test_every_column_choice(data):
    """A page lets the person pick any value column and any date column (or none): same contract."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            table = read_table(data)
        except DataError:
            return
        for value_column in table.columns[:4]:
            for date_column in [None, *list(table.columns)[:3]]:
                try:
                    series = build_series(table, value_column, date_column)
                except DataError as exc:
                    assert str(exc).strip()
                    continue
                assert np.isfinite(series.values).all()


@given(st.one_of(csv_text(), mangled_sample()), st.sampled_from(FREQUENCY_CHOICES))
@settings(max_examples=40)
def test_any_chosen_frequency(data, frequency):
    """A frequency the person picks: the same contract, and a series on that frequency's grid."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            series = read_series(data, frequency=frequency)
        except DataError as exc:
            assert str(exc).strip() and exc.code
            return
    assert np.isfinite(series.values).all() and MIN_POINTS <= len(series) <= MAX_POINTS
    if series.dates is not None:
        assert series.dates.is_monotonic_increasing and series.dates.is_unique and len(series.dates) == len(series)
        assert series.frequency == (None if frequency == "none" else frequency)


# --- issue 22: long lines, non-finite values, regular spacings below a day --------------------------

CSV_FIELD_LIMIT = 131_072
NON_FINITE = ["inf", "-inf", "Infinity", "NaN", "nan", "#DIV/0!", "#NUM!", "#VALUE!", "1e309", "-1e400", "", "NA"]


@st.composite
def long_line_file(draw) -> bytes:
    """An ordinary file with a line longer than csv's field limit somewhere, or a series along one line."""
    kind = draw(st.sampled_from(["along", "along_dates", "text_cell", "no_delimiter", "spaces"]))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    n = draw(st.integers(1, 3_000)) if kind in ("along", "spaces") else draw(st.integers(9, 60))
    numbers = [f"{v:.3f}" for v in np.sin(np.arange(n) / 3.0) * 100 + draw(st.floats(-1e6, 1e6))]
    if kind == "along":
        label = draw(st.sampled_from(["", "value", "vendas"]))
        cells = ([label] if label else []) + numbers
        return (delimiter.join(cells) + draw(st.sampled_from(["", "\n", delimiter + "\n"]))).encode()
    if kind == "spaces":
        return (" ".join(numbers) + "\n").encode()
    if kind == "along_dates":
        n = draw(st.integers(9, 2_000))
        dates = pd.date_range("2024-01-01", periods=n, freq=draw(st.sampled_from(["30min", "5min", "D", "MS"])))
        rows = [delimiter.join(["date", *dates.strftime("%Y-%m-%d %H:%M")]),
                delimiter.join(["value", *(f"{k % 17}" for k in range(n))])]
        return "\n".join(rows if draw(st.booleans()) else rows[::-1]).encode()
    long = draw(st.sampled_from(["x", "ab, ", "1;", "#"])) * (CSV_FIELD_LIMIT // 2 + draw(st.integers(0, 2_000)))
    lines = ["date,value,note"] + [f"2024-01-{k + 1:02d},{v},ok" for k, v in enumerate(numbers[:28])]
    at = draw(st.integers(0, len(lines)))
    if kind == "text_cell":
        lines[max(1, min(at, len(lines) - 1))] = f'2024-02-01,5,"{long}"'
    else:
        lines.insert(at, long)
    return "\n".join(lines).encode()


@given(long_line_file())
@settings(max_examples=30, deadline=None)
@example(b"1," * 70_000)  # too long a series (checked after reading 70,000 cells)
@example(",".join(f"{k % 97}.{k % 13}" for k in range(20_000)).encode())  # 20,000 values along 139,000 characters
@example(b"x" * 140_000)
@example(b"date,value\n2024-01-01,1\n" + b"ab, " * 35_000 + b"\n2024-01-02,2\n")  # one stray line of 35,000 cells
@example(b"\n".join([b";".join([b"%d" % k] * 1_500) for k in range(5)]))  # five series along five lines: too wide
@example(b'"' + b"a" * 140_000)  # an unclosed quote swallows the rest of the file
def test_long_lines(data):
    check(data)


@given(st.lists(st.sampled_from(NON_FINITE), min_size=1, max_size=60), st.sampled_from(["t", "", "index", "#", "id"]),
       st.integers(0, 1), st.booleans())
@settings(max_examples=40, deadline=None)
def test_non_finite_values_beside_row_numbers(cells, header, start, with_dates):
    """A value column of inf, NaN and spreadsheet errors next to 0, 1, 2, ...: a sentence that names the
    value column, never the row numbers taken as the series."""
    dates = pd.date_range("2024-01-01", periods=len(cells), freq="D").strftime("%Y-%m-%d")
    head = f"{header},{'date,' if with_dates else ''}v\n"
    body = "".join(f"{k + start},{dates[k] + ',' if with_dates else ''}{c}\n" for k, c in enumerate(cells))
    data = (head + body).encode()
    check(data)
    try:
        read_series(data)
    except DataError as exc:
        assert exc.params.get("column") in (None, "v"), str(exc)
    else:
        raise AssertionError("a column without a usable number gave a series")


@given(st.sampled_from(SPACINGS + ("20min", "90min", "4h", "45s", "2d")), st.integers(3, 3_000),
       st.sampled_from(["%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]),
       st.lists(st.integers(0, 2_999), max_size=20), st.integers(0, 4))
@settings(max_examples=40, deadline=None)
def test_regular_spacings_below_a_day(spacing, n, fmt, dropped, late_seconds):
    """Timestamps every 5, 10, 15, 30 minutes, seconds, hours ...: the spacing is found (with a few rows
    lost and a logger's late seconds), or, when it cannot be, a sentence; never a warning."""
    step = step_seconds(spacing)
    dates = pd.Timestamp("2024-03-01") + pd.to_timedelta(np.arange(n) * step, unit="s")
    if step >= 600:
        dates = dates + pd.to_timedelta(np.arange(n) * 7 % (late_seconds + 1), unit="s")
    keep = np.ones(n, dtype=bool)
    keep[[d for d in dropped if 0 < d < n - 1]] = False
    values = 100 + 10 * np.sin(np.arange(n) / 5.0)
    data = pd.DataFrame({"time": dates[keep].strftime(fmt), "v": values[keep]}).to_csv(index=False).encode()
    check(data)
    if n - len(dropped) >= 20 and keep.sum() >= 0.9 * n:
        try:
            series = read_series(data)
        except DataError as exc:
            assert exc.code in ("too_long", "too_short"), str(exc)
            return
        assert series.frequency == spacing
        assert not any(note.code == "irregular" for note in series.notes)
        assert series.future_dates(1)[0] - series.dates[-1] == pd.Timedelta(seconds=step)
