"""Why a model file is refused: one error type, a short reason code and one English sentence.

The page translates :attr:`ModelError.reason` (with :attr:`ModelError.params` filled into its
sentence); the CLI prints ``str(error)``. Every sentence says what was wrong and what to do.
"""

from __future__ import annotations

from typing import Any

REASONS: dict[str, str] = {
    # the file itself
    "not_a_model": "The file is not a Keras model: expected a .keras archive or an .h5/.hdf5 file saved with model.save.",
    "weights_only": "The file holds weights without the model's architecture; save the whole model with "
                    "model.save(\"model.keras\") and upload that file.",
    "too_big": "The file is too big to open here ({what}: {size} > {limit}); upload a smaller model.",
    "truncated": "The file is damaged or incomplete ({detail}); save the model again and upload the new file.",
    "bad_config": "The model's configuration cannot be read ({detail}); save the model again with model.save.",
    "bad_weights": "The weights of layer '{layer}' do not match its configuration ({detail}); save the model again.",
    # what the model contains
    "lambda": "Layer '{layer}' is a Lambda layer, whose code is never run here; rebuild the model with built-in "
              "layers only.",
    "custom_object": "Layer '{layer}' uses '{object}', which is not one of Keras' own built-in objects; only built-in "
                     "layers, activations and initialisers can be opened here.",
    "layer_not_allowed": "Layer '{layer}' is a {cls}, which is not among the layers that can be replayed exactly here; "
                         "models made of the layers listed on this page open.",
    "argument": "Layer '{layer}' ({cls}) has {argument}={value}, which cannot be replayed exactly here; "
                "only the default {default} is supported.",
    "unknown_argument": "Layer '{layer}' ({cls}) has an argument this reader does not know, {argument}={value}, so it "
                        "cannot be replayed exactly here; save the model without it.",
    "argument_value": "Layer '{layer}' ({cls}) has {argument}={value}, which cannot be replayed exactly here.",
    "dtype": "Layer '{layer}' computes in {dtype}, which cannot be replayed exactly here; save the model with the "
             "float32 policy.",
    "shared_layer": "Layer '{layer}' is called more than once in the model; models whose recurrent layers or inputs "
                    "are shared between calls cannot be traced here.",
    "graph": "The model's graph cannot be followed ({detail}); save a Sequential or functional model.",
    "no_recurrent": "The model has no LSTM, GRU or SimpleRNN layer, so there is nothing to look inside.",
    "inputs": "The model has {count} inputs; only models with one input can be traced here.",
    # the person's input
    "input_shape": "The model expects {expected} per sequence, got {got}.",
    "input_values": "The input contains values that are not finite numbers ({detail}); fix or remove them.",
    "token_range": "The model's Embedding knows token ids 0 to {top}, got {value}; use ids from its vocabulary.",
}
"""Each reason's English sentence (``str.format`` fields from :attr:`ModelError.params`)."""


class ModelError(ValueError):
    """A model file (or an input for it) that cannot be opened or traced exactly.

    reason: a key of :data:`REASONS` (the page translates it); params: the values its sentence names
    (layer name, argument, value, limit...); ``str(error)``: the English sentence.
    """

    def __init__(self, reason: str, **params: Any) -> None:
        if reason not in REASONS:
            raise KeyError(f"expected a reason among {sorted(REASONS)}, got {reason!r}")
        self.reason = reason
        self.params = {k: _short(v) for k, v in params.items()}
        super().__init__(REASONS[reason].format_map(_Defaults(self.params)))


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _short(value: Any, limit: int = 80) -> Any:
    """A value as a sentence may quote it: numbers and short strings as they are, others shortened."""
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
