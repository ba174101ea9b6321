"""Presentation mode for a projector: larger type, thicker lines, fewer controls.

Turned on by the sidebar toggle or ``?present=1`` in the URL (so a teacher can bookmark it).
Pages show charts through :func:`show_chart`, which restyles a figure when the mode is on,
and may hide advanced controls when :func:`is_on` is true.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from app.figures.spec import ChartSpec

PRESENT_KEY = "present"
_WIDGET_KEY = "_present_toggle"

# Static CSS (no user text): Streamlit sizes its text in rem, so a larger root font scales everything.
_CSS = """
<style>
html { font-size: 21px; }
[data-testid="stSidebar"] { font-size: 0.9rem; }
h1 { font-size: 2.4rem !important; }
[data-testid="stCaptionContainer"] { font-size: 0.95rem; }
.katex { font-size: 1.35em !important; }
</style>
"""


def init_presentation() -> bool:
    """Read ``?present=1`` once per session; returns whether the mode is on."""
    if "_present_from_url" not in st.session_state:
        st.session_state[PRESENT_KEY] = st.query_params.get(PRESENT_KEY) in ("1", "true", "on")
        st.session_state["_present_from_url"] = True
    st.session_state.setdefault(PRESENT_KEY, False)
    return st.session_state[PRESENT_KEY]


def presentation_toggle(label: str, help_text: str) -> None:
    """The sidebar switch; keeps ``?present=1`` in the URL while on."""
    st.session_state[_WIDGET_KEY] = st.session_state[PRESENT_KEY]

    def _changed() -> None:
        st.session_state[PRESENT_KEY] = st.session_state[_WIDGET_KEY]

    st.toggle(label, key=_WIDGET_KEY, help=help_text, on_change=_changed)
    if st.session_state[PRESENT_KEY]:
        st.query_params[PRESENT_KEY] = "1"
    elif PRESENT_KEY in st.query_params:
        del st.query_params[PRESENT_KEY]


def is_on() -> bool:
    try:
        return bool(st.session_state.get(PRESENT_KEY, False))
    except Exception:  # outside a Streamlit run
        return False


def advanced_controls(label: str):
    """Where secondary controls go: a closed expander in presentation mode, else in place.

    ``with advanced_controls(t("app.more_controls")): ...`` keeps a projected page to its essentials.
    """
    return st.expander(label, expanded=False, icon=":material/tune:") if is_on() else st.container()


def apply_css() -> None:
    """Enlarge the page's type when the mode is on (call once per run, from the frame)."""
    if is_on():
        st.html(_CSS)


def projector_style(fig: go.Figure) -> go.Figure:
    """A restyled copy of ``fig`` for a projector: larger fonts, thicker lines and markers.

    Pure: the input figure is left as it was.
    """
    fig = go.Figure(fig)
    base = (fig.layout.font.size or 12) if fig.layout.font else 12
    fig.update_layout(font=dict(size=max(18, base + 6)))
    if fig.layout.height:
        fig.update_layout(height=int(fig.layout.height * 1.25))
    for trace in fig.data:
        if trace.type == "scatter":
            width = (trace.line.width or 2) if trace.line else 2
            trace.update(line=dict(width=max(4, width * 2)))
            if trace.marker is not None and trace.marker.size is not None:
                trace.update(marker=dict(size=trace.marker.size * 1.5))
    for shape in fig.layout.shapes or ():
        if shape.line is not None:
            shape.line.width = max(3, (shape.line.width or 1) * 2)
    if fig.layout.title is not None and fig.layout.title.font is not None and fig.layout.title.font.size:
        fig.layout.title.font.size = max(22, fig.layout.title.font.size + 6)  # a fixed title size stays readable too
    for annotation in fig.layout.annotations or ():
        size = annotation.font.size if annotation.font and annotation.font.size else base
        annotation.font.size = max(16, size + 5)
    return fig


def styled(fig: go.Figure | ChartSpec) -> go.Figure | ChartSpec:
    """The figure restyled for a projector when presentation mode is on, as is otherwise
    (a spec is never restyled: pages ask builders for specs only when the mode is off)."""
    return projector_style(fig) if is_on() and not isinstance(fig, ChartSpec) else fig


def show_chart(fig: go.Figure | ChartSpec, **kwargs) -> None:
    """``st.plotly_chart`` that restyles the figure for a projector when presentation mode is on
    (a :class:`ChartSpec` is sent as it was made: make it from :func:`styled`)."""
    st.plotly_chart(fig if isinstance(fig, ChartSpec) else styled(fig), **kwargs)
