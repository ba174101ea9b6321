"""The "why a plain RNN forgets" page under AppTest (no TensorFlow until the experiment starts), and its figure builders."""

import base64
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app.rnn_figures import gradient_figure, memory_figure, power_of_ten, recall_figure
from lstm_core.keras_bridge import recall
from lstm_core.analysis.gradients import demo_cells, gradients_for_cells
from lstm_core.analysis.memory import lstm_preset, memory_curve, memory_input, rnn_preset
from lstm_core.weights.init import init_layer
from lstm_core.weights import init_weights

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "rnn_vs_lstm.py")
CHARTS = 6  # memory, gradients, four GRU heatmaps
NAMES = {"rnn": "RNN", "gru": "GRU", "lstm": "LSTM"}


def open_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = lang
    return ok(at.run())


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def arr(value) -> np.ndarray:
    """A Plotly JSON array: a list, or a typed array {"dtype", "bdata"(, "shape")}."""
    if isinstance(value, dict) and "bdata" in value:
        out = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return out.reshape([int(n) for n in str(value["shape"]).split(",")]) if "shape" in value else out
    return np.asarray(value)


def markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_page_opens_with_every_chart_and_a_caption_for_each_figure():
    at = open_page()
    assert len(at.get("plotly_chart")) == CHARTS
    captions = [c.value for c in at.caption]
    assert sum(c.startswith("How to read it") for c in captions) == 3  # memory, gradients, GRU gates
    assert "Plain RNN: **7**" in markdown(at)  # the halving RNN is under 1% after 7 steps
    assert [tab.label for tab in at.tabs][:2] == ["Memory of an impulse", "Gradients through time"]
    assert at.info[0].value.startswith("No results yet")


def test_opening_the_page_imports_no_tensorflow():
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file(%r, default_timeout=60).run()\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        "print(sorted(m for m in ('tensorflow', 'keras') if m in sys.modules))\n"
    ) % (str(ROOT), PAGE)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_presets_change_what_the_memory_plot_shows():
    at = open_page()
    at.selectbox(key="rnn_preset_lstm").set_value("drops")
    at.toggle(key="rnn_mem_log").set_value(True)
    ok(at.run())
    assert "LSTM: **1**" in markdown(at)
    memory = specs(at)[0]
    assert memory["layout"]["yaxis"]["type"] == "log"
    lstm = next(trace for trace in memory["data"] if trace["name"] == "LSTM")
    assert arr(lstm["y"])[0] == 1.0 and arr(lstm["y"])[1:].max() < 1e-4
    at.selectbox(key="rnn_preset_rnn").set_value("random")
    ok(at.run())
    assert at.number_input(key="rnn_mem_units").value == 8  # random cells get their size and seed


def test_every_input_kind_renders():
    at = open_page()
    for kind in ("impulse_noise", "sine", "airline", "fibonacci", "step", "noise"):
        at.selectbox(key="rnn_input").set_value(kind)
        ok(at.run())
        assert len(at.get("plotly_chart")) == CHARTS


def test_larger_weight_scale_makes_the_rnn_gradient_grow():
    at = open_page()
    at.slider(key="rnn_grad_scale").set_value(0.5)
    ok(at.run())
    small = next(tr for tr in specs(at)[1]["data"] if tr["name"] == "Plain RNN")
    at.slider(key="rnn_grad_scale").set_value(3.0)
    ok(at.run())
    big = next(tr for tr in specs(at)[1]["data"] if tr["name"] == "Plain RNN")
    far_small, far_big = arr(small["customdata"])[0], arr(big["customdata"])[0]  # the longest distance T - 1
    assert far_small < -20 and far_big > 0  # vanishing at gain 0.5, exploding at gain 3
    at.radio(key="rnn_grad_wrt").set_value("h")
    ok(at.run())
    assert "∂h_T/∂h_t" in specs(at)[1]["layout"]["yaxis"]["title"]["text"]
    assert any(tr["name"] == "LSTM, cell state C_t" for tr in specs(at)[1]["data"])


