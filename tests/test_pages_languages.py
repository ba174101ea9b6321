"""Every page renders in each language with AppTest, and shows no English-only text in Portuguese.

The check on Portuguese: no rendered text equals an English string of the catalogue that differs
from its Portuguese version (so a label that skipped t() with English text, or a key looked up in
English, shows up).
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.i18n import catalogue

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def _texts(at):
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        out += [str(el.value) for el in getattr(at, kind)]
    for kind in ("button", "selectbox", "slider", "number_input", "text_input", "radio", "toggle", "checkbox",
                 "multiselect", "select_slider", "text_area"):
        try:
            out += [str(el.label) for el in getattr(at, kind)]
        except AttributeError:
            continue
    return out


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["en", "pt"])
def test_page_renders_in_language(page, lang):
    at = AppTest.from_file(str(ROOT / page), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, f"{page} in {lang}: {at.exception[0].message if at.exception else ''}"
    texts = _texts(at)
    assert texts, f"{page} rendered no text"
    if lang == "pt":
        english_only = {v["en"] for v in catalogue().values() if v["en"] != v["pt"] and len(v["en"]) > 3}
        leaked = [text for text in texts if text in english_only]
        assert not leaked, f"{page} shows English text in Portuguese: {leaked[:5]}"
