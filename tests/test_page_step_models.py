"""The step-through page with a person's model file (issue #21), under Streamlit's AppTest: the files of
tests/models/ uploaded as a person would, their layers listed, each kind's own quantities and equations,
refusals in both languages, and the person's input fitted to the model."""

import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app.i18n import LANGUAGES, t
from lstm_core.models.errors import REASONS

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "step_through.py")
MODELS = ROOT / "tests" / "models"
UNIT_TAB = "One unit: diagram and equations"


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(name: str, lang: str = "en", **query) -> AppTest:
    """The page with the model file ``tests/models/<name>`` dropped on the uploader."""
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = lang
    at.query_params["step_source"] = "upload"
    for key, value in query.items():
        at.query_params[key] = str(value)
    at = ok(at.run())
    at.file_uploader(key="step_keras").set_value((Path(name).name, (MODELS / name).read_bytes(),
                                                   "application/octet-stream"))
    return ok(at.run())


def heatmaps(at: AppTest) -> dict:
    (spec,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if "step_fig_heatmaps" in (c.proto.id or "")]
    return spec


def panel_titles(at: AppTest) -> list[str]:
    return [a["text"] for a in heatmaps(at)["layout"]["annotations"]]


def strip_rows(at: AppTest) -> list[str]:
    (spec,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if "step_fig_now" in (c.proto.id or "")]
    return spec["layout"]["yaxis"]["ticktext"]


def unit_tab(at: AppTest) -> AppTest:
    at.session_state["step_view"] = UNIT_TAB
    return ok(at.run())


def shown_layers(at: AppTest):
    """The page's kept views of the traced layers (what the charts are drawn from)."""
    return at.session_state["step_trace_memo"][1]


def test_every_refusal_reason_has_a_sentence_in_both_languages():
    for reason in REASONS:
        for lang in LANGUAGES:
            assert t(f"step.model_error.{reason}", lang=lang).strip()


def test_a_gru_model_shows_its_own_gates_and_four_equations():
    at = upload("corpus/gru_reset_after.keras")
    assert not at.error
    assert strip_rows(at) == ["z<sub>t</sub>", "r<sub>t</sub>", "h̃<sub>t</sub>", "h<sub>t</sub>"]
    assert "update gate z<sub>t</sub>" in " ".join(panel_titles(at)).lower()
    at = unit_tab(at)
    assert len(at.latex) == 4 and r"\begin{aligned} z_t &= \sigma(W_z" in at.latex[0].value
    assert "b'_h" in at.latex[2].value  # reset_after=True: r scales the recurrent product and its bias
    assert any("reset_after=True" in c.value for c in at.caption)
    (diagram,) = [c for c in at.get("plotly_chart") if "step_fig_diagram" in (c.proto.id or "")]
    assert "update gate" in diagram.proto.spec and "1−z" in diagram.proto.spec  # the GRU's own chain picture


def test_a_gru_with_reset_before_shows_the_other_candidate():
    at = unit_tab(upload("corpus/gru_reset_before.h5"))
    assert r"\odot" in at.latex[2].value and "b'_h" not in at.latex[2].value


def test_a_simple_rnn_model_shows_h_and_its_one_equation():
    at = upload("corpus/simple_rnn_relu.keras")
    assert strip_rows(at) == ["h<sub>t</sub>"]
    h_panel = heatmaps(at)["data"][0]
    assert h_panel["zmin"] == 0.0  # relu's h cannot be negative: white to red, not squeezed into [-1, 1]
    at = unit_tab(at)
    assert len(at.latex) == 1 and r"\mathrm{relu}(W\,x_t + U\,h_{t-1} + b)" in at.latex[0].value
    assert len([c for c in at.get("plotly_chart") if "step_fig_diagram" in (c.proto.id or "")]) == 1


def test_a_relu_lstm_shows_its_activation_in_the_equations_and_its_colour_ranges():
    at = upload("corpus/lstm_relu.keras")
    assert any("relu for the candidate" in c.value for c in at.caption)
    panels = {d["name"]: d for d in heatmaps(at)["data"]}
    assert panels["c_tilde"]["zmin"] == 0.0 and panels["c_tilde"]["zmax"] > 0  # not [-1, 1]
    assert (panels["f"]["zmin"], panels["f"]["zmax"]) == (0.0, 1.0)
    at = unit_tab(at)
    assert len(at.latex) == 6 and r"\mathrm{relu}" in at.latex[2].value and r"\sigma" in at.latex[0].value
    diagram = [c for c in at.get("plotly_chart") if "step_fig_diagram" in (c.proto.id or "")]
    assert len(diagram) == 1 and "relu" in diagram[0].proto.spec


