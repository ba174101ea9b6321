"""Train the forecasting LSTM in Keras: build, fit with per-epoch progress and a stop flag, save/load.

TensorFlow/Keras is imported inside the functions only (importing this module is free).

The forecaster is an ensemble of ``members`` identical networks side by side in one Keras model,
each started from its own random initialisation::

    inputs (batch, window, 1) -> [LSTM(units) x layers -> Dense(1)] x members -> (batch, members)

Trained with the mean squared error of every member against the same target, the members learn
independently (they share no weights) but in one ``fit`` call, which costs about as much as
training one of them on a CPU. With ``rollout`` R > 1 each member is trained on its own recursive
forecast R steps ahead, one symbolic loop (:func:`build_models`); the saved model is still the
one-step network above. Their mean is the forecast; their spread and residuals give the interval.
``keras.backend.clear_session()`` runs before every build, so training again and again in
one server process does not pile up graphs and layer names.
"""

from __future__ import annotations

import functools
import io
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from lstm_core.cells import LSTMWeights
from lstm_core.forecasting.forecaster import NumpyForecaster
from lstm_core.forecasting.settings import ForecastSettings, checked_network, whole_number
from lstm_core.keras_bridge.quiet import quiet_import


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
    settings: ForecastSettings
    loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    stopped: bool = False

    @property
    def epochs_run(self) -> int:
        return len(self.loss)


def import_keras() -> Any:
    """The ``keras`` module, TensorFlow's start-up lines kept off stderr (:mod:`lstm_core.keras_bridge.quiet`);
    the first call costs ~4 s of CPU."""
    return quiet_import("keras")


def clear_keras_session() -> None:
    """Free the graphs, layer-name counters and cached functions Keras keeps between models."""
    import_keras().backend.clear_session()


def build_optimizer(model: Any) -> None:
    """Create the compiled optimizer's variables (Adam's moments) before ``fit``.

    Why: Keras otherwise creates them inside the first trace of its training step, and a
    ``tf.function`` that creates variables is traced twice: about a third of a small training's time,
    for bit-identical weights (figures in docs/performance.md, "Serving a class").
    """
    model.optimizer.build(model.trainable_variables)


def member_l2(settings: ForecastSettings) -> float:
    """The L2 factor each Keras layer gets: ``l2 / members`` (see :func:`build_models`)."""
    return settings.l2 / settings.members


def build_forecaster(settings: ForecastSettings) -> Any:
    """The Keras model described in the module docstring (compiled, Adam + MSE), seeded by ``settings.seed``."""
    return build_models(settings)[0]


def build_models(settings: ForecastSettings) -> tuple[Any, Any]:
    """(forecaster, trainer): the one-step model (batch, window, 1) -> (batch, members), and the model
    that is trained, which shares its layers.

    With ``rollout`` R > 1 the trainer forecasts R steps recursively, exactly as the forecast past the
    end does, feeding each member's prediction back into its own window::

        ẑ_{t+j} = net(z_{t-W+j} .. z_{t-1}, ẑ_t .. ẑ_{t+j-1})     j = 0 .. R-1

    and outputs (batch, members·R) (member-major), trained with the mean squared error against the R
    true next values: the network learns to be right several steps after its own forecasts, not only
    one step after true values. R = 1 is the plain one-step model. Each member's R steps are one
    symbolic loop (:func:`_rollout_class`), traced once.
    """
    keras = import_keras()
    keras.utils.set_random_seed(int(settings.seed))
    inputs = keras.Input((settings.window, 1), name="window")
    # The loss is the MSE averaged over members plus every member's penalty: dividing l2 by the number of
    # members makes that (1/M)·Σ_k (MSE_k + l2·‖θ_k‖²), so each member trains as it would alone with ``l2``
    # (Adam ignores the common 1/M) and the ensemble size does not change how hard each one is pulled.
    regularizer = (lambda: keras.regularizers.L2(member_l2(settings))) if settings.l2 > 0 else (lambda: None)
    first, rolled = [], []
    for k in range(settings.members):
        stack = [
            keras.layers.LSTM(
                settings.units,
                dropout=settings.dropout,
                kernel_regularizer=regularizer(),
                recurrent_regularizer=regularizer(),
                return_sequences=j < settings.layers - 1,
                name=f"member{k}_lstm{j}",
            )
            for j in range(settings.layers)
        ]
        dense = keras.layers.Dense(1, kernel_regularizer=regularizer(), name=f"member{k}_dense")
        first.append(_one_step(stack, dense, inputs))  # builds the layers, member by member (the seeds' order)
        if settings.rollout > 1:
            rolled.append(_rollout_class()(stack, dense, settings.rollout, name=f"member{k}_rollout")(inputs))
    join = lambda outs, name: outs[0] if len(outs) == 1 else keras.layers.Concatenate(name=name)(outs)  # noqa: E731
    model = keras.Model(inputs, join(first, "members"), name="lstm_forecaster")
    model.compile(optimizer=keras.optimizers.Adam(settings.learning_rate), loss="mse")
    if settings.rollout == 1:
        return model, model
    trainer = keras.Model(inputs, join(rolled, "rollout"), name="lstm_forecaster_rollout")
    trainer.compile(optimizer=keras.optimizers.Adam(settings.learning_rate), loss="mse")
    return model, trainer


