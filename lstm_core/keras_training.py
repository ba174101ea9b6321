"""Train the forecasting LSTM in Keras: build, fit with per-epoch progress and a stop flag, save/load.

TensorFlow/Keras is imported inside the functions only (importing this module is free).

The forecaster is an ensemble of ``members`` identical networks side by side in one Keras model,
each started from its own random initialisation::

    inputs (batch, window, 1) -> [LSTM(units) x layers -> Dense(1)] x members -> (batch, members)

Trained with the mean squared error of every member against the same target, the members learn
independently (they share no weights) but in one ``fit`` call, which costs about as much as
training one of them on a CPU. Their mean is the forecast; their spread and residuals give the
interval. ``keras.backend.clear_session()`` runs before every build, so training again and again in
one server process does not pile up graphs and layer names.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from lstm_core.cell import LSTMWeights
from lstm_core.forecast import NumpyForecaster


@dataclass(frozen=True)
class TrainSettings:
    """Network and training settings (the page's defaults are in :mod:`lstm_core.pipeline`).

    window: timesteps the network reads; units: LSTM units per layer; layers: stacked LSTM layers;
    dropout: input dropout of each LSTM layer; members: networks averaged (an ensemble over seeds);
    l2: weight decay on every kernel (pulls the forecast toward the series' mean change);
    validation_fraction: share of the training windows (the most recent) kept to watch over-fitting.
    """

    window: int = 12
    units: int = 16
    layers: int = 1
    dropout: float = 0.0
    epochs: int = 200
    batch_size: int = 32
    learning_rate: float = 0.01
    early_stopping: bool = True
    patience: int = 40
    seed: int = 0
    members: int = 5
    validation_fraction: float = 0.15
    l2: float = 0.0

    def __post_init__(self) -> None:
        for name in ("window", "units", "layers", "epochs", "batch_size", "members", "patience"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"expected {name} >= 1, got {getattr(self, name)}")
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"expected dropout in [0, 1), got {self.dropout}")
        if not 0.0 <= self.validation_fraction < 0.5:
            raise ValueError(f"expected validation_fraction in [0, 0.5), got {self.validation_fraction}")


@dataclass(frozen=True)
class EpochReport:
    """What the progress callback receives after every epoch (1-based ``epoch``)."""

    epoch: int
    epochs: int
    loss: float
    val_loss: float | None


@dataclass
class TrainedForecaster:
    """A trained Keras model and how training went.

    model: the Keras model, output (batch, members); history: per-epoch loss (and val_loss);
    stopped: True when the stop flag ended training early (the weights are those of the last
    finished epoch, or the best one with early stopping).
    """

    model: Any
    settings: TrainSettings
    loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    stopped: bool = False

    @property
    def epochs_run(self) -> int:
        return len(self.loss)


def _keras():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras  # noqa: PLC0415  (deliberately lazy: TensorFlow costs seconds)

    return keras


def clear_keras_session() -> None:
    """Free the graphs, layer-name counters and cached functions Keras keeps between models."""
    _keras().backend.clear_session()


def build_forecaster(settings: TrainSettings) -> Any:
    """The Keras model described in the module docstring (compiled, Adam + MSE), seeded by ``settings.seed``."""
    keras = _keras()
    keras.utils.set_random_seed(int(settings.seed))
    inputs = keras.Input((settings.window, 1), name="window")
    regularizer = (lambda: keras.regularizers.L2(settings.l2)) if settings.l2 > 0 else (lambda: None)
    outputs = []
    for k in range(settings.members):
        out = inputs
        for j in range(settings.layers):
            out = keras.layers.LSTM(
                settings.units,
                dropout=settings.dropout,
                kernel_regularizer=regularizer(),
                recurrent_regularizer=regularizer(),
                return_sequences=j < settings.layers - 1,
                name=f"member{k}_lstm{j}",
            )(out)
        outputs.append(keras.layers.Dense(1, kernel_regularizer=regularizer(), name=f"member{k}_dense")(out))
    output = outputs[0] if len(outputs) == 1 else keras.layers.Concatenate(name="members")(outputs)
    model = keras.Model(inputs, output, name="lstm_forecaster")
    model.compile(optimizer=keras.optimizers.Adam(settings.learning_rate), loss="mse")
    return model


def _progress_callback(keras: Any, on_epoch, should_stop, epochs: int, result: TrainedForecaster) -> Any:
    class Progress(keras.callbacks.Callback):
        """Cheap per-epoch bookkeeping: record the losses, report them, honour the stop flag."""

        def on_train_batch_end(self, batch, logs=None):
            if should_stop is not None and should_stop():
                self.model.stop_training = True
                result.stopped = True

        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            loss = float(logs.get("loss", np.nan))
            val = logs.get("val_loss")
            result.loss.append(loss)
            if val is not None:
                result.val_loss.append(float(val))
            if on_epoch is not None:
                on_epoch(EpochReport(epoch + 1, epochs, loss, None if val is None else float(val)))
            if should_stop is not None and should_stop():
                self.model.stop_training = True
                result.stopped = True

    return Progress()


def train_forecaster(
    x: np.ndarray,
    y: np.ndarray,
    settings: TrainSettings,
    on_epoch: Callable[[EpochReport], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainedForecaster:
    """Fit a fresh forecaster on windows ``x`` (N, window, 1) -> targets ``y`` (N,).

    The most recent ``validation_fraction`` of the windows is held for ``val_loss`` (and early
    stopping, which restores the best weights) when there are at least 20 windows.
    ``on_epoch`` is called after each epoch; training ends after the current batch once
    ``should_stop()`` is true.
    """
    keras = _keras()
    x = np.asarray(x, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    if x.ndim != 3 or x.shape[1:] != (settings.window, 1) or y.shape != (x.shape[0],):
        raise ValueError(
            f"expected x of shape (N, {settings.window}, 1) and y of shape (N,), got {x.shape} and {y.shape}"
        )
    clear_keras_session()
    model = build_forecaster(settings)
    result = TrainedForecaster(model, settings)
    targets = np.repeat(y[:, None], settings.members, axis=1) if settings.members > 1 else y[:, None]
    n_val = int(round(len(x) * settings.validation_fraction)) if len(x) >= 20 else 0
    callbacks = [_progress_callback(keras, on_epoch, should_stop, settings.epochs, result)]
    if settings.early_stopping and n_val:
        callbacks.append(
            keras.callbacks.EarlyStopping(patience=settings.patience, restore_best_weights=True, start_from_epoch=10)
        )
    fit_args: dict[str, Any] = {}
    if n_val:
        fit_args["validation_data"] = (x[-n_val:], targets[-n_val:])
        x, targets = x[:-n_val], targets[:-n_val]
    model.fit(
        x, targets, epochs=settings.epochs, batch_size=settings.batch_size, shuffle=True,
        verbose=0, callbacks=callbacks, **fit_args,
    )
    return result


def member_layers(model: Any, member: int = 0) -> list[Any]:
    """The Keras LSTM layers of one ensemble member, first to last."""
    return [layer for layer in model.layers if layer.name.startswith(f"member{member}_lstm")]


def members_of(model: Any) -> int:
    return sum(1 for layer in model.layers if layer.name.endswith("_dense") and layer.name.startswith("member"))


def lstm_weights_of(model: Any, member: int = 0) -> list[LSTMWeights]:
    """One member's LSTM layers as :class:`LSTMWeights` (what the step-through page reads)."""
    from lstm_core.keras_model import weights_from_keras  # noqa: PLC0415

    return [weights_from_keras(layer) for layer in member_layers(model, member)]


def numpy_members(model: Any) -> list[NumpyForecaster]:
    """Every member of a trained forecaster as a NumPy function (B, W, 1) -> (B,)."""
    out = []
    for k in range(members_of(model)):
        dense = model.get_layer(f"member{k}_dense")
        kernel, bias = (np.asarray(w, dtype=np.float32) for w in dense.get_weights())
        out.append(NumpyForecaster(lstm_weights_of(model, k), kernel, bias))
    return out


def predict_keras(model: Any, x: np.ndarray) -> np.ndarray:
    """(N, window, 1) -> (N,) the ensemble mean, computed by Keras (for checks against NumPy)."""
    out = np.asarray(model(np.asarray(x, dtype=np.float32), training=False))
    return out.mean(axis=1)


def save_model_bytes(model: Any) -> bytes:
    """The model as the bytes of a ``.keras`` file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        model.save(path)
        with open(path, "rb") as handle:
            return handle.read()


def load_model_bytes(data: bytes) -> Any:
    """A model from ``.keras`` bytes, loaded with ``safe_mode=True`` (no arbitrary code)."""
    keras = _keras()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        with open(path, "wb") as handle:
            handle.write(io.BytesIO(data).getvalue())
        return keras.saving.load_model(path, safe_mode=True)
