"""Keras <-> NumPy for SimpleRNN and GRU layers, TensorFlow's own gradients, and the recall experiment.

TensorFlow/Keras is imported inside the functions only: importing this module is
free, so the comparison page opens without it.

Keras 3 facts this module relies on (checked by tests/test_keras_recurrent_parity.py):

* ``SimpleRNN(H).get_weights()`` = ``[kernel (D, H), recurrent_kernel (H, H), bias (H,)]``
* ``GRU(H).get_weights()`` (``reset_after=True``, the default) =
  ``[kernel (D, 3H), recurrent_kernel (H, 3H), bias (2, 3H)]``, gate order z, r, h

The recall experiment ("output the value seen k steps ago"): a sequence of
random symbols (one-hot, ``V`` of them) goes in; at every step t >= k the model
must output the symbol seen at step t - k. A SimpleRNN, a GRU and an LSTM of the
same number of units, each followed by the same Dense softmax, are trained on it
for several k and scored on fresh sequences. Chance is 1 / V.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable

import numpy as np

from lstm_core.cell import LSTMWeights
from lstm_core.keras_training import build_optimizer
from lstm_core.recurrent import GRUWeights, RNNWeights

Weights = RNNWeights | GRUWeights | LSTMWeights
CELL_ORDER: tuple[str, ...] = ("rnn", "gru", "lstm")


def _keras():
    import keras  # noqa: PLC0415  (deliberately lazy: TensorFlow costs seconds)

    return keras


def _tf():
    import tensorflow as tf  # noqa: PLC0415

    return tf


def cell_name(weights: Weights) -> str:
    """``"rnn"``, ``"gru"`` or ``"lstm"`` for a weights object."""
    for name, kind in (("rnn", RNNWeights), ("gru", GRUWeights), ("lstm", LSTMWeights)):
        if isinstance(weights, kind):
            return name
    raise ValueError(f"expected RNNWeights, GRUWeights or LSTMWeights, got {type(weights).__name__}")


# --- layers <-> weights ------------------------------------------------------------------------


def _check_activations(layer: Any, expected: tuple[str, ...], names: tuple[str, ...]) -> None:
    got = tuple(getattr(layer.cell, n).__name__ for n in names)
    if got != expected:
        raise ValueError(f"expected {layer.name} with {', '.join(names)} = {expected}, got {got}")


def weights_from_keras_layer(layer: Any) -> Weights:
    """``RNNWeights``, ``GRUWeights`` or ``LSTMWeights`` of a built Keras 3 SimpleRNN, GRU or LSTM layer."""
    keras = _keras()
    if not getattr(layer, "built", False):
        raise ValueError(f"expected a built layer (call it on data first), got unbuilt layer {layer.name}")
    if not getattr(layer, "use_bias", True):
        raise ValueError(f"expected a layer with use_bias=True, got {layer.name} with use_bias=False")
    arrays = [np.asarray(w) for w in layer.get_weights()]
    if isinstance(layer, keras.layers.SimpleRNN):
        _check_activations(layer, ("tanh",), ("activation",))
        return RNNWeights(*arrays)
    if isinstance(layer, keras.layers.GRU):
        if not layer.cell.reset_after:
            raise ValueError(f"expected a GRU with reset_after=True (the Keras 3 default), got {layer.name} with False")
        _check_activations(layer, ("tanh", "sigmoid"), ("activation", "recurrent_activation"))
        return GRUWeights(*arrays)
    if isinstance(layer, keras.layers.LSTM):
        _check_activations(layer, ("tanh", "sigmoid"), ("activation", "recurrent_activation"))
        return LSTMWeights(*arrays)
    raise ValueError(f"expected a SimpleRNN, GRU or LSTM layer, got {type(layer).__name__} {layer.name}")


def keras_layer(weights: Weights, return_sequences: bool = True, name: str | None = None) -> Any:
    """An unbuilt Keras ``SimpleRNN`` / ``GRU`` / ``LSTM`` layer of the right size (call :func:`keras_model`)."""
    keras = _keras()
    kind = {"rnn": keras.layers.SimpleRNN, "gru": keras.layers.GRU, "lstm": keras.layers.LSTM}[cell_name(weights)]
    return kind(weights.units, return_sequences=return_sequences, name=name)


def keras_model(weights: Weights, timesteps: int | None = None, return_sequences: bool = True) -> Any:
    """A one-layer Keras model carrying ``weights``: input (batch, timesteps, D), output h (batch, [timesteps,] H)."""
    keras = _keras()
    inputs = keras.Input((timesteps, weights.input_dim))
    layer = keras_layer(weights, return_sequences=return_sequences, name=cell_name(weights))
    out = layer(inputs)
    w = weights.astype(np.float32)
    layer.set_weights([w.kernel, w.recurrent_kernel, w.bias])
    return keras.Model(inputs, out)


# --- TensorFlow's gradients, for checking and benchmarking ---------------------------------------


def _tf_step(cell: str, weights: Weights) -> Callable:
    """The cell's recurrence in TensorFlow ops: (x_t (B, D), state) -> state; state is (h,) or (h, c)."""
    tf = _tf()
    W = tf.constant(weights.kernel, tf.float64)
    U = tf.constant(weights.recurrent_kernel, tf.float64)
    b = tf.constant(weights.bias, tf.float64)
    H = weights.units

    if cell == "rnn":
        def step(x_t, h):
            return (tf.tanh(x_t @ W + h @ U + b),)
    elif cell == "gru":
        def step(x_t, h):
            p = x_t @ W + b[0]
            q = h @ U + b[1]
            z = tf.sigmoid(p[:, :H] + q[:, :H])
            r = tf.sigmoid(p[:, H : 2 * H] + q[:, H : 2 * H])
            hh = tf.tanh(p[:, 2 * H :] + r * q[:, 2 * H :])
            return (z * h + (1 - z) * hh,)
    else:
        def step(x_t, h, c):
            a = x_t @ W + h @ U + b
            i, f, g, o = tf.sigmoid(a[:, :H]), tf.sigmoid(a[:, H : 2 * H]), tf.tanh(a[:, 2 * H : 3 * H]), tf.sigmoid(a[:, 3 * H :])
            c = f * c + i * g
            return o * tf.tanh(c), c
    return step


