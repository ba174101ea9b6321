"""LSTM Lens' computation: a NumPy LSTM that records every gate, and what feeds it.

No Streamlit, no Plotly here; TensorFlow only inside ``keras_*`` modules' functions.
"""

from lstm_core.cell import GATES, LSTMWeights, lstm_forward, lstm_step, split_gates
from lstm_core.trace import QUANTITIES, Trace

__all__ = ["GATES", "QUANTITIES", "LSTMWeights", "Trace", "lstm_forward", "lstm_step", "split_gates"]
