"""Every string in both languages, placeholders alike, and every key the code asks for exists."""

import re
import string
from pathlib import Path

import pytest

from app.i18n import LANGUAGES, catalogue, t

ROOT = Path(__file__).resolve().parents[1]


def _fields(text):
    return sorted({name for _, name, _, _ in string.Formatter().parse(text) if name is not None})


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_string_has_every_language_with_the_same_placeholders(key):
    texts = catalogue()[key]
    assert set(texts) == set(LANGUAGES), f"{key}: languages {sorted(texts)}"
    for lang, text in texts.items():
        assert isinstance(text, str) and text.strip(), f"{key} is empty in {lang}"
    assert _fields(texts["en"]) == _fields(texts["pt"]), f"{key}: placeholders differ between en and pt"


def test_every_literal_key_used_in_code_exists():
    pattern = re.compile(r"""\bt\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']\s*[,)]""")
    missing = []
    for path in [*ROOT.glob("app/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "streamlit_app.py"]:
        for key in pattern.findall(path.read_text()):
            if key not in catalogue():
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, "keys used but not defined: " + ", ".join(missing)


def test_t_formats_and_picks_the_language():
    assert t("nav.home", lang="pt") == "Início"
    assert t("quantity.f", lang="pt") == "porta de esquecimento"
    assert t("nav.home") == "Home"  # outside a Streamlit run: English


SIDEBAR_CHOICE_WIDTH = 24
"""Characters a closed selectbox in the sidebar shows whole (headless Chromium, default sidebar width;
"lembrar: guardar um pico" just fits); a longer choice is cut with an ellipsis."""


def test_the_step_pages_sidebar_choices_fit_their_boxes():
    from app.step_state import SEQUENCE_KINDS, SOURCES
    from lstm_core.sequences.builtin import SEQUENCES
    from lstm_core.sequences.scaling import SCALINGS
    from lstm_core.weights import PRESETS

    keys = ([f"step.w.{s}" for s in SOURCES] + [f"step.preset.{p}" for p in PRESETS]
            + [f"step.seq.{k}" for k in [*SEQUENCES, *SEQUENCE_KINDS]] + [f"step.scaling.{s}" for s in SCALINGS])
    too_long = [(key, lang, t(key, lang=lang)) for key in keys for lang in LANGUAGES
                if len(t(key, lang=lang)) > SIDEBAR_CHOICE_WIDTH]
    assert not too_long
