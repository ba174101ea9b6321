"""The default transform for a training part, and why: :func:`choose_transform` (the rule, from the
statistics in :mod:`lstm_core.forecasting.seasonality` of the training part only; no training involved).
"""

from __future__ import annotations

import numpy as np

from lstm_core.forecasting.seasonality import (
    autocorrelation,
    is_multiplicative,
    seasonal_profile,
    seasonal_strength,
    trend_r2,
)
from lstm_core.forecasting.transforms import TransformSpec

SEASONAL_STRENGTH_MIN = 0.64
"""Seasonal differencing when the STL seasonal strength exceeds this (Hyndman & Athanasopoulos,
FPP3, the threshold of ``nsdiffs``)."""


OVERDIFFERENCED_ACF = -0.4
"""Seasonal differencing over-differences when the lag-m autocorrelation of the seasonal differences is
below this. A fixed season plus noise, seasonally differenced, is e_t - e_{t-m}: an MA(1) at lag m
with coefficient -1 (not invertible), whose lag-m autocorrelation is -0.5; a season that drifts as a
random walk gives 0. -0.4 is the autocorrelation of a seasonal MA coefficient of -0.5, half way."""

TREND_R2_MIN = 0.5
"""A series trends when a straight line through time explains more than this share of its variance."""


def choose_transform(
    y_train: np.ndarray, season_length: int | None, allow_seasonal: bool = True
) -> tuple[TransformSpec, tuple[str, ...]]:
    """The default transform for a training part, and why (reason codes for the page):

    log: positive and multiplicative (see :func:`is_multiplicative`);
    the season, when strong (at least 3 full seasons and an STL seasonal strength of the (logged)
    series above :data:`SEASONAL_STRENGTH_MIN`, FPP3's ``nsdiffs`` rule), is removed by
      - seasonal differencing (v_t - v_{t-m}) when the season drifts, or
      - deseasonalising (v_t - s_{t mod m}, :func:`seasonal_profile`) when it repeats one fixed shape:
        the seasonal differences look over-differenced (lag-m autocorrelation below
        :data:`OVERDIFFERENCED_ACF`), or when the series is too short to spare a season for
        differencing (``allow_seasonal=False``);
    differencing: without seasonal differencing, when what is left trends: lag-1 autocorrelation
    above 0.9 (it wanders) or a straight line explaining more than :data:`TREND_R2_MIN` of its
    variance (levels scaled on the training part cannot follow a trend past it);
    scaling: standard, fitted on the training part.
    Only statistics of ``y_train`` are used.
    """
    y = np.asarray(y_train, dtype=np.float64)
    reasons: list[str] = []
    log = bool(is_multiplicative(y, season_length))
    reasons.append("log" if log else ("no_log_nonpositive" if np.any(y <= 0) else "no_log"))
    v = np.log(y) if log else y
    m = season_length or 0
    strong = bool(m >= 2 and len(y) >= 3 * m and seasonal_strength(v, m) > SEASONAL_STRENGTH_MIN)
    seasonal = deseason = False
    if strong and autocorrelation(v[m:] - v[:-m], m) < OVERDIFFERENCED_ACF:
        deseason = True
        reasons.append("deseason")
    elif strong and allow_seasonal:
        seasonal = True
        reasons.append("seasonal_diff")
    elif strong:
        deseason = True
        reasons.append("deseason_short")
    else:
        reasons.append("no_season" if not m else "weak_season")
    difference = False
    if not seasonal:
        rest = v - seasonal_profile(v, m)[np.arange(len(v)) % m] if deseason else v
        difference = bool(autocorrelation(rest, 1) > 0.9 or trend_r2(rest) > TREND_R2_MIN)
        reasons.append("diff" if difference else "no_diff")
    reasons.append("scaling")
    spec = TransformSpec(log=log, seasonal_lag=m if seasonal else 0, difference=difference, scaling="standard",
                         deseason=m if deseason else 0)
    return spec, tuple(reasons)