def _one_step(stack: list[Any], dense: Any, window: Any) -> Any:
    """One member's network: (batch, window, 1) -> LSTM stack -> Dense -> (batch, 1)."""
    out = window
    for layer in stack:
        out = layer(out)
    return dense(out)


@functools.cache
def _rollout_class() -> type:
    """The Keras layer that runs one member's recursive forecast R steps ahead (see :func:`build_models`).

    ``call``: window (batch, W, 1) -> (batch, R), ẑ_{t+j} in column j. The R steps are one symbolic loop
    (``keras.ops.fori_loop``), so TensorFlow traces the network and its gradient once, not R times: a
    Python loop of R network calls puts R LSTM while-loops and their gradients in the training graph,
    and tracing them was most of a training's CPU (figures in docs/performance.md, "Forecasting").
    """
    keras = import_keras()

    class RecursiveForecast(keras.layers.Layer):
        def __init__(self, stack: list[Any], dense: Any, steps: int, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.stack, self.dense, self.steps = stack, dense, int(steps)

        def call(self, window: Any) -> Any:
            ops, steps = keras.ops, self.steps

            def step(j: Any, carry: tuple[Any, Any]) -> tuple[Any, Any]:
                window, out = carry
                forecast = _one_step(self.stack, self.dense, window)  # (batch, 1)
                out = out + forecast * ops.one_hot(j, steps, dtype=forecast.dtype)[None, :]  # into column j
                window = ops.concatenate([window[:, 1:, :], ops.expand_dims(forecast, -1)], axis=1)
                return window, out

            out = ops.zeros((ops.shape(window)[0], steps), dtype=window.dtype)
            return ops.fori_loop(0, steps, step, (window, out))[1]

        def compute_output_shape(self, input_shape: tuple) -> tuple:
            return (input_shape[0], self.steps)

    return RecursiveForecast


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
    settings: ForecastSettings,
    on_epoch: Callable[[EpochReport], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainedForecaster:
    """Fit a fresh forecaster on windows ``x`` (N, window, 1) -> targets ``y`` (N,), or (N, rollout)
    the next ``rollout`` values when ``settings.rollout`` > 1 (see :func:`forecast.make_windows`).

    The most recent ``validation_fraction`` of the windows is held for ``val_loss`` (and early
    stopping, which restores the best weights) when there are at least 20 windows.
    ``on_epoch`` is called after each epoch; training ends after the current batch once
    ``should_stop()`` is true. The returned model is the one-step forecaster.
    """
    checked_network(settings)
    whole_number("window", settings.window)
    whole_number("rollout", settings.rollout)
    keras = import_keras()
    x = np.asarray(x, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    rollout = settings.rollout
    y_shape = (x.shape[0],) if rollout == 1 else (x.shape[0], rollout)
    if x.ndim != 3 or x.shape[1:] != (settings.window, 1) or y.shape != y_shape:
        raise ValueError(
            f"expected x of shape (N, {settings.window}, 1) and y of shape {('N',) + y_shape[1:]}, got {x.shape} and {y.shape}"
        )
    clear_keras_session()
    model, trainer = build_models(settings)
    build_optimizer(trainer)
    result = TrainedForecaster(model, settings)
    # every member sees the same targets: (N, members·rollout), member-major like the trainer's output
    targets = np.tile(y.reshape(len(y), rollout), (1, settings.members))
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
    trainer.fit(
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
    from lstm_core.keras_bridge.layers import weights_from_keras  # noqa: PLC0415

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
    keras = import_keras()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        with open(path, "wb") as handle:
            handle.write(io.BytesIO(data).getvalue())
        return keras.saving.load_model(path, safe_mode=True)
