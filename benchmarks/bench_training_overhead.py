"""Training cost of the page's default model on the airline series vs a plain Keras script.

Both build the same architecture (the default ensemble: `members` LSTM branches side by side,
each LSTM(units) -> Dense(1), L2 weight decay, trained on its own recursive forecast `rollout` steps ahead),
train for the same epochs and batch size on the same windows with the same validation data. Measured alternately in one process, best of `REPEATS`.

    .venv/bin/python benchmarks/bench_training_overhead.py

Prints seconds and the ratios: ours (training only) / plain, and the whole pipeline
(training + recursive forecast + interval + .keras bytes) / plain. Target: training <= 1.3x.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from lstm_core.data import read_series  # noqa: E402
from lstm_core.forecasting.pipeline import resolve_settings, run_forecast# noqa: E402
from lstm_core.forecasting.settings import DEFAULTS# noqa: E402
from lstm_core.forecasting.transforms import make_windows  # noqa: E402
from lstm_core.keras_bridge import training as keras_training  # noqa: E402

REPEATS = 2
ROOT = Path(__file__).resolve().parents[1]


def plain_keras(x, y, x_val, y_val, window, units, members, epochs, batch_size, learning_rate, l2, seed, rollout):
    """What a person would write by hand: no callbacks, no progress, no session clearing.

    The same network: each member an LSTM(units) -> Dense(1) with L2 (l2 / members per layer, as ours),
    trained on its own recursive forecast ``rollout`` steps ahead (the default's multi-step loss);
    y, y_val: (N, rollout) the next values.
    """
    import keras

    keras.utils.set_random_seed(seed)
    inputs = keras.Input((window, 1))
    reg = keras.regularizers.L2
    outs = []
    for _ in range(members):
        lstm = keras.layers.LSTM(units, kernel_regularizer=reg(l2 / members), recurrent_regularizer=reg(l2 / members))
        dense = keras.layers.Dense(1, kernel_regularizer=reg(l2 / members))
        win = inputs
        for step in range(rollout):
            out = dense(lstm(win))
            outs.append(out)
            if step + 1 < rollout:
                win = keras.ops.concatenate([win[:, 1:, :], keras.ops.expand_dims(out, -1)], axis=1)
    model = keras.Model(inputs, keras.layers.Concatenate()(outs) if len(outs) > 1 else outs[0])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
    model.fit(x, np.tile(y.reshape(len(y), rollout), (1, members)),
              validation_data=(x_val, np.tile(y_val.reshape(len(y_val), rollout), (1, members))),
              epochs=epochs, batch_size=batch_size, shuffle=True, verbose=0)
    return model


def main() -> None:
    series = read_series((ROOT / "lstm_core" / "datasets" / "airline_passengers.csv").read_bytes())
    resolved = resolve_settings(series, DEFAULTS)
    y = series.values
    y_train = y[: len(y) - resolved.holdout]
    z = resolved.transform.fit(y_train).forward(y_train)
    x, t = make_windows(z, resolved.window, resolved.rollout)
    n_val = int(round(len(x) * 0.15))
    settings = resolved
    epochs_seen = []

    def ours():
        trained = keras_training.train_forecaster(x, t, settings, on_epoch=lambda r: epochs_seen.append(r.epoch))
        keras_training.clear_keras_session()
        return trained

    def plain():
        plain_keras(x[:-n_val], t[:-n_val], x[-n_val:], t[-n_val:], resolved.window, resolved.units, resolved.members,
                    resolved.epochs, resolved.batch_size, resolved.learning_rate, resolved.l2, resolved.seed,
                    resolved.rollout)

    def pipeline():
        run_forecast(series, DEFAULTS)

    plain()  # warm-up: TensorFlow import, first graph compile
    times = {"plain Keras": [], "ours (training)": [], "ours (whole pipeline)": []}
    for _ in range(REPEATS):
        for name, fn in (("plain Keras", plain), ("ours (training)", ours), ("ours (whole pipeline)", pipeline)):
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    best = {name: min(v) for name, v in times.items()}
    print(f"airline, default settings: window {resolved.window}, units {resolved.units}, members {resolved.members}, "
          f"epochs {resolved.epochs}, batch {resolved.batch_size}, rollout {resolved.rollout}; best of {REPEATS}")
    for name, seconds in best.items():
        print(f"  {name:<24}{seconds:8.2f} s   ratio {seconds / best['plain Keras']:.2f}x")
    print(f"training overhead ratio: {best['ours (training)'] / best['plain Keras']:.2f}x (target <= 1.30x)")


if __name__ == "__main__":
    main()
