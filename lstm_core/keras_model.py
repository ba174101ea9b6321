"""Keras <-> NumPy for LSTM layers.

TensorFlow/Keras is imported inside the functions only: importing this module is
free, so pages that never touch Keras open fast.

A Keras 3 ``LSTM`` layer's ``get_weights()`` is ``[kernel (D, 4H), recurrent_kernel (H, 4H),
bias (4H,)]`` with columns in gate order i, f, c, o: exactly :class:`LSTMWeights`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lstm_core.cell import LSTMWeights


def _keras():
    import keras  # noqa: PLC0415  (deliberately lazy: TensorFlow costs seconds)

    return keras


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


def _check_layer(layer: Any) -> None:
    if not layer.use_bias:
        raise ValueError(f"expected an LSTM layer with use_bias=True, got {layer.name} with use_bias=False")
    activations = (layer.cell.activation.__name__, layer.cell.recurrent_activation.__name__)
    if activations != ("tanh", "sigmoid"):
        raise ValueError(
            f"expected an LSTM layer with activation tanh and recurrent_activation sigmoid, "
            f"got {layer.name} with {activations[0]} and {activations[1]}"
        )
    if not layer.built:
        raise ValueError(f"expected a built LSTM layer (call it on data first), got unbuilt layer {layer.name}")


def weights_from_keras(layer_or_model: Any) -> LSTMWeights | list[LSTMWeights]:
    """``LSTMWeights`` of a Keras 3 ``LSTM`` layer, or a list of them for every LSTM layer of a model.

    Stacked layers trace layer by layer: the ``h`` of layer k is the ``x`` of layer k + 1.
    """
    keras = _keras()
    single = isinstance(layer_or_model, keras.layers.LSTM)
    layers = lstm_layers(layer_or_model)
    if not layers:
        raise ValueError("expected a Keras model with at least one LSTM layer, found none")
    result = []
    for layer in layers:
        _check_layer(layer)
        kernel, recurrent, bias = (np.asarray(w) for w in layer.get_weights())
        result.append(LSTMWeights(kernel, recurrent, bias))
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


def load_keras_lstm_layers(data: bytes) -> list[LSTMWeights]:
    """The LSTM layers (first to last) of an uploaded ``.keras`` archive, as :class:`LSTMWeights`.

    Loads with ``keras.saving.load_model(..., safe_mode=True)`` from a temporary file, so a
    Lambda layer or custom code is refused rather than run. Raises ValueError with a
    one-sentence message and a ``reason`` attribute the page translates:
    ``"not_keras"`` (not a Keras archive), ``"unsafe"`` (Lambda layer / custom objects),
    ``"no_lstm"`` (no LSTM layer), ``"unsupported"`` (an LSTM the NumPy cell cannot replay).
    """
    import os  # noqa: PLC0415
    import tempfile  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    def fail(reason: str, message: str) -> ValueError:
        error = ValueError(message)
        error.reason = reason  # type: ignore[attr-defined]
        return error

    if not data or not zipfile.is_zipfile(__import__("io").BytesIO(data)):
        raise fail("not_keras", "expected a .keras archive (a zip file saved by model.save), got something else")
    keras = _keras()
    handle, path = tempfile.mkstemp(suffix=".keras")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        try:
            model = keras.saving.load_model(path, compile=False, safe_mode=True)
        except Exception as exc:  # Keras raises ValueError, TypeError, KeyError... for bad archives
            text = str(exc)
            if "safe_mode" in text or "Lambda" in text or "lambda" in text or "custom" in text.lower() \
                    or "Could not locate" in text or "Unknown layer" in text:
                raise fail("unsafe", f"the model uses a Lambda layer or custom objects, refused in safe mode ({text[:160]})") from None
            raise fail("not_keras", f"the file could not be loaded as a Keras model ({text[:160]})") from None
    finally:
        os.unlink(path)
    if not lstm_layers(model):
        raise fail("no_lstm", "expected a Keras model with at least one LSTM layer, found none")
    try:
        layers = weights_from_keras(model)
    except ValueError as exc:
        raise fail("unsupported", str(exc)) from None
    return layers if isinstance(layers, list) else [layers]
