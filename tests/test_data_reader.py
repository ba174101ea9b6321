"""The CSV reader on a corpus of awkward and broken files (tests/data): what spreadsheets export."""

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstm_core.data import (
    MAX_MAGNITUDE,
    MIN_MAGNITUDE_TEXT,
    DataError,
    build_series,
    detect_frequency,
    detect_season,
    parse_dates,
    parse_numbers,
    read_series,
    read_table,
    step_seconds,
)
from lstm_core.sequences.builtin import airline_passengers

DATA = Path(__file__).parent / "data"
AIRLINE = airline_passengers()


def load(name: str) -> bytes:
    return (DATA / name).read_bytes()


def notes(series) -> set[str]:
    return {n.code for n in series.notes}


# --- files that must read, with what must come out ------------------------------------------------

# name: (date column, value column, points, frequency, season, first values, note codes)
GOOD = {
    "airline_iso.csv": ("Month", "Passengers", 144, "monthly", 12, [112, 118, 132], set()),
    "semicolon_decimal_comma.csv": ("data", "valor", 48, "monthly", 12, [1000.25, 1160.25], set()),
    "utf8_bom.csv": ("Month", "Passengers", 60, "monthly", 12, [112, 118], set()),
    "latin1_accents.csv": ("Mês", "Preço médio", 48, "monthly", 12, [11.2, 11.8], {"encoding_latin1"}),
    "leftover_index.csv": ("Month", "Passengers", 36, "monthly", 12, [112, 118], {"index_dropped"}),
    "no_header.csv": ("column 1", "column 2", 36, "monthly", 12, [112, 118], {"no_header"}),
    "values_only.csv": (None, "sales", 48, None, 12, [112, 118], set()),
    "values_only_no_header.csv": (None, "column 1", 48, None, 12, [112, 118], {"no_header"}),
    "daily_ddmmyyyy.csv": ("Data", "Vendas", 120, "daily", 7, None, set()),
    "weekly_iso.csv": ("week", "visits", 130, "weekly", 52, [202.4, 206.1], set()),
    "hourly.csv": ("timestamp", "load_mw", 96, "hourly", 24, [10.0], set()),
    "yearly.csv": ("year", "population", 40, "yearly", None, [1000, 1038], set()),
    "quarterly.csv": ("quarter", "gdp", 40, "quarterly", 4, [100, 106], set()),
    "text_columns.csv": ("date", "sales", 36, "monthly", 12, [112, 118], set()),
    "unsorted.csv": ("Month", "Passengers", 48, "monthly", 12, [112, 118, 132], {"sorted"}),
    "duplicate_dates.csv": ("Month", "Passengers", 48, "monthly", 12, [112, 118], {"duplicates"}),
    "small_gaps.csv": ("Month", "Passengers", 48, "monthly", 12, [112, 118], {"gaps_filled"}),
    "missing_values.csv": ("Month", "Passengers", 48, "monthly", 12, [112, 118], {"missing_filled"}),
    "large_gaps.csv": ("Month", "Passengers", 40, None, ..., [112, 118], {"gaps_kept"}),
    "quoted_thousands.csv": ("Month", "Revenue", 36, "monthly", 12, [112000.5, 118000.5], set()),
    "trailing_delimiter.csv": ("Month", "Passengers", 36, "monthly", 12, [112, 118], set()),
    "crlf.csv": ("Month", "Passengers", 36, "monthly", 12, [112, 118], set()),
    "tab_delimited.csv": ("Month", "Passengers", 36, "monthly", 12, [112, 118], set()),
    "bad_cells.csv": ("Month", "Passengers", 36, "monthly", 12, [112, 118], {"bad_cells", "missing_filled"}),
    "edge_missing.csv": ("Month", "Passengers", 33, "monthly", 12, [132, 129], {"edges_trimmed"}),
    "us_dates.csv": ("Date", "Value", 40, "daily", 7, [1, 2, 3], set()),
    "german_dates.csv": ("Datum", "Umsatz", 30, "monthly", 12, [1000.0, 1011.5], set()),
    "utf16_excel.csv": ("Month", "Passengers", 36, "monthly", 12, [112, 118], set()),
    "scientific_negative.csv": (None, "x", 30, None, ..., [0.0015, -0.003], {"index_dropped"}),  # t: 0, 1, 2, ...
    "space_thousands.csv": ("mes", "receita", 36, "monthly", 12, [112000, 118000], set()),
    "inf_nan_text.csv": ("Month", "Passengers", 36, "monthly", 12, [112, 118], {"bad_cells", "missing_filled"}),
    # issue 22: a series along one line (longer than csv's 131,072-character field limit, or short)
    "one_line_values.csv": (None, "line 1", 16_000, None, 12, [100.5184, 111.2424], {"across"}),
    "one_line_labelled.csv": (None, "vendas", 48, None, 12, [100.28, 109.23], {"across"}),
    "one_line_spaces.csv": (None, "line 1", 60, None, 12, [103.1, 106.2], {"across"}),
    "label_line_then_values.csv": (None, "passengers", 48, None, 12, [99, 110], {"across"}),
    "dates_row_values_row.csv": ("timestamp", "load_mw", 8_000, "30min", 48, [703.2, 668.6], {"across"}),
    "values_row_dates_row.csv": ("line 2", "line 1", 36, "monthly", 12, [101.6, 112.7], {"across"}),
    # ... a long line inside an ordinary file
    "long_text_cell_first.csv": ("date", "value", 48, "monthly", 12, [100, 110.46], set()),
    "long_text_cell_middle.csv": ("date", "value", 48, "monthly", 12, [100, 110.46], set()),
    "long_text_cell_last.csv": ("date", "value", 48, "monthly", 12, [100, 110.46], set()),
    "long_title_line.csv": ("date", "value", 48, "monthly", 12, [100, 110.46], {"preamble"}),
    "long_junk_line_middle.csv": ("date", "value", 48, "monthly", 12, [100, 110.46], {"bad_dates"}),
    "title_lines_above.csv": ("Week", "python: (Worldwide)", 104, "weekly", 52, [47, 50], {"preamble"}),
    # ... regular spacings below a day (and a logger's late seconds), and truly uneven times
    "half_hourly_demand.csv": ("timestamp", "demand_mw", 4_032, "30min", 48, [695.6, 683.5], set()),
    "five_minute_br.csv": ("Data", "Consumo (kW)", 864, "5min", 288, [72.41, 75.34], set()),
    "fifteen_minute_logger.csv": ("time", "kwh", 672, "15min", 96, None, {"gaps_filled"}),
    "ten_minute.csv": ("time", "temp_c", 1_440, "10min", 144, [15.47, 12.22], set()),
    "ten_second.csv": ("time", "rpm", 900, "10s", 360, [1501.0, 1498.9], set()),
    "two_hourly.csv": ("date", "flow", 360, "2h", 12, None, set()),
    "six_hourly.csv": ("date", "level", 240, "6h", 4, [29.11, 50.96], set()),
    "irregular_times.csv": ("time", "value", 400, None, ..., None, {"irregular"}),
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_awkward_file_reads(name):
    date_col, value_col, n, frequency, season, first, codes = GOOD[name]
    table = read_table(load(name))
    assert table.date_column == date_col
    assert table.value_column == value_col
    series = build_series(table)
    assert len(series) == n
    assert series.frequency == frequency
    if season is not ...:
        assert series.season_length == season
    if first is not None:
        np.testing.assert_allclose(series.values[: len(first)], first, rtol=1e-9)
    assert np.all(np.isfinite(series.values))
    assert notes(series) == codes, [str(n) for n in series.notes]
    if series.dates is not None:
        assert series.dates.is_monotonic_increasing and series.dates.is_unique


def test_airline_file_equals_the_bundled_series():
    series = read_series(load("airline_iso.csv"))
    np.testing.assert_array_equal(series.values, AIRLINE)
    assert series.dates[0] == pd.Timestamp("1949-01-01") and series.dates[-1] == pd.Timestamp("1960-12-01")


def test_unsorted_file_is_sorted_to_the_original_order():
    np.testing.assert_array_equal(read_series(load("unsorted.csv")).values, AIRLINE[:48])


def test_duplicates_are_averaged():
    series = read_series(load("duplicate_dates.csv"))
    assert series.values[10] == pytest.approx(AIRLINE[10] + 5)  # (v + v + 10) / 2
    assert series.values[20] == pytest.approx(AIRLINE[20] - 2)


def test_small_gaps_are_interpolated_and_noted():
    series = read_series(load("small_gaps.csv"))
    assert series.values[7] == pytest.approx((AIRLINE[6] + AIRLINE[8]) / 2)
    gap_note = next(n for n in series.notes if n.code == "gaps_filled")
    assert gap_note.params["count"] == 2
    assert "2 missing dates" in str(gap_note)


def test_missing_values_are_interpolated():
    series = read_series(load("missing_values.csv"))
    assert series.values[5] == pytest.approx((AIRLINE[4] + AIRLINE[6]) / 2)
    np.testing.assert_allclose(series.values[17:19], np.interp([17, 18], [16, 19], [AIRLINE[16], AIRLINE[19]]))


def test_edge_missing_trims_dates_with_values():
    series = read_series(load("edge_missing.csv"))
    assert series.dates[0] == pd.Timestamp("1949-03-01") and series.dates[-1] == pd.Timestamp("1951-11-01")


def test_person_can_choose_no_date_column_and_another_value_column():
    table = read_table(load("text_columns.csv"))
    series = build_series(table, "sales", None)
    assert series.dates is None and series.frequency is None and len(series) == 36


def test_future_dates_continue_the_frequency():
    series = read_series(load("airline_iso.csv"))
    assert list(series.future_dates(2)) == [pd.Timestamp("1961-01-01"), pd.Timestamp("1961-02-01")]
    assert read_series(load("values_only.csv")).future_dates(3) is None


# --- files that must be refused with one actionable sentence --------------------------------------

BROKEN = {
    "empty.csv": "empty",
    "whitespace_only.csv": "empty",
    "header_only.csv": "empty",
    "no_numeric.csv": "no_numeric",
    "all_missing.csv": "all_missing",
    "too_short.csv": "too_short",
    "binary_xlsx.csv": "binary",
    "binary_random.csv": "binary",
    "constant.csv": "constant",
    "huge_values.csv": "not_finite",
    "alternating_1e300.csv": "not_finite",
    "overflow_cells.csv": "not_finite",
    "tiny_values.csv": "too_small",
    "long_line_no_delimiter.csv": "long_line",
    "wide_rows.csv": "too_wide",  # five series along five lines, 1,500 cells each
    # a row-number column beside the column meant to hold the values, which has no usable number
    "row_number_inf_nan.csv": "no_finite",
    "row_number_excel_errors.csv": "no_finite",
    "row_number_headerless_nan.csv": "no_finite",
    "row_number_text.csv": "not_numeric",
    "row_number_id_text_only.csv": "not_numeric",
    "row_number_empty.csv": "all_missing",
    "row_number_unnamed_only.csv": "only_row_numbers",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_is_refused_with_one_sentence(name):
    with pytest.raises(DataError) as info:
        read_series(load(name))
    err = info.value
    assert err.code == BROKEN[name]
    message = str(err)
    assert message.count("\n") == 0 and message.endswith(".") and ":" in message  # what is wrong: what to do
    assert "Traceback" not in message


def test_unreadable_date_column_is_refused():
    table = read_table(load("text_in_dates.csv"))
    assert table.date_column is None  # text is not offered as dates by default
    with pytest.raises(DataError) as info:
        build_series(table, "value", "when")
    assert info.value.code == "dates_unreadable" and "sometime 0" in str(info.value)


def test_unknown_and_text_columns_are_refused():
    table = read_table(load("text_columns.csv"))
    with pytest.raises(DataError) as info:
        build_series(table, "nope")
    assert info.value.code == "column_missing" and "sales" in str(info.value)
    with pytest.raises(DataError) as info:
        build_series(table, "store")
    assert info.value.code == "not_numeric"


def test_too_long_series_is_refused():
    text = "v\n" + "\n".join(str(k % 7) for k in range(20_001))
    with pytest.raises(DataError) as info:
        read_series(text.encode())
    assert info.value.code == "too_long"


@pytest.mark.parametrize("cell, refused", [("9.99e99", False), ("-9.99e99", False), ("1e100", True), ("-1e100", True),
                                            ("1.7976931348623157e308", True), ("1e309", True)])
def test_values_must_stay_below_the_limit_the_message_names(cell, refused):
    data = ("v\n1\n2\n3\n4\n5\n6\n7\n" + cell + "\n9\n10\n").encode()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if not refused:
            assert read_series(data).values[7] == float(cell)
            return
        with pytest.raises(DataError) as info:
            read_series(data)
    assert info.value.code == "not_finite"
    assert f"between -{MAX_MAGNITUDE:.0e}".replace("e+", "e") in str(info.value)  # the limit enforced is the one named


def test_tiny_values_are_read_then_refused_as_a_series():
    """1.12e-300 is a number the reader reads; a series of such numbers would forecast nothing (squares underflow)."""
    table = read_table(load("tiny_values.csv"))
    np.testing.assert_allclose(table.numeric["y"][:2], [1.12e-300, 1.18e-300], rtol=1e-9)
    with pytest.raises(DataError) as info:
        build_series(table)
    assert info.value.code == "too_small"


@pytest.mark.parametrize("cells, refused", [(["1e-99", "3e-99", "2e-99"], False), (["0", "0", "2e-100"], False),
                                            (["9e-101", "-9e-101", "1e-150"], True), (["1e-300", "0", "-1e-200"], True)])
def test_some_value_must_reach_the_smallest_size_the_message_names(cells, refused):
    text = "v\n" + "\n".join(cells * 10) + "\n"  # 30 points
    if not refused:
        assert len(read_series(text.encode())) == 30
        return
    with pytest.raises(DataError) as info:
        read_series(text.encode())
    largest = max(abs(float(c)) for c in cells)
    assert info.value.code == "too_small"
    assert f"{largest:g}" in str(info.value) and f"at least {MIN_MAGNITUDE_TEXT}" in str(info.value)


def test_data_error_is_a_value_error_with_code_and_params():
    err = DataError("column_missing", column="x", choices="a, b")
    assert isinstance(err, ValueError) and err.code == "column_missing" and err.params == {"column": "x", "choices": "a, b"}


# --- the pieces ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cells, expected, mark",
    [
        (["1.234,5", "2,25"], [1234.5, 2.25], ","),
        (["1,234.5", "2.25"], [1234.5, 2.25], "."),
        (["112,5", "118"], [112.5, 118.0], ","),
        (["1e3", "-2.5E-1"], [1000.0, -0.25], "."),
        (["1 234,5", "7"], [1234.5, 7.0], ","),
        (["", "NA", "5"], [np.nan, np.nan, 5.0], "."),
    ],
)
def test_parse_numbers(cells, expected, mark):
    values, bad, got_mark = parse_numbers(cells)
    np.testing.assert_allclose(values, expected)
    assert got_mark == mark and bad == []


def test_parse_numbers_ambiguous_thousands_follow_the_delimiter_hint():
    assert parse_numbers(["1.234", "5.678"], prefer_comma=True)[0].tolist() == [1234.0, 5678.0]
    assert parse_numbers(["1.234", "5.678"], prefer_comma=False)[0].tolist() == [1.234, 5.678]


@pytest.mark.parametrize(
    "cells, first",
    [
        (["2024-01-31", "2024-02-29"], "2024-01-31"),
        (["31/01/2024", "29/02/2024"], "2024-01-31"),
        (["2024-01", "2024-02"], "2024-01-01"),
        (["01/31/2024", "02/29/2024"], "2024-01-31"),
        (["31.01.2024", "29.02.2024"], "2024-01-31"),
    ],
)
def test_parse_dates(cells, first):
    dates, fmt = parse_dates(cells)
    assert fmt is not None and dates[0] == pd.Timestamp(first)


def test_detect_frequency():
    assert detect_frequency(pd.date_range("2020-01-01", periods=10, freq="MS")) == "monthly"
    assert detect_frequency(pd.date_range("2020-01-01", periods=10, freq="D")) == "daily"
    assert detect_frequency(pd.DatetimeIndex(["2020-01-01", "2020-01-04", "2020-02-20"])) is None


SEASONAL = np.tile([112.0, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118], 4) + np.arange(48)


@pytest.mark.parametrize("scale", [1e-300, 1e-150, 1.0, 1e150, 1e300])
def test_detect_season_ignores_the_scale_and_never_overflows(scale):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert detect_season(SEASONAL * scale) == 12


def test_detect_season_on_the_extremes_of_float64():
    top = np.finfo(np.float64).max
    tiny = np.finfo(np.float64).smallest_subnormal
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # differences would overflow unscaled; scaled, the answer is the one at unit scale
        assert detect_season(np.resize([top, -top], 40)) == detect_season(np.resize([1.0, -1.0], 40)) == 4
        assert detect_season(np.resize([tiny, 0.0, -tiny], 40)) in (None, 4, 7, 12)
        assert detect_season(np.array([0.0, 0.0, 0.0])) is None
        assert detect_season(np.array([1.0, np.inf, 2.0])) is None and detect_season(np.array([1.0, np.nan])) is None


# --- a frequency the person chooses ------------------------------------------------------------------

DETECTED = sorted(name for name, expected in GOOD.items() if expected[3] is not None)


@pytest.mark.parametrize("name", DETECTED)
def test_choosing_the_detected_frequency_changes_nothing(name):
    table = read_table(load(name))
    auto = build_series(table)
    chosen = build_series(table, frequency=auto.frequency)
    np.testing.assert_array_equal(chosen.values, auto.values)
    assert chosen.dates.equals(auto.dates) and chosen.season_length == auto.season_length
    assert chosen.notes == auto.notes


# name, frequency: points, frequency, season, note codes (or the DataError code)
CHOSEN = {
    ("business_days.csv", None): (120, "business", 5, set()),
    ("business_days.csv", "business"): (120, "business", 5, set()),
    ("business_days.csv", "daily"): (166, "daily", 7, {"gaps_filled"}),
    ("business_days.csv", "weekly"): (24, "weekly", None, {"merged"}),
    ("business_days.csv", "none"): (120, None, None, set()),
    ("business_days.csv", "monthly"): "too_short",
    ("business_days.csv", "hourly"): "frequency_gaps",
    ("month_end_gaps.csv", None): (40, "monthly", 12, {"gaps_filled"}),
    ("month_end_gaps.csv", "quarterly"): (14, "quarterly", 4, {"merged"}),
    ("month_end_gaps.csv", "weekly"): "frequency_gaps",
    ("airline_iso.csv", "quarterly"): (48, "quarterly", 4, {"merged"}),
    ("airline_iso.csv", "yearly"): (12, "yearly", None, {"merged"}),
    ("yearly.csv", "hourly"): "frequency_gaps",  # 39 years of hours: refused before any grid is made
    ("values_only.csv", "none"): (48, None, 12, set()),
    ("values_only.csv", "monthly"): "frequency_needs_dates",
    ("airline_iso.csv", "fortnightly"): "bad_setting",
    ("airline_iso.csv", "Monthly"): "bad_setting",
}


@pytest.mark.parametrize("name, frequency", sorted(CHOSEN, key=str))
def test_chosen_frequency(name, frequency):
    expected = CHOSEN[name, frequency]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if isinstance(expected, str):
            with pytest.raises(DataError) as info:
                read_series(load(name), frequency=frequency)
            assert info.value.code == expected
            message = str(info.value)
            assert message.count("\n") == 0 and message.endswith(".") and ":" in message
            return
        series = read_series(load(name), frequency=frequency)
    n, freq, season, codes = expected
    assert (len(series), series.frequency, series.season_length) == (n, freq, season)
    assert notes(series) == codes, [str(n) for n in series.notes]
    assert np.all(np.isfinite(series.values))
    if series.dates is not None:
        assert series.dates.is_monotonic_increasing and series.dates.is_unique


def test_business_days_on_a_daily_grid_interpolate_the_weekends():
    raw = pd.read_csv(DATA / "business_days.csv", parse_dates=["date"])
    series = read_series(load("business_days.csv"), frequency="daily")
    assert series.dates.equals(pd.date_range("2024-01-01", "2024-06-14", freq="D"))
    friday, monday = raw["orders"][4], raw["orders"][5]  # 5 and 8 January
    np.testing.assert_allclose(series.values[4:8], np.linspace(friday, monday, 4))
    assert next(n for n in series.notes if n.code == "gaps_filled").params["count"] == 166 - 120
    assert list(series.future_dates(2)) == [pd.Timestamp("2024-06-15"), pd.Timestamp("2024-06-16")]


def test_weekday_dates_are_business_days_with_a_week_of_five():
    """A stock's closing prices: weekdays only, holidays missing. Detected as business days (season 5),
    the holidays filled and noted, the forecast dated on the next business days."""
    days = pd.bdate_range("2022-01-03", periods=300)
    keep = np.ones(300, dtype=bool)
    keep[[17, 120, 121]] = False  # three holidays
    values = 100 + np.cumsum(np.random.default_rng(0).normal(0, 1, 300))
    data = pd.DataFrame({"Data": days[keep].strftime("%d/%m/%Y"), "Fechamento": values[keep]}).to_csv(
        index=False, sep=";", decimal=",").encode()
    series = read_series(data)
    assert (series.frequency, series.season_length, len(series)) == ("business", 5, 300)
    assert series.dates.equals(days)
    assert next(n for n in series.notes if n.code == "gaps_filled").params["count"] == 3
    np.testing.assert_allclose(series.values[keep], values[keep])
    assert list(series.future_dates(2)) == [pd.Timestamp("2023-02-27"), pd.Timestamp("2023-02-28")]  # Fri -> Mon


def test_calendar_days_chosen_as_business_days_put_a_weekend_on_its_friday():
    days = pd.date_range("2024-01-05", periods=30)  # Friday 5 January to Saturday 3 February
    values = np.arange(30.0)
    data = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "v": values}).to_csv(index=False).encode()
    series = read_series(data, frequency="business")
    assert list(series.dates) == list(pd.bdate_range("2024-01-05", "2024-02-02"))
    np.testing.assert_allclose(series.values[:3], [1.0, 3.0, 4.0])  # Fri+Sat+Sun, Mon, Tue
    assert series.values[-1] == 28.5  # Friday 2 February and Saturday 3 February
    assert any(n.code == "merged" for n in series.notes)


