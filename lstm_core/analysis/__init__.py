"""Reading traces: one step's breakdown, unit ordering, time windows, gradients through time, memory of an impulse."""
