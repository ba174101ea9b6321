"""The recall experiment: "output the value seen k steps ago", for a SimpleRNN, a GRU and an LSTM.

A sequence of random symbols (one-hot, ``V`` of them) goes in; at the last step the model
must output the symbol seen k steps earlier. A SimpleRNN, a GRU and an LSTM of the same number
of units, each followed by the same Dense softmax, are trained on it for several k and scored
on fresh sequences. Chance is 1 / V.

TensorFlow/Keras is imported inside the functions only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable

import numpy as np

from lstm_core.keras_bridge.layers import Weights, weights_from_keras_layer
from lstm_core.keras_bridge.training import build_optimizer

CELL_ORDER: tuple[str, ...] = ("rnn", "gru", "lstm")


def _keras():
    from lstm_core.keras_bridge.quiet import quiet_import  # noqa: PLC0415

    return quiet_import("keras")  # lazy (TensorFlow costs seconds), its start-up lines kept off stderr


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
    """Progress of the recall experiment in a training slot (``app.server.training_slots``): ``epoch`` of
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
    """:func:`run_recall_experiment` as a training slot's work (``app.server.training_slots``).

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