def test_a_bidirectional_model_lists_both_directions_and_the_layer_they_feed():
    at = upload("corpus/bidi_concat.h5")
    assert at.selectbox(key="step_layer").options == [
        "bidirectional · forward · LSTM · 3 units", "bidirectional · backward · LSTM · 3 units",
        "lstm_1 · LSTM · 2 units",
    ]
    at = ok(at.selectbox(key="step_layer").set_value(1).run())
    assert any("reads the sequence backwards" in c.value for c in at.caption)
    backward = shown_layers(at)[1]
    assert backward.backwards and backward.layer.direction == "backward"
    at = unit_tab(at)
    last = backward.steps - 1
    assert any(f"t = 0 is the first" not in c.value and "read step 1" in c.value for c in at.caption)
    at.session_state["step_pos"] = last
    at = ok(at.run())
    assert any(f"t = {last} is the first step it reads" in c.value for c in at.caption)
    at = ok(at.selectbox(key="step_layer").set_value(2).run())
    assert any("What the model feeds lstm\\_1" in c.value for c in at.caption)
    (spec,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if "step_fig_input" in (c.proto.id or "")]
    # the two directions' h side by side, not the raw sequence: six numbers per step, drawn as a heatmap
    assert spec["layout"]["annotations"][0]["text"] == "What the model feeds lstm_1 (6 numbers per step)"
    assert len(spec["data"][0]["y"]) == 6


def test_parallel_branches_are_listed_apart_never_as_a_stack():
    at = upload("corpus/parallel_branches.keras")
    assert at.selectbox(key="step_layer").options == ["branch 1 · lstm_a · LSTM · 3 units",
                                                      "branch 2 · lstm_b · LSTM · 4 units"]
    at = ok(at.selectbox(key="step_layer").set_value(1).run())
    assert not at.error and len(strip_rows(at)) == 6


@pytest.mark.parametrize("lang", ["en", "pt"])
def test_a_weights_only_file_gets_its_sentence_and_nothing_else_is_lost(lang):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = lang
    at.query_params["step_source"] = "upload"
    at.query_params["step_seq"] = "typed"
    at.query_params["step_typed"] = "3, 1, 4, 1, 5"
    at = ok(at.run())
    at.file_uploader(key="step_keras").set_value(("lstm_dense.weights.h5",
                                                  (MODELS / "refused" / "lstm_dense.weights.h5").read_bytes(),
                                                  "application/octet-stream"))
    at = ok(at.run())
    expected = {"en": "holds only weights", "pt": "guarda só os pesos"}[lang]
    assert len(at.error) == 1 and expected in at.error[0].value
    assert at.text_area(key="step_typed").value == "3, 1, 4, 1, 5"  # what they typed is still there
    at = ok(at.selectbox(key="step_source").set_value("preset").run())
    assert not at.error and at.slider(key="step_t").max == 4  # and it still feeds the other weights


@pytest.mark.parametrize("lang,expected", [("en", "Layer “lambda” is a Lambda layer"),
                                           ("pt", "A camada “lambda” é uma camada Lambda")])
def test_a_lambda_model_is_refused_with_a_sentence_in_the_persons_language(lang, expected):
    at = upload("hostile/lambda_layer.keras", lang=lang)
    assert len(at.error) == 1 and at.error[0].value.startswith(expected)
    assert not at.get("plotly_chart")


def test_a_renamed_text_file_is_not_a_model():
    at = upload("hostile/renamed_text.h5")
    assert len(at.error) == 1 and "not a Keras model" in at.error[0].value


def test_a_text_model_takes_typed_token_ids_and_pads_them_to_its_length():
    at = upload("corpus/embedding_lstm.keras")
    assert any("token ids from 0 to 19" in c.value for c in at.sidebar.caption)
    at = ok(at.text_area(key="step_tokens").input("12, 5, 7, 0").run())
    assert any("padded with zeros to 10" in w.value for w in at.warning)
    assert any(c.value.startswith("t = 0 of 0…9") and c.value.endswith("token id at t: 0") for c in at.caption)
    layer = shown_layers(at)[0]
    assert layer.steps == 10 and layer.x.shape[1] == layer.layer.input_size == 3  # the Embedding's vectors
    assert any("What the model feeds lstm" in c.value and "embedding" in c.value for c in at.caption)
    at = ok(at.radio(key="step_fit").set_value("start").run())
    assert any("padded with zeros" in w.value for w in at.warning)
    at = ok(at.text_area(key="step_tokens").input("12, 25, 7").run())
    assert len(at.error) == 1 and "25" in at.error[0].value and "0 to 19" in at.error[0].value
    at = ok(at.text_area(key="step_tokens").input("12, 5.5").run())
    assert len(at.error) == 1 and "“5\\.5”" in at.error[0].value


