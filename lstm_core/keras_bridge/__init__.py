"""Everything that talks to Keras/TensorFlow: layers <-> weights, training, the recall experiment, TF's gradients.

Every module here imports TensorFlow inside its functions only, so importing them is free.
"""
