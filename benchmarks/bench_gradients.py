"""Gradients through time, T = 1000, H = 64: our NumPy BPTT vs the same gradients by TensorFlow's GradientTape.

Both compute, for every t, ‖∂h_{T-1}/∂x_t‖ and ‖∂h_{T-1}/∂h_t‖ (all H rows of each Jacobian) for a plain
RNN, a GRU and an LSTM with the same weights and input, starting from the input sequence:

  ours:  lstm_core forward (records the trace, float32) + lstm_core.gradients (one backward pass,
         identity seed, float32, one BLAS thread)
  tape:  the cell's equations in TF ops under tf.scan in a tf.function, GradientTape over a batch of
         H copies (one backward pass for all rows), float64; timed after a warm-up call (graph traced)

Prints the best of a few runs of each and the ratio tape / ours measured in this run, and how far
our float32 norms are from the tape's float64 ones (max |Δ log10| over the t where the tape's norm is
above 1e-140; below that the squares inside tf.norm underflow, while ours are rescaled as they go).
Run: .venv/bin/python benchmarks/bench_gradients.py [T] [H]
"""

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from lstm_core.analysis.gradients import gradient_norms  # noqa: E402
from lstm_core.cells import (
    gru_forward,
    lstm_forward,  # noqa: E402
    rnn_forward,
)
from lstm_core.keras_bridge.tape_gradients import tape_gradient_fn  # noqa: E402
from lstm_core.weights import random_weights  # noqa: E402
from lstm_core.weights.init import random_layer  # noqa: E402


def best_of(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    T = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    H = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    D = 1
    x = np.random.default_rng(0).standard_normal((T, D))
    cells = {
        "rnn": (rnn_forward, random_layer("rnn", D, H, seed=0, bias_scale=0.1)),
        "gru": (gru_forward, random_layer("gru", D, H, seed=0, bias_scale=0.1)),
        "lstm": (lstm_forward, random_weights(D, H, seed=0, bias_scale=0.1)),
    }
    print(f"gradients through time, T = {T}, H = {H}, D = {D}: ‖∂h_T/∂x_t‖ and ‖∂h_T/∂h_t‖ for every t")
    print(f"{'cell':<6}{'numpy (s)':>12}{'tape (s)':>12}{'tape trace (s)':>16}{'ratio':>9}{'max |Δlog10|':>15}")
    for name, (fwd, w) in cells.items():
        ours = lambda: gradient_norms(fwd(x, w), w)  # noqa: E731
        result = ours()
        tape = tape_gradient_fn(w.astype(np.float64))
        start = time.perf_counter()
        tape_dx, tape_dh = tape(x)  # first call traces the graph
        traced = time.perf_counter() - start
        t_ours = best_of(ours, 5)
        t_tape = best_of(lambda: tape(x), 3)
        # the tape works with plain float64 numbers: tf.norm squares them, so norms below ~1e-150 underflow
        finite = np.isfinite(result.log10_dx) & (tape_dx > -140)
        diff = float(np.max(np.abs(result.log10_dx[finite] - tape_dx[finite])))
        print(f"{name:<6}{t_ours:>12.4f}{t_tape:>12.4f}{traced:>16.2f}{t_tape / t_ours:>8.1f}x{diff:>15.2e}")


if __name__ == "__main__":
    main()
