"""Presentation mode: the pure restyling, and ?present=1 turning it on."""

from pathlib import Path

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from app.presentation import projector_style

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def test_projector_style_enlarges_and_thickens_without_touching_the_input():
    fig = go.Figure(go.Scatter(y=[1, 2, 3], line=dict(width=2)),
                    layout=dict(height=300, font=dict(size=12), title=dict(text="t = 3", font=dict(size=16))))
    fig.add_shape(type="line", x0=1, x1=1, y0=0, y1=1, line=dict(width=1))
    fig.add_annotation(text="σ", x=0, y=0, font=dict(size=12))
    styled = projector_style(fig)
    assert styled.layout.font.size >= 18 and styled.layout.height == 375
    assert styled.data[0].line.width >= 4
    assert styled.layout.shapes[0].line.width >= 3
    assert styled.layout.annotations[0].font.size >= 16
    assert styled.layout.title.font.size >= 22
    assert fig.data[0].line.width == 2 and fig.layout.height == 300  # pure


def test_present_query_param_turns_the_mode_on():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    assert at.session_state["present"] is True
    assert at.sidebar.toggle(key="_present_toggle").value is True


def test_mode_is_off_by_default():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.session_state["present"] is False
    assert "present" not in at.query_params


def test_presentation_mode_folds_the_step_pages_secondary_controls():
    page = str(Path(__file__).resolve().parents[1] / "pages" / "step_through.py")
    plain = AppTest.from_file(page, default_timeout=60).run()
    assert not plain.exception and not plain.expander
    at = AppTest.from_file(page, default_timeout=60)
    at.session_state["present"] = True
    at.run()
    assert not at.exception
    assert [e.label for e in at.expander] == ["More controls"]
