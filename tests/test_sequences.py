"""Built-in series, the typed-list parser and scaling."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_core.sequences.builtin import (
    SEQUENCES,
    airline_passengers,
    airline_passengers_frame,
    builtin_sequence,
    fibonacci,
    parse_number_list,
)
from lstm_core.sequences.scaling import SCALINGS, Scaler, scale_series


def test_airline_series_is_the_classic_one():
    frame = airline_passengers_frame()
    assert len(frame) == 144
    assert frame.month.iloc[0].strftime("%Y-%m") == "1949-01" and frame.month.iloc[-1].strftime("%Y-%m") == "1960-12"
    y = airline_passengers()
    assert y[:3].tolist() == [112, 118, 132] and y[-1] == 432
    assert y.sum() == 40363


def test_fibonacci():
    assert fibonacci(8).tolist() == [1, 1, 2, 3, 5, 8, 13, 21]
    with pytest.raises(ValueError, match="at most 90"):
        fibonacci(200)


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_every_builtin_has_its_default_length_and_is_finite(name):
    y = builtin_sequence(name)
    assert y.shape == (SEQUENCES[name].default_length,)
    assert np.all(np.isfinite(y))
    np.testing.assert_array_equal(builtin_sequence(name, seed=3), builtin_sequence(name, seed=3))


def test_builtin_refuses_bad_names_and_lengths():
    with pytest.raises(ValueError, match="expected a sequence among"):
        builtin_sequence("cosine")
    with pytest.raises(ValueError, match="between 1 and 144"):
        builtin_sequence("airline", 500)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1, 2, 3", [1, 2, 3]),
        ("1 2\n3", [1, 2, 3]),
        ("-1.5, 2e3, .5", [-1.5, 2000, 0.5]),
        ("1,5; 2,25; -3", [1.5, 2.25, -3]),
        ("4;", [4]),
    ],
)
def test_parse_number_list(text, expected):
    assert parse_number_list(text).tolist() == expected


@pytest.mark.parametrize(
    "text, message",
    [("1, 2, x", "item 3, 'x', is not a number"), ("", "empty"), ("1, 2, 1e999", "too large"), ("nan, 1", "item 1")],
)
def test_parse_number_list_explains_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_number_list(text)


def test_a_typed_list_keeps_to_the_limit_its_message_names():
    """The message said "keep values below 1e300" while 1.7e308 passed and overflowed the scaling: the
    limit is the CSV reader's, ±1e100, and the message names it."""
    assert parse_number_list("9.9e99, -9.9e99, 1").tolist() == [9.9e99, -9.9e99, 1.0]
    for text in ("1e100, 1", "1, -1e300", "1.7e308, 2"):
        with pytest.raises(ValueError, match=r"keep every value between -1e100 and 1e100"):
            parse_number_list(text)


@given(st.lists(st.floats(0, 1e9), min_size=2, max_size=50), st.sampled_from(SCALINGS))
def test_scaling_inverts(values, method):
    y = np.array(values)
    scaler = Scaler.fit(y, method)
    np.testing.assert_allclose(scaler.inverse(scaler.transform(y)), y, rtol=1e-9, atol=1e-6)


def test_scalings_do_what_they_say():
    y = fibonacci(30)
    assert scale_series(y, "minmax").min() == 0 and scale_series(y, "minmax").max() == 1
    s = scale_series(y, "standard")
    assert abs(s.mean()) < 1e-12 and abs(s.std() - 1) < 1e-12
    assert scale_series(y, "log").max() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="values >= 0"):
        Scaler.fit(np.array([-1.0, 2.0]), "log")
    np.testing.assert_array_equal(scale_series(np.ones(4), "minmax"), np.zeros(4))