def test_daily_dates_with_weekends_stay_daily():
    days = pd.date_range("2024-01-01", periods=60)
    data = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "v": np.sin(np.arange(60.0))}).to_csv(index=False).encode()
    assert read_series(data).frequency == "daily"


def test_days_average_into_weeks_and_months_into_quarters():
    raw = pd.read_csv(DATA / "business_days.csv")["orders"].to_numpy()
    weekly = read_series(load("business_days.csv"), frequency="weekly")
    np.testing.assert_allclose(weekly.values, raw.reshape(24, 5).mean(axis=1))
    assert weekly.dates[1] == pd.Timestamp("2024-01-08")
    quarterly = read_series(load("airline_iso.csv"), frequency="quarterly")
    np.testing.assert_allclose(quarterly.values, AIRLINE.reshape(48, 3).mean(axis=1))
    assert list(quarterly.dates[:2]) == [pd.Timestamp("1949-01-01"), pd.Timestamp("1949-04-01")]
    assert list(quarterly.future_dates(1)) == [pd.Timestamp("1961-01-01")]


def test_month_end_dates_stay_month_ends_and_the_gaps_are_filled():
    series = read_series(load("month_end_gaps.csv"), frequency="monthly")
    assert series.dates[5] == pd.Timestamp("2019-06-30") and series.dates[1] == pd.Timestamp("2019-02-28")
    assert series.dates[-1] == pd.Timestamp("2022-04-30")


