"""The step-through page's state: session keys, defaults, URL binding and the cached trace.

Every key starts with ``step_``. Widgets that describe *the view* (sequence, weights
source, seed or preset, units, scaling, timestep, chosen unit, ordering) are bound to
the URL with Streamlit's ``bind="query-params"``, so a copied link reopens the same view;
the key is the query-parameter name (``?step_seq=airline&step_t=40``).

The trace is computed once per distinct input (sequence values, weight arrays or model file) and
kept, wrapped once as the page's :class:`~app.step_layers.ShownLayer` views: stepping through time
never recomputes or rewraps it (the kept charts know their layer by identity).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from app.figures.spec import ChartSpec
from app.step_layers import ShownLayer, of_model, of_stack, of_windows
from lstm_core import LSTMWeights, Trace
from lstm_core.analysis.ordering import unit_order
from lstm_core.cells import forward_layers
from lstm_core.models import OpenedModel
from lstm_core.weights import init_weights

# --- keys ------------------------------------------------------------------------------

SEQUENCE = "step_seq"          # built-in name, "typed" or "csv"
LENGTH = "step_len"            # length of a built-in series
SEQ_SEED = "step_seq_seed"     # seed of the noise series
TYPED = "step_typed"           # the typed list
CSV_FILE = "step_csv"          # the uploaded CSV (uploader)
CSV_COLUMN = "step_csv_col"    # the chosen numeric column
SCALING = "step_scaling"       # none, minmax, standard, log
SOURCE = "step_source"         # random, preset, one_unit, trained, upload
UNITS = "step_units"           # units of the seeded random cell
SEED = "step_seed"             # seed of the seeded random cell
PRESET = "step_preset"         # teaching preset name
KERAS_FILE = "step_keras"      # the uploaded model file, .keras/.h5/.hdf5 (uploader)
LAYER = "step_layer"           # which recurrent layer (and direction) of the model, by its place in the list
MODEL_SEQ = "step_model_seq"   # where an uploaded model's input comes from: a built-in, typed or csv
MODEL_COLUMNS = "step_model_cols"  # the CSV columns, in order, that feed a model with D inputs per step
TOKEN_SOURCE = "step_token_src"    # token ids typed or from a CSV column
TOKENS = "step_tokens"         # the typed token ids
TOKEN_COLUMN = "step_token_col"    # the CSV column of token ids
FIT = "step_fit"               # a fixed-length model: keep the last or the first steps ("end", "start")
WINDOWING = "step_windowing"   # a windowed model: slide the window ("slide") or read the last window ("last")
T = "step_t"                   # the timestep slider (and the URL parameter of the timestep)
POS = "step_pos"               # the current timestep itself (written by code only)
PLAYING = "step_playing"       # play/pause
SPEED = "step_speed"           # steps per second while playing
ORDER = "step_order"           # unit ordering: index, variance, correlation
SHOW = "step_show"             # how many units the heatmaps show
PICKED = "step_picked"         # units picked by hand (overrides ORDER/SHOW)
UNIT = "step_unit"             # the unit of the diagram and the equations
WINDOW = "step_window"         # timesteps per heatmap window
VIEW = "step_view"             # the tab: heatmaps or one unit
HANDOFF_SEEN = "step_handoff_seen"  # the last forecast-page model this page switched to
UPLOADED_MODEL = "step_uploaded_model"  # (file digest, OpenedModel or the ModelError) of the uploaded file

SOURCES: tuple[str, ...] = ("random", "preset", "one_unit", "trained", "upload")
DEFAULT_SOURCE = "preset"          # the showcase preset ...
DEFAULT_SEQUENCE = "set_hold_reset"  # ... on the input it was built for: every unit visibly does its job
SEQUENCE_KINDS: tuple[str, ...] = ("typed", "csv")
SPEEDS: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0)
WINDOWS: tuple[int, ...] = (50, 100, 200, 400)
DEFAULT_WINDOW = 200
DEFAULT_SHOWN = 32
MAX_RANDOM_UNITS = 256
DEFAULT_TYPED = "0, 1, 1, 2, 3, 5, 8, 13, 21, 34"

ONE_UNIT_DEFAULTS: dict[str, float] = {
    "W_i": 2.0, "U_i": 0.0, "b_i": 0.0,
    "W_f": 0.0, "U_f": 0.0, "b_f": 2.0,
    "W_c": 2.0, "U_c": 0.0, "b_c": 0.0,
    "W_o": 0.0, "U_o": 0.0, "b_o": 2.0,
}
"""The slider cell starts as a gentle integrator: f ≈ 0.88, o ≈ 0.88, i and c̃ follow the input."""

ONE_UNIT_RANGE = (-10.0, 10.0)


def bound(key: str) -> dict:
    """Keyword arguments that bind a number, slider or text widget to the URL and keep it across page switches.

    Streamlit's binding writes a selectbox's *displayed label* into the URL, which changes with
    the language; choices use :func:`choice` and :func:`write_url` instead, with stable keys.
    """
    return {"key": key, "bind": "query-params", "persist_state": "session"}


URL_CHOICES: dict[str, type] = {
    SEQUENCE: str, SCALING: str, SOURCE: str, PRESET: str, ORDER: str, LAYER: int, UNIT: int, FIT: str,
    WINDOWING: str, TOKEN_SOURCE: str,
}
"""Choices kept in the URL by their stable option (``?step_source=preset``), not their translated label."""

_URL_SEEN = "step_url_seen"


def choice(key: str, options, default) -> dict:
    """Make ``session_state[key]`` one of ``options`` before its widget is drawn; returns the widget kwargs.

    The first time in a session the URL's value (when valid) wins; afterwards the widget's own
    value; anything no longer among the options falls back to ``default``.
    """
    options = list(options)
    seen = st.session_state.setdefault(_URL_SEEN, set())
    if key not in seen:
        seen.add(key)
        raw = st.query_params.get(key)
        if raw is not None:
            try:
                value = URL_CHOICES[key](raw)
            except (TypeError, ValueError):
                value = None
            if value in options:
                st.session_state[key] = value
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    return {"key": key, "persist_state": "session"}


def write_url(key: str, value, default) -> None:
    """Keep ``?key=value`` in the URL (removed when the value is the default)."""
    if value is None or value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != str(value):
        st.query_params[key] = str(value)


def kept(key: str) -> dict:
    """Keyword arguments for a widget whose value survives page switches but stays out of the URL."""
    return {"key": key, "persist_state": "session"}


def init() -> None:
    """Session defaults of the keys no widget owns (set once)."""
    st.session_state.setdefault(PLAYING, False)


def clamp_timestep(steps: int) -> int:
    """The current timestep, kept inside [0, steps - 1] (a shorter sequence may have been picked).

    The truth is ``step_pos``, a plain session value that only code writes (buttons, the play
    timer, the slider's on_change). The slider ``step_t`` is its view: a browser that sends a
    stale slider value (a run interrupted by the play timer) cannot move time backwards.
    The first time in a session, ``?step_t=`` in the URL gives the timestep.
    """
    seen = st.session_state.setdefault(_URL_SEEN, set())
    if T not in seen:
        seen.add(T)
        try:
            st.session_state[POS] = int(st.query_params.get(T, st.session_state.get(POS, 0)))
        except (TypeError, ValueError):
            st.session_state[POS] = 0
    try:
        t = int(st.session_state.get(POS, 0))
    except (TypeError, ValueError):
        t = 0
    t = min(max(0, t), steps - 1)
    st.session_state[POS] = t
    return t


def show_on_slider() -> None:
    """Before the slider is drawn: make it show ``step_pos``."""
    if st.session_state.get(T) != st.session_state.get(POS, 0):
        st.session_state[T] = st.session_state.get(POS, 0)


# --- stepping callbacks (run before the script, so widgets see the new value) ---------------


def slider_moved() -> None:
    """The person moved the slider: that is the new timestep."""
    st.session_state[POS] = int(st.session_state[T])


def step_by(delta: int, steps: int) -> None:
    """Move the current timestep by ``delta``, staying inside [0, steps - 1]."""
    st.session_state[POS] = min(max(0, int(st.session_state.get(POS, 0)) + delta), steps - 1)


def toggle_play(steps: int) -> None:
    """Play or pause; playing from the last step starts again at 0."""
    playing = not st.session_state.get(PLAYING, False)
    if playing and int(st.session_state.get(POS, 0)) >= steps - 1:
        st.session_state[POS] = 0
    st.session_state[PLAYING] = playing


def advance_playback(steps: int) -> bool:
    """One tick of play: next timestep; stops at the end. Returns whether it is still playing."""
    t = int(st.session_state.get(POS, 0))
    if t >= steps - 1:
        st.session_state[PLAYING] = False
        return False
    st.session_state[POS] = t + 1
    if t + 1 >= steps - 1:
        st.session_state[PLAYING] = False
    return bool(st.session_state[PLAYING])


# --- the trace, computed once per input -------------------------------------------------------


def digest(*arrays: np.ndarray) -> str:
    """A short content hash of arrays (shape, dtype and bytes)."""
    h = hashlib.blake2b(digest_size=16)
    for a in arrays:
        a = np.ascontiguousarray(a)
        h.update(str((a.shape, a.dtype.str)).encode())
        h.update(a.data)
    return h.hexdigest()


@st.cache_data(max_entries=4, ttl=3600, show_spinner=False)  # a 10,000 x 256 trace weighs ~100 MB
def _forward_cached(x: np.ndarray, arrays: tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...]) -> list[Trace]:
    return forward_layers(x, [LSTMWeights(*a) for a in arrays])


@st.cache_data(max_entries=16, show_spinner=False)
def random_cell(units: int, seed: int) -> LSTMWeights:
    """``init_weights(1, units, seed)``, kept: the orthogonal U of 256 units costs a QR each time."""
    return init_weights(1, units, seed=seed)


_MEMO = "step_trace_memo"


def traces(x: np.ndarray, layers: list[LSTMWeights]) -> tuple[ShownLayer, ...]:
    """Stacked LSTM ``layers`` traced on x (T, D), layer by layer, as the page's views; cached by their inputs.

    ``st.cache_data`` shares results between sessions; a one-entry memo in the session
    keeps the last result as is, so a timestep change does not even unpickle it.
    """
    x = np.asarray(x, dtype=np.float32)
    arrays = tuple((w.kernel, w.recurrent_kernel, w.bias) for w in layers)
    key = digest(x, *(a for triple in arrays for a in triple))
    memo = st.session_state.get(_MEMO)
    if memo is not None and memo[0] == key:
        return memo[1]
    result = of_stack(_forward_cached(x, arrays), layers)
    st.session_state[_MEMO] = (key, result)
    return result


def model_traces(model: OpenedModel, model_key: str, x: np.ndarray, windows: bool = False) -> tuple[ShownLayer, ...]:
    """Every recurrent layer of a person's model traced on x, as the page's views; kept in the session.

    x: what :meth:`OpenedModel.trace` takes ((T, D) numbers or (T,) token ids); ``windows``: x holds
    one window per row and each is its own one-step run of the model (a windowed model).
    A person's model stays in their session (never in a cache shared between sessions). Raises
    :class:`lstm_core.models.ModelError` when x does not fit the model.
    """
    x = np.asarray(x)
    key = (model_key, digest(x), windows)
    memo = st.session_state.get(_MEMO)
    if memo is not None and memo[0] == key:
        return memo[1]
    if windows:
        result = of_windows(model.trace_windows(x))
    else:
        result = of_model(model.trace(x))
    st.session_state[_MEMO] = (key, result)
    return result


_ORDER_MEMO = "step_order_memo"


def ordered_units(layer: ShownLayer | Trace, by: str) -> np.ndarray:
    """Unit indices of ``layer`` ordered ``by`` (index, variance of h, |corr(h, x)|), memoised per layer."""
    memo = st.session_state.get(_ORDER_MEMO)
    if memo is not None and memo[0] is layer and memo[1] == by:
        return memo[2]
    order = unit_order(layer.h, by=by, x=layer.x)
    st.session_state[_ORDER_MEMO] = (layer, by, order)
    return order


_KEPT_MEMO = "step_kept_memo"


def remembered(name: str, layer: ShownLayer | Trace, inputs: tuple, build: Callable[[], object]) -> object:
    """What ``build()`` makes from ``layer``, kept in the session while the layer (the same object)
    and ``inputs`` (hashable) stay: a step reuses it (a window's colour scales)."""
    memos = st.session_state.setdefault(_KEPT_MEMO, {})
    memo = memos.get(name)
    if memo is not None and memo[0] is layer and memo[1] == inputs:
        return memo[2]
    value = build()
    memos[name] = (layer, inputs, value)
    return value


_CHART_MEMO = "step_chart_memo"


def chart(name: str, trace: ShownLayer | Trace, inputs: tuple, build: Callable[[], go.Figure | ChartSpec]) -> ChartSpec:
    """The chart ``build()`` makes from ``trace`` (a layer), kept in JSON form in the session while it
    (the same object) and ``inputs`` (hashable: window, units, titles, presentation mode) stay:
    a step then only moves its marker (``.at(t)``) instead of rebuilding and re-encoding it."""
    memos = st.session_state.setdefault(_CHART_MEMO, {})
    memo = memos.get(name)
    if memo is not None and memo[0] is trace and memo[1] == inputs:
        return memo[2]
    built = build()
    spec = built if isinstance(built, ChartSpec) else ChartSpec.of(built)
    memos[name] = (trace, inputs, spec)
    return spec
