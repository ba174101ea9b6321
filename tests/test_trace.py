"""Trace exports: tidy DataFrame, CSV and NPZ."""

import io

import numpy as np
import pandas as pd
import pytest

from lstm_core import QUANTITIES, Trace, lstm_forward
from lstm_core.weights import random_weights


@pytest.fixture
def trace():
    x = np.random.default_rng(0).normal(size=(5, 2))
    return lstm_forward(x, random_weights(2, 3, seed=1))


def test_frame_is_tidy_and_complete(trace):
    frame = trace.to_frame()
    assert list(frame.columns) == ["t", "unit", "quantity", "value"]
    assert len(frame) == 5 * 3 * len(QUANTITIES)
    row = frame[(frame.t == 4) & (frame.unit == 2) & (frame.quantity == "c_tilde")]
    assert row.value.item() == pytest.approx(float(trace.c_tilde[4, 2]))
    row = frame[(frame.t == 0) & (frame.unit == 1) & (frame.quantity == "f")]
    assert row.value.item() == pytest.approx(float(trace.f[0, 1]))


def test_batched_frame_has_a_batch_column():
    x = np.random.default_rng(0).normal(size=(2, 4, 1))
    tr = lstm_forward(x, random_weights(1, 3))
    frame = tr.to_frame()
    assert list(frame.columns) == ["batch", "t", "unit", "quantity", "value"]
    row = frame[(frame.batch == 1) & (frame.t == 3) & (frame.unit == 0) & (frame.quantity == "h")]
    assert row.value.item() == pytest.approx(float(tr.h[3, 1, 0]))
    assert tr.sequence(1).h.shape == (4, 3)


def test_csv_round_trips_through_pandas(trace):
    text = trace.to_csv()
    back = pd.read_csv(io.StringIO(text))
    assert len(back) == 5 * 3 * 6
    h = back[back.quantity == "h"].pivot(index="t", columns="unit", values="value").to_numpy()
    np.testing.assert_allclose(h, trace.h, rtol=1e-6)


def test_npz_round_trip(trace, tmp_path):
    data = trace.to_npz()
    assert Trace.from_npz(data) == trace
    trace.to_npz(tmp_path / "t.npz")
    assert Trace.from_npz(tmp_path / "t.npz") == trace
    with pytest.raises(ValueError, match="missing"):
        buffer = io.BytesIO()
        np.savez(buffer, h=np.zeros((2, 2)))
        Trace.from_npz(buffer.getvalue())


def test_inconsistent_arrays_are_refused(trace):
    with pytest.raises(ValueError, match="expected f of shape"):
        Trace(**{**trace.__dict__, "f": np.zeros((4, 3))})


def test_quantity_lookup(trace):
    assert trace.quantity("c") is trace.c
    with pytest.raises(ValueError, match="expected one of"):
        trace.quantity("q")
