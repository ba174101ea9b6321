"""The person's input, made to fit what the weights take: the sidebar's sequence box.

    the page's own LSTMs    a series (built-in, typed, a CSV column), scaled; D inputs fed as before
    a model file, numbers   D numeric columns of a CSV (picked, in order) or a series when D = 1, scaled
    a model file, tokens    whole-number token ids (typed, or a CSV column), on the time axis
    a windowed model        a series, slid into one window of look_back values per step (or its last window)
    a fixed length T        cut or padded to exactly T steps, as the person chooses, never silently

Everything returns a :class:`Feed`: what the layers are traced on, or the sentence saying why not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import streamlit as st

from app import cached, user_text, widgets
from app import step_state as ss
from app.i18n import t
from app.widgets import WeightsPick
from lstm_core.data import DataError
from lstm_core.models import OpenedModel
from lstm_core.sequences.builtin import MAX_LENGTH
from lstm_core.sequences.features import as_features

LARGE_INPUT = 10.0
"""Beyond this |value| the gates of the page's own LSTMs saturate: the page suggests scaling."""

FITS: tuple[str, ...] = ("end", "start")
"""A fixed-length model's choices: keep the sequence's end (cut or pad at the start) or its start."""

WINDOWINGS: tuple[str, ...] = ("slide", "last")
"""A windowed model's choices: one window per step, or only the last window (the model's one prediction)."""

TOKEN_SOURCES: tuple[str, ...] = ("typed", "csv")


@dataclass(frozen=True)
class Feed:
    """What the layers are traced on.

    x:        (T, D) numbers, (T,) token ids, or (N, look_back) windows (``windows``); None on error
    label:    the input's name for titles (a file name stays as typed: escape it for Markdown)
    warnings: sentences the page shows above the charts
    windows:  each row of x is a separate one-step run (a windowed model slid over a series)
    flat:     x is one flat vector the model reshapes into steps itself (an Input of shape (n,))
    series:   the series the windows were cut from (a windowed model); window t starts at value
              ``series_start + t``
    """

    x: np.ndarray | None
    label: str
    error: str | None = None
    prompt: str | None = None
    warnings: tuple[str, ...] = ()
    windows: bool = False
    timestamps: tuple[str, ...] | None = None
    flat: bool = False
    series: np.ndarray | None = None
    series_start: int = 0


def feed_for(pick: WeightsPick) -> Feed:
    """The sequence box for whatever weights were picked."""
    if pick.model is not None:
        return model_feed(pick.model)
    return stack_feed(pick)


# --- the page's own LSTM stacks --------------------------------------------------------------


def stack_feed(pick: WeightsPick) -> Feed:
    """A series for the page's own LSTMs (or the forecast page's model's own inputs), as before."""
    if pick.inputs is not None:
        st.caption(t("step.seq.from_model", label=user_text.literal(pick.label)))  # names their file
        return Feed(np.asarray(pick.inputs, dtype=np.float64), pick.label, timestamps=pick.timestamps)
    seq = widgets.sequence_picker()
    _, x, scale_error = widgets.scaling_picker(seq.values)
    if seq.error or scale_error or seq.prompt or pick.layers is None:
        return Feed(None, seq.label, seq.error or scale_error, seq.prompt)
    warnings = []
    input_dim = pick.layers[0].input_dim
    got = 1 if x.ndim == 1 else x.shape[1]
    if got != input_dim:
        warnings.append(t("step.warn.features", d=input_dim, got=got))
    x = as_features(x, input_dim)
    peak = float(np.max(np.abs(x)))
    if peak > LARGE_INPUT:
        warnings.append(t("step.warn.large_input", peak=f"{peak:.4g}"))
    return Feed(x, seq.label, warnings=tuple(warnings))


# --- a person's model file -------------------------------------------------------------------


def model_feed(model: OpenedModel) -> Feed:
    """The sequence box for an uploaded model: tokens, windows or numbers, fitted to its length."""
    spec = model.input
    if spec.kind == "tokens":
        return _fit(token_feed(spec.vocab), spec.steps, pad=0)
    if spec.windowed:
        return window_feed(model)
    if len(spec.shape) == 1 and spec.shape[0] is not None:
        return flat_feed(spec.shape[0])
    feed = numbers_feed(spec.features)
    return _fit(feed, spec.steps, pad=0.0)