def test_rows_as_evenly_spaced_keep_the_dates_in_order_without_a_frequency():
    series = read_series(load("unsorted.csv"), frequency="none")
    np.testing.assert_array_equal(series.values, AIRLINE[:48])
    assert series.frequency is None and series.future_dates(3) is None and notes(series) == {"sorted"}


def test_the_season_follows_the_chosen_frequency():
    table = read_table(load("airline_iso.csv"))
    assert build_series(table).season_length == 12
    assert build_series(table, frequency="quarterly").season_length == 4
    assert build_series(table, frequency="none").season_length == detect_season(AIRLINE) == 12


def test_dates_beyond_the_nanosecond_range_keep_their_spacing():
    """Years 1-9999 are held in microseconds; converting them to nanoseconds would wrap around."""
    years = ("date,value\n" + "".join(f"{y:04d}-06-01,{y % 7}\n" for y in range(1, 40))).encode()
    series = read_series(years)
    assert series.frequency == "yearly" and series.dates[1] == pd.Timestamp("0002-06-01")
    spread = ("date,value\n0001-01-01,5\n" + "".join(f"2000-01-{d:02d},{d}\n" for d in range(1, 20))
              + "9999-12-31,7\n").encode()
    with pytest.raises(DataError) as info:
        read_series(spread, frequency="yearly")
    assert info.value.code == "frequency_gaps" and info.value.params == {"missing": 9996, "length": 9999}


