"""Pure results cached by their inputs (``st.cache_data``), shared by the pages.

A rerun (every click) must not re-parse an upload: the bytes are the key.
"""

from __future__ import annotations

import streamlit as st

from lstm_core.data import Table, read_table


@st.cache_data(max_entries=32, show_spinner=False)
def table(data: bytes) -> Table:
    """:func:`lstm_core.data.read_table` of uploaded bytes, parsed once per distinct file."""
    return read_table(data)
