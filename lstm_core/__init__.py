"""LSTM Lens' computation: a NumPy LSTM that records every gate, and what feeds it.

Rooms: ``cells`` (LSTM, GRU, RNN and their traces), ``weights`` (initialisation, presets, files),
``analysis`` (breakdowns, ordering, gradients, memory), ``sequences`` (built-in inputs, scaling),
``data`` (CSV bytes -> a series), ``forecasting``, ``models`` (model files read as data) and
``keras_bridge`` (everything that imports TensorFlow, inside functions only).
No Streamlit, no Plotly here.
"""

from lstm_core.cells import GATES, QUANTITIES, LSTMWeights, Trace, lstm_forward, lstm_step, split_gates

__all__ = ["GATES", "QUANTITIES", "LSTMWeights", "Trace", "lstm_forward", "lstm_step", "split_gates"]
