"""Pickers and the timestep stepper of the step-through page; each returns plain values.

Widgets keep their values across page switches and (for the view) in the URL; see
:mod:`app.step_state` for the keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import streamlit as st

from app import cached, presentation, quantities, user_text
from app import step_state as ss
from app.i18n import current_language, t
from app.model_picker import uploaded_model
from app.state import TrainedModelHandoff
from lstm_core import LSTMWeights
from lstm_core.analysis.ordering import ORDERINGS
from lstm_core.cells.gates import QUANTITY, TEACHING_GATES
from lstm_core.data import DataError
from lstm_core.models import OpenedModel
from lstm_core.sequences.builtin import MAX_LENGTH, SEQUENCES, builtin_sequence, parse_number_list
from lstm_core.sequences.scaling import SCALINGS, Scaler
from lstm_core.weights import ONE_UNIT_PARAMS, PRESETS, one_unit, preset_weights

def named(key_of, **values):
    """A ``format_func`` that names each option by its string key ``key_of(option)`` in the language of
    this run (Streamlit's test runner calls it again later, outside the run, where no language is set)."""
    lang = current_language()
    return lambda option: t(key_of(option), lang=lang, **values)


# --- the sequence --------------------------------------------------------------------------


@dataclass(frozen=True)
class SequencePick:
    """The series the person chose, (T,) float64, or the sentence saying why there is none."""

    values: np.ndarray | None
    label: str
    error: str | None = None
    prompt: str | None = None  # what to do next (no file yet), not an error


def sequence_picker(features: int = 1) -> SequencePick:
    """Built-in series, a typed list, or a numeric column of an uploaded CSV (``features`` > 1:
    that many columns, picked in order, as (T, features))."""
    kinds = list(SEQUENCES) + list(ss.SEQUENCE_KINDS)
    kind = st.selectbox(t("step.seq.label"), kinds, format_func=named(lambda k: f"step.seq.{k}"),
                        **ss.choice(ss.SEQUENCE, kinds, ss.DEFAULT_SEQUENCE))
    ss.write_url(ss.SEQUENCE, kind, ss.DEFAULT_SEQUENCE)
    if kind in SEQUENCES:
        spec = SEQUENCES[kind]
        length = st.number_input(
            t("step.seq.length"), min_value=1, max_value=spec.max_length, value=spec.default_length, step=1,
            help=t("step.seq.length_help", max=spec.max_length), **ss.bound(f"{ss.LENGTH}_{kind}"),
        )
        seed = 0
        if kind == "noise":
            seed = st.number_input(t("step.seq.seed"), min_value=0, max_value=2**31 - 1, value=0, step=1,
                                   **ss.bound(ss.SEQ_SEED))
        values = builtin_sequence(kind, int(length), seed=int(seed))
        return SequencePick(values, t(f"step.seq.{kind}"))
    if kind == "typed":
        text = st.text_area(t("step.seq.typed_label"), value=ss.DEFAULT_TYPED, help=t("step.seq.typed_help"),
                            **ss.bound(ss.TYPED))
        try:
            return SequencePick(parse_number_list(text), t("step.seq.typed"))
        except ValueError as exc:
            return SequencePick(None, t("step.seq.typed"), typed_list_error(str(exc)))
    return _csv_sequence(features)


def typed_list_error(message: str) -> str:
    """The core's parse error as a sentence in the person's language."""
    found = re.match(r"item (\d+), '(.*)', is not a number", message)
    if found:
        return t("step.error.typed_item", position=found.group(1), item=user_text.literal(found.group(2)))
    if message.startswith("the list is empty"):
        return t("step.error.typed_empty")
    return t("step.error.typed", detail=message)


def _csv_sequence(features: int = 1) -> SequencePick:
    upload = st.file_uploader(t("step.seq.csv_label"), type=["csv", "txt"], key=ss.CSV_FILE)
    if upload is None:
        return SequencePick(None, t("step.seq.csv"), prompt=t("step.error.csv_missing"))
    try:
        table = cached.table(upload.getvalue())
    except DataError as err:
        key = "step.error.csv_no_numbers" if err.code == "no_numeric" else "step.error.csv_unreadable"
        return SequencePick(None, upload.name, t(key))
    columns = list(table.numeric)
    if not columns:
        return SequencePick(None, upload.name, t("step.error.csv_no_numbers"))
    if features > 1:
        return _csv_columns(upload.name, table, columns, features)
    default = table.value_column if table.value_column in columns else columns[0]
    column = st.selectbox(t("step.seq.csv_column"), columns, index=columns.index(default), key=ss.CSV_COLUMN)
    values = np.asarray(table.numeric[column], dtype=np.float64)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return SequencePick(None, upload.name, t("step.error.csv_no_numbers"))
    if values.size > MAX_LENGTH:
        st.warning(t("step.warn.csv_truncated", n=values.size))
        values = values[:MAX_LENGTH]
    return SequencePick(values, f"{upload.name} / {column}")


def _csv_columns(name: str, table, columns: list[str], features: int) -> SequencePick:
    """``features`` numeric columns, picked in order (the first ones by default), as (T, features);
    rows where any picked column is empty are left out."""
    if len(columns) < features:
        return SequencePick(None, name, t("step.error.csv_few_columns", got=len(columns), d=features))
    picked = st.multiselect(t("step.seq.csv_columns", d=features), columns, default=columns[:features],
                            max_selections=features, help=t("step.seq.csv_columns_help", d=features),
                            key=ss.MODEL_COLUMNS)
    picked = [c for c in picked if c in columns]
    if len(picked) != features:
        return SequencePick(None, name, t("step.error.columns_count", d=features, got=len(picked)))
    values = np.column_stack([np.asarray(table.numeric[c], dtype=np.float64) for c in picked])
    values = values[np.all(np.isfinite(values), axis=1)]
    if values.shape[0] == 0:
        return SequencePick(None, name, t("step.error.csv_no_numbers"))
    if values.shape[0] > MAX_LENGTH:
        st.warning(t("step.warn.csv_truncated", n=values.shape[0]))
        values = values[:MAX_LENGTH]
    return SequencePick(values, f"{name} / {', '.join(picked)}")


def scaling_picker(values: np.ndarray | None, note: str | None = None) -> tuple[str, np.ndarray | None, str | None]:
    """Scaling choice, the scaled series (None when there is no series) and an error sentence.

    values (T,) or (T, D): each column is scaled on its own. ``note``: a caption of its own
    (a person's model), else why scaling matters.
    """
    method = st.selectbox(t("step.scaling.label"), SCALINGS, format_func=named(lambda s: f"step.scaling.{s}"),
                          **ss.choice(ss.SCALING, SCALINGS, "none"))
    ss.write_url(ss.SCALING, method, "none")
    st.caption(note or t("step.scaling.note"))
    if values is None:
        return method, None, None
    try:
        if np.ndim(values) == 2:
            return method, np.column_stack([Scaler.fit(col, method).transform(col) for col in values.T]), None
        return method, Scaler.fit(values, method).transform(values), None
    except ValueError:
        return method, None, t("step.error.log_negative", low=f"{float(np.min(values)):g}")


# --- the weights ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WeightsPick:
    """LSTM layers to trace as a stack, their unit names (or None), and the trained model's own inputs
    when it has them; or a person's model file, opened (``model``, its file's digest ``model_key``)."""

    layers: list[LSTMWeights] | None
    label: str
    unit_names: tuple[str, ...] | None = None
    inputs: np.ndarray | None = None
    timestamps: tuple[str, ...] | None = None
    error: str | None = None
    prompt: str | None = None  # what to do next (no file yet), not an error
    model: OpenedModel | None = None
    model_key: str | None = None


def weights_picker(handoff: TrainedModelHandoff | None) -> WeightsPick:
    """Seeded random, a preset, the one-unit slider cell, the forecast page's model or a model file."""
    sources = [s for s in ss.SOURCES if s != "trained" or handoff is not None]
    default = "trained" if handoff is not None else ss.DEFAULT_SOURCE
    if handoff is not None and st.session_state.get(ss.HANDOFF_SEEN) is not handoff:
        # a model was just trained ("Inspect the gates"): show it, from its first step
        st.session_state[ss.HANDOFF_SEEN] = handoff
        st.session_state[ss.SOURCE] = "trained"
        st.session_state[ss.LAYER] = 0
        st.session_state[ss.POS] = 0
    source = st.selectbox(t("step.w.label"), sources, format_func=named(lambda s: f"step.w.{s}"),
                          **ss.choice(ss.SOURCE, sources, default))
    ss.write_url(ss.SOURCE, source, default)
    if source == "random":
        units = st.number_input(t("step.w.units"), min_value=1, max_value=ss.MAX_RANDOM_UNITS, value=8, step=1,
                                **ss.bound(ss.UNITS))
        seed = st.number_input(t("step.w.seed"), min_value=0, max_value=2**31 - 1, value=0, step=1,
                               **ss.bound(ss.SEED))
        st.caption(t("step.w.random_note"))
        return WeightsPick([ss.random_cell(int(units), int(seed))], t("step.w.random_label", units=units, seed=seed))
    if source == "preset":
        name = st.selectbox(t("step.w.preset_label"), list(PRESETS), format_func=named(lambda p: f"step.preset.{p}"),
                            **ss.choice(ss.PRESET, PRESETS, "showcase"))
        ss.write_url(ss.PRESET, name, "showcase")
        st.caption(t(f"step.preset.{name}.about"))
        return WeightsPick([preset_weights(name)], t(f"step.preset.{name}"),
                           tuple(t(f"step.unit_name.{u}") for u in PRESETS[name].unit_names))
    if source == "one_unit":
        return WeightsPick([one_unit(one_unit_sliders())], t("step.w.one_unit"), (t("step.w.one_unit_name"),))
    if source == "trained" and handoff is not None:
        st.caption(t("step.w.trained_note", label=user_text.literal(handoff.label)))  # the label names their file
        return WeightsPick(list(handoff.layers), handoff.label, None, np.asarray(handoff.inputs), handoff.timestamps)
    return _uploaded_model()


def one_unit_sliders() -> dict[str, float]:
    """Twelve sliders, W, U and b of each gate, for a cell with one input and one unit."""
    st.caption(t("step.w.one_unit_help"))
    params: dict[str, float] = {}
    low, high = ss.ONE_UNIT_RANGE
    for g in TEACHING_GATES:
        st.markdown(f"**{quantities.label(g)}**")
        for kind in ("W", "U", "b"):
            name = f"{kind}_{QUANTITY[g].letter}"
            params[name] = st.slider(
                f"{kind}_{g}", min_value=low, max_value=high, value=ss.ONE_UNIT_DEFAULTS[name], step=0.1,
                help=t(f"step.w.param_{kind}"), **ss.bound(f"step_p_{name}"),
            )
    assert set(params) == set(ONE_UNIT_PARAMS)
    return params


def _uploaded_model() -> WeightsPick:
    upload = uploaded_model()
    return WeightsPick(None, upload.label, error=upload.error, prompt=upload.prompt, model=upload.model,
                       model_key=upload.key)


# --- stepping -----------------------------------------------------------------------------


def stepper(steps: int, locked: bool = False) -> int:
    """Back / slider / next; returns the current timestep t in [0, steps).

    ``locked`` (the page is playing, or was when its timer was set): the buttons are disabled
    and a progress bar stands in for the slider, since the timer owns the timestep then.
    Play and speed are :func:`playback`'s, drawn outside the stepping fragment: a step does not
    redraw them (they were a fifth of a step's server time).
    """
    t_now = ss.clamp_timestep(steps)
    locked = locked or bool(st.session_state.get(ss.PLAYING))
    # a projector's larger type needs wider buttons ("Avançar →" must not be cut)
    widths = [2.2, 2.4, 8.3] if presentation.is_on() else [1.5, 1.5, 9]
    prev_col, next_col, slider_col = st.columns(widths, vertical_alignment="bottom")
    prev_col.button(t("step.prev"), key="step_prev", on_click=ss.step_by, args=(-1, steps),
                    disabled=locked or t_now == 0, shortcut="Left", help=t("step.prev_help"), width="stretch")
    next_col.button(t("step.next"), key="step_next", on_click=ss.step_by, args=(1, steps),
                    disabled=locked or t_now >= steps - 1, shortcut="Right", help=t("step.next_help"),
                    width="stretch")
    with slider_col:
        if steps < 2:
            st.caption(t("step.single_step"))
        elif locked:
            st.progress(t_now / (steps - 1), text=t("step.t_playing", t=t_now, steps=steps))
        else:
            ss.show_on_slider()
            st.slider(t("step.t_label", steps=steps), min_value=0, max_value=steps - 1, step=1,
                      on_change=ss.slider_moved, **ss.kept(ss.T))
    ss.write_url(ss.T, t_now, 0)
    return t_now


def playback(steps: int, play_col, speed_col) -> tuple[bool, float]:
    """Play-pause and steps per second, in the two given columns; returns (playing, speed).

    Clicking either reruns the whole page, which sets or clears the stepping fragment's timer.
    """
    playing = bool(st.session_state.get(ss.PLAYING))
    play_col.button(t("step.pause") if playing else t("step.play"), key="step_play", on_click=ss.toggle_play,
                    args=(steps,), type="primary", width="stretch", disabled=steps < 2)
    speed = speed_col.selectbox(t("step.speed"), ss.SPEEDS, index=1,
                                format_func=lambda s: t("step.speed_item", lang="en", n=f"{s:g}"), **ss.kept(ss.SPEED))
    return playing, float(speed)  # the button's callback ran before this run: ``playing`` is current


def unit_filter(units: int, labels: list[str], steps: int) -> tuple[str, int, list[int], int]:
    """Ordering, how many units to show, units picked by hand (indices; empty when none), window width.

    Laid out for the sidebar, one control per row: the page draws it outside the stepping fragment,
    so a step does not redraw (and resend) these four controls.
    """
    by = st.segmented_control(
        t("step.units.order"), list(ORDERINGS), required=True,
        format_func=named(lambda o: f"step.units.order_{o}"), help=t("step.units.order_help"),
        **ss.choice(ss.ORDER, ORDERINGS, "index"),
    ) or "index"
    ss.write_url(ss.ORDER, by, "index")
    show = st.number_input(t("step.units.show"), min_value=1, max_value=units,
                           value=min(units, ss.DEFAULT_SHOWN), step=1, **ss.kept(f"{ss.SHOW}_{units}"))
    picked = st.multiselect(t("step.units.pick"), list(range(units)), format_func=lambda u: labels[u],
                            placeholder=t("step.units.pick_placeholder"), **ss.kept(f"{ss.PICKED}_{units}"))
    width = window_picker(steps)
    return by, int(show), [int(u) for u in picked], int(width)


def unit_chooser(shown: list[int], labels: list[str]) -> int:
    """The unit whose diagram and equations are drawn (one of the shown units)."""
    unit = st.selectbox(t("step.unit.label"), shown, format_func=lambda u: labels[u],
                        **ss.choice(ss.UNIT, shown, shown[0]))
    ss.write_url(ss.UNIT, unit, shown[0])
    return unit


def window_picker(steps: int) -> int:
    """Timesteps per heatmap window (shown only for sequences longer than the smallest window)."""
    if steps <= ss.WINDOWS[0]:
        st.caption(t("step.window_all", steps=steps))
        return steps
    return st.selectbox(t("step.window"), ss.WINDOWS, index=ss.WINDOWS.index(ss.DEFAULT_WINDOW),
                        help=t("step.window_help"), **ss.kept(ss.WINDOW))
