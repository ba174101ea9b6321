"""Widgets of the train & forecast page; each returns plain values.

Keys are prefixed ``fc_``; widgets that depend on the file carry a short digest of its bytes in
their key, so a new file starts from its own defaults while reruns keep the person's choices.
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources

import streamlit as st

from app.chart_locale import date_text
from app.i18n import current_language, t
from lstm_core.data import EVENLY_SPACED, FREQUENCY_CHOICES, SeriesData, Table, step_seconds
from lstm_core.forecasting.settings import DEFAULTS, ForecastSettings, Resolved

SOURCE_KEY = "fc_source"
UPLOAD_BYTES_KEY = "fc_upload_bytes"
UPLOAD_NAME_KEY = "fc_upload_name"
EXAMPLE_NAME = "airline_passengers.csv"


def example_bytes() -> bytes:
    """The bundled airline-passengers CSV (Month as yyyy-mm, Passengers)."""
    return resources.files("lstm_core.datasets").joinpath(EXAMPLE_NAME).read_bytes()


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:10]


def source_picker() -> tuple[bytes | None, str]:
    """The bytes to read and a display name: the example, or the person's upload (kept in memory).

    The upload's bytes are copied into session state with ``getvalue()``, so every rerun sees the
    same bytes and switching to the example and back loses nothing.
    """
    choice = st.radio(
        t("fc.source"), ("example", "upload"), key=SOURCE_KEY, horizontal=True,
        format_func=lambda c: t("fc.source.example") if c == "example" else t("fc.source.upload"),
    )
    if choice == "example":
        return example_bytes(), EXAMPLE_NAME
    uploaded = st.file_uploader(t("fc.upload"), type=["csv", "txt", "tsv"], help=t("fc.upload.help"), key="fc_uploader")
    if uploaded is not None:
        st.session_state[UPLOAD_BYTES_KEY] = uploaded.getvalue()
        st.session_state[UPLOAD_NAME_KEY] = uploaded.name
    data = st.session_state.get(UPLOAD_BYTES_KEY)
    return data, st.session_state.get(UPLOAD_NAME_KEY, "")


def column_pickers(table: Table, key: str, left=st, right=st) -> tuple[str | None, str | None]:
    """(date column or None, value column), defaulting to what the reader detected; drawn in ``left``, ``right``.

    The value column is None until the person picks one when the reader chose none (the only numbers
    number the rows); a column meant for the values that holds no usable number is offered too, so
    the page can say what it holds."""
    date_options: list[str | None] = [None] + [c for c in table.columns if c != table.value_column]
    date_index = date_options.index(table.date_column) if table.date_column in date_options else 0
    date_col = left.selectbox(
        t("fc.col.date"), date_options, index=date_index, key=f"fc_date_col_{key}", help=t("fc.col.help"),
        format_func=lambda c: t("fc.col.none") if c is None else c,
    )
    values = [c for c in table.numeric if c != date_col] or list(table.numeric)
    if table.value_column is not None and table.value_column not in values:
        values.insert(0, table.value_column)  # the column meant for the values, though it has no usable number
    # No default when the only numbers count the rows: the person picks them, or reads why not.
    value_index = values.index(table.value_column) if table.value_column in values else None
    value_col = right.selectbox(t("fc.col.value"), values, index=value_index, key=f"fc_value_col_{key}",
                                help=t("fc.col.help"), placeholder=t("fc.col.pick"))
    return date_col, value_col


def frequency_picker(detected: str | None, has_dates: bool, key: str, where=st) -> str | None:
    """The frequency to build the series at, starting at the detected one (marked so).

    Returns None while the detected one is kept (the reader detects it again), else the person's
    choice: a frequency, or "none" for the rows in date order. Without a date column the box
    stays, disabled, so the row of pickers keeps its shape.
    """
    if not has_dates:
        where.selectbox(t("fc.freq"), [EVENLY_SPACED], format_func=lambda f: t("fc.freq.none"), disabled=True,
                        key=f"fc_frequency_off_{key}", help=t("fc.freq.nodates"))
        return None
    start = detected or EVENLY_SPACED
    choices = list(FREQUENCY_CHOICES)
    if start not in choices:  # a detected spacing not in the list (every 20 minutes): offered before "none"
        choices.insert(len(choices) - 1, start)

    def label(f: str) -> str:
        text = frequency_label(f)
        return t("fc.freq.detected", frequency=text) if f == start else text

    choice = where.selectbox(t("fc.freq"), choices, index=choices.index(start),
                             key=f"fc_frequency_{key}", format_func=label, help=t("fc.freq.help"))
    return None if choice == start else choice


_SPACING = re.compile(r"([0-9]+)(s|min|h|d)")


def frequency_label(frequency: str) -> str:
    """"monthly", "every 30 minutes", "every 15 s" in the page's language (a name or a written spacing)."""
    match = _SPACING.fullmatch(frequency)
    if match is None:
        return t(f"fc.freq.{frequency}")
    n, unit = int(match.group(1)), match.group(2)
    return t(f"fc.freq.every1.{unit}") if n == 1 else t(f"fc.freq.every.{unit}", n=n)