def numbers_feed(features: int) -> Feed:
    """D numbers per step: D columns of a CSV (or a series when D = 1), scaled as the person picks."""
    if features > 1:
        st.caption(t("step.model.features", d=features))
    seq = widgets.sequence_picker(features=features)
    _, x, scale_error = widgets.scaling_picker(seq.values, note=t("step.scaling.model_note"))
    if seq.error or scale_error or seq.prompt:
        return Feed(None, seq.label, seq.error or scale_error, seq.prompt)
    warnings = []
    got = 1 if x.ndim == 1 else x.shape[1]
    if got != features:
        warnings.append(t("step.warn.features", d=features, got=got))
    return Feed(as_features(x, features), seq.label, warnings=tuple(warnings))


def flat_feed(size: int) -> Feed:
    """A model that takes one flat vector of ``size`` numbers and reshapes it into steps itself:
    a series cut or padded to ``size`` values."""
    st.caption(t("step.model.flat", n=size))
    seq = widgets.sequence_picker()
    _, values, scale_error = widgets.scaling_picker(seq.values, note=t("step.scaling.model_note"))
    if seq.error or scale_error or seq.prompt:
        return Feed(None, seq.label, seq.error or scale_error, seq.prompt)
    feed = _fit(Feed(np.asarray(values, dtype=np.float64).reshape(-1), seq.label), size, pad=0.0, what="values")
    return Feed(feed.x, feed.label, warnings=feed.warnings, flat=True)


def window_feed(model: OpenedModel) -> Feed:
    """A windowed model (one step of look_back values): slide the window over a series, or read its last window."""
    k = model.input.features
    st.info(t("step.window.explain", k=k))
    seq = widgets.sequence_picker()
    _, values, scale_error = widgets.scaling_picker(seq.values, note=t("step.scaling.model_note"))
    how = st.radio(t("step.window.how"), WINDOWINGS, format_func=widgets.named(lambda w: f"step.window.{w}", k=k),
                   **ss.choice(ss.WINDOWING, WINDOWINGS, "slide"))
    ss.write_url(ss.WINDOWING, how, "slide")
    if seq.error or scale_error or seq.prompt:
        return Feed(None, seq.label, seq.error or scale_error, seq.prompt)
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    if values.size < k:
        return Feed(None, seq.label, t("step.error.window_short", n=values.size, k=k))
    windows = model.windows(values)
    if how == "last":
        return Feed(windows[-1:], seq.label, windows=True, series=values, series_start=values.size - k)
    return Feed(windows, seq.label, windows=True, series=values)


TOKEN_ITEM = re.compile(r"^[+]?\d+$")


def parse_token_ids(text: str, vocab: int | None) -> np.ndarray:
    """Typed token ids -> (T,) int64; a ValueError whose args are (string key, its values) otherwise."""
    items = [item for item in re.split(r"[\s,;]+", (text or "").strip()) if item]
    if not items:
        raise ValueError("step.error.tokens_empty", {})
    for position, item in enumerate(items, start=1):
        if not TOKEN_ITEM.match(item):
            raise ValueError("step.error.token_item", {"position": position, "item": item[:20]})
    if len(items) > MAX_LENGTH:
        raise ValueError("step.error.tokens_too_many", {"n": len(items), "max": MAX_LENGTH})
    ids = np.array([int(item) for item in items], dtype=np.int64)
    return check_token_range(ids, vocab)


def check_token_range(ids: np.ndarray, vocab: int | None) -> np.ndarray:
    """ids unchanged when all lie in 0..vocab-1; a ValueError (key, values) naming the first that does not."""
    if vocab is not None:
        bad = ids[(ids < 0) | (ids >= vocab)]
        if bad.size:
            raise ValueError("step.error.token_range", {"value": int(bad[0]), "top": vocab - 1})
    return ids


