"""LSTM Lens: the frame. Page config, language, navigation over pages/."""

from pathlib import Path

import streamlit as st

from app import presentation, state
from app.server import turns
from app.i18n import t

ROOT = Path(__file__).parent

# (file, navigation label key, icon); a page appears once its file exists.
PAGES = [
    ("pages/home.py", "nav.home", ":material/home:"),
    ("pages/step_through.py", "nav.step_through", ":material/timeline:"),
    ("pages/train_forecast.py", "nav.train_forecast", ":material/show_chart:"),
    ("pages/rnn_vs_lstm.py", "nav.rnn_vs_lstm", ":material/compare:"),
    ("pages/lessons.py", "nav.lessons", ":material/school:"),
    ("pages/glossary.py", "nav.glossary", ":material/translate:"),
]

with turns.page_run():  # full runs of every session take turns (a step never waits behind one): app/server/turns.py
    st.set_page_config(page_title="LSTM Lens", page_icon=str(ROOT / "app" / "assets" / "favicon.png"), layout="wide")
    state.init_language()
    presentation.init_presentation()

    with st.sidebar:
        state.language_picker()
        presentation.presentation_toggle(t("app.present"), t("app.present_help"))
    presentation.apply_css()
    state.sync_language_to_url()

    pages = [
        st.Page(file, title=t(label), icon=icon, default=(file == "pages/home.py"))
        for file, label, icon in PAGES
        if (ROOT / file).exists()
    ]
    st.navigation(pages).run()
