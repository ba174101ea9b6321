"""A table's column -> :class:`SeriesData`: sorted by date, duplicates averaged, small gaps and
missing values interpolated (each repair a :class:`Note`), frequency and seasonal period found."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lstm_core.data.dates import (
    FREQUENCIES,
    SPACINGS,
    default_season,
    detect_frequency,
    future_dates,
    natural_periods,
    normalise_frequency,
    parse_dates,
)
from lstm_core.data.errors import DataError, Note
from lstm_core.data.grid import chosen_grid, detected_grid
from lstm_core.data.numbers import check_magnitude, is_missing
from lstm_core.data.table import Table, read_table, undefined_cell

MIN_POINTS = 8
"""Fewer points than this cannot be a series worth forecasting."""
MAX_POINTS = 20_000
"""More points than this train too slowly on a shared server."""
EVENLY_SPACED = "none"
"""The frequency a person picks to use the rows in date order as if evenly spaced (no grid)."""
FREQUENCY_CHOICES: tuple[str, ...] = (*FREQUENCIES, *SPACINGS, EVENLY_SPACED)
"""The frequencies a page or the command offers; ``build_series(frequency=...)`` also accepts any
other written spacing (``20min``, ``45s``, ``4h``, ``2d``: see :mod:`lstm_core.data.dates`)."""


@dataclass(frozen=True)
class SeriesData:
    """A regular series ready to forecast.

    values: (T,) float64, no NaN.
    dates: (T,) DatetimeIndex, or None when the person chose no date column.
    frequency: a key of :data:`FREQUENCIES` or a regular spacing such as ``"30min"``, or None (no dates,
    irregular dates, or rows taken as evenly spaced).
    season_length: the frequency's seasonal period, or detected from the values (None: no season).
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

    def natural_seasons(self) -> dict[str, int]:
        """The seasonal periods the frequency's clock offers and the series fits twice:
        {"hour": 2, "day": 48, "week": 336} for 30-minute readings over a month; {} without."""
        return natural_periods(self.frequency, len(self.values))


def _interpolate(values: np.ndarray) -> np.ndarray:
    idx = np.arange(len(values))
    ok = np.isfinite(values)
    return np.interp(idx, idx[ok], values[ok])


def build_series(
    table: Table, value_column: str | None = None, date_column: str | None | type = ..., frequency: str | None = None,
) -> SeriesData:
    """The series of ``value_column`` ordered by ``date_column`` (None: rows in file order).

    Defaults are the table's own choice. Sorts by date, averages duplicate dates, fills small gaps
    and missing values by linear interpolation (each repair is a :class:`Note`), and finds the
    frequency and the seasonal period.

    frequency: None detects it from the dates; a key of :data:`FREQUENCIES` puts the dates on that
    grid (dates in one period averaged, missing periods interpolated, both noted); ``"none"``
    (:data:`EVENLY_SPACED`) uses the rows in date order as if evenly spaced. The seasonal period
    is the chosen frequency's (:data:`FREQUENCIES`), or detected from the values without one.

    Raises :class:`DataError` when this cannot be a series, or the frequency is unknown
    (``bad_setting``), has no dates to work on (``frequency_needs_dates``) or leaves most of its
    grid empty (``frequency_gaps``).
    """
    value_column = table.value_column if value_column is None else value_column
    if date_column is ...:
        date_column = table.date_column
    if frequency is not None and frequency != EVENLY_SPACED:
        if normalise_frequency(frequency) is None:
            raise DataError("bad_setting", name="frequency",
                            expected="one of " + ", ".join(FREQUENCY_CHOICES) + " or a spacing such as 20min",
                            value=repr(frequency))
        frequency = normalise_frequency(frequency)
    if value_column is None:  # the only numbers count the rows: the person has to pick them
        counter = next(iter(table.numeric))
        raise DataError("only_row_numbers", column=counter)
    if value_column not in table.columns:
        raise DataError("column_missing", column=value_column, choices=", ".join(table.numeric) or "-")
    if value_column not in table.numeric:
        raise _no_usable_number(table, value_column)
    if date_column is not None and date_column not in table.columns:
        raise DataError("column_missing", column=date_column, choices=", ".join(table.dates) or "-")
    if date_column is None and frequency not in (None, EVENLY_SPACED):
        raise DataError("frequency_needs_dates")
    notes = list(table.notes)
    values = table.numeric[value_column].copy()
    if not np.isfinite(values).any() and not np.isinf(values).any():
        raise _no_usable_number(table, value_column)
    check_magnitude(values, value_column)
    bad = table.bad_cells.get(value_column, [])
    if bad:
        notes.append(Note("bad_cells", {"count": len(bad), "column": value_column, "example": bad[0][:30]}))

    dates = None
    gaps = np.zeros(len(values), dtype=bool)
    if date_column is not None:
        dates, values = _in_date_order(table, date_column, values, notes)
        if frequency is None:
            frequency = detect_frequency(dates)
            if frequency is None and len(dates) >= 3:
                notes.append(Note("irregular"))
            grid = detected_grid(dates, values, frequency) if frequency else None
        elif frequency == EVENLY_SPACED:
            frequency, grid = None, None
        else:
            grid = chosen_grid(dates, values, frequency)
        if grid is not None:
            dates, values, gaps, frequency = grid.dates, grid.values, grid.gaps, grid.frequency
            notes.extend(grid.notes)
    else:
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
    season = default_season(frequency, len(values)) if frequency else detect_season(values)
    if season is not None and len(values) < 2 * season:
        season = None
    return SeriesData(values.astype(np.float64), dates, frequency, season, value_column, tuple(notes))