# --- issue 22: long lines, row numbers, regular spacings ----------------------------------------------


def test_a_line_longer_than_the_csv_field_limit_never_raises_csv_error():
    """csv refuses a cell above 131,072 characters; sniffing a comma line with a tab delimiter made one."""
    assert len(load("one_line_values.csv")) > 131_072 and len(load("long_line_no_delimiter.csv")) > 131_072
    for name in ("one_line_values.csv", "long_line_no_delimiter.csv", "long_text_cell_middle.csv"):
        try:
            read_series(load(name))
        except DataError:
            pass


def test_a_long_quoted_text_cell_is_kept_in_its_column():
    table = read_table(load("long_text_cell_middle.csv"))
    assert table.columns == ["date", "value", "comment"] and len(table.frame["comment"][24]) > 131_072
    assert "comment" not in table.numeric


def test_dates_along_one_line_and_values_along_the_next_are_a_series():
    series = read_series(load("dates_row_values_row.csv"))
    assert series.dates[0] == pd.Timestamp("2024-03-04 00:00") and series.dates[1] == pd.Timestamp("2024-03-04 00:30")
    assert series.frequency == "30min" and series.name == "load_mw"


@pytest.mark.parametrize("text, n", [("1,2,3,4,5,6,7,8,9,10\n", 10), ("x;1;2;3;4;5;6;7;8;9;\n", 9),
                                     ("1 2 3 4 5 6 7 8 9\n", 9), ("serie\n5,3,4,6,7,5,4,6,8,9\n", 10)])