def _fake_train(calls):
    def train(cell, k, settings):
        calls.append((cell, k, settings))
        d, h = settings.symbols + 1, settings.units
        return {"rnn": 1.0 / k, "gru": 1.0, "lstm": 0.9}[cell], init_layer(cell, d, h, seed=k)

    return train


def in_thread(monkeypatch, train):
    """The experiment's slot runs ``train`` for each model in a thread of this process (not a spawned
    process, which would not see the stand-in), with a fresh server-wide model memory."""
    from app import recall_view

    recall_view.forget_all()
    monkeypatch.setattr(recall, "train_recall_model", train)
    monkeypatch.setattr(recall_view, "experiment_work", lambda settings, known: (
        lambda on_epoch, should_stop: recall.recall_experiment_job(settings, known, on_epoch, should_stop)))


def finish(at: AppTest) -> AppTest:
    """Wait for the session's experiment job, then run the page once more (it collects the result).
    A quick stand-in may have finished, and been collected, within the run that started it."""
    if "rnn_exp_job" in at.session_state:
        assert at.session_state["rnn_exp_job"].wait(20), "the experiment did not finish"
        ok(at.run())
    assert "rnn_exp_job" not in at.session_state
    return at


def test_experiment_trains_in_a_slot_remembers_models_and_offers_trained_weights(monkeypatch):
    calls = []
    in_thread(monkeypatch, _fake_train(calls))
    at = open_page()
    at.multiselect(key="rnn_exp_ks").set_value([2, 5])
    at.slider(key="rnn_exp_epochs").set_value(3)
    at.button(key="rnn_exp_run").click()
    finish(ok(at.run()))
    assert [(c, k) for c, k, _ in calls] == [("rnn", 2), ("gru", 2), ("lstm", 2), ("rnn", 5), ("gru", 5), ("lstm", 5)]
    assert all(s.epochs == 3 and s.ks == (k,) for _, k, s in calls)
    assert len(at.get("plotly_chart")) == CHARTS + 1 and not at.button(key="rnn_exp_run").disabled
    recall = specs(at)[-1]
    assert [tr["name"] for tr in recall["data"]][:3] == ["Plain RNN", "GRU", "LSTM"]
    assert list(arr(recall["data"][0]["y"])) == [0.5, 0.2]
    assert at.dataframe and at.radio(key="rnn_grad_source").options == [
        "random, of a chosen scale", "trained in the experiment"]
    at.radio(key="rnn_grad_source").set_value("trained")
    ok(at.run())
    assert at.selectbox(key="rnn_grad_k").value == 5
    assert any("trained in the experiment for k = 5" in c.value for c in at.caption)
    at.multiselect(key="rnn_exp_ks").set_value([2, 5, 10])
    at.button(key="rnn_exp_run").click()
    finish(ok(at.run()))
    assert [(c, k) for c, k, _ in calls[6:]] == [("rnn", 10), ("gru", 10), ("lstm", 10)]  # k = 2, 5 remembered
    assert len(arr(specs(at)[-1]["data"][0]["y"])) == 3
    # another session with the same settings: every model is known, the result shows at once
    other = open_page()
    other.multiselect(key="rnn_exp_ks").set_value([5, 10])
    other.slider(key="rnn_exp_epochs").set_value(3)
    other.button(key="rnn_exp_run").click()
    ok(other.run())
    assert "rnn_exp_job" not in other.session_state and len(calls) == 9
    assert list(arr(specs(other)[-1]["data"][0]["y"])) == [0.2, 0.1]


def test_experiment_without_lags_or_with_an_error_says_so_and_keeps_working(monkeypatch):
    def broken(cell, k, settings):
        raise MemoryError("out of memory")

    in_thread(monkeypatch, broken)
    at = open_page()
    at.multiselect(key="rnn_exp_ks").set_value([])
    at.button(key="rnn_exp_run").click()
    ok(at.run())
    assert at.warning[0].value == "Pick at least one lag k to test."
    at.multiselect(key="rnn_exp_ks").set_value([2])
    at.button(key="rnn_exp_run").click()
    finish(ok(at.run()))
    assert "MemoryError" in at.error[0].value and len(at.get("plotly_chart")) == CHARTS
    assert not at.button(key="rnn_exp_run").disabled