def test_token_ids_from_a_csv_column():
    at = upload("corpus/embedding_mask_lstm.keras", step_token_src="csv")
    rows = "\n".join(f"{k},{(3 * k) % 20},{k * 0.5}" for k in range(10))
    at.file_uploader(key="step_csv").set_value(("ids.csv", f"n,token,score\n{rows}\n".encode(), "text/csv"))
    at = ok(at.run())
    at = ok(at.selectbox(key="step_token_col").set_value("score").run())
    assert len(at.error) == 1 and "not whole" in at.error[0].value
    at = ok(at.selectbox(key="step_token_col").set_value("token").run())
    assert not at.error
    layer = shown_layers(at)[0]
    assert layer.mask is not None and not layer.mask[0]  # token 0 at t = 0 is padding (mask_zero)
    assert any("1 of 10 steps are masked" in c.value for c in at.caption)
    greyed = [s for s in heatmaps(at)["layout"]["shapes"] if s.get("name") == "masked"]
    assert len(greyed) == 6 and all((s["x0"], s["x1"]) == (-0.5, 0.5) for s in greyed)  # t = 0 in every panel
    at = unit_tab(at)
    assert any("t = 0 is masked" in i.value for i in at.info) and not at.latex


def test_a_multivariate_model_takes_the_columns_picked_in_order():
    at = upload("corpus/multivariate.keras", step_seq="csv")
    assert any("3 numbers per step" in c.value for c in at.sidebar.caption)
    rows = "\n".join(f"{k},{k * 0.1:.1f},{-k * 0.2:.1f},{k % 3},{(k * 7) % 5}" for k in range(10))
    at.file_uploader(key="step_csv").set_value(("sensors.csv", f"day,a,b,c,d\n{rows}\n".encode(), "text/csv"))
    at = ok(at.run())
    picker = at.multiselect(key="step_model_cols")
    assert picker.value == ["day", "a", "b"]  # the first three numeric columns by default
    at = ok(picker.set_value(["c", "a", "d"]).run())
    x = shown_layers(at)[0].x
    np.testing.assert_allclose(x[:, 0], [k % 3 for k in range(10)])
    np.testing.assert_allclose(x[:, 1], [k * 0.1 for k in range(10)], atol=1e-6)
    at = ok(at.multiselect(key="step_model_cols").set_value(["c"]).run())
    assert len(at.error) == 1 and "Pick 3 columns" in at.error[0].value


def test_a_windowed_model_explains_itself_and_slides_the_window():
    at = upload("corpus/windows_as_features.keras", step_seq="step", step_len_step=20)
    assert any("one step of 4 numbers" in i.value for i in at.info)
    assert any("separate run of the model on one window" in c.value for c in at.caption)
    assert at.slider(key="step_t").max == 16  # 20 values, windows of 4: 17 steps
    layer = shown_layers(at)[0]
    assert layer.windows and layer.x.shape == (17, 4)
    at = ok(at.slider(key="step_t").set_value(5).run())
    assert any(c.value.endswith("the model reads values 5…8 of the series (shaded)") for c in at.caption)
    (spec,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if "step_fig_input" in (c.proto.id or "")]
    band = [(s["x0"], s["x1"]) for s in spec["layout"]["shapes"] if s.get("name") == "masked"]
    assert band == [(4.5, 8.5)]  # the series itself, the window read at t = 5 shaded
    at = ok(at.radio(key="step_windowing").set_value("last").run())
    assert shown_layers(at)[0].steps == 1 and any("single timestep" in c.value for c in at.caption)
    assert any(c.value.endswith("values 16…19 of the series (shaded)") for c in at.caption)


def test_a_fixed_length_model_says_what_it_does_with_a_longer_sequence():
    at = upload("corpus/lstm_dense.keras", step_seq="sine", step_len_sine=25)
    assert any("takes exactly 10 steps and the sequence has 25" in w.value for w in at.warning)
    assert at.slider(key="step_t").max == 9
    np.testing.assert_allclose(shown_layers(at)[0].x[:, 0], np.sin(np.arange(15, 25) * 2 * np.pi / 20), atol=1e-5)


def test_opening_and_stepping_a_model_reuses_its_trace():
    at = upload("corpus/lstm_stacked.h5")
    first = shown_layers(at)
    at = ok(at.button(key="step_next").click().run())
    assert shown_layers(at) is first and at.slider(key="step_t").value == 1


def test_a_stateful_layer_is_traced_from_zeros_and_says_so():
    at = upload("refused/stateful_lstm.keras")
    assert not at.error and any("This layer is stateful" in c.value for c in at.caption)


def test_opening_a_model_file_on_the_page_imports_no_tensorflow():
    import subprocess
    import sys

    code = f"""
import sys
from pathlib import Path
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({PAGE!r}, default_timeout=60)
at.query_params["step_source"] = "upload"
at.run()
for name in ("corpus/bidi_concat.h5", "corpus/gru_reset_after.keras", "hostile/lambda_layer.keras"):
    at.file_uploader(key="step_keras").set_value((name, Path({str(MODELS)!r}, name).read_bytes(), "x"))
    at.run()
    assert not at.exception, at.exception
bad = [m for m in ("tensorflow", "keras") if m in sys.modules]
assert not bad, bad
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr[-2000:]
