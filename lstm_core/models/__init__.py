"""A person's model file read as data and replayed in NumPy, every recurrent layer traced.

``open_model(data, filename)`` reads a Keras ``.keras`` archive or a legacy ``.h5``/``.hdf5`` file
with ``zipfile``, ``json`` and ``h5py`` only (never Keras' deserialiser, never TensorFlow), checks
every layer and argument against an allowlist, within size limits, and returns an
:class:`OpenedModel`; ``model.trace(x)`` replays the graph on one sequence and records each LSTM,
GRU and SimpleRNN layer (each direction of a Bidirectional one) on exactly what the model feeds it.
Anything that cannot be replayed exactly is refused with a :class:`ModelError` and one sentence.
"""

from lstm_core.models.api import LayerTrace, ModelInput, ModelTrace, OpenedModel, RecurrentLayer
from lstm_core.models.errors import ModelError
from lstm_core.models.reader import open_model

__all__ = ["LayerTrace", "ModelError", "ModelInput", "ModelTrace", "OpenedModel", "RecurrentLayer", "open_model"]
