"""Keras <-> NumPy for recurrent layers: a built Keras layer's weights as ours, and ours as a Keras model.

TensorFlow/Keras is imported inside the functions only: importing this module is
free, so pages that never touch Keras open fast.

Keras 3 facts this module relies on (checked by tests/test_keras_parity.py and
tests/test_keras_recurrent_parity.py):

* ``LSTM(H).get_weights()`` = ``[kernel (D, 4H), recurrent_kernel (H, 4H), bias (4H,)]``, gate order i, f, c̃, o
* ``SimpleRNN(H).get_weights()`` = ``[kernel (D, H), recurrent_kernel (H, H), bias (H,)]``
* ``GRU(H).get_weights()`` (``reset_after=True``, the default) =
  ``[kernel (D, 3H), recurrent_kernel (H, 3H), bias (2, 3H)]``, gate order z, r, h̃

A person's uploaded model file is never loaded with Keras: :mod:`lstm_core.models` reads it as data.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lstm_core.cells import GRUWeights, LSTMWeights, RNNWeights

Weights = RNNWeights | GRUWeights | LSTMWeights


def _keras():
    from lstm_core.keras_bridge.quiet import quiet_import  # noqa: PLC0415

    return quiet_import("keras")  # lazy (TensorFlow costs seconds), its start-up lines kept off stderr


def lstm_layers(model: Any) -> list[Any]:
    """The Keras ``LSTM`` layers of a model in order (nested models included), or ``[layer]``."""
    keras = _keras()
    if isinstance(model, keras.layers.LSTM):
        return [model]
    found = []
    for layer in getattr(model, "layers", []):
        if isinstance(layer, keras.layers.LSTM):
            found.append(layer)
        elif hasattr(layer, "layers"):
            found.extend(lstm_layers(layer))
    return found


def weights_from_keras(layer_or_model: Any) -> LSTMWeights | list[LSTMWeights]:
    """``LSTMWeights`` of a Keras 3 ``LSTM`` layer, or a list of them for every LSTM layer of a model.

    Stacked layers trace layer by layer: the ``h`` of layer k is the ``x`` of layer k + 1.
    """
    keras = _keras()
    single = isinstance(layer_or_model, keras.layers.LSTM)
    layers = lstm_layers(layer_or_model)
    if not layers:
        raise ValueError("expected a Keras model with at least one LSTM layer, found none")
    result = [weights_from_keras_layer(layer) for layer in layers]
    return result[0] if single else result


def keras_weights(weights: LSTMWeights) -> list[np.ndarray]:
    """The list ``layer.set_weights`` takes for a Keras ``LSTM(weights.units)``."""
    return [weights.kernel, weights.recurrent_kernel, weights.bias]


def keras_lstm_model(
    weights: LSTMWeights | list[LSTMWeights],
    timesteps: int | None = None,
    return_sequences: bool = True,
    return_state: bool = False,
) -> Any:
    """A Keras model of stacked ``LSTM`` layers carrying ``weights`` (the reverse of :func:`weights_from_keras`).

    Input ``(batch, timesteps, D)``; output ``(batch, timesteps, H)`` of the last layer
    (``(batch, H)`` when ``return_sequences`` is False). With ``return_state`` the last
    layer also returns its final ``h`` and ``c``.
    """
    keras = _keras()
    stack = weights if isinstance(weights, list) else [weights]
    for k in range(1, len(stack)):
        if stack[k].input_dim != stack[k - 1].units:
            raise ValueError(
                f"expected layer {k} to take {stack[k - 1].units} inputs (layer {k - 1}'s units), got {stack[k].input_dim}"
            )
    inputs = keras.Input((timesteps, stack[0].input_dim))
    out = inputs
    for k, w in enumerate(stack):
        last = k == len(stack) - 1
        layer = keras.layers.LSTM(
            w.units,
            return_sequences=return_sequences or not last,
            return_state=return_state and last,
            name=f"lstm_{k}",
        )
        out = layer(out)
        layer.set_weights(keras_weights(w.astype(np.float32)))
    return keras.Model(inputs, out)


def cell_name(weights: Weights) -> str:
    """``"rnn"``, ``"gru"`` or ``"lstm"`` for a weights object."""
    for name, kind in (("rnn", RNNWeights), ("gru", GRUWeights), ("lstm", LSTMWeights)):
        if isinstance(weights, kind):
            return name
    raise ValueError(f"expected RNNWeights, GRUWeights or LSTMWeights, got {type(weights).__name__}")


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
    if isinstance(layer, keras.layers.GRU):  # either reset_after: GRUWeights reads it off the bias's shape
        _check_activations(layer, ("tanh", "sigmoid"), ("activation", "recurrent_activation"))
        return GRUWeights(*arrays)
    if isinstance(layer, keras.layers.LSTM):
        _check_activations(layer, ("tanh", "sigmoid"), ("activation", "recurrent_activation"))
        return LSTMWeights(*arrays)
    raise ValueError(f"expected a SimpleRNN, GRU or LSTM layer, got {type(layer).__name__} {layer.name}")


def keras_layer(weights: Weights, return_sequences: bool = True, name: str | None = None) -> Any:
    """An unbuilt Keras ``SimpleRNN`` / ``GRU`` / ``LSTM`` layer of the right size (call :func:`keras_model`)."""
    keras = _keras()
    if isinstance(weights, GRUWeights):
        return keras.layers.GRU(weights.units, return_sequences=return_sequences, reset_after=weights.reset_after,
                                name=name)
    kind = {"rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM}[cell_name(weights)]
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
