"""Imported once, by the fork server every training process is forked from
(:func:`app.server.training_slots.training_context`); never by the Streamlit server.

First the fork server lowers its own priority, as :func:`app.server.training_slots.start_child` lowers a
training's: the imports below cost ~5 s of CPU, and every training forked from it inherits the
niceness and ``SCHED_IDLE``. Then it imports Keras (and TensorFlow) and the modules whose functions
the pages train with, so a forked training starts with them in memory.
"""

import os

from app.server import training_slots

training_slots.IN_TRAINING_PROCESS = True
training_slots.lower_priority(os.getpid(), training_slots.training_niceness())

from lstm_core.forecasting import pipeline  # noqa: E402,F401  (preloaded for the trainings)
from lstm_core.keras_bridge import recall, training  # noqa: E402,F401

training.import_keras()