def test_short_series_along_one_line(text, n):
    assert len(read_series(text.encode())) == n


def test_a_short_wide_file_is_still_too_short_not_misread():
    with pytest.raises(DataError) as info:
        read_series(b"date,value\n2024-01-01,5\n")
    assert info.value.code == "too_short"
    with pytest.raises(DataError) as info:
        read_series(b"date,value\n")
    assert info.value.code == "empty"


def test_long_header_cells_are_cut_for_the_column_list():
    table = read_table(("x" * 200_000 + ",value\n" + "".join(f"{k % 5},{k}\n" for k in range(20))).encode())
    assert max(len(c) for c in table.columns) <= 80


@pytest.mark.parametrize("name, column, found", [
    ("row_number_inf_nan.csv", "v", "NaN"), ("row_number_excel_errors.csv", "leitura", "#NUM!"),
    ("row_number_text.csv", "value", "no reading"), ("row_number_empty.csv", "value", None),
])
def test_the_column_meant_for_the_values_is_named_with_what_it_holds(name, column, found):
    """A row counter is never taken as the values: the column beside it is the default, and choosing it
    says what it holds (only inf/NaN, spreadsheet errors, text, nothing)."""
    table = read_table(load(name))
    assert table.value_column == column
    with pytest.raises(DataError) as info:
        build_series(table)
    assert info.value.params["column"] == column
    if found is not None:
        assert info.value.params["example"] == found


