"""Uploaded CSV bytes -> a validated, regular time series.

Reads what spreadsheets export: comma, semicolon, tab or pipe delimiters; decimal commas
and thousands separators (``1.234,5``); UTF-8 (with or without BOM) or Latin-1 text;
a leftover index column; a header row or none; dates as ISO, dd/mm/yyyy or yyyy-mm;
text columns beside the numbers; a series written along one line (or a line of dates and a line
of values); title lines above the table; dates at any regular spacing (every 30 minutes, 15
seconds, 6 hours ...).

Two steps, so a page can let the person choose the columns in between:

* :func:`read_table` bytes -> :class:`Table` (cells parsed, candidate date/value columns found)
* :func:`build_series` table + column choice -> :class:`SeriesData` (sorted, duplicates averaged,
  small gaps interpolated, frequency and seasonal period detected), each repair recorded as a
  :class:`Note`.

What cannot be a series raises :class:`DataError`: one sentence saying what is wrong and what
to do, with a ``code`` (and ``params``) so a page can show the sentence in its own language.

One job per module:

========== ===========================================================================
errors     :class:`DataError` and :class:`Note` (codes, English sentences)
numbers    text cells -> floats, decimal point or comma
dates      text cells -> dates; frequency detection, grid positions, future dates
table      bytes -> :class:`Table` (decoding, delimiter, header, column kinds)
grid       sorted dates -> the regular grid of a detected or chosen frequency (merges, gaps)
series     :class:`Table` -> :class:`SeriesData` (order, grid, missing values, season)
========== ===========================================================================
"""

from lstm_core.data.dates import (
    FREQUENCIES,
    SPACINGS,
    default_season,
    detect_frequency,
    future_dates,
    natural_periods,
    normalise_frequency,
    parse_dates,
    step_seconds,
)
from lstm_core.data.errors import DataError, Note
from lstm_core.data.grid import CHOSEN_MAX_GAP_FRACTION, MAX_GAP_FRACTION, MAX_GAP_RUN
from lstm_core.data.numbers import MAX_MAGNITUDE, MIN_MAGNITUDE_TEXT, parse_numbers
from lstm_core.data.series import (
    EVENLY_SPACED,
    FREQUENCY_CHOICES,
    MAX_POINTS,
    MIN_POINTS,
    SEASON_CANDIDATES,
    SeriesData,
    build_series,
    detect_season,
    read_series,
)
from lstm_core.data.table import Table, read_table

__all__ = [
    "CHOSEN_MAX_GAP_FRACTION",
    "EVENLY_SPACED",
    "FREQUENCIES",
    "FREQUENCY_CHOICES",
    "MAX_GAP_FRACTION",
    "MAX_GAP_RUN",
    "MAX_MAGNITUDE",
    "MAX_POINTS",
    "MIN_MAGNITUDE_TEXT",
    "MIN_POINTS",
    "SEASON_CANDIDATES",
    "SPACINGS",
    "DataError",
    "Note",
    "SeriesData",
    "Table",
    "build_series",
    "default_season",
    "detect_frequency",
    "detect_season",
    "future_dates",
    "natural_periods",
    "normalise_frequency",
    "parse_dates",
    "parse_numbers",
    "read_series",
    "read_table",
    "step_seconds",
]
