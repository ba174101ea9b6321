"""What the reader says to a person: :class:`DataError` (input that cannot become a series) and
:class:`Note` (a repair it made). Both carry a ``code`` and ``params`` so a page can say the same
sentence in its own language; ``str()`` gives the English one."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    "not_numeric": (
        "Column '{column}' holds text, not numbers (e.g. '{example}'): choose the column of values, "
        "or write them as numbers such as 112 or 1.234,5."
    ),
    "all_missing": "Column '{column}' has no values at all: fill it in or choose another column.",
    "no_finite": (
        "Column '{column}' has no usable number, only infinite or undefined values such as '{example}': "
        "fill it with the measured values, or choose the column that holds them."
    ),
    "only_row_numbers": (
        "Column '{column}' only numbers the rows (0, 1, 2, ... or 1, 2, 3, ...) and no other column holds values: "
        "add a column of measurements, or choose '{column}' as the value column if it really is the series."
    ),
    "too_wide": (
        "The file has {columns} columns, more than the {limit} this app reads: keep the date column and the "
        "column of values (one row per date), or write the series along at most three lines."
    ),
    "long_line": (
        "The file is one line of {length} characters with no numbers separated by commas, semicolons, tabs or spaces: "
        "save the series with one value per line (or its values separated by commas) and upload it again."
    ),
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
    "not_finite": (
        "Column '{column}' holds a value too large to use ({example}): "
        "keep every value between -{limit} and {limit}, e.g. by changing the unit."
    ),
    "too_small": (
        "Column '{column}' holds only values too small to use (the largest is {example}): "
        "scale them so that some value is at least {limit} in size, e.g. by changing the unit."
    ),
    "too_short_for_settings": (
        "The series has {n} points, but a window of {window} and a hold-out of {holdout} need at least {needed}: "
        "reduce the window or the hold-out, or upload a longer series."
    ),
    "log_nonpositive": "The log transform needs values above 0, but the series has {value}: turn the log transform off.",
    "bad_setting": "The setting {name} must be {expected}, not {value}: change it and try again.",
    "frequency_gaps": (
        "At the chosen frequency {missing} of the {length} dates would be missing, too many to fill by interpolation: "
        "choose a coarser frequency, or treat the rows as evenly spaced."
    ),
    "frequency_needs_dates": (
        "A frequency needs a date column: choose the date column, or leave the frequency to the app "
        "and set the seasonal period instead."
    ),
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
    "merged": "{count} dates fell in the same period as an earlier date; the values of each period were averaged.",
    "gaps_filled": "{count} missing dates were filled by linear interpolation.",
    "missing_filled": "{count} missing values were filled by linear interpolation.",
    "edges_trimmed": "{count} empty values at the start or end were left out (nothing to interpolate from).",
    "gaps_kept": (
        "{count} dates are missing, too many to fill; the rows are used in order as if consecutive."
    ),
    "irregular": "The dates are not evenly spaced; the rows are used in order as if consecutive.",
    "across": "The values run along the lines of the file, not down a column; each line was read as one column.",
    "preamble": "Lines above the table that are not part of it were left out ({count}, e.g. '{example}').",
}


@dataclass(frozen=True)
class Note:
    """A repair made to the data, shown to the person: ``code`` + ``params`` (English via ``str``)."""

    code: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return _NOTES[self.code].format(**self.params)
