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
    assert t("quantity.f", lang="pt") == "porta de esquecimento f_t"
    assert t("nav.home") == "Home"  # outside a Streamlit run: English
