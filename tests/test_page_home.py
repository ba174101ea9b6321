"""The frame and the home page with AppTest, in both languages."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def test_frame_opens_on_home_in_english():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "LSTM Lens"
    assert any("Pages" in s.value for s in at.subheader)


def test_chosen_language_is_used_and_written_to_the_url():
    # AppTest runs an st.navigation frame only on the first run, so the switch itself is
    # driven in the browser suite (tests/browser/test_language.py); here the session already chose.
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "pt"
    at.run()
    assert not at.exception
    assert any("Páginas" in s.value for s in at.subheader)
    assert at.query_params.get("lang") in ("pt", ["pt"])
    assert at.sidebar.selectbox(key="_lang_picker").value == "pt"


def test_language_from_query_param():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "pt"
    at.run()
    assert at.session_state["lang"] == "pt"
    assert any("Páginas" in s.value for s in at.subheader)