def test_a_stopped_experiment_keeps_the_last_result_and_frees_the_button(monkeypatch):
    import threading

    release = threading.Event()

    def slow(cell, k, settings):
        release.wait(10)
        return 0.5, init_weights(settings.symbols + 1, settings.units, seed=k)

    in_thread(monkeypatch, slow)
    at = open_page()
    at.multiselect(key="rnn_exp_ks").set_value([2])
    at.button(key="rnn_exp_run").click()
    ok(at.run())
    assert at.button(key="rnn_exp_run").disabled  # one experiment at a time per session
    assert at.button(key="rnn_exp_stop")  # while it trains (or waits for a slot), it can be stopped
    at.session_state["rnn_exp_job"].request_stop()
    release.set()
    finish(at)
    assert "rnn_exp_job" not in at.session_state and not at.error
    assert len(at.get("plotly_chart")) == CHARTS and not at.button(key="rnn_exp_run").disabled


def test_portuguese():
    at = open_page("pt")
    assert at.title[0].value == "Por que a RNN simples esquece"
    assert "RNN simples: **7**" in markdown(at)


# --- figure builders, without a browser --------------------------------------------------------


def _valid(fig: go.Figure) -> dict:
    return go.Figure(fig.to_dict()).to_dict()  # Plotly's validation: raises on a wrong property


def test_memory_figure_draws_input_cells_and_the_cell_state():
    x = memory_input("impulse_zeros", 12)
    curves = {"rnn": memory_curve(rnn_preset("halves"), x), "lstm": memory_curve(lstm_preset("keeps"), x)}
    fig = _valid(memory_figure(x, curves, names=NAMES, title="T", input_label="x", memory_label="m",
                               time_label="t", cell_state_name="C", log_y=True))
    names = [trace["name"] for trace in fig["data"]]
    assert names == ["x", "RNN", "LSTM", "C"]
    assert arr(fig["data"][1]["y"]).min() >= 1e-16 and fig["layout"]["yaxis"]["type"] == "log"
    with pytest.raises(ValueError, match="memory curve of 5 steps like x"):
        memory_figure(x[:5], curves, names=NAMES, title="", input_label="", memory_label="", time_label="")


def test_gradient_figure_clips_to_float64_and_keeps_the_exact_power_in_hover():
    norms, _ = gradients_for_cells(np.random.default_rng(0).standard_normal((400, 1)), demo_cells(1, 8, 0.1, 0.0))
    fig = _valid(gradient_figure(norms, names=NAMES, title="", distance_label="d", norm_label="n"))
    rnn = fig["data"][0]
    assert arr(rnn["customdata"]).min() < -300 and arr(rnn["y"]).min() >= 1e-300  # past float64, drawn at the edge
    assert arr(rnn["x"])[0] == 399 and fig["layout"]["yaxis"]["type"] == "log"
    with pytest.raises(ValueError, match="wrt 'x' or 'h'"):
        gradient_figure(norms, names=NAMES, title="", distance_label="", norm_label="", wrt="c")


def test_recall_figure_and_power_of_ten():
    fig = _valid(recall_figure((2, 5), {"rnn": np.array([1.0, 0.3])}, chance=0.25, names=NAMES, title="",
                               lag_label="k", accuracy_label="a", chance_label="chance"))
    assert list(arr(fig["data"][-1]["y"])) == [0.25, 0.25] and fig["data"][-1]["name"] == "chance"
    with pytest.raises(ValueError, match="2 accuracies for rnn"):
        recall_figure((2, 5), {"rnn": np.array([1.0])}, chance=0.25, names=NAMES, title="", lag_label="",
                      accuracy_label="", chance_label="")
    assert power_of_ten(-3.9) == "1.3 × 10⁻⁴" and power_of_ten(float("-inf")) == "0" and power_of_ten(0.0) == "1"
