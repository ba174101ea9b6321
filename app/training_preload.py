"""Imported once, by the fork server every training process is forked from
(:func:`app.training_slots.training_context`); never by the Streamlit server.

First the fork server lowers its own priority, as :func:`app.training_slots.start_child` lowers a
training's: the imports below cost ~5 s of CPU, and every training forked from it inherits the
niceness and ``SCHED_IDLE``. Then it imports Keras (and TensorFlow) and the modules whose functions
the pages train with, so a forked training starts with them in memory.
"""

import os

from app import training_slots

training_slots.IN_TRAINING_PROCESS = True
training_slots.lower_priority(os.getpid(), training_slots.training_niceness())

from lstm_core import keras_recurrent, keras_training, pipeline  # noqa: E402,F401  (preloaded for the trainings)

keras_training.import_keras()