def test_a_row_counter_is_the_series_only_when_the_person_picks_it():
    table = read_table(load("row_number_inf_nan.csv"))
    picked = build_series(table, "t")
    np.testing.assert_array_equal(picked.values, np.arange(60.0))
    table = read_table(load("row_number_unnamed_only.csv"))
    assert table.value_column is None and list(table.numeric) == ["Unnamed: 0"]
    with pytest.raises(DataError) as info:
        build_series(table)
    assert info.value.code == "only_row_numbers" and "'Unnamed: 0'" in str(info.value)
    assert len(build_series(table, "Unnamed: 0")) == 60


@pytest.mark.parametrize("header", ["", "index", "t", "Unnamed: 0", "#", "id", "ID", "n", "Unnamed: 3"])
@pytest.mark.parametrize("start", [0, 1])
def test_a_row_number_column_is_never_the_default(header, start):
    values = ["inf", "nan", "", "-inf"] * 5
    text = f"{header},reading\n" + "".join(f"{k + start},{v}\n" for k, v in enumerate(values))
    table = read_table(text.encode())
    assert table.value_column == "reading"
    with pytest.raises(DataError) as info:
        build_series(table)
    assert info.value.code == "no_finite"


def test_a_lone_counting_column_named_as_values_is_the_series():
    """'sales' 1, 2, 3 ... (and us_dates.csv's Value) is what the person uploaded, not a row number."""
    assert len(read_series(("sales\n" + "\n".join(str(k) for k in range(1, 31))).encode())) == 30
    assert read_table(load("us_dates.csv")).value_column == "Value"


