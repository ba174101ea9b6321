"""Glossary: each term in English and Portuguese, with its equation."""

import streamlit as st

from app.i18n import current_language, t
from app.strings.glossary import GROUPS, TERMS

st.title(t("glossary.title"))
st.write(t("glossary.intro"))
query = st.text_input(t("glossary.filter"), key="glossary_filter").strip().lower()

lang = current_language()
shown = 0
for group in GROUPS:
    terms = [
        term for term in TERMS
        if term[1] == group and (not query or query in term[2].lower() or query in term[3].lower())
    ]
    if not terms:
        continue
    st.subheader(t(f"glossary.group.{group}"))
    for _key, _group, english, portuguese, latex, note_en, note_pt in terms:
        shown += 1
        name, other = (portuguese, english) if lang == "pt" else (english, portuguese)
        with st.container(border=True):
            left, right = st.columns([2, 3], vertical_alignment="center")
            left.markdown(f"**{name}**  \n*{other}*")
            left.caption(note_pt if lang == "pt" else note_en)
            if latex:
                right.latex(latex)
if not shown:
    st.info(t("glossary.none", query=query))
