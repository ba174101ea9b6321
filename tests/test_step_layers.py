"""The step-through page's views of a layer, without Streamlit: GRU and RNN breakdowns agree with their
cells, a backward layer's breakdown uses the state the cell had, colour scales follow the activations,
a model's input is fitted to its length."""

import numpy as np
import pytest

from app.figures import equation_blocks
from app.figures.equations import gru_equation_lines, rnn_equation_lines
from app.figures.heatmap import Scale
from app.figures.scales import quantity_scale, value_range
from app.model_input import check_token_range, default_tokens, fit_length, parse_token_ids
from app.step_layers import of_model, of_windows
from app.step_views import layer_frame, masked_runs, model_npz
from lstm_core.analysis.breakdown import gru_breakdown, rnn_breakdown
from lstm_core.cells import GRUWeights, gru_forward, rnn_forward
from lstm_core.models import ModelInput, OpenedModel, RecurrentLayer
from lstm_core.models.graph import stack_graph
from lstm_core.weights.init import random_layer

X = np.random.default_rng(7).standard_normal((9, 3)).astype(np.float32)


def _bias_before(w: GRUWeights) -> GRUWeights:
    return GRUWeights(w.kernel, w.recurrent_kernel, w.bias[0] + 0.3)


@pytest.mark.parametrize("reset_after", [True, False])
@pytest.mark.parametrize("activation,recurrent", [("tanh", "sigmoid"), ("relu", "hard_sigmoid")])
def test_gru_breakdown_adds_up_to_what_the_cell_recorded(reset_after, activation, recurrent):
    w = random_layer("gru", 3, 4, seed=1)
    w = w if reset_after else _bias_before(w)
    trace = gru_forward(X, w, activation=activation, recurrent_activation=recurrent)
    for k in (0, 4, 8):
        for unit in range(4):
            b = gru_breakdown(trace, w, k, unit, activation, recurrent)
            assert b.reset_after is reset_after
            for g in ("z", "r"):
                term = b.gates[g]
                assert term.wx + term.uh + term.b == pytest.approx(term.z, abs=1e-9)
                assert term.value == pytest.approx(float(getattr(trace, g)[k, unit]), abs=1e-5)
            assert b.candidate.value == pytest.approx(float(trace.h_tilde[k, unit]), abs=1e-5)
            assert b.keep_term + b.write_term == pytest.approx(b.h, abs=1e-5)
    lines = gru_equation_lines(b)
    assert len(lines) == 4 and lines[0].startswith("z_t = ") and lines[2].startswith(r"\tilde{h}_t = ")
    assert ("b'_h" in lines[2]) is reset_after and (r"\odot" in lines[2]) is not reset_after
    assert len(equation_blocks(b)) == 4


def test_rnn_breakdown_and_its_one_equation():
    w = random_layer("rnn", 3, 5, seed=2)
    trace = rnn_forward(X, w, activation="relu")
    b = rnn_breakdown(trace, w, 6, 2, activation="relu")
    assert b.wx + b.uh + b.b == pytest.approx(b.a, abs=1e-9)
    assert max(b.a, 0.0) == pytest.approx(b.h, abs=1e-5)
    (line,) = rnn_equation_lines(b)
    assert line.startswith(r"h_t = \mathrm{relu}(W\,x_t + U\,h_{t-1} + b)")


def _model(layers, steps=None, features=3, windowed=False) -> OpenedModel:
    return OpenedModel("m", "test", ModelInput("float", steps, features, windowed=windowed,
                                               shape=(steps, features)), tuple(layers), graph=stack_graph(layers))


def test_a_backward_layer_is_shown_in_input_order_and_its_breakdown_uses_the_state_it_had():
    w = random_layer("gru", 3, 4, seed=3)
    layer = RecurrentLayer("gru", "gru", "gru", None, w, "tanh", "sigmoid", go_backwards=True, return_sequences=True)
    (shown,) = of_model(_model([layer]).trace(X))
    by_hand = gru_forward(X[::-1], w)
    np.testing.assert_allclose(shown.quantity("z"), by_hand.z[::-1], atol=1e-6)
    np.testing.assert_allclose(shown.x, X)
    assert shown.backwards and shown.cell_step(8)[1] == 0 and shown.cell_step(0)[1] == 8
    b = shown.breakdown(3, 1)  # input step 3 is the cell's step 5: it came after input step 4
    assert b.h_prev == pytest.approx(float(shown.quantity("h")[4, 1]), abs=1e-6)
    assert b.h == pytest.approx(float(shown.quantity("h")[3, 1]), abs=1e-6)
    assert shown.breakdown(8, 1).h_prev == 0.0  # the first step it read starts from zeros


def test_a_windowed_model_runs_each_window_from_zero():
    w = random_layer("lstm", 4, 2, seed=4)
    layer = RecurrentLayer("lstm", "lstm", "lstm", None, w, "tanh", "sigmoid")
    model = _model([layer], steps=1, features=4, windowed=True)
    windows = model.windows(np.arange(10, dtype=float) / 10)
    (shown,) = of_windows(model.trace_windows(windows))
    assert shown.steps == 7 and shown.windows
    for k in (0, 6):
        alone = model.trace(windows[k][None]).layers[0]
        np.testing.assert_allclose(shown.quantity("h")[k], alone.quantity("h")[0])
        assert shown.breakdown(k, 0).h_prev == 0.0 and shown.breakdown(k, 0).c_prev == 0.0


