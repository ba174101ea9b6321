"""Home: what LSTM Lens is, the cell's equations, and the pages."""

import streamlit as st

from app.figures import cell_equations
from app.i18n import t

st.title(t("app.title"))
st.caption(t("app.tagline"))
st.write(t("home.intro"))

st.subheader(t("home.equations"))
st.latex(cell_equations.LSTM)

st.subheader(t("home.pages"))
for name in ("step_through", "train_forecast", "rnn_vs_lstm", "lessons", "glossary"):
    st.markdown(f"**{t('nav.' + name)}**: {t('home.desc.' + name)}")
