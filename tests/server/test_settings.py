"""The operator's settings: read from the environment, refused at start with one line when bad."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.server import settings as s

ROOT = Path(__file__).resolve().parents[2]


def test_unset_or_blank_gives_the_defaults():
    assert s.value(s.TRAINING_SLOTS, {}) == 2
    assert s.value(s.TAB_TIMEOUT, {"LSTM_LENS_TAB_TIMEOUT": "  "}) == 30.0
    assert s.problems({}) == []


def test_valid_values_are_read():
    env = {"LSTM_LENS_TRAINING_SLOTS": "4", "LSTM_LENS_TAB_TIMEOUT": "12.5"}
    assert s.value(s.TRAINING_SLOTS, env) == 4 and isinstance(s.value(s.TRAINING_SLOTS, env), int)
    assert s.value(s.TAB_TIMEOUT, env) == 12.5
    assert s.problems(env) == []


@pytest.mark.parametrize("name, text, fragment", [
    ("LSTM_LENS_TRAINING_SLOTS", "two", "not a whole number"),
    ("LSTM_LENS_TRAINING_SLOTS", "2.5", "not a whole number"),
    ("LSTM_LENS_TRAINING_SLOTS", "0", "below 1"),
    ("LSTM_LENS_TAB_TIMEOUT", "soon", "not a number of seconds"),
    ("LSTM_LENS_TAB_TIMEOUT", "nan", "below 2"),
    ("LSTM_LENS_TAB_TIMEOUT", "1", "below 2"),
])
def test_a_bad_value_is_one_sentence_naming_it_and_the_default_is_used(name, text, fragment):
    env = {name: text}
    [problem] = s.problems(env)
    assert problem.startswith(f"{name}={text!r}") and fragment in problem
    assert problem.count(". ") == 0 and problem.endswith(").")  # one sentence: what is wrong, what to do
    setting = next(x for x in s.SETTINGS if x.name == name)
    assert s.value(setting, env) == setting.default


def test_the_server_refuses_to_start_with_a_bad_setting():
    env = dict(os.environ, LSTM_LENS_TRAINING_SLOTS="many")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "serve.py"), "--server.port", "1"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "LSTM_LENS_TRAINING_SLOTS='many' is not a whole number: set it to how many trainings may run at once "
        "(1 or more), or unset it for the default (2)."]


def test_the_training_slots_follow_the_settings():
    code = "from app.server import training_slots as t; print(t.MAX_CONCURRENT_TRAININGS, t.HEARTBEAT_TIMEOUT, t.free_slots())"
    env = dict(os.environ, LSTM_LENS_TRAINING_SLOTS="3", LSTM_LENS_TAB_TIMEOUT="7")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["3", "7.0", "3"], done.stderr