def _no_usable_number(table: Table, column: str) -> DataError:
    """Why ``column`` gives no series: empty (``all_missing``), only inf/NaN or a spreadsheet's
    error cells (``no_finite``), or text (``not_numeric``), with an example cell."""
    cells = [c.strip() for c in table.frame[column].astype(str)]
    undefined = [c for c in cells if undefined_cell(c)]
    text = [c for c in cells if c and not is_missing(c) and not undefined_cell(c)]
    if text:
        return DataError("not_numeric", column=column, example=text[0][:30])
    if undefined:
        return DataError("no_finite", column=column, example=undefined[0][:30])
    return DataError("all_missing", column=column)


def _in_date_order(
    table: Table, date_column: str, values: np.ndarray, notes: list[Note],
) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """(dates, values) of the rows with a readable date, sorted, one row per date (duplicates
    averaged); every repair appended to ``notes``. Raises ``dates_unreadable`` if most dates are not dates."""
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
    return pd.DatetimeIndex(frame["date"]), frame["value"].to_numpy(dtype=np.float64)


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


SEASON_CANDIDATES: tuple[int, ...] = (4, 7, 12, 24, 48, 52, 96, 144, 168, 288, 336)
"""Periods tried without a frequency: quarters, days of a week, months, hours of a day, readings of a
day every 30, 15, 10 and 5 minutes, weeks of a year, hours of a week, half-hours of a week."""
DIVISOR_SHARE = 0.8
"""A shorter period that divides the best one wins if its autocorrelation is at least this share
of the best's (a day's cycle inside a week's: 48 rather than 336)."""


def detect_season(values: np.ndarray, candidates: tuple[int, ...] = SEASON_CANDIDATES) -> int | None:
    """A seasonal period for a series without a frequency: the candidate lag where the
    autocorrelation of the differenced series is highest, if it is above 0.3 and the series holds
    3 full periods; a candidate that divides it is preferred when nearly as strong (:data:`DIVISOR_SHARE`).

    values: (T,) finite numbers of any size (None if any is NaN or infinite). They are divided by
    their largest magnitude first, so differences stay within [-2, 2] and their squares cannot
    overflow, whatever float64 came in (the autocorrelation does not depend on the scale).
    """
    v = np.asarray(values, dtype=np.float64)
    if v.size < 2 or not np.isfinite(v).all():
        return None
    scale = float(np.max(np.abs(v)))
    if scale == 0:
        return None
    d = np.diff(v / scale)
    d = d - d.mean()
    denom = float(d @ d)
    if denom == 0:
        return None
    strength = {}
    for lag in sorted(candidates):
        if 3 * lag > len(v):
            continue
        strength[lag] = float(d[lag:] @ d[:-lag]) / denom
    best = max((lag for lag in strength if strength[lag] > 0.3), key=lambda lag: (strength[lag], -lag), default=None)
    if best is None:
        return None
    for lag in sorted(strength):
        if lag < best and best % lag == 0 and strength[lag] >= DIVISOR_SHARE * strength[best]:
            return lag
    return best


def read_series(
    data: bytes, value_column: str | None = None, date_column: str | None | type = ..., frequency: str | None = None,
) -> SeriesData:
    """:func:`read_table` then :func:`build_series`: CSV bytes -> :class:`SeriesData`."""
    return build_series(read_table(data), value_column, date_column, frequency)
