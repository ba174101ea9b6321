"""Dates: text cells -> timestamps (ISO, dd/mm/yyyy, yyyy-mm, years, ...), the frequency of a
sorted index, the regular grid of a frequency, and the dates that follow the last one.

A frequency is a name (:data:`FREQUENCIES`: hourly, daily, business days, weekly, monthly,
quarterly, yearly) or any other regular spacing written as a number and a unit: ``30min``,
``5min``, ``15s``, ``2h``, ``3d`` (:func:`spacing_name`). Fixed spacings (hourly, daily, weekly
and every written one) count in seconds; the others follow the calendar.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from lstm_core.data.numbers import is_missing

FREQUENCIES: dict[str, int | None] = {
    "hourly": 24,
    "daily": 7,
    "business": 5,
    "weekly": 52,
    "monthly": 12,
    "quarterly": 4,
    "yearly": None,
}
"""Named frequency -> default seasonal period (None: no season)."""

OFFSETS: dict[str, pd.DateOffset] = {
    "hourly": pd.DateOffset(hours=1),
    "daily": pd.DateOffset(days=1),
    "business": pd.offsets.BDay(1),
    "weekly": pd.DateOffset(weeks=1),
    "monthly": pd.DateOffset(months=1),
    "quarterly": pd.DateOffset(months=3),
    "yearly": pd.DateOffset(years=1),
}
"""One step of each named frequency."""

_STEP_SECONDS = {"hourly": 3_600, "daily": 86_400, "weekly": 7 * 86_400}
_STEP_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}

SPACINGS: tuple[str, ...] = ("1s", "10s", "30s", "1min", "5min", "10min", "15min", "30min", "2h", "3h", "6h", "12h")
"""Regular spacings offered beside the named frequencies (any other written one is accepted too)."""

_UNITS = {"s": 1, "min": 60, "h": 3_600, "d": 86_400}
_SPACING = re.compile(r"([1-9][0-9]{0,5})(s|min|h|d)")
MAX_SPACING_SECONDS = 3_660 * 86_400
"""Written spacings up to about ten years."""

NATURAL_PERIODS: dict[str, int] = {"minute": 60, "hour": 3_600, "day": 86_400, "week": 7 * 86_400}
"""The cycles a clock gives fixed spacings: their seasonal periods are these in points."""


def step_seconds(frequency: str | None) -> int | None:
    """Seconds between two dates of a fixed-spacing frequency (hourly, daily, weekly or a written
    spacing such as ``30min``); None for calendar frequencies and for what is not a frequency."""
    if frequency in _STEP_SECONDS:
        return _STEP_SECONDS[frequency]
    match = _SPACING.fullmatch(frequency) if isinstance(frequency, str) else None
    if match is None:
        return None
    seconds = int(match.group(1)) * _UNITS[match.group(2)]
    return seconds if seconds <= MAX_SPACING_SECONDS else None


def spacing_name(seconds: int) -> str:
    """The frequency of a fixed spacing: hourly, daily or weekly, else the largest whole unit
    (1800 -> ``30min``, 5400 -> ``90min``, 172800 -> ``2d``)."""
    for name, step in _STEP_SECONDS.items():
        if seconds == step:
            return name
    for unit in ("d", "h", "min", "s"):
        if seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    raise ValueError(f"expected a whole number of seconds, got {seconds}")  # pragma: no cover


def normalise_frequency(frequency: object) -> str | None:
    """A frequency's own name (``1h`` -> hourly, ``60min`` -> hourly, ``120s`` -> ``2min``), or
    None when ``frequency`` is not one."""
    if not isinstance(frequency, str):
        return None
    if frequency in FREQUENCIES:
        return frequency
    seconds = step_seconds(frequency)
    return None if seconds is None else spacing_name(seconds)


def offset_of(frequency: str) -> pd.DateOffset | pd.Timedelta:
    """One step of ``frequency`` (a name or a written spacing)."""
    if frequency in OFFSETS:
        return OFFSETS[frequency]
    return pd.Timedelta(seconds=step_seconds(frequency))


def natural_periods(frequency: str | None, n: int | None = None) -> dict[str, int]:
    """The clock's cycles in points for a fixed spacing below a week: {"hour": 2, "day": 48,
    "week": 336} for ``30min``; only whole numbers of at least 2 points, and with ``n`` (the
    series' length) only cycles that fit twice. Named calendar frequencies: {}."""
    step = step_seconds(frequency)
    if step is None or frequency in ("daily", "weekly"):
        return {}
    periods = {}
    for name, seconds in NATURAL_PERIODS.items():
        if seconds > step and seconds % step == 0 and (n is None or 2 * (seconds // step) <= n):
            periods[name] = seconds // step
    return periods


def default_season(frequency: str | None, n: int | None = None) -> int | None:
    """The seasonal period a frequency brings: :data:`FREQUENCIES` for a named one; for another
    fixed spacing the day (48 for ``30min``, 288 for ``5min``), or, when the series is shorter than
    two days, the hour, or the minute (None: no cycle fits)."""
    if frequency in FREQUENCIES:
        return FREQUENCIES[frequency]
    periods = natural_periods(frequency, n)
    for name in ("day", "hour", "minute"):
        if name in periods:
            return periods[name]
    return None


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


_TICKS_PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


def elapsed(dates: pd.DatetimeIndex) -> tuple[np.ndarray, int]:
    """(ticks since the first date (N,) int64, ticks per second), in the index's own unit.

    pandas 3 keeps s, ms, us or ns; years 1-9999 fit in us but not in ns, so converting to
    nanoseconds would wrap around silently. Differences in the own unit stay exact.
    """
    ticks = np.asarray(dates.asi8, dtype=np.int64)
    return ticks - ticks[0], _TICKS_PER_SECOND[dates.unit]


def parse_dates(cells: list[str], allow_years: bool = False) -> tuple[pd.DatetimeIndex, str | None]:
    """Cells -> (dates with NaT for unreadable cells, the format used or None).

    Tries each of :data:`_DATE_FORMATS` (dd/mm before mm/dd: the issue's users are Brazilian and
    European) and keeps the one that reads the most cells; a column of years 1000-2999 reads as years.
    """
    stripped = pd.Series([c.strip() for c in cells], dtype=object)
    present = stripped[~stripped.map(is_missing)]
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


def date_mask(cells: list[str]) -> np.ndarray:
    """(N,) bool: which cells some format of :data:`_DATE_FORMATS` reads (each cell on its own,
    as ``parse_dates([cell])`` would; one pass per format, not per cell)."""
    stripped = pd.Series([c.strip() for c in cells], dtype=object)
    readable = np.zeros(len(cells), dtype=bool)
    for fmt in _DATE_FORMATS:
        todo = ~readable
        if not todo.any():
            break
        readable[todo] = pd.to_datetime(stripped[todo], format=fmt, errors="coerce").notna().to_numpy()
    return readable & ~stripped.map(is_missing).to_numpy(dtype=bool)


def years_named(name: str) -> bool:
    """A header that says "year" (in the languages of the app's users)."""
    return bool(re.fullmatch(r"(year|years|ano|anos|jahr|año|annee|année)", name.strip().lower()))


def consecutive_years(cells: list[str]) -> bool:
    """Cells 1950, 1951, 1952, ...: a column of years even without a telling header."""
    try:
        years = [int(c.strip()) for c in cells if not is_missing(c)]
    except ValueError:
        return False
    return len(years) > 2 and all(1000 <= y < 3000 for y in years) and all(b - a == 1 for a, b in zip(years, years[1:]))


def year_column(name: str, values: np.ndarray) -> bool:
    """A numeric column named like 'year'/'ano' holding whole years 1000-2999."""
    if not years_named(name):
        return False
    finite = values[np.isfinite(values)]
    return finite.size > 0 and bool(np.all((finite == np.round(finite)) & (finite >= 1000) & (finite < 3000)))


def year_dates(values: np.ndarray) -> pd.DatetimeIndex:
    """Whole years (N,) -> 1 January of each (NaT where a value is missing)."""
    return pd.DatetimeIndex([pd.Timestamp(year=int(v), month=1, day=1) if np.isfinite(v) else pd.NaT for v in values])


def future_dates(last: pd.Timestamp, frequency: str, horizon: int) -> pd.DatetimeIndex:
    """``horizon`` dates after ``last`` at ``frequency``."""
    offset = offset_of(frequency)
    return pd.DatetimeIndex([last + offset * k for k in range(1, horizon + 1)])


def detect_frequency(dates: pd.DatetimeIndex) -> str | None:
    """The frequency of sorted, distinct ``dates`` (None: irregular).

    The median spacing names it when it is about an hour, a day (business days when weekends are
    skipped), a week, a month, a quarter or a year; otherwise any regular spacing of a whole number
    of seconds, minutes, hours or days (5, 10, 15, 30 minutes, 2 or 6 hours, 15 seconds ...) whose
    steps, gaps aside, are that spacing or a multiple of it (:data:`REGULAR_SHARE` of them, up to
    :data:`STEP_JITTER` of a step): ``"30min"``.
    """
    if len(dates) < 3:
        return None
    ticks, per_second = elapsed(dates)
    steps = np.diff(ticks) / per_second
    days = float(np.median(steps)) / 86_400
    for name, low, high in (
        ("hourly", 0.9 / 24, 1.1 / 24),
        ("daily", 0.9, 1.1),
        ("weekly", 6.5, 7.5),
        ("monthly", 27.5, 31.5),
        ("quarterly", 88, 93),
        ("yearly", 360, 367),
    ):
        if low <= days <= high:
            return "business" if name == "daily" and _weekdays_only(dates) else name
    step = _whole_step(float(np.median(steps)))
    if step is None:
        return None
    multiples = steps / step
    regular = np.abs(multiples - np.round(multiples)) <= STEP_JITTER
    if np.mean(regular & (np.round(multiples) >= 1)) < REGULAR_SHARE:
        return None
    return spacing_name(step)


STEP_JITTER = 0.05
"""A step may differ from a whole number of spacings by this share of one (a logger's seconds)."""
REGULAR_SHARE = 0.9
"""This share of the steps must be whole numbers of the spacing for the dates to be regular."""


def _whole_step(seconds: float) -> int | None:
    """``seconds`` as a whole number of days, hours, minutes or seconds, within 2% (None below a
    second or above :data:`MAX_SPACING_SECONDS`)."""
    if not 1 <= seconds <= MAX_SPACING_SECONDS:
        return None
    for unit in (86_400, 3_600, 60, 1):
        if seconds >= unit:
            whole = round(seconds / unit) * unit
            if abs(whole - seconds) <= 0.02 * seconds:
                return int(whole)
    return None


def _weekdays_only(dates: pd.DatetimeIndex) -> bool:
    """Daily dates that skip weekends (a stock's closing prices): none on a Saturday or Sunday, at
    least one Friday-to-Monday step, and midnight times."""
    days = dates.normalize()
    steps = np.diff(np.asarray(days.values.astype("datetime64[D]")).astype(np.int64))
    return bool((dates == days).all() and (days.day_of_week < 5).all() and (steps == 3).any())


def business_days(dates: pd.DatetimeIndex) -> np.ndarray:
    """Business days (N,) from the first of ``dates`` to each; a weekend date counts as the Friday before."""
    days = np.asarray(dates.normalize().values.astype("datetime64[D]"))
    days = np.busday_offset(days, 0, roll="backward")
    return np.busday_count(days[0], days).astype(np.int64)


def grid_positions(dates: pd.DatetimeIndex, frequency: str) -> np.ndarray:
    """Integer position of each date on the regular grid of ``frequency`` starting at the first date."""
    first = dates[0]
    if frequency == "business":
        return business_days(dates)
    if frequency in _STEP_MONTHS:
        months = (dates.year - first.year) * 12 + (dates.month - first.month)
        return np.round(np.asarray(months) / _STEP_MONTHS[frequency]).astype(np.int64)
    ticks, per_second = elapsed(dates)
    return np.round(ticks / (step_seconds(frequency) * per_second)).astype(np.int64)


def bucket_positions(dates: pd.DatetimeIndex, frequency: str) -> np.ndarray:
    """Index (N,) of the period of ``frequency`` each sorted date falls in, counting periods from the
    first date: period k is ``[first + k * step, first + (k + 1) * step)``.

    Unlike :func:`grid_positions` (which rounds: dates that sit on a grid, up to jitter) this floors,
    so a finer series falls into whole periods: the days of one week, the months of one quarter.
    Months count by the calendar (31 January and 29 February are one month apart).
    """
    first = dates[0]
    if frequency == "business":
        return business_days(dates)
    if frequency in _STEP_MONTHS:
        months = (np.asarray(dates.year) - first.year) * 12 + (np.asarray(dates.month) - first.month)
        return (months // _STEP_MONTHS[frequency]).astype(np.int64)
    ticks, per_second = elapsed(dates)
    return (ticks // (step_seconds(frequency) * per_second)).astype(np.int64)
