"""Session-state keys shared across pages, their defaults, and the URL (query-param) sync.

Page-specific keys are prefixed with the page's name (``step_``, ``fc_``, ``rnn_``)
and initialised by that page's own ``init_*`` function, once per session.
"""

from __future__ import annotations

import streamlit as st

from app.i18n import DEFAULT_LANGUAGE, LANG_KEY, LANGUAGES

TRAINED_MODEL_KEY = "trained_model"
"""The forecast page's hand-off to the step-through page: a :class:`TrainedModelHandoff` or absent."""


def init_language() -> str:
    """Set ``session_state["lang"]`` once: from ``?lang=`` in the URL, else English."""
    wanted = st.query_params.get(LANG_KEY)
    if wanted in LANGUAGES and st.session_state.get(LANG_KEY) != wanted and "_lang_from_url" not in st.session_state:
        st.session_state[LANG_KEY] = wanted
    st.session_state.setdefault(LANG_KEY, DEFAULT_LANGUAGE)
    st.session_state["_lang_from_url"] = True
    return st.session_state[LANG_KEY]


def sync_language_to_url() -> None:
    """Write the chosen language into the URL so a copied link opens in it."""
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    if st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
