"""``python -m lstm_core trace``: the headless trace, and opening and tracing a model imports no TensorFlow."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lstm_core.cli import main
from tests.models.model_files import CORPUS, HOSTILE

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    rc = main(["trace", *map(str, argv)])
    out, err = capsys.readouterr()
    return rc, out, err


def test_values_to_npz_match_keras(capsys, tmp_path):
    expected = np.load(CORPUS / "bidi_concat.expected.npz")
    x = expected["input"]
    typed = "; ".join(" ".join(repr(float(v)) for v in row) for row in x)
    out_file = tmp_path / "trace.npz"
    rc, out, err = run(capsys, CORPUS / "bidi_concat.h5", "--values", typed, "--out", out_file)
    assert rc == 0, err
    assert "bidirectional/backward" in out and "lstm_1" in out
    with np.load(out_file, allow_pickle=False) as got:
        for key in ("bidirectional/forward/h", "bidirectional/backward/c", "lstm_1/x", "lstm_1/h"):
            np.testing.assert_allclose(got[key], expected[key], atol=1e-5, rtol=1e-5)
        assert got["bidirectional/backward/i"].shape == (8, 3)


def test_csv_columns_in_order(capsys, tmp_path):
    expected = np.load(CORPUS / "multivariate.expected.npz")
    x = expected["input"]
    csv = tmp_path / "series.csv"
    lines = ["date,c,a,b"] + [f"2020-01-{t + 1:02d},{r[2]!r},{r[0]!r},{r[1]!r}" for t, r in enumerate(x.tolist())]
    csv.write_text("\n".join(lines) + "\n")
    out_file = tmp_path / "t.npz"
    rc, _, err = run(capsys, CORPUS / "multivariate.keras", "--input", csv, "--columns", "a,b,c", "--out", out_file)
    assert rc == 0, err
    with np.load(out_file) as got:
        np.testing.assert_allclose(got["lstm/h"], expected["lstm/h"], atol=1e-5, rtol=1e-5)
    rc, _, err = run(capsys, CORPUS / "multivariate.keras", "--input", csv, "--columns", "a,zz,c")
    assert rc == 2 and "zz" in err


def test_token_ids_from_a_csv_column(capsys, tmp_path):
    expected = np.load(CORPUS / "embedding_mask_lstm.expected.npz")
    csv = tmp_path / "ids.csv"
    csv.write_text("token\n" + "\n".join(str(int(v)) for v in expected["input"]) + "\n")
    out_file = tmp_path / "t.npz"
    rc, _, err = run(capsys, CORPUS / "embedding_mask_lstm.keras", "--input", csv, "--out", out_file)
    assert rc == 0, err
    with np.load(out_file) as got:
        np.testing.assert_array_equal(got["lstm/mask"], expected["lstm/mask"])
        np.testing.assert_allclose(got["lstm/c"], expected["lstm/c"], atol=1e-5, rtol=1e-5)


def test_json_lists_the_layers(capsys):
    rc, out, _ = run(capsys, CORPUS / "nested_sequential.keras", "--json")
    assert rc == 0
    found = json.loads(out)
    assert [d["path"] for d in found["layers"]] == ["encoder/lstm", "lstm"]
    first = found["layers"][0]
    assert (first["kind"], first["units"], first["input_size"], first["activation"]) == ("lstm", 4, 2, "tanh")
    assert first["feeds_from"] == ["pre", "series"] and found["input"]["features"] == 2


def test_windowed_model_gets_windows_and_a_note(capsys, tmp_path):
    out_file = tmp_path / "w.npz"
    rc, _, err = run(capsys, CORPUS / "windows_as_features.keras", "--values", "1, 2, 3, 4, 5, 6", "--out", out_file)
    assert rc == 0 and "windows" in err
    with np.load(out_file) as got:
        assert got["lstm/x"].shape == (3, 4) and list(got["lstm/x"][2]) == [3, 4, 5, 6]
        assert got["model/output"].shape == (3, 1)


@pytest.mark.parametrize("path, needle", [
    (HOSTILE / "lambda_layer.keras", "Lambda"),
    (HOSTILE / "zip_bomb.keras", "too big"),
    (HOSTILE / "renamed_text.h5", "not a Keras model"),
    (Path("/nonexistent/model.keras"), "cannot read"),
])
def test_refused_or_unreadable_exits_2_with_one_sentence(capsys, path, needle):
    rc, out, err = run(capsys, path, "--values", "1, 2, 3")
    assert rc == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and needle in err and "Traceback" not in err


def test_an_input_that_does_not_fit_exits_2(capsys):
    rc, _, err = run(capsys, CORPUS / "embedding_lstm.keras", "--values", "1, 2, 300")
    assert rc == 2 and "300" in err


def test_opening_and_tracing_imports_no_tensorflow():
    """In a fresh interpreter: open_model, trace and the CLI leave sys.modules without TensorFlow or Keras."""
    code = f"""
import sys, numpy as np
from lstm_core.models import open_model
from lstm_core.cli import main
for name in ("bidi_concat.h5", "embedding_conv_lstm.keras", "k2_masking_bidi.h5"):
    path = {str(CORPUS)!r} + "/" + name
    x = np.load(path.rsplit(".", 1)[0] + ".expected.npz")["input"]
    open_model(open(path, "rb").read(), name).trace(x)
assert main(["trace", {str(CORPUS / "lstm_dense.keras")!r}, "--values", "1, 2, 3", "--json"]) == 0
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras", "tf_keras", "jax", "torch"))
assert not bad, bad
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
