"""The glossary page: every term in both languages, with its equation; the filter works in either language."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.strings.glossary import GROUPS, TERMS

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "glossary.py")


def test_terms_are_complete_and_use_the_source_material_names():
    keys = [term[0] for term in TERMS]
    assert len(keys) == len(set(keys))
    for key, group, en, pt, latex, note_en, note_pt in TERMS:
        assert group in GROUPS and en and pt and note_en and note_pt, key
    names = {term[3] for term in TERMS}
    for required in ("porta de esquecimento", "porta de entrada", "candidato", "porta de saída",
                     "estado da célula", "estado oculto"):
        assert required in names


@pytest.mark.parametrize("lang, first", [("en", "forget gate"), ("pt", "porta de esquecimento")])
def test_glossary_renders_in_each_language(lang, first):
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    assert len(at.latex) == sum(1 for term in TERMS if term[4])
    assert at.markdown[1].value.startswith(f"**{first}**")


def test_filter_matches_either_language_and_says_when_nothing_matches():
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    at.text_input(key="glossary_filter").input("esquecimento").run()
    assert len(at.latex) == 1 and "forget gate" in at.markdown[1].value
    at.text_input(key="glossary_filter").input("no such term").run()
    assert not at.exception
    assert "no such term" in at.info[0].value
