"""Home: what LSTM Lens is, the cell's equations, and the pages."""

import streamlit as st

from app.i18n import t

st.title(t("app.title"))
st.caption(t("app.tagline"))
st.write(t("home.intro"))

st.subheader(t("home.equations"))
st.latex(
    r"""\begin{aligned}
f_t &= \sigma(W_f x_t + U_f h_{t-1} + b_f) \\
i_t &= \sigma(W_i x_t + U_i h_{t-1} + b_i) \\
\tilde{C}_t &= \tanh(W_c x_t + U_c h_{t-1} + b_c) \\
o_t &= \sigma(W_o x_t + U_o h_{t-1} + b_o) \\
C_t &= f_t \odot C_{t-1} + i_t \odot \tilde{C}_t \\
h_t &= o_t \odot \tanh(C_t)
\end{aligned}"""
)

st.subheader(t("home.pages"))
for name in ("step_through", "train_forecast", "rnn_vs_lstm", "lessons", "glossary"):
    st.markdown(f"**{t('nav.' + name)}**: {t('home.desc.' + name)}")
