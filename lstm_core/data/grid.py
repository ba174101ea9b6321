"""Sorted, distinct dates + values -> a regular series on the grid of one frequency.

Two ways in, one set of repairs (each a :class:`Note`): dates that share a grid point are averaged
(``merged``), missing grid points become NaN to be interpolated (``gaps_filled``).

* :func:`detected_grid`: the frequency came from :func:`detect_frequency`; dates sit on its grid
  up to jitter (positions are rounded). Too many gaps: the rows are kept as they are, in order,
  and the frequency is dropped (``gaps_kept``).
* :func:`chosen_grid`: the person chose the frequency; every date falls into its period (positions
  are floored, so days average into weeks). Too many gaps raise :class:`DataError`: the person
  asked for a grid the data cannot fill.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lstm_core.data.dates import bucket_positions, default_season, detect_frequency, grid_positions, offset_of
from lstm_core.data.errors import DataError, Note

MAX_GAP_FRACTION = 0.2
"""Gaps are filled by interpolation when at most this share of the dates is missing ..."""
MAX_GAP_RUN = 3
"""... and no single gap is longer than this many points (or one season, whichever is longer)."""
CHOSEN_MAX_GAP_FRACTION = 0.5
"""A frequency the person chose may leave up to half of its grid to interpolation (business days
on a daily grid leave 2 of 7); the longest gap obeys the same rule as above."""


@dataclass(frozen=True)
class Grid:
    """dates (T,), values (T,) float64 with NaN at ``gaps`` (T,) bool, the frequency (None: rows
    kept in order, not on a grid), and the notes of what was done."""

    dates: pd.DatetimeIndex
    values: np.ndarray
    gaps: np.ndarray
    frequency: str | None
    notes: tuple[Note, ...]


def _merge(positions: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Average the values of equal positions: (distinct positions, their values, how many merged)."""
    distinct = np.unique(positions)
    if len(distinct) == len(positions):
        return positions, values, 0
    merged = pd.DataFrame({"pos": positions, "value": values}).groupby("pos")["value"].mean()
    return merged.index.to_numpy(), merged.to_numpy(dtype=np.float64), len(positions) - len(distinct)


def _longest_run(present: np.ndarray) -> int:
    """Longest gap between consecutive distinct sorted positions (0: none)."""
    return int(np.max(np.diff(present)) - 1) if len(present) > 1 else 0


def _on_grid(positions: np.ndarray, values: np.ndarray, labels) -> tuple[pd.DatetimeIndex, np.ndarray, np.ndarray]:
    """(dates of every grid point, values with NaN at the missing ones, the missing mask)."""
    length = int(positions[-1]) + 1
    full = np.full(length, np.nan)
    full[positions] = values
    gaps = np.ones(length, dtype=bool)
    gaps[positions] = False
    return labels(np.arange(length)), full, gaps


def _labels(first: pd.Timestamp, frequency: str):
    if frequency == "business":  # position k: the k-th business day from the first (a weekend: its Friday)
        first = pd.offsets.BDay().rollback(first.normalize())
        return lambda positions: pd.bdate_range(first, periods=int(np.max(positions)) + 1)[np.asarray(positions)]
    offset = offset_of(frequency)
    return lambda positions: pd.DatetimeIndex([first + offset * int(p) for p in positions])


def detected_grid(dates: pd.DatetimeIndex, values: np.ndarray, frequency: str) -> Grid:
    """Regularise ``dates`` (T,) sorted and distinct, ``values`` (T,) at a detected ``frequency``."""
    notes: list[Note] = []
    labels = _labels(dates[0], frequency)
    positions, values, merged = _merge(grid_positions(dates, frequency), values)
    if merged:  # two dates in one period (e.g. one month)
        notes.append(Note("merged", {"count": merged}))
        dates = labels(positions)
    length = int(positions[-1]) + 1
    missing = length - len(positions)
    gaps = np.zeros(len(values), dtype=bool)
    if missing:
        season = default_season(frequency, length) or 1
        if missing <= MAX_GAP_FRACTION * length and _longest_run(positions) <= max(MAX_GAP_RUN, season):
            notes.append(Note("gaps_filled", {"count": missing}))
            dates, values, gaps = _on_grid(positions, values, labels)
        else:
            notes.append(Note("gaps_kept", {"count": missing}))
            frequency = None
    return Grid(dates, values, gaps, frequency, tuple(notes))


def chosen_grid(dates: pd.DatetimeIndex, values: np.ndarray, frequency: str) -> Grid:
    """Put ``dates`` (T,) sorted and distinct, ``values`` (T,) on the grid of a chosen ``frequency``:
    grid point k is ``dates[0] + k * step`` and holds the mean of the dates in its period (the
    dates' own frequency: the date nearest to it, as :func:`detected_grid` does).

    Raises :class:`DataError` ``frequency_gaps`` when the grid would be mostly interpolation.
    """
    notes: list[Note] = []
    # The dates' own spacing chosen: they sit on its grid up to a logger's late seconds (rounded, as
    # detected); a coarser one: each date falls into its period (floored).
    own = detect_frequency(dates) == frequency
    positions, values, merged = _merge((grid_positions if own else bucket_positions)(dates, frequency), values)
    if merged:
        notes.append(Note("merged", {"count": merged}))
    length = int(positions[-1]) + 1  # checked before anything of that length is made
    missing = length - len(positions)
    season = default_season(frequency, length) or 1
    if missing > CHOSEN_MAX_GAP_FRACTION * length or _longest_run(positions) > max(MAX_GAP_RUN, season):
        raise DataError("frequency_gaps", missing=missing, length=length)
    if missing:
        notes.append(Note("gaps_filled", {"count": missing}))
    dates, values, gaps = _on_grid(positions, values, _labels(dates[0], frequency))
    return Grid(dates, values, gaps, frequency, tuple(notes))
