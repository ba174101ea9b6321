"""English and Brazilian Portuguese strings: ``t("key", **values)``.

Strings live in ``app/strings/<module>.py`` as ``STRINGS = {key: {"en": ..., "pt": ...}}``;
every module there is merged here (a key defined twice is an error at import).
The current language is ``st.session_state["lang"]`` (``"en"`` when unset).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

import streamlit as st

import app.strings

LANGUAGES: dict[str, str] = {"en": "English", "pt": "Português (Brasil)"}
DEFAULT_LANGUAGE = "en"
LANG_KEY = "lang"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every string of every module in :mod:`app.strings`, merged."""
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(app.strings.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"app.strings.{info.name}")
        for key, texts in module.STRINGS.items():
            if key in merged:
                raise ValueError(f"string key {key!r} is defined twice (again in app/strings/{info.name}.py)")
            merged[key] = texts
    return merged


def current_language() -> str:
    try:
        lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    except Exception:  # outside a Streamlit run (plain scripts, tests of builders)
        lang = DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The string ``key`` in ``lang`` (default: the session's), formatted with ``values``."""
    texts = catalogue()[key]
    text = texts[lang or current_language()]
    return text.format(**values) if values else text
