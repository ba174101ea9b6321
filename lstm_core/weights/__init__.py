"""Where weights come from: Keras-like initialisation (``init``), teaching presets (``presets``), NPZ files (``files``)."""

from lstm_core.weights.files import load_weights_npz, save_weights_npz
from lstm_core.weights.init import MAX_UNITS, init_layer, init_weights, orthogonal, random_layer, random_weights
from lstm_core.weights.presets import ONE_UNIT_PARAMS, PRESETS, one_unit, one_unit_params, preset_weights, stack_units

__all__ = [
    "MAX_UNITS", "ONE_UNIT_PARAMS", "PRESETS", "init_layer", "init_weights", "load_weights_npz", "one_unit",
    "one_unit_params", "orthogonal", "preset_weights", "random_layer", "random_weights", "save_weights_npz",
    "stack_units",
]