def default_tokens(vocab: int | None) -> str:
    """A short typed example inside the vocabulary: "1, 2, 3, ..." (wrapping before ``vocab``)."""
    top = max(1, (vocab or 10) - 1)
    return ", ".join(str(1 + k % top) if top > 1 else "0" for k in range(10))


def token_feed(vocab: int | None) -> Feed:
    """Whole-number token ids, typed or from a CSV column, one per step."""
    top = (vocab or 0) - 1
    st.caption(t("step.tokens.intro", top=top) if vocab else t("step.tokens.intro_free"))
    source = st.selectbox(t("step.tokens.source"), TOKEN_SOURCES,
                          format_func=widgets.named(lambda s: f"step.tokens.{s}"),
                          **ss.choice(ss.TOKEN_SOURCE, TOKEN_SOURCES, "typed"))
    ss.write_url(ss.TOKEN_SOURCE, source, "typed")
    label = t("step.tokens.label")
    if source == "typed":
        text = st.text_area(t("step.tokens.typed_label"), value=default_tokens(vocab), help=t("step.tokens.typed_help"),
                            **ss.bound(ss.TOKENS))
        try:
            return Feed(parse_token_ids(text, vocab), label)
        except ValueError as exc:
            key, values = exc.args
            return Feed(None, label, t(key, **user_text.literal_params(values)))
    upload = st.file_uploader(t("step.seq.csv_label"), type=["csv", "txt"], key=ss.CSV_FILE)
    if upload is None:
        return Feed(None, label, prompt=t("step.error.csv_missing"))
    try:
        table = cached.table(upload.getvalue())
    except DataError:
        return Feed(None, upload.name, t("step.error.csv_unreadable"))
    columns = list(table.numeric)
    if not columns:
        return Feed(None, upload.name, t("step.error.csv_no_numbers"))
    column = st.selectbox(t("step.tokens.column"), columns, key=ss.TOKEN_COLUMN)
    values = np.asarray(table.numeric[column], dtype=np.float64)
    values = values[np.isfinite(values)]
    if values.size == 0 or np.any(values != np.round(values)):
        return Feed(None, upload.name, t("step.error.token_column", column=user_text.literal(column)))
    try:
        ids = check_token_range(values[:MAX_LENGTH].astype(np.int64), vocab)
    except ValueError as exc:
        key, params = exc.args
        return Feed(None, upload.name, t(key, **params))
    return Feed(ids, f"{upload.name} / {column}")


# --- a fixed number of steps -----------------------------------------------------------------


def fit_length(x: np.ndarray, steps: int, keep: str, pad: float | int = 0) -> np.ndarray:
    """x (T, ...) cut or padded with ``pad`` to exactly ``steps`` rows.

    keep "end": the last ``steps`` rows, padding before them when shorter (Keras' pad_sequences
    default); "start": the first rows, padding after them.
    """
    if keep not in FITS:
        raise ValueError(f"expected keep among {FITS}, got {keep!r}")
    x = np.asarray(x)
    n = x.shape[0]
    if n >= steps:
        return x[n - steps:] if keep == "end" else x[:steps]
    filler = np.full((steps - n,) + x.shape[1:], pad, dtype=x.dtype)
    return np.concatenate([filler, x] if keep == "end" else [x, filler])


def _fit(feed: Feed, steps: int | None, pad: float | int, what: str = "steps") -> Feed:
    """A model with a fixed number of steps (or of ``what="values"``, a flat vector) takes exactly that
    many: say so, and let the person choose how."""
    if steps is None or feed.x is None:
        return feed
    n = feed.x.shape[0]
    if n == steps:
        st.caption(t(f"step.fit.{what}_exact", steps=steps))
        return feed
    keep = st.radio(t(f"step.fit.{what}_label", steps=steps), FITS,
                    format_func=widgets.named(lambda k: f"step.fit.{k}", steps=steps), **ss.choice(ss.FIT, FITS, "end"))
    ss.write_url(ss.FIT, keep, "end")
    sentence = t(f"step.fit.{what}_cut" if n > steps else f"step.fit.{what}_pad", steps=steps, n=n)
    return Feed(fit_length(feed.x, steps, keep, pad), feed.label, warnings=feed.warnings + (sentence,))
