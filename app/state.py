"""Session-state keys shared across pages, their defaults, and the URL (query-param) sync.

Page-specific keys are prefixed with the page's name (``step_``, ``fc_``, ``rnn_``)
and initialised by that page's own ``init_*`` function, once per session.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from lstm_core import LSTMWeights

from app.i18n import DEFAULT_LANGUAGE, LANG_KEY, LANGUAGES

TRAINED_MODEL_KEY = "trained_model"
"""The forecast page's hand-off to the step-through page: a :class:`TrainedModelHandoff` or absent."""


@dataclass(frozen=True)
class TrainedModelHandoff:
    """What the forecast page leaves for the step-through page ("Inspect the gates").

    layers: the trained model's LSTM layers, first to last (``weights_from_keras``).
    inputs: (T, D) the person's series as the model saw it (after the page's transform and scaling).
    label: a short description for pickers, e.g. "LSTM trained on sales.csv / revenue".
    timestamps: optional (T,) labels of the rows of ``inputs`` (dates as ISO strings).
    """

    layers: list[LSTMWeights]
    inputs: np.ndarray
    label: str
    timestamps: tuple[str, ...] | None = field(default=None)


def trained_model() -> TrainedModelHandoff | None:
    """The model this session trained on the forecast page, if any."""
    return st.session_state.get(TRAINED_MODEL_KEY)


def init_language() -> str:
    """Set ``session_state["lang"]`` once: from ``?lang=`` in the URL, else English."""
    wanted = st.query_params.get(LANG_KEY)
    if wanted in LANGUAGES and st.session_state.get(LANG_KEY) != wanted and "_lang_from_url" not in st.session_state:
        st.session_state[LANG_KEY] = wanted
    st.session_state.setdefault(LANG_KEY, DEFAULT_LANGUAGE)
    st.session_state["_lang_from_url"] = True
    return st.session_state[LANG_KEY]


LANG_WIDGET_KEY = "_lang_picker"


def language_picker() -> None:
    """The sidebar's language switch. Its label is bilingual and never changes: a widget whose
    label changed would be a new widget, and the choice would snap back."""
    if st.session_state.get(LANG_WIDGET_KEY) != st.session_state[LANG_KEY]:
        st.session_state[LANG_WIDGET_KEY] = st.session_state[LANG_KEY]

    def _chosen() -> None:
        st.session_state[LANG_KEY] = st.session_state[LANG_WIDGET_KEY]

    st.selectbox("Language / Idioma", list(LANGUAGES), format_func=LANGUAGES.get, key=LANG_WIDGET_KEY, on_change=_chosen)


def sync_language_to_url() -> None:
    """Write the chosen language into the URL so a copied link opens in it."""
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    if st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
