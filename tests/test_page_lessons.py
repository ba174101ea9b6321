"""The lessons page: every lesson walks from first to last step with back and next, in both languages."""

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app.lessons import LESSONS, gates

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "lessons.py")


def _open(lang="en", **query):
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("lesson", [lesson.key for lesson in LESSONS])
@pytest.mark.parametrize("lang", ["en", "pt"])
def test_every_step_of_every_lesson_renders(lesson, lang):
    at = _open(lang, lesson=lesson)
    steps = next(item for item in LESSONS if item.key == lesson).steps
    titles = [at.subheader[0].value]
    for _ in range(len(steps) - 1):
        at.button(key="lesson_next").click().run()
        assert not at.exception, at.exception
        titles.append(at.subheader[0].value)
    assert len(set(titles)) == len(steps)
    assert at.button(key="lesson_next").disabled and at.success
    at.button(key="lesson_back").click().run()
    assert at.subheader[0].value == titles[-2]


def test_link_opens_a_given_step():
    at = _open(lesson="gates", step="3")
    assert at.subheader[0].value == "The input gate i_t"
    assert at.query_params["step"] in ("3", ["3"])


def test_a_slider_changes_the_cell_and_the_later_steps_keep_it():
    at = _open(lesson="gates", step="2")
    at.slider(key="_widget_lesson_gates_b_f").set_value(-6.0).run()
    assert not at.exception
    assert at.session_state["lesson_gates_b_f"] == -6.0
    at.button(key="lesson_next").click().run()
    at.button(key="lesson_next").click().run()
    at.button(key="lesson_back").click().run()
    at.button(key="lesson_back").click().run()
    assert at.session_state["lesson_gates_b_f"] == -6.0
    assert at.slider(key="_widget_lesson_gates_b_f").value == -6.0


def test_forget_bias_controls_memory_as_the_lesson_says():
    from lstm_core import lstm_forward
    from lstm_core.sequences.builtin import set_hold_reset
    from lstm_core.weights import one_unit

    x = set_hold_reset(gates.STEPS)[:, None]
    keep = lstm_forward(x, one_unit({**gates.START, "b_f": 6.0})).c[:, 0]
    lose = lstm_forward(x, one_unit({**gates.START, "b_f": -3.0})).c[:, 0]
    assert keep[2] > 0.9 and keep[8] > 0.9 * keep[2]  # kept through the zeros after the spike at t = 2
    assert lose[2] > 0.9 and abs(lose[4]) < 0.05  # gone within two steps
    muted = lstm_forward(x, one_unit({**gates.START, "b_o": -6.0}))
    assert np.all(np.abs(muted.h[:, 0]) < 0.01) and muted.c[3, 0] > 0.5


def test_memory_lesson_claims_hold():
    from lstm_core.analysis.memory import lstm_preset, memory_curve, memory_input, rnn_preset

    x = memory_input("impulse_zeros", 30)
    rnn = memory_curve(rnn_preset("halves"), x).memory
    assert 0.4 < rnn[1] < 0.55 and rnn[10] < 2e-3  # halves each step, practically gone after ten
    assert memory_curve(lstm_preset("keeps"), x).memory_c[-1] > 0.99
    assert memory_curve(lstm_preset("drops"), x).memory_c[1] < 1e-3


def test_fibonacci_lesson_claims_hold():
    from app.lessons.fibonacci import _gates_of, saturation
    from lstm_core.sequences.builtin import fibonacci
    from lstm_core.sequences.scaling import scale_series

    raw = _gates_of(fibonacci(30))
    scaled = _gates_of(scale_series(fibonacci(30), "log"))
    assert saturation(np.concatenate([raw.i, raw.f, raw.o])) > 0.6
    assert saturation(np.concatenate([scaled.i, scaled.f, scaled.o])) < 0.05


@pytest.mark.slow
def test_fibonacci_lesson_trains_an_lstm_that_predicts_the_next_numbers():
    import time

    at = _open(lesson="fibonacci", step="4")
    at.button(key="lesson_fib_train").click().run()
    deadline = time.monotonic() + 240
    while not at.dataframe and time.monotonic() < deadline:
        time.sleep(1.0)
        at.run()
        assert not at.exception, at.exception
    assert at.dataframe, "the training did not finish in time"
    table = at.dataframe[0].value
    actual, predicted = table.iloc[:, 1].to_numpy(), table.iloc[:, 2].to_numpy()
    assert len(actual) == 5 and actual[-1] == 832040  # index 29 of 1, 1, 2, 3, ...: the lesson calls it F(29)
    assert np.all(np.abs(predicted - actual) / actual < 0.05)  # within 5% on numbers it never saw
    assert at.session_state["trained_model"].layers  # its gates open on the step-through page
