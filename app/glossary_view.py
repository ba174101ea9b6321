"""The glossary page's pieces: the terms that match a filter, by group, and one term's card."""

from __future__ import annotations

import streamlit as st

from app.strings.glossary import GROUPS, TERMS

Term = tuple[str, str, str, str, str, str, str]
"""(key, group, English name, Portuguese name, LaTeX or "", English note, Portuguese note)"""


def matching_terms(query: str) -> dict[str, list[Term]]:
    """``{group: terms}`` in the glossary's order, of the terms whose name in either language
    contains ``query`` (lower case; every term when it is empty); groups with none are left out."""
    found: dict[str, list[Term]] = {}
    for group in GROUPS:
        terms = [term for term in TERMS
                 if term[1] == group and (not query or query in term[2].lower() or query in term[3].lower())]
        if terms:
            found[group] = terms
    return found


def term_card(term: Term, lang: str) -> None:
    """The term's name in ``lang`` with the other language's below, its note, and its equation."""
    _key, _group, english, portuguese, latex, note_en, note_pt = term
    name, other = (portuguese, english) if lang == "pt" else (english, portuguese)
    with st.container(border=True):
        left, right = st.columns([2, 3], vertical_alignment="center")
        left.markdown(f"**{name}**  \n*{other}*")
        left.caption(note_pt if lang == "pt" else note_en)
        if latex:
            right.latex(latex)