SPACED = [("5min", 288), ("10min", 144), ("15min", 96), ("30min", 48), ("20min", 72), ("90min", 16),
          ("2h", 12), ("3h", 8), ("6h", 4), ("12h", 2), ("1min", 1440), ("1s", None), ("10s", None), ("2d", None)]


@pytest.mark.parametrize("spacing, day", SPACED)
def test_any_regular_spacing_is_detected_and_continued(spacing, day):
    step = pd.Timedelta(seconds=step_seconds(spacing))
    dates = pd.date_range("2024-01-01", periods=600, freq=step)
    assert detect_frequency(dates) == spacing
    values = 100 + 10 * np.sin(np.arange(600) / 7.0)
    data = pd.DataFrame({"time": dates.strftime("%Y-%m-%d %H:%M:%S"), "v": values}).to_csv(index=False).encode()
    series = read_series(data)
    assert series.frequency == spacing and not notes(series)  # no "not evenly spaced" note
    assert series.natural_seasons().get("day") == (day if day and 2 * day <= 600 else None)
    assert list(series.future_dates(2)) == [dates[-1] + step, dates[-1] + 2 * step]


def test_the_named_spacings_keep_their_names():
    for freq, name in (("h", "hourly"), ("D", "daily"), ("W-MON", "weekly"), ("MS", "monthly")):
        assert detect_frequency(pd.date_range("2024-01-01", periods=40, freq=freq)) == name


