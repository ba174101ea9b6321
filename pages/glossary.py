"""Glossary: each term in English and Portuguese, with its equation."""

import streamlit as st

from app import glossary_view as glossary
from app.i18n import current_language, t

st.title(t("glossary.title"))
st.write(t("glossary.intro"))
query = st.text_input(t("glossary.filter"), key="glossary_filter").strip().lower()

groups = glossary.matching_terms(query)
for group, terms in groups.items():
    st.subheader(t(f"glossary.group.{group}"))
    for term in terms:
        glossary.term_card(term, current_language())
if not groups:
    st.info(t("glossary.none", query=query))