def tape_gradient_fn(weights: Weights) -> Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """A compiled function ``x (T, D) -> (log10 ‖∂h_{T-1}/∂x_t‖ (T,), log10 ‖∂h_{T-1}/∂h_t‖ (T,))`` by GradientTape.

    The same quantities as :mod:`lstm_core.gradients`, computed the TensorFlow way: the
    cell's equations in TF ops under ``tf.scan`` inside a ``tf.function`` (float64), one
    backward pass for all H rows of the Jacobian (the batch holds H copies of the
    sequence and the target is Σ_b h_{T-1}[b, b]). ∂h_{T-1}/∂h_t is the gradient on a zero
    perturbation added to h_t as it enters step t + 1. The first call traces the graph.
    """
    tf = _tf()
    cell = cell_name(weights)
    step = _tf_step(cell, weights)
    H = weights.units

    @tf.function(reduce_retracing=True)
    def run(x):
        steps = tf.shape(x)[0]
        xb = tf.tile(x[:, None, :], [1, H, 1])  # (T, H, D): H copies of the sequence
        e = tf.zeros((steps, H, H), tf.float64)  # perturbation on h_{t-1} entering step t
        with tf.GradientTape() as tape:
            tape.watch(xb)
            tape.watch(e)
            zeros = tf.zeros((H, H), tf.float64)
            if cell == "lstm":
                def body(state, inp):
                    h, c = step(inp[0], state[0] + inp[1], state[1])
                    return h, c
                hs = tf.scan(body, (xb, e), initializer=(zeros, zeros))[0]
            else:
                def body(state, inp):
                    return step(inp[0], state + inp[1])[0]
                hs = tf.scan(body, (xb, e), initializer=zeros)
            target = tf.linalg.trace(hs[-1])  # Σ_b h_{T-1}[b, b]: row b of the Jacobian lands in batch b
        gx, ge = tape.gradient(target, [xb, e])
        dx = tf.norm(gx, axis=[1, 2]) if gx.shape.rank == 3 else tf.norm(tf.reshape(gx, (steps, -1)), axis=1)
        dh = tf.norm(tf.reshape(ge, (steps, -1)), axis=1)  # dh[t] = ‖∂h_{T-1}/∂h_{t-1}‖
        return dx, dh

    def gradients(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != weights.input_dim:
            raise ValueError(f"expected x of shape (timesteps, {weights.input_dim}), got {x.shape}")
        dx, de = (v.numpy() for v in run(tf.constant(x)))
        with np.errstate(divide="ignore"):
            log_dx = np.log10(dx)
            log_dh = np.append(np.log10(de[1:]), np.log10(np.sqrt(H)))  # ∂/∂h_t is the perturbation at t + 1
        return log_dx, log_dh

    return gradients


# --- the recall experiment ---------------------------------------------------------------------


@dataclass(frozen=True)
class RecallSettings:
    """Settings of "output the value seen k steps ago"; small enough for a class on a laptop.

    ks: the lags to test; units: H of every cell; symbols: V; noise: std of the distractors;
    train_sequences / test_sequences: how many per k; epochs, batch_size, learning_rate, seed.
    """

    ks: tuple[int, ...] = (5, 10, 20)
    units: int = 16
    symbols: int = 4
    noise: float = 1.0
    train_sequences: int = 1000
    test_sequences: int = 500
    epochs: int = 10
    batch_size: int = 32
    learning_rate: float = 0.01
    seed: int = 0

    def __post_init__(self) -> None:
        ks = tuple(sorted({int(k) for k in self.ks}))
        if not ks or ks[0] < 1:
            raise ValueError(f"expected at least one lag k >= 1, got {self.ks}")
        if ks[-1] > 200:
            raise ValueError(f"expected lags up to 200 steps, got {ks[-1]}")
        object.__setattr__(self, "ks", ks)
        for name, low in (("units", 1), ("symbols", 2), ("train_sequences", 1), ("test_sequences", 1),
                          ("epochs", 1), ("batch_size", 1)):
            if getattr(self, name) < low:
                raise ValueError(f"expected {name} >= {low}, got {getattr(self, name)}")
        if not self.noise >= 0:
            raise ValueError(f"expected noise >= 0, got {self.noise}")

    @property
    def chance(self) -> float:
        """Accuracy of guessing: 1 / V."""
        return 1.0 / self.symbols


def recall_data(k: int, settings: RecallSettings, sequences: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """One data set for lag k: x (N, k + 1, V + 1) float32 and y (N,) ints, the symbol to recall.

    Step 0 carries the symbol (one-hot on the first V channels) and a marker (1 on the
    last channel); the k steps after it carry Gaussian noise of std ``settings.noise`` on
    the symbol channels. At the last step the model must name the symbol seen k steps earlier.
    """
    rng = np.random.default_rng(seed)
    V = settings.symbols
    y = rng.integers(0, V, size=sequences)
    x = np.zeros((sequences, k + 1, V + 1), np.float32)
    x[np.arange(sequences), 0, y] = 1.0
    x[:, 0, V] = 1.0
    x[:, 1:, :V] = settings.noise * rng.standard_normal((sequences, k, V))
    return x, y


@dataclass(frozen=True)
class RecallResult:
    """Test accuracy of every cell at every k, and the trained recurrent weights.

    accuracy: {"rnn" | "gru" | "lstm": (len(ks),) float} on fresh sequences
    weights:  {(cell, k): RNNWeights | GRUWeights | LSTMWeights} of the trained recurrent layers
    seconds:  wall time of the whole run (building, training, scoring)
    """

    settings: RecallSettings
    accuracy: dict[str, np.ndarray]
    weights: dict[tuple[str, int], Weights] = field(repr=False)
    seconds: float

    def table(self) -> list[dict[str, float]]:
        """Rows ``{"k": k, "rnn": acc, "gru": acc, "lstm": acc}``, one per k."""
        return [{"k": k, **{c: float(self.accuracy[c][j]) for c in CELL_ORDER}} for j, k in enumerate(self.settings.ks)]


def build_recall_model(cell: str, k: int, settings: RecallSettings) -> Any:
    """Input (batch, k + 1, V + 1) -> SimpleRNN / GRU / LSTM of ``units`` (last h) -> Dense(V, softmax)."""
    keras = _keras()
    keras.utils.set_random_seed(settings.seed)
    kinds = {"rnn": keras.layers.SimpleRNN, "gru": keras.layers.GRU, "lstm": keras.layers.LSTM}
    model = keras.Sequential(
        [
            keras.Input((k + 1, settings.symbols + 1)),
            kinds[cell](settings.units, name="recurrent"),
            keras.layers.Dense(settings.symbols, activation="softmax", name="readout"),
        ],
        name=f"{cell}_k{k}",
    )
    model.compile(optimizer=keras.optimizers.Adam(settings.learning_rate), loss="sparse_categorical_crossentropy")
    return model


def train_recall_model(cell: str, k: int, settings: RecallSettings) -> tuple[float, Weights]:
    """Train one model (``cell`` among rnn, gru, lstm) for lag ``k``; its test accuracy and recurrent weights.

    Deterministic given its arguments (seeded data and initialisation), so a cache may key on them.
    """
    if cell not in CELL_ORDER:
        raise ValueError(f"expected a cell among {CELL_ORDER}, got {cell!r}")
    x, y = recall_data(k, settings, settings.train_sequences, settings.seed * 7919 + 2 * k)
    x_test, y_test = recall_data(k, settings, settings.test_sequences, settings.seed * 7919 + 2 * k + 1)
    model = build_recall_model(cell, k, settings)
    build_optimizer(model)  # one trace of the training step instead of two
    model.fit(x, y, epochs=settings.epochs, batch_size=settings.batch_size, verbose=0, shuffle=True)
    probs = np.asarray(model(x_test, training=False))
    result = float(np.mean(probs.argmax(-1) == y_test)), weights_from_keras_layer(model.get_layer("recurrent"))
    _keras().backend.clear_session()  # a run of many models does not pile up graphs
    return result


def run_recall_experiment(
    settings: RecallSettings,
    progress: Callable[[float, str], None] | None = None,
    train: Callable[[str, int, RecallSettings], tuple[float, Weights]] | None = None,
) -> RecallResult:
    """Train a SimpleRNN, a GRU and an LSTM for every k in ``settings.ks``; score each on fresh sequences.

    ``progress(fraction_done, "lstm, k = 10")`` is called before each training. ``train`` replaces
    :func:`train_recall_model` (a page passes a cached version); it gets the settings with ``ks = (k,)``
    so one model's result does not depend on which other lags were asked for.
    """
    train = train or train_recall_model
    start = time.perf_counter()
    accuracy = {c: np.zeros(len(settings.ks)) for c in CELL_ORDER}
    trained: dict[tuple[str, int], Weights] = {}
    jobs = [(j, k, c) for j, k in enumerate(settings.ks) for c in CELL_ORDER]
    for n, (j, k, cell) in enumerate(jobs):
        if progress is not None:
            progress(n / len(jobs), f"{cell}, k = {k}")
        accuracy[cell][j], trained[(cell, k)] = train(cell, k, replace(settings, ks=(k,)))
    if progress is not None:
        progress(1.0, "")
    return RecallResult(settings, accuracy, trained, time.perf_counter() - start)


@dataclass(frozen=True)
class ModelTrained:
    """Progress of the recall experiment in a training slot (``app.training_slots``): ``epoch`` of
    ``epochs`` models trained, the last one named by ``label`` ("lstm, k = 10"); ``loss`` is that
    model's error rate on fresh sequences (1 - accuracy), so a slot's progress reads as usual."""

    epoch: int
    epochs: int
    loss: float
    val_loss: float | None
    label: str


def recall_experiment_job(
    settings: RecallSettings,
    known: dict[tuple[str, int], tuple[float, Weights]],
    on_epoch: Callable[[ModelTrained], None],
    should_stop: Callable[[], bool],
) -> RecallResult | None:
    """:func:`run_recall_experiment` as a training slot's work (``app.training_slots``).

    known: ``{(cell, k): (accuracy, weights)}`` of models already trained with these settings
    (they are not trained again). A report follows each model trained; a stop is honoured
    between models (then ``None``: a half-finished experiment is no result).
    """
    to_train = sum((cell, k) not in known for k in settings.ks for cell in CELL_ORDER)
    done = 0

    class Stopped(Exception):
        pass

    def train(cell: str, k: int, one: RecallSettings) -> tuple[float, Weights]:
        nonlocal done
        if (cell, k) in known:
            return known[(cell, k)]
        if should_stop():
            raise Stopped
        accuracy, weights = train_recall_model(cell, k, one)
        done += 1
        on_epoch(ModelTrained(epoch=done, epochs=to_train, loss=1.0 - accuracy, val_loss=None, label=f"{cell}, k = {k}"))
        return accuracy, weights

    try:
        return run_recall_experiment(settings, train=train)
    except Stopped:
        return None
