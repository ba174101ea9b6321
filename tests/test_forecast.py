"""Transforms and their inverses, windows, metrics and baselines against hand-computed values,
the recursive forecast, the residual interval and the default transform choice (no TensorFlow)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lstm_core.cells import LSTMWeights
from lstm_core.data import DataError
from lstm_core.data.series import SeriesData
from lstm_core.forecasting.choose_transform import SEASONAL_STRENGTH_MIN, choose_transform
from lstm_core.forecasting.forecaster import (
    Ensemble,
    NumpyForecaster,
    one_step_residuals,
    recursive_forecast,
    simulate_interval,
)
from lstm_core.forecasting.metrics import (
    all_metrics,
    copies_naive,
    holt_winters_forecast,
    mae,
    mape,
    mase,
    naive_forecast,
    rmse,
    seasonal_naive_forecast,
)
from lstm_core.forecasting.pipeline import default_rollout, default_window, resolve_settings
from lstm_core.forecasting.settings import ForecastSettings
from lstm_core.forecasting.seasonality import (
    autocorrelation,
    is_multiplicative,
    seasonal_profile,
    seasonal_strength,
    trend_r2,
)
from lstm_core.forecasting.transforms import TransformSpec, make_windows
from lstm_core.sequences.builtin import airline_passengers
from lstm_core.weights import random_weights

SPECS = [
    TransformSpec(),
    TransformSpec(log=True),
    TransformSpec(seasonal_lag=4),
    TransformSpec(difference=True),
    TransformSpec(log=True, seasonal_lag=12),
    TransformSpec(log=True, seasonal_lag=3, difference=True, scaling="minmax"),
    TransformSpec(seasonal_lag=2, difference=True, scaling="none"),
    TransformSpec(deseason=4),
    TransformSpec(log=True, deseason=5, difference=True),
    TransformSpec(deseason=3, difference=True, scaling="minmax"),
]

positive_series = arrays(np.float64, st.integers(30, 80), elements=st.floats(0.5, 1e4, allow_nan=False))


@pytest.mark.parametrize("spec", SPECS, ids=repr)
@given(y=positive_series, split=st.floats(0.4, 0.9))
def test_inverse_of_forward_is_identity(spec, y, split):
    """inverse(transform(y)) == y: continuing the history y[:k] with the transformed tail gives y[k:]."""
    n_train = max(spec.offset + 2, int(len(y) * split))
    fitted = spec.fit(y[:n_train])
    z = fitted.forward(y)
    assert z.shape == (len(y) - spec.offset,)
    k = n_train
    back = fitted.inverse(z[k - spec.offset :], y[:k])
    np.testing.assert_allclose(back, y[k:], rtol=1e-7, atol=1e-7 * np.abs(y).max())
    np.testing.assert_allclose(fitted.inverse_full(z, y[: spec.offset]), y, rtol=1e-7, atol=1e-7 * np.abs(y).max())


def test_forward_by_hand():
    y = np.array([1.0, 2.0, 4.0, 8.0, 16.0, 32.0])
    spec = TransformSpec(log=True, seasonal_lag=2, scaling="none")
    z = spec.fit(y).forward(y)
    np.testing.assert_allclose(z, np.log(4) * np.ones(4))  # log y_t - log y_{t-2} = log 4
    d = TransformSpec(difference=True, scaling="standard").fit(np.array([1.0, 2.0, 4.0, 7.0]))
    # differences 1, 2, 3: mean 2, std sqrt(2/3)
    assert d.scaler.shift == pytest.approx(2.0) and d.scaler.scale == pytest.approx(np.sqrt(2 / 3))


def test_scaling_is_fitted_on_the_training_part_only():
    y = np.arange(1.0, 21.0)
    fitted = TransformSpec(scaling="minmax").fit(y[:10])
    z = fitted.forward(y)
    assert z[:10].min() == 0.0 and z[:10].max() == 1.0 and z[-1] > 1.0


def test_inverse_of_many_paths():
    y = airline_passengers()[:60]
    fitted = TransformSpec(log=True, seasonal_lag=12, difference=True).fit(y)
    z = np.zeros((3, 5))
    out = fitted.inverse(z, y)
    assert out.shape == (3, 5) and np.allclose(out[0], out[1])


def test_log_refuses_non_positive_values():
    with pytest.raises(ValueError, match="log needs values > 0"):
        TransformSpec(log=True).fit(np.array([1.0, 0.0, 2.0, 3.0]))


def test_make_windows():
    x, y = make_windows(np.arange(6.0), 3)
    assert x.shape == (3, 3, 1) and x.dtype == np.float32
    np.testing.assert_array_equal(x[:, :, 0], [[0, 1, 2], [1, 2, 3], [2, 3, 4]])
    np.testing.assert_array_equal(y, [3, 4, 5])
    with pytest.raises(ValueError, match="longer than the window"):
        make_windows(np.arange(3.0), 3)


def test_make_windows_with_several_steps_ahead():
    x, y = make_windows(np.arange(7.0), 3, steps=2)
    np.testing.assert_array_equal(x[:, :, 0], [[0, 1, 2], [1, 2, 3], [2, 3, 4]])
    np.testing.assert_array_equal(y, [[3, 4], [4, 5], [5, 6]])
    with pytest.raises(ValueError, match="plus 4 steps"):
        make_windows(np.arange(7.0), 3, steps=5)


# --- metrics and baselines ----------------------------------------------------------------------


def test_metrics_by_hand():
    actual = np.array([10.0, 20.0, 30.0])
    forecast = np.array([12.0, 18.0, 33.0])  # errors -2, 2, -3
    assert rmse(actual, forecast) == pytest.approx(np.sqrt((4 + 4 + 9) / 3))
    assert mae(actual, forecast) == pytest.approx(7 / 3)
    assert mape(actual, forecast) == pytest.approx(100 * (0.2 + 0.1 + 0.1) / 3)
    train = np.array([1.0, 3.0, 2.0, 6.0])  # seasonal (m=2) naive in-sample errors |2-1|, |6-3| -> mean 2
    assert mase(actual, forecast, train, 2) == pytest.approx((7 / 3) / 2)
    assert mase(actual, forecast, train, None) == pytest.approx((7 / 3) / ((2 + 1 + 4) / 3))
    assert np.isnan(mape(np.array([0.0, 1.0]), np.array([1.0, 1.0])))
    assert set(all_metrics(actual, forecast, train, 2)) == {"rmse", "mae", "mape", "mase"}


def test_baselines_by_hand():
    train = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    np.testing.assert_array_equal(naive_forecast(train, 3), [5, 5, 5])
    np.testing.assert_array_equal(seasonal_naive_forecast(train, 5, 2), [4, 5, 4, 5, 4])
    np.testing.assert_array_equal(seasonal_naive_forecast(train, 2, None), [5, 5])


def test_holt_winters_follows_a_seasonal_trend_and_refuses_what_it_cannot_fit():
    y = airline_passengers()
    forecast = holt_winters_forecast(y[:-12], 12, 12, log=True)
    assert forecast.shape == (12,) and rmse(y[-12:], forecast) < rmse(y[-12:], seasonal_naive_forecast(y[:-12], 12, 12))
    assert holt_winters_forecast(np.arange(5.0), 3, None) is None
    assert holt_winters_forecast(np.array([1.0, -1.0] * 10), 3, 2, log=True) is None


def test_copies_naive():
    naive = {"rmse": 10.0, "mae": 8.0}
    assert copies_naive({"rmse": 10.2, "mae": 8.1}, naive)
    assert not copies_naive({"rmse": 6.0, "mae": 5.0}, naive)


def test_seasonal_naive_is_exact_on_a_pure_seasonal_series():
    y = np.tile([1.0, 5.0, 3.0, 2.0], 6)
    f = seasonal_naive_forecast(y[:-4], 4, 4)
    assert rmse(y[-4:], f) == 0.0


# --- recursion and intervals --------------------------------------------------------------------


def test_recursive_forecast_feeds_predictions_back():
    mean_of_window = lambda x: x[:, :, 0].mean(axis=1)  # noqa: E731
    out = recursive_forecast(mean_of_window, np.array([1.0, 2.0, 3.0]), 2, 3)
    # (2+3)/2 = 2.5; (3+2.5)/2 = 2.75; (2.5+2.75)/2 = 2.625
    np.testing.assert_allclose(out, [2.5, 2.75, 2.625])


def test_numpy_forecaster_and_ensemble_shapes():
    layer = random_weights(1, 4, seed=1)
    member = NumpyForecaster([layer], np.ones((4, 1), np.float32), np.zeros(1, np.float32))
    x = np.random.default_rng(0).standard_normal((5, 7, 1)).astype(np.float32)
    assert member(x).shape == (5,)
    stacked = NumpyForecaster([layer, random_weights(4, 3, seed=2)], np.ones((3, 1), np.float32), np.zeros(1, np.float32))
    both = Ensemble([member, stacked])
    np.testing.assert_allclose(both(x), (member(x) + stacked(x)) / 2, rtol=1e-6)
    assert isinstance(layer, LSTMWeights)


def test_interval_contains_the_point_forecast_and_widens():
    y = airline_passengers()[:96]
    fitted = TransformSpec(log=True, seasonal_lag=12).fit(y)
    z = fitted.forward(y)
    predict = lambda x: 0.5 * x[:, -1, 0]  # noqa: E731  an AR(1) in z
    residuals = one_step_residuals(predict, z, 3)
    point = fitted.inverse(recursive_forecast(predict, z, 3, 12), y)
    lower, upper = simulate_interval(predict, fitted, z, y, 3, 12, residuals, paths=400)
    assert np.all(lower <= point) and np.all(point <= upper)
    assert (upper - lower)[-1] > (upper - lower)[0]


# --- the default choice ---------------------------------------------------------------------------


def test_default_transform_for_the_airline_series_is_log_and_seasonal_differencing():
    spec, reasons = choose_transform(airline_passengers()[:-12], 12)
    assert spec == TransformSpec(log=True, seasonal_lag=12, difference=False, scaling="standard")
    assert reasons == ("log", "seasonal_diff", "scaling")


def test_default_transform_for_an_additive_series_has_no_log():
    t = np.arange(120)
    y = 100 + 10 * np.sin(2 * np.pi * t / 12) + np.random.default_rng(0).normal(0, 1, 120)
    spec, reasons = choose_transform(y, 12)
    assert not spec.log and spec.deseason == 12 and "no_log" in reasons  # a fixed season: deseasonalised
    assert not is_multiplicative(y, 12)


def test_default_window_holds_a_whole_season_when_it_is_not_differenced():
    assert default_window(300, 12) == 13 and default_window(300, 52) == 12  # seasonal differences: short window
    assert default_window(300, 52, seasonal_diff=False) == 53
    assert default_window(90, 52, seasonal_diff=False) == 30  # at most a third of the training part


def test_default_rollout_is_a_few_steps_never_past_the_horizon_or_the_data():
    assert default_rollout(n_train_z=120, window=13, horizon=12) == 6
    assert default_rollout(n_train_z=120, window=13, horizon=2) == 2  # never past the horizon
    assert default_rollout(n_train_z=24, window=13, horizon=12) == 4  # leaves MIN_WINDOWS (8) windows
    assert default_rollout(n_train_z=20, window=13, horizon=12) == 1
    x, y = make_windows(np.arange(24.0), 13, steps=4)
    assert len(x) == 8


def test_default_transform_for_a_trend_without_season_is_differencing():
    y = np.cumsum(np.random.default_rng(1).normal(1, 0.5, 100)) + 50
    spec, reasons = choose_transform(y, None)
    assert spec.difference and spec.seasonal_lag == 0 and "diff" in reasons


def test_negative_values_never_get_log():
    y = np.sin(np.arange(60)) * 5
    spec, reasons = choose_transform(y, 12)
    assert not spec.log and "no_log_nonpositive" in reasons


# The rule, on hand-made series (seasonal differencing by the STL seasonal strength, as nsdiffs).
_t = np.arange(144)
_noise = np.random.default_rng(3).normal(0, 1, 144)
PURE_SEASON = 100 + 10 * np.sin(2 * np.pi * _t / 12) + _noise  # a fixed season plus noise, no trend
TREND = 100 + 0.5 * _t + 2 * _noise  # a straight trend plus noise, no season
RANDOM_WALK = 1000 + np.cumsum(np.random.default_rng(0).normal(0, 1, 144))  # wanders, no season, no trend
WHITE_NOISE = 100 + 3 * _noise
FIXED_SEASON_TREND = PURE_SEASON + 0.1 * _t  # a fixed season, a gentle trend and noise
_shocks = np.random.default_rng(5).normal(0, 1, 144)
_season = np.empty(144)
_season[:12] = 10 * np.sin(2 * np.pi * _t[:12] / 12)
for _k in range(12, 144):  # each month is the same month a year before plus a shock: the season drifts
    _season[_k] = _season[_k - 12] + _shocks[_k]
DRIFTING_SEASON = 100 + _season + 0.3 * _noise


def test_seasonal_strength_is_high_only_for_a_season():
    assert seasonal_strength(PURE_SEASON, 12) > 0.9
    assert seasonal_strength(TREND, 12) < SEASONAL_STRENGTH_MIN
    assert seasonal_strength(RANDOM_WALK, 12) < SEASONAL_STRENGTH_MIN
    assert seasonal_strength(WHITE_NOISE, 12) < SEASONAL_STRENGTH_MIN
    assert seasonal_strength(PURE_SEASON, None) == 0.0 and seasonal_strength(PURE_SEASON[:24], 12) == 0.0


@pytest.mark.parametrize(
    ("y", "season", "expected", "reasons"),
    [
        (PURE_SEASON, 12, TransformSpec(deseason=12), ("no_log", "deseason", "no_diff", "scaling")),
        (FIXED_SEASON_TREND, 12, TransformSpec(deseason=12, difference=True), ("no_log", "deseason", "diff", "scaling")),
        (DRIFTING_SEASON, 12, TransformSpec(seasonal_lag=12), ("no_log", "seasonal_diff", "scaling")),
        (TREND, 12, TransformSpec(difference=True), ("no_log", "weak_season", "diff", "scaling")),
        (TREND, None, TransformSpec(difference=True), ("no_log", "no_season", "diff", "scaling")),
        (RANDOM_WALK, 12, TransformSpec(difference=True), ("no_log", "weak_season", "diff", "scaling")),
        (WHITE_NOISE, None, TransformSpec(), ("no_log", "no_season", "no_diff", "scaling")),
    ],
    ids=["fixed-season", "fixed-season-trend", "drifting-season", "trend", "trend-no-period", "random-walk", "noise"],
)
def test_default_transform_by_the_rule(y, season, expected, reasons):
    assert choose_transform(y, season) == (expected, reasons)


def test_default_transform_looks_at_the_training_part_only():
    """A hold-out that runs away (a ramp to 10x the level) does not make the defaults difference."""
    y = np.concatenate([WHITE_NOISE[:132], np.linspace(100, 1000, 12)])
    assert choose_transform(y, None)[0].difference  # the whole series would be differenced
    resolved = resolve_settings(SeriesData(y, None, None, None, "y", ()), ForecastSettings(holdout=12))
    assert resolved.transform == TransformSpec() and resolved.reasons[2] == "no_diff"


def test_short_seasonal_series_deseasonalises_instead_of_seasonal_differencing():
    y = PURE_SEASON[:52] + 3 * _t[:52]  # 40 training points: seasonal by the rule, but too few to spare a season
    assert choose_transform(y[:40], 12)[0] == TransformSpec(log=True, seasonal_lag=12)
    resolved = resolve_settings(SeriesData(y, None, None, 12, "y", ()), ForecastSettings(holdout=12))
    assert resolved.transform == TransformSpec(log=True, difference=True, deseason=12)
    assert resolved.reasons[1:3] == ("deseason_short", "diff")


def test_a_drifting_season_is_deseasonalised_when_the_series_cannot_spare_a_season():
    spec, reasons = choose_transform(DRIFTING_SEASON, 12, allow_seasonal=False)
    assert spec == TransformSpec(deseason=12) and reasons[1] == "deseason_short"
    assert choose_transform(TREND, 12, allow_seasonal=False)[1][1] == "weak_season"  # no season to remove


# --- deseasonalising ------------------------------------------------------------------------------


def test_seasonal_profile_recovers_a_fixed_season_by_phase_from_the_first_value():
    """The profile of a season starting at phase 5 (t = 0 is month 5) with a trend and little noise."""
    shape = np.array([3.0, -1.0, 4.0, -1.0, -5.0, 9.0, -2.0, 6.0, -5.0, 3.0, -5.0, -6.0])  # sums to 0
    t = np.arange(100)
    y = 20 + 0.2 * t + np.roll(shape, -5)[t % 12] + np.random.default_rng(0).normal(0, 0.1, 100)
    profile = seasonal_profile(y, 12)
    assert profile.shape == (12,) and abs(profile.sum()) < 1e-9
    np.testing.assert_allclose(profile, np.roll(shape, -5), atol=0.3)
    with pytest.raises(ValueError, match="at least 25 points"):
        seasonal_profile(y[:24], 12)


def test_deseasonalising_is_fitted_on_the_training_part_and_removes_the_season():
    y = PURE_SEASON[:120]
    fitted = TransformSpec(deseason=12, scaling="none").fit(y[:96])
    assert fitted.profile == tuple(seasonal_profile(y[:96], 12))  # the hold-out plays no part
    rest = fitted.forward(y)
    phase_means = lambda x: x.reshape(-1, 12).mean(axis=0)  # noqa: E731
    assert len(rest) == 120 and np.ptp(phase_means(rest)) < 2 and np.ptp(phase_means(y)) > 18  # the season is gone
    # the forecast of the remainder's mean, inverted, is the mean plus the season at the right phase
    back = fitted.inverse(np.full(12, rest[:96].mean()), y[:96])
    np.testing.assert_allclose(back - rest[:96].mean(), np.asarray(fitted.profile)[np.arange(96, 108) % 12])


def test_deseasonalising_and_seasonal_differencing_exclude_each_other():
    with pytest.raises(ValueError, match="either seasonal differencing or deseasonalising"):
        TransformSpec(seasonal_lag=12, deseason=12)
    with pytest.raises(ValueError, match="expected deseason 0 or a period >= 2"):
        TransformSpec(deseason=1)
    series = SeriesData(airline_passengers(), None, None, 12, "y", ())
    with pytest.raises(DataError):
        resolve_settings(series, ForecastSettings(seasonal_diff=True, deseason=True))
    chosen = resolve_settings(series, ForecastSettings(deseason=True, difference=True))
    assert chosen.transform == TransformSpec(log=True, difference=True, deseason=12)
    assert chosen.reasons == ("chosen_by_you",) and chosen.window == 13
    short = SeriesData(airline_passengers()[:40], None, None, 12, "y", ())  # 28 training points; a profile needs 25
    assert resolve_settings(short, ForecastSettings(deseason=True, window=3, holdout=12)).transform.deseason == 12
    with pytest.raises(DataError, match="need at least 41"):  # 24 training points
        resolve_settings(short, ForecastSettings(deseason=True, window=3, holdout=16))


def test_autocorrelation_and_trend_r2_by_hand():
    assert autocorrelation(np.array([1.0, -1.0, 1.0, -1.0]), 1) == pytest.approx(-0.75)  # -3/4
    assert autocorrelation(np.ones(5), 1) == 0.0 and autocorrelation(np.arange(3.0), 3) == 0.0
    assert trend_r2(np.arange(10.0)) == pytest.approx(1.0) and trend_r2(np.array([1.0, -1.0] * 10)) < 0.01
    # seasonal differences of a fixed season plus noise are over-differenced (about -0.5 at lag m)
    assert autocorrelation(PURE_SEASON[12:] - PURE_SEASON[:-12], 12) < -0.4
    assert autocorrelation(DRIFTING_SEASON[12:] - DRIFTING_SEASON[:-12], 12) > -0.4
