"""Same seeds, same numbers: weights, traces (and the forecast) repeat within a run and across runs.

"Across runs" is checked in a fresh interpreter with another ``PYTHONHASHSEED``: nothing may
depend on hash order, import order or leftover global random state.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_core import lstm_forward
from lstm_core.sequences.builtin import builtin_sequence
from lstm_core.weights import init_weights, load_weights_npz, save_weights_npz

ROOT = Path(__file__).resolve().parents[1]
CASES = [(1, 8, 0), (1, 32, 123), (3, 5, 2**31 - 1)]  # (input_dim, units, seed)


def fingerprint(input_dim: int, units: int, seed: int) -> dict[str, np.ndarray]:
    """Weights of ``init_weights(input_dim, units, seed)`` and the trace of a fixed input through them."""
    w = init_weights(input_dim, units, seed=seed)
    x = np.tile(builtin_sequence("sine", 40)[:, None], (1, input_dim)).astype(np.float32)
    x += np.arange(input_dim, dtype=np.float32) * 0.1
    trace = lstm_forward(x, w)
    return {"kernel": w.kernel, "recurrent_kernel": w.recurrent_kernel, "bias": w.bias,
            **{q: trace.quantity(q) for q in ("z", "i", "f", "c_tilde", "o", "c", "h")}}


@given(input_dim=st.integers(1, 4), units=st.integers(1, 24), seed=st.integers(0, 2**32 - 1))
def test_same_seed_same_weights_and_trace(input_dim, units, seed):
    first, second = fingerprint(input_dim, units, seed), fingerprint(input_dim, units, seed)
    for name in first:
        np.testing.assert_array_equal(first[name], second[name], err_msg=name)


@given(units=st.integers(1, 16), seed=st.integers(0, 2**31 - 2))
def test_another_seed_other_weights(units, seed):
    a, b = init_weights(1, units, seed=seed), init_weights(1, units, seed=seed + 1)
    assert not np.array_equal(a.kernel, b.kernel)


def test_global_random_state_does_not_leak_in():
    """init_weights owns its generator: reseeding or drawing from NumPy's global state changes nothing."""
    np.random.seed(1)
    first = fingerprint(1, 8, 5)
    np.random.seed(2)
    np.random.standard_normal(1000)
    second = fingerprint(1, 8, 5)
    for name in first:
        np.testing.assert_array_equal(first[name], second[name], err_msg=name)


def test_same_seed_same_numbers_in_a_fresh_interpreter(tmp_path):
    script = textwrap.dedent(f"""
        import sys, numpy as np
        sys.path.insert(0, {str(ROOT)!r})
        from tests.test_determinism import fingerprint, CASES
        out = {{}}
        for k, case in enumerate(CASES):
            out.update({{f"{{k}}_{{name}}": a for name, a in fingerprint(*case).items()}})
        np.savez(sys.argv[1], **out)
    """)
    for hash_seed in ("1", "2"):
        target = tmp_path / f"run_{hash_seed}.npz"
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        subprocess.run([sys.executable, "-c", script, str(target)], check=True, env=env, cwd=ROOT, timeout=120)
        with np.load(target, allow_pickle=False) as saved:
            for k, case in enumerate(CASES):
                here = fingerprint(*case)
                for name, array in here.items():
                    np.testing.assert_allclose(saved[f"{k}_{name}"], array, rtol=1e-6, atol=1e-7,
                                               err_msg=f"{case} {name} (PYTHONHASHSEED={hash_seed})")


def test_saved_weights_come_back_bit_for_bit():
    w = init_weights(2, 6, seed=9)
    (back,) = load_weights_npz(save_weights_npz(w))
    for name in ("kernel", "recurrent_kernel", "bias"):
        np.testing.assert_array_equal(getattr(back, name), getattr(w, name))
        assert getattr(back, name).dtype == getattr(w, name).dtype


@pytest.mark.parametrize("units", [1, 7])
def test_trace_repeats_for_a_batch_too(units):
    w = init_weights(1, units, seed=3)
    x = np.random.default_rng(0).standard_normal((4, 25, 1)).astype(np.float32)
    a, b = lstm_forward(x, w), lstm_forward(x.copy(), w)
    assert a == b


# --- the forecast (trains Keras: slow) ------------------------------------------------------------

FORECAST_SCRIPT = textwrap.dedent(f"""
    import sys, numpy as np
    sys.path.insert(0, {str(ROOT)!r})
    from tests.test_determinism import forecast_fingerprint
    np.savez(sys.argv[1], **forecast_fingerprint())
""")


def forecast_fingerprint() -> dict[str, np.ndarray]:
    """A tiny seeded run of the forecast pipeline on the airline series: its numbers and trained weights."""
    from lstm_core.data import read_series
    from lstm_core.forecasting.pipeline import run_forecast
    from lstm_core.forecasting.settings import ForecastSettings

    series = read_series((ROOT / "tests" / "data" / "airline_iso.csv").read_bytes())
    run = run_forecast(series, ForecastSettings(epochs=2, members=2, units=4, seed=11))
    layer = run.layers[0]
    return {"holdout": run.holdout_forecast, "future": run.future_forecast, "lower": run.future_lower,
            "upper": run.future_upper, "loss": np.asarray(run.loss), "kernel": layer.kernel,
            "recurrent_kernel": layer.recurrent_kernel, "bias": layer.bias}


@pytest.mark.slow
@pytest.mark.keras
def test_same_seed_same_forecast_twice_in_one_process_and_in_another(tmp_path):
    """The server trains many times in one process: the second training must repeat the first,
    and a fresh process (the headless command, another day) must give the same forecast."""
    target = tmp_path / "other_process.npz"
    other = subprocess.Popen([sys.executable, "-c", FORECAST_SCRIPT, str(target)], cwd=ROOT,
                             env=dict(os.environ, PYTHONHASHSEED="3"), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    try:
        first, second = forecast_fingerprint(), forecast_fingerprint()
        _, err = other.communicate(timeout=300)
    finally:
        if other.poll() is None:
            other.kill()
    assert other.returncode == 0, err.decode(errors="replace")[-2000:]
    for name in first:
        np.testing.assert_allclose(second[name], first[name], rtol=1e-5, atol=1e-6, err_msg=f"{name}, same process")
    with np.load(target, allow_pickle=False) as third:
        for name in first:
            np.testing.assert_allclose(third[name], first[name], rtol=1e-5, atol=1e-6, err_msg=f"{name}, other process")
    assert np.isfinite(first["future"]).all() and len(first["future"]) > 0
