"""From an uploaded model file's bytes to the traces of its layers: ``open_model`` (read as data, NumPy
replay) against the path the step page used before issue #21 (``keras.saving.load_model`` on a temporary
file, ``weights_from_keras``, then ``lstm_forward`` layer by layer), measured in the same run.

    .venv/bin/python benchmarks/bench_open_model.py [--steps 1000] [--repeats 5]

The model: three stacked LSTMs of 256, 128 and 64 units on 3 features (Keras' default initialisers,
random non-zero biases), saved as .keras; the sequence: ``--steps`` steps. The two traces' h are
checked to agree to 1e-5. Three measurements, medians of ``--repeats`` (issue #21's target: the new
path at most 1/5 of the old one):

1. warm, bytes to traces: Keras imported and warmed up before timing (a server that had already
   opened one upload the old way), both paths on the same bytes in turn;
2. warm, bytes to weights only (load_model + weights_from_keras vs open_model), the part that differs:
   both then run the same ``lstm_forward`` for every layer, which takes most of the new path's time;
3. cold, bytes to traces in a fresh interpreter that has imported what the server imports at start
   (NumPy, SciPy, pandas via ``lstm_core.cells``): the first upload a server process sees, with
   TensorFlow's import for the old path and h5py's and lstm_core.models' for the new one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from lstm_core.cells import forward_layers  # noqa: E402
from lstm_core.models import open_model  # noqa: E402

UNITS = (256, 128, 64)
FEATURES = 3


def model_bytes(steps: int) -> bytes:
    import keras

    keras.utils.set_random_seed(0)
    layers = [keras.Input((steps, FEATURES))]
    for k, units in enumerate(UNITS):
        layers.append(keras.layers.LSTM(units, return_sequences=k < len(UNITS) - 1))
    layers.append(keras.layers.Dense(1))
    model = keras.Sequential(layers)
    rng = np.random.default_rng(0)
    for v in model.weights:
        if v.name == "bias":
            v.assign(rng.normal(0, 0.3, tuple(v.shape)).astype("float32"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        model.save(path)
        return path.read_bytes()


def old_path(data: bytes, x: np.ndarray):
    """What the step page did: Keras loads the upload from a temporary file, then the NumPy cell traces."""
    import keras

    from lstm_core.keras_bridge.layers import weights_from_keras

    handle, path = tempfile.mkstemp(suffix=".keras")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        model = keras.saving.load_model(path, compile=False, safe_mode=True)
    finally:
        os.unlink(path)
    return forward_layers(x, weights_from_keras(model))


def new_path(data: bytes, x: np.ndarray):
    return open_model(data, "model.keras").trace(x)


def old_weights(data: bytes, x: np.ndarray):
    import keras

    from lstm_core.keras_bridge.layers import weights_from_keras

    handle, path = tempfile.mkstemp(suffix=".keras")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        return weights_from_keras(keras.saving.load_model(path, compile=False, safe_mode=True))
    finally:
        os.unlink(path)


def new_weights(data: bytes, x: np.ndarray):
    return open_model(data, "model.keras").layers


COLD = """
import sys, numpy as np; sys.path.insert(0, {root!r})
import lstm_core.cells  # what a server already has loaded (app/server/launch.py's WARM_IMPORTS): NumPy, SciPy, pandas
data = open({model!r}, "rb").read(); x = np.load({x!r})
import time; start = time.perf_counter()
import benchmarks.bench_open_model as b
b.{fn}(data, x)
print(time.perf_counter() - start)
"""


def cold(fn: str, data: bytes, x: np.ndarray, repeats: int) -> list[float]:
    """Seconds from a fresh interpreter (the server's start-up imports done) to the traces, imports included."""
    import subprocess

    with tempfile.TemporaryDirectory() as folder:
        model, xs = Path(folder) / "model.keras", Path(folder) / "x.npy"
        model.write_bytes(data)
        np.save(xs, x)
        code = COLD.format(root=str(ROOT), model=str(model), x=str(xs), fn=fn)
        out = []
        for _ in range(repeats):
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                  env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
            out.append(float(done.stdout.strip().splitlines()[-1]))
        return out


def timed(pairs, data, x, repeats) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name, _ in pairs}
    for _ in range(repeats):
        for name, run in pairs:
            start = time.perf_counter()
            run(data, x)
            times[name].append(time.perf_counter() - start)
    return times


def report(label: str, old: list[float], new: list[float]) -> None:
    mo, mn = statistics.median(old), statistics.median(new)
    print(f"{label}\n  old {mo * 1e3:8.1f} ms  [{', '.join(f'{t * 1e3:.0f}' for t in old)}]"
          f"\n  new {mn * 1e3:8.1f} ms  [{', '.join(f'{t * 1e3:.0f}' for t in new)}]"
          f"\n  ratio new/old {mn / mo:.3f}  (target <= 0.2)")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--no-cold", dest="cold", action="store_false", help="skip the fresh-interpreter runs")
    args = p.parse_args()
    data = model_bytes(args.steps)
    x = np.random.default_rng(1).normal(size=(args.steps, FEATURES)).astype(np.float32)
    old_traces, new_trace = old_path(data, x), new_path(data, x)  # warm-up, and the check
    for old, new in zip(old_traces, new_trace.layers):
        np.testing.assert_allclose(new.quantity("h"), old.h, atol=1e-5, rtol=1e-5)
    print(f"model: LSTM {'-'.join(map(str, UNITS))} on {FEATURES} features, {len(data) / 1e6:.1f} MB .keras, "
          f"{args.steps} steps, {args.repeats} repeats; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}")
    t = timed((("old", old_path), ("new", new_path)), data, x, args.repeats)
    report("1. warm, bytes -> traces (load_model + weights_from_keras + lstm_forward vs open_model + trace)",
           t["old"], t["new"])
    t = timed((("old", old_weights), ("new", new_weights)), data, x, args.repeats)
    report("2. warm, bytes -> weights (load_model + weights_from_keras vs open_model)", t["old"], t["new"])
    if args.cold:
        report("3. cold, first upload in a fresh interpreter, bytes -> traces (imports of either path included)",
               cold("old_path", data, x, max(2, args.repeats // 2)), cold("new_path", data, x, max(2, args.repeats // 2)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
