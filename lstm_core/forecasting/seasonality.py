"""Statistics of a series that decide its transform: multiplicative or not, how strong its season is,
its fixed seasonal profile (STL), autocorrelation and trend (NumPy; statsmodels' STL imported when used).

Shapes: a series is (T,) float; ``season_length`` m is its period (None or < 2: no season).
"""

from __future__ import annotations

import numpy as np


def is_multiplicative(y: np.ndarray, season_length: int | None) -> bool:
    """Positive and its seasonal swings grow with its level: the spread within each season
    correlates (> 0.5) with the season's mean over at least 3 full seasons; without a season,
    positive with a max/min ratio of at least 10 (exponential-looking growth)."""
    y = np.asarray(y, dtype=np.float64)
    if np.any(y <= 0):
        return False
    m = season_length or 0
    if m >= 2 and len(y) >= 3 * m:
        cycles = y[: len(y) // m * m].reshape(-1, m)
        means, spreads = cycles.mean(axis=1), cycles.std(axis=1)
        if np.ptp(means) == 0 or np.ptp(spreads) == 0:
            return False
        return float(np.corrcoef(means, spreads)[0, 1]) > 0.5 and means.max() / means.min() > 1.3
    return float(y.max() / y.min()) >= 10


def seasonal_strength(v: np.ndarray, season_length: int | None) -> float:
    """F_s = max(0, 1 - Var(R) / Var(S + R)) in [0, 1], from an STL decomposition v = T + S + R
    (statsmodels' STL at period m): near 1 when the season explains most of what the trend leaves,
    0 without one. 0 without a usable season (m < 2 or fewer than two full seasons)."""
    m = season_length or 0
    v = np.asarray(v, dtype=np.float64)
    if m < 2 or len(v) < 2 * m + 1 or np.ptp(v) == 0:
        return 0.0
    from statsmodels.tsa.seasonal import STL  # noqa: PLC0415  (heavy; only when a season is tested)

    fit = STL(v, period=m).fit()
    remainder = np.asarray(fit.resid)
    spread = float(np.var(np.asarray(fit.seasonal) + remainder))
    return max(0.0, 1.0 - float(np.var(remainder)) / spread) if spread > 0 else 0.0


PROFILE_SEASONS = 3
"""The seasonal profile is STL's seasonal component averaged over this many last full seasons."""


def seasonal_profile(v: np.ndarray, season_length: int) -> np.ndarray:
    """(m,) the fixed seasonal profile s_0 .. s_{m-1} of ``v`` (T,) (phase t mod m, t from 0), summing to 0.

    STL (statsmodels, period m) splits v = T + S + R; the profile is S averaged phase by phase over
    the last :data:`PROFILE_SEASONS` full seasons (as R's ``forecast::stlf`` forecasts the seasonal
    component from its last season; the average steadies the end of the loess). Needs at least two
    full seasons and one point more.
    """
    m = int(season_length)
    v = np.asarray(v, dtype=np.float64)
    if m < 2 or len(v) < 2 * m + 1:
        raise ValueError(f"expected at least {2 * m + 1} points to fit a season of {m}, got {len(v)}")
    if np.ptp(v) == 0:
        return np.zeros(m)
    from statsmodels.tsa.seasonal import STL  # noqa: PLC0415  (heavy; only when a season is removed)

    seasonal = np.asarray(STL(v, period=m).fit().seasonal)
    k = min(PROFILE_SEASONS, len(v) // m)
    tail = np.arange(len(v) - k * m, len(v))
    profile = np.zeros(m)
    np.add.at(profile, tail % m, seasonal[tail] / k)
    return profile - profile.mean()


def autocorrelation(x: np.ndarray, lag: int) -> float:
    """Sample autocorrelation of ``x`` (T,) at ``lag`` (0 when x is constant or too short)."""
    x = np.asarray(x, dtype=np.float64)
    if lag < 1 or len(x) <= lag:
        return 0.0
    centred = x - x.mean()
    denom = float(centred @ centred)
    return float(centred[lag:] @ centred[:-lag]) / denom if denom > 0 else 0.0


def trend_r2(x: np.ndarray) -> float:
    """Share of the variance of ``x`` (T,) a least-squares straight line through time explains, in [0, 1]."""
    x = np.asarray(x, dtype=np.float64)
    if len(x) < 3 or np.ptp(x) == 0:
        return 0.0
    t = np.arange(len(x), dtype=np.float64)
    return float(np.corrcoef(t, x)[0, 1] ** 2)