def test_colour_scales_follow_the_activations():
    values = np.array([[0.2, 3.0], [0.5, 1.0]])
    assert quantity_scale("f", values, "lstm") == "gate" and quantity_scale("h", values, "lstm") == "state"
    assert quantity_scale("f", values, "lstm", recurrent_activation="hard_sigmoid") == "gate"
    relu = quantity_scale("c_tilde", values, "lstm", activation="relu")
    assert isinstance(relu, Scale) and (relu.zmin, relu.zmax) == (0.0, 3.0)  # not squeezed into [-1, 1]
    assert value_range("h", "lstm", "relu", "sigmoid") == (0.0, np.inf)
    assert value_range("c", "lstm", "relu", "sigmoid") == (0.0, np.inf)
    assert value_range("c", "lstm") == (-np.inf, np.inf)
    tanh_gate = quantity_scale("z", values, "gru", recurrent_activation="tanh")
    assert (tanh_gate.zmin, tanh_gate.zmax) == (-1.0, 1.0)
    assert value_range("h", "gru") == (-1.0, 1.0) and value_range("h", "rnn", "relu") == (0.0, np.inf)


def test_fitting_a_sequence_to_a_fixed_length_never_changes_it_silently():
    x = np.arange(1, 6, dtype=float)[:, None]
    np.testing.assert_array_equal(fit_length(x, 3, "end")[:, 0], [3, 4, 5])
    np.testing.assert_array_equal(fit_length(x, 3, "start")[:, 0], [1, 2, 3])
    np.testing.assert_array_equal(fit_length(x, 7, "end")[:, 0], [0, 0, 1, 2, 3, 4, 5])
    np.testing.assert_array_equal(fit_length(np.array([4, 5]), 4, "start"), [4, 5, 0, 0])


def test_token_ids_are_whole_numbers_inside_the_vocabulary():
    np.testing.assert_array_equal(parse_token_ids("12, 5 7;0", 20), [12, 5, 7, 0])
    with pytest.raises(ValueError) as caught:
        parse_token_ids("1, 2.5", 20)
    assert caught.value.args == ("step.error.token_item", {"position": 2, "item": "2.5"})
    with pytest.raises(ValueError) as caught:
        check_token_range(np.array([3, 25]), 20)
    assert caught.value.args == ("step.error.token_range", {"value": 25, "top": 19})
    assert parse_token_ids(default_tokens(5), 5).max() < 5


def test_masked_runs():
    assert masked_runs(None) == []
    assert masked_runs(np.array([False, False, True, True, False, True])) == [(0, 2), (4, 5)]


def test_a_models_downloads_hold_every_layer_in_input_order():
    import io

    w1, w2 = random_layer("lstm", 3, 4, seed=5), random_layer("rnn", 4, 2, seed=6)
    layers = [RecurrentLayer("lstm", "lstm", "lstm", None, w1, "tanh", "sigmoid", return_sequences=True),
              RecurrentLayer("rnn", "rnn", "rnn", None, w2, "relu", None)]
    shown = of_model(_model(layers).trace(X))
    with np.load(io.BytesIO(model_npz(shown)), allow_pickle=False) as npz:
        assert sorted(npz.files) == sorted(["lstm/x", "lstm/f", "lstm/i", "lstm/c_tilde", "lstm/o", "lstm/c", "lstm/h",
                                            "rnn/x", "rnn/h"])
        np.testing.assert_array_equal(npz["rnn/x"], shown[0].quantity("h"))
    frame = layer_frame(shown[1], [1])
    assert list(frame.columns) == ["t", "unit", "quantity", "value"] and len(frame) == 9
    np.testing.assert_array_equal(frame["value"], shown[1].quantity("h")[:, 1])


def test_gru_and_rnn_diagrams_write_the_live_numbers():
    import plotly.graph_objects as go

    from app.figures.diagram import fmt
    from app.figures.gru_diagram import gru_diagram, rnn_diagram

    w = random_layer("gru", 3, 4, seed=1)
    trace = gru_forward(X, w, activation="relu")
    b = gru_breakdown(trace, w, 5, 2, activation="relu")
    fig = go.Figure(gru_diagram(b, names={"z": "update gate"}).to_dict())  # validated
    text = " ".join(a.text for a in fig.layout.annotations)
    for value in (b.gates["z"].value, b.gates["r"].value, b.candidate.value, b.h, b.h_prev, b.keep_term, b.write_term):
        assert fmt(value) in text
    assert "relu" in text and "σ" in text and "update gate" in text
    w = random_layer("rnn", 3, 2, seed=2)
    b = rnn_breakdown(rnn_forward(X, w), w, 3, 1)
    text = " ".join(a.text for a in go.Figure(rnn_diagram(b).to_dict()).layout.annotations)
    assert fmt(b.h) in text and fmt(b.a) in text and "tanh" in text