def test_uneven_times_are_not_a_spacing():
    rng = np.random.default_rng(0)
    stamps = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.sort(rng.uniform(0, 86_400 * 10, 300)), unit="s")
    assert detect_frequency(pd.DatetimeIndex(stamps)) is None


def test_half_hourly_readings_offer_a_day_and_a_week():
    series = read_series(load("half_hourly_demand.csv"))
    assert (series.frequency, series.season_length) == ("30min", 48)
    assert series.natural_seasons() == {"hour": 2, "day": 48, "week": 336}
    assert list(series.future_dates(2)) == [pd.Timestamp("2024-03-25 00:00"), pd.Timestamp("2024-03-25 00:30")]


@pytest.mark.parametrize("name, frequency, n, season, codes", [
    ("half_hourly_demand.csv", "hourly", 2_016, 24, {"merged"}),
    ("half_hourly_demand.csv", "1h", 2_016, 24, {"merged"}),
    ("half_hourly_demand.csv", "2h", 1_008, 12, {"merged"}),
    ("five_minute_br.csv", "15min", 288, 96, {"merged"}),
    ("five_minute_br.csv", "300s", 864, 288, set()),
    ("fifteen_minute_logger.csv", "15min", 672, 96, {"gaps_filled"}),
    ("ten_second.csv", "1min", 150, 60, {"merged"}),
    ("airline_iso.csv", "30min", "frequency_gaps", None, None),
    ("half_hourly_demand.csv", "fortnightly", "bad_setting", None, None),
    ("half_hourly_demand.csv", "0min", "bad_setting", None, None),
])
def test_a_chosen_spacing_puts_the_dates_on_its_grid(name, frequency, n, season, codes):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if isinstance(n, str):
            with pytest.raises(DataError) as info:
                read_series(load(name), frequency=frequency)
            assert info.value.code == n
            return
        series = read_series(load(name), frequency=frequency)
    assert (len(series), series.season_length) == (n, season)
    assert notes(series) == codes


def test_detect_season_finds_a_day_of_half_hours_without_dates():
    raw = pd.read_csv(DATA / "half_hourly_demand.csv")["demand_mw"].to_numpy()
    assert detect_season(raw) == 48  # the week (336) is as strong, and 48 divides it