def _remember_season(widget: str, chosen: str) -> None:
    st.session_state[chosen] = st.session_state[widget]


def season_picker(default: int | None, n: int, key: str, where=st) -> int | None:
    """The seasonal period (0 = none). It starts at ``default`` (the frequency's, or the one found in
    the values) and follows it when the frequency changes, until the person sets it: from then on
    their value stays (kept outside the widget, so an error that hides the box does not lose it)."""
    widget, chosen = f"fc_season_{key}", f"fc_season_chosen_{key}"
    high = max(2, n // 2)
    st.session_state[widget] = min(max(0, int(st.session_state.get(chosen, default or 0))), high)
    value = where.number_input(
        t("fc.season"), min_value=0, max_value=high, step=1, key=widget, help=t("fc.season.help"),
        on_change=_remember_season, args=(widget, chosen),
    )
    return int(value) if value and value >= 2 else None


def summary_text(series: SeriesData, season: int | None, frequency_choice: str | None) -> str:
    """"144 points from 1949-01-01 to 1960-12-01 · frequency: monthly · seasonal period: 12", and for
    readings below a day the periods their clock offers (" · natural periods: an hour = 2, a day = 48")."""
    season_text = str(season) if season else t("fc.season.none")
    if series.dates is None:
        return t("fc.summary.nodates", n=len(series), season=season_text)
    if series.frequency:
        frequency = frequency_label(series.frequency)
    else:
        frequency = t("fc.freq.none") if frequency_choice == EVENLY_SPACED else t("fc.freq.unknown")
    lang = current_language()
    step = step_seconds(series.frequency)
    with_time = step is not None and step < 86_400
    text = t("fc.summary", n=len(series), start=date_text(series.dates[0], lang, with_time),
             end=date_text(series.dates[-1], lang, with_time), frequency=frequency, season=season_text)
    natural = series.natural_seasons()
    if natural:  # the clock's cycles for readings below a day: a day of 48 half-hours, a week of 336
        text += t("fc.summary.natural", periods=", ".join(t(f"fc.period.{name}", n=n) for name, n in natural.items()))
    return text


def settings_form(defaults: Resolved, n: int, key: str) -> ForecastSettings:
    """Every training setting, starting at ``defaults`` (resolved for this series)."""
    st.caption(t("fc.settings.caption"))
    c1, c2, c3, c4, c5 = st.columns(5)
    window = c1.number_input(t("fc.set.window"), 1, max(1, n // 2), defaults.window, key=f"fc_window_{key}",
                             help=t("fc.set.window.help"))
    holdout = c2.number_input(t("fc.set.holdout"), 1, max(1, n // 2), defaults.holdout, key=f"fc_holdout_{key}",
                              help=t("fc.set.holdout.help"))
    horizon = c3.number_input(t("fc.set.horizon"), 1, 500, defaults.horizon, key=f"fc_horizon_{key}",
                              help=t("fc.set.horizon.help"))
    rollout = c4.number_input(t("fc.set.rollout"), 1, 48, defaults.rollout, key=f"fc_rollout_{key}",
                              help=t("fc.set.rollout.help"))
    epochs = c5.number_input(t("fc.set.epochs"), 1, 2000, DEFAULTS.epochs, key="fc_epochs", help=t("fc.set.epochs.help"))
    c1, c2, c3, c4 = st.columns(4)
    units = c1.number_input(t("fc.set.units"), 1, 128, DEFAULTS.units, key="fc_units", help=t("fc.set.units.help"))
    layers = c2.number_input(t("fc.set.layers"), 1, 3, DEFAULTS.layers, key="fc_layers", help=t("fc.set.layers.help"))
    dropout = c3.slider(t("fc.set.dropout"), 0.0, 0.5, DEFAULTS.dropout, 0.05, key="fc_dropout", help=t("fc.set.dropout.help"))
    batch = c4.number_input(t("fc.set.batch"), 1, 1024, DEFAULTS.batch_size, key="fc_batch", help=t("fc.set.batch.help"))
    c1, c2, c3, c4, c5 = st.columns(5)
    l2 = c5.number_input(t("fc.set.l2"), 0.0, 1.0, DEFAULTS.l2, 0.01, format="%.3f", key="fc_l2", help=t("fc.set.l2.help"))
    members = c1.number_input(t("fc.set.members"), 1, 10, DEFAULTS.members, key="fc_members", help=t("fc.set.members.help"))
    seed = c2.number_input(t("fc.set.seed"), 0, 2**31 - 1, DEFAULTS.seed, key="fc_seed", help=t("fc.set.seed.help"))
    early = c3.toggle(t("fc.set.early"), DEFAULTS.early_stopping, key="fc_early", help=t("fc.set.early.help"))
    scaling = c4.selectbox(t("fc.set.scaling"), ("standard", "minmax", "none"), key="fc_scaling",
                           format_func=lambda s: t(f"fc.scaling.{s}"), help=t("fc.set.scaling.help"))
    mode = st.radio(t("fc.set.transform"), ("auto", "custom"), horizontal=True, key="fc_transform_mode",
                    format_func=lambda m: t(f"fc.set.transform.{m}"))
    log = sdiff = deseason = diff = None
    if mode == "custom":
        c1, c2, c3, _ = st.columns(4)
        spec = defaults.transform
        log = c1.toggle(t("fc.set.log"), spec.log, key=f"fc_log_{key}", help=t("fc.set.log.help"))
        modes = ("none", "sdiff", "deseason")
        start = 1 if spec.seasonal_lag else 2 if spec.deseason else 0
        season_mode = c2.selectbox(t("fc.set.season_mode"), modes, start, key=f"fc_season_mode_{key}",
                                   format_func=lambda m: t(f"fc.season_mode.{m}"), help=t("fc.set.season_mode.help"),
                                   disabled=not defaults.season_length)
        sdiff, deseason = season_mode == "sdiff", season_mode == "deseason"
        diff = c3.toggle(t("fc.set.diff"), spec.difference, key=f"fc_diff_{key}", help=t("fc.set.diff.help"))
    return ForecastSettings(
        window=int(window), holdout=int(holdout), horizon=int(horizon), season_length=defaults.season_length,
        log=log, seasonal_diff=sdiff, deseason=deseason, difference=diff, scaling=scaling, units=int(units),
        layers=int(layers),
        dropout=float(dropout), l2=float(l2), epochs=int(epochs), batch_size=int(batch), early_stopping=bool(early),
        seed=int(seed), members=int(members), rollout=int(rollout),
    )


def chosen_text(resolved: Resolved, key: str = "fc.chosen") -> str:
    """"Chosen for this series: log, seasonal differencing (lag 12), ..." in the page's language."""
    spec = resolved.transform
    steps = []
    if spec.log:
        steps.append(t("fc.step.log"))
    if spec.seasonal_lag:
        steps.append(t("fc.step.sdiff", lag=spec.seasonal_lag))
    if spec.deseason:
        steps.append(t("fc.step.deseason", period=spec.deseason))
    if spec.difference:
        steps.append(t("fc.step.diff"))
    if spec.scaling != "none":
        steps.append(t("fc.step.scale", scaling=t(f"fc.scaling.{spec.scaling}")))
    steps.append(t("fc.step.window", window=resolved.window, holdout=resolved.holdout, horizon=resolved.horizon))
    return t(key, steps="; ".join(steps))
