"""The cells and their traces: LSTM, GRU and plain RNN steps in NumPy, with Keras 3's weight layout.

``gates`` names every quantity (one source of gate order and kind), ``activations`` holds Keras'
built-in activations by name, ``inputs`` the shape checks every cell shares.
"""

from lstm_core.cells.gates import GATES, GRU_GATES, QUANTITY, gate_slice, split_gates
from lstm_core.cells.gru import GRUStep, GRUWeights, gru_forward, gru_step
from lstm_core.cells.lstm import LSTMWeights, StepResult, forward_layers, lstm_forward, lstm_step
from lstm_core.cells.rnn import RNNStep, RNNWeights, rnn_forward, rnn_step
from lstm_core.cells.trace import QUANTITIES, GRUTrace, RNNTrace, TimeFirst, Trace

__all__ = [
    "GATES", "GRU_GATES", "QUANTITIES", "QUANTITY", "GRUStep", "GRUTrace", "GRUWeights", "LSTMWeights", "RNNStep",
    "RNNTrace", "RNNWeights", "StepResult", "TimeFirst", "Trace", "forward_layers", "gate_slice", "gru_forward",
    "gru_step", "lstm_forward", "lstm_step", "rnn_forward", "rnn_step", "split_gates",
]
