"""The step-through page under Streamlit's AppTest: it opens, steps, plays, filters units, survives bad input."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app.state import TRAINED_MODEL_KEY, TrainedModelHandoff
from lstm_core.sequences.builtin import SEQUENCES
from lstm_core.weights import PRESETS, random_weights

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "step_through.py")
CHARTS = 3  # input, values now, the six heatmaps in one figure (the diagram's tab is drawn only when open)
UNIT_TAB = "One unit: diagram and equations"


def open_page(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = str(value)
    return at.run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


def open_unit_tab(at: AppTest) -> AppTest:
    """Switch to the diagram-and-equations tab (only the open tab is drawn)."""
    at.session_state["step_view"] = UNIT_TAB
    return ok(at.run())


def test_defaults_open_with_every_chart_and_the_equations():
    at = ok(open_page())
    assert charts(at) == CHARTS
    assert not at.latex  # the closed tab costs nothing
    assert at.slider(key="step_t").value == 0
    assert not at.error
    at = open_unit_tab(at)
    assert charts(at) == 2 and len(at.latex) == 6  # input and diagram; six equations
    # a class sees something happen at once: the showcase preset on its set / hold / reset input
    assert at.selectbox(key="step_source").value == "preset"
    assert at.selectbox(key="step_seq").value == "set_hold_reset"


def test_seeded_random_weights_open():
    at = ok(open_page(step_source="random", step_units=8, step_seed=3))
    assert charts(at) == CHARTS
    assert len(open_unit_tab(at).selectbox(key="step_unit").options) == 8


@pytest.mark.parametrize("preset", list(PRESETS))
def test_each_preset_opens(preset):
    at = ok(open_page(step_source="preset"))
    at = ok(at.selectbox(key="step_preset").set_value(preset).run())
    assert charts(at) == CHARTS
    # preset units keep their names in the unit chooser
    at = open_unit_tab(at)
    assert PRESETS[preset].unit_names[0] in at.selectbox(key="step_unit").options


def test_each_builtin_sequence_opens():
    at = ok(open_page())
    for name in SEQUENCES:
        at = ok(at.selectbox(key="step_seq").set_value(name).run())
        assert charts(at) == CHARTS, name
        assert not at.error, name


def test_next_previous_and_slider_move_the_shared_timestep():
    at = ok(open_page())
    at = ok(at.button(key="step_next").click().run())
    at = ok(at.button(key="step_next").click().run())
    assert at.slider(key="step_t").value == 2
    at = ok(at.button(key="step_prev").click().run())
    assert at.slider(key="step_t").value == 1
    at = ok(at.slider(key="step_t").set_value(17).run())
    assert any(c.value.startswith("t = 17 of") for c in at.caption)
    assert at.button(key="step_prev").disabled is False


def test_play_advances_and_stops_at_the_end():
    at = ok(open_page(step_seq="step", step_len_step=5))
    at = ok(at.slider(key="step_t").set_value(2).run())
    at = ok(at.button(key="step_play").click().run())
    assert at.session_state["step_playing"] is True
    assert at.session_state["step_pos"] == 3
    assert not at.slider  # while playing a progress bar stands in for the slider
    assert at.button(key="step_next").disabled
    for _ in range(3):  # the timer's ticks; AppTest does not run timers, so rerun by hand
        at = ok(at.run())
    assert at.session_state["step_pos"] == 4
    assert at.session_state["step_playing"] is False
    assert at.slider(key="step_t").value == 4  # stopped at the end, the slider is back
    # play again from the last step starts over at 0
    at = ok(at.button(key="step_play").click().run())
    assert at.session_state["step_pos"] in (0, 1)
    at = ok(at.button(key="step_play").click().run())  # pause
    assert at.session_state["step_playing"] is False and at.slider(key="step_t").value in (0, 1)


def test_unit_ordering_filter_and_hand_picking():
    at = ok(open_page(step_source="random", step_units=16))
    at = ok(at.segmented_control(key="step_order").set_value("variance").run())
    assert charts(at) == CHARTS
    at = ok(at.number_input(key="step_show_16").set_value(3).run())
    at = ok(at.multiselect(key="step_picked_16").set_value([5, 2]).run())
    assert charts(at) == CHARTS
    at = open_unit_tab(at)
    at = ok(at.selectbox(key="step_unit").set_value(7).run())
    assert any("unit 7" in m.value.lower() or "unidade 7" in m.value.lower() for m in at.markdown)


def test_a_typed_list_with_a_word_gets_a_sentence_and_the_page_recovers():
    at = ok(open_page(step_seq="typed"))
    at = ok(at.text_area(key="step_typed").input("1, 2, x").run())
    assert len(at.error) == 1
    assert "“x”" in at.error[0].value and "3" in at.error[0].value
    assert at.text_area(key="step_typed").value == "1, 2, x"  # nothing the person typed is lost
    at = ok(at.text_area(key="step_typed").input("1, 2, 3").run())
    assert not at.error and charts(at) == CHARTS
    at = ok(at.text_area(key="step_typed").input("1, **$x$**").run())  # Markdown and LaTeX stay literal
    assert r"\*\*\$x\$\*\*" in at.error[0].value


def test_log_scaling_of_negative_numbers_is_refused_with_a_sentence():
    at = ok(open_page(step_seq="noise", step_scaling="log"))
    assert len(at.error) == 1 and "min-max" in at.error[0].value


def test_a_numeric_column_of_an_uploaded_csv_becomes_the_sequence():
    at = ok(open_page(step_seq="csv"))
    assert len(at.info) == 1 and not at.error  # asks for a file first
    rows = "\n".join(f"2024-01-{d:02d};{d * 1.5:.1f};{d % 3}".replace(".", ",") for d in range(1, 25))
    at.file_uploader(key="step_csv").set_value(("sales.csv", f"date;revenue;units\n{rows}\n".encode(), "text/csv"))
    at = ok(at.run())
    assert at.selectbox(key="step_csv_col").options == ["revenue", "units"]
    assert charts(at) == CHARTS and at.slider(key="step_t").max == 23
    at = ok(at.selectbox(key="step_csv_col").set_value("units").run())
    assert charts(at) == CHARTS


def test_a_file_that_is_not_csv_gets_a_sentence():
    at = ok(open_page(step_seq="csv"))
    at.file_uploader(key="step_csv").set_value(("photo.csv", bytes(range(256)) * 8, "text/csv"))
    at = ok(at.run())
    assert len(at.error) == 1 and "CSV" in at.error[0].value


def test_one_unit_sliders_change_the_cell():
    at = open_unit_tab(ok(open_page(step_source="one_unit", step_seq="step")))
    before = at.latex[0].value
    at = ok(at.slider(key="step_p_b_f").set_value(-5.0).run())
    assert at.latex[0].value != before and "-5.000" in at.latex[0].value


def test_the_model_trained_on_the_forecast_page_is_offered_with_its_layers():
    at = AppTest.from_file(PAGE, default_timeout=60)
    inputs = np.random.default_rng(0).standard_normal((30, 2)).astype(np.float32)
    at.session_state[TRAINED_MODEL_KEY] = TrainedModelHandoff(
        layers=[random_weights(2, 4, seed=1), random_weights(4, 3, seed=2)], inputs=inputs, label="LSTM on sales.csv",
        timestamps=tuple(f"2024-01-{d:02d}" for d in range(1, 31)),
    )
    at = ok(at.run())
    assert any("date at t: 2024-01-01" in c.value for c in at.caption)
    pt = AppTest.from_file(PAGE, default_timeout=60)
    pt.session_state["lang"] = "pt"
    pt.session_state[TRAINED_MODEL_KEY] = at.session_state[TRAINED_MODEL_KEY]
    assert any("data em t: 01/01/2024" in c.value for c in ok(pt.run()).caption)  # day-first in Portuguese
    assert at.selectbox(key="step_source").value == "trained"
    assert "Trained on the forecast page: LSTM on sales\\.csv." in [c.value for c in at.sidebar.caption]
    assert charts(at) == CHARTS
    at = ok(at.selectbox(key="step_layer").set_value(1).run())
    at = open_unit_tab(at)
    assert at.selectbox(key="step_unit").options == ["0", "1", "2"]
    # the person looks at a preset, then trains a new model: the page switches to it
    at = ok(at.selectbox(key="step_source").set_value("preset").run())
    at.session_state[TRAINED_MODEL_KEY] = TrainedModelHandoff(
        layers=[random_weights(2, 5, seed=3)], inputs=inputs, label="LSTM on sales.csv, again",
    )
    at = ok(at.run())
    assert at.selectbox(key="step_source").value == "trained"
    assert len(at.selectbox(key="step_unit").options) == 5


def test_a_trained_models_file_name_is_shown_as_typed_not_as_markdown():
    at = AppTest.from_file(PAGE, default_timeout=60)
    name = "LSTM on **bold** [link](http://example.com) `x`.csv"
    at.session_state[TRAINED_MODEL_KEY] = TrainedModelHandoff(
        layers=[random_weights(1, 2, seed=1)], inputs=np.zeros((5, 1), np.float32), label=name,
    )
    captions = [c.value for c in ok(at.run()).sidebar.caption]
    for shown in [c for c in captions if "LSTM on" in c]:
        assert re.sub(r"\\(.)", r"\1", shown).endswith(name + ".")  # every markdown character escaped
        assert re.search(r"(?<!\\)[*\[\]`]", shown) is None
    assert len([c for c in captions if "LSTM on" in c]) == 2  # the sequence box and the weights box


def test_the_url_reopens_the_same_view():
    at = ok(open_page(step_seq="airline", step_scaling="minmax", step_source="preset", step_preset="latch", step_t=40))
    assert at.selectbox(key="step_seq").value == "airline"
    assert at.selectbox(key="step_preset").value == "latch"
    assert at.slider(key="step_t").value == 40


def test_opening_the_page_does_not_import_tensorflow():
    code = (
        "import sys; from streamlit.testing.v1 import AppTest; "
        f"at = AppTest.from_file({PAGE!r}, default_timeout=60).run(); "
        "assert not at.exception, at.exception; "
        "bad = [m for m in ('tensorflow', 'keras') if m in sys.modules]; "
        "assert not bad, bad; print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr[-2000:]


def test_downloads_are_offered_and_a_huge_trace_exports_the_units_shown():
    at = ok(open_page())
    assert len(at.get("download_button")) == 2
    at = ok(open_page(step_source="random", step_seq="noise", step_len_noise=1000, step_units=256))  # 1.5 M rows in all
    assert any("32 units shown of 256" in c.value for c in at.caption)


def _heatmaps(at: AppTest) -> dict:
    import json

    (spec,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if c.proto.id and "step_fig_heatmaps" in c.proto.id]
    return spec


def test_a_step_moves_the_kept_heatmaps_marker_and_a_new_view_rebuilds_them():
    at = ok(open_page(step_source="random", step_units=16))
    markers = lambda spec: {(s["x0"], s["x1"]) for s in spec["layout"]["shapes"] if s.get("name") == "current_t"}
    units = lambda spec: spec["data"][0]["y"]
    first = _heatmaps(at)
    assert markers(first) == {(0, 0)} and len(units(first)) == 16
    at = ok(at.button(key="step_next").click().run())
    at = ok(at.button(key="step_next").click().run())
    second = _heatmaps(at)
    assert markers(second) == {(2, 2)}
    assert second["data"] == first["data"]  # the same heatmaps, only the marker moved
    at = ok(at.number_input(key="step_show_16").set_value(3).run())
    third = _heatmaps(at)
    assert markers(third) == {(2, 2)} and len(units(third)) == 3
    at.session_state["lang"] = "pt"
    titles = lambda spec: [a["text"] for a in spec["layout"]["annotations"]]
    assert "porta de esquecimento f<sub>t</sub>" in " ".join(titles(_heatmaps(ok(at.run())))).lower()


def test_the_presets_units_are_named_in_the_pages_language():
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = "pt"
    at = ok(at.run())
    assert _heatmaps(at)["data"][0]["y"] == ["lembrar", "esquecer", "trava", "acumular"]
