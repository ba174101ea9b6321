"""Pure figure builders, ``(data) -> go.Figure``, tested without a browser.

heatmap:  units x time heatmaps (shared with the RNN/GRU page)
"""

from app.figures.heatmap import GATE_SCALE, STATE_SCALE, colour_range, unit_time_heatmap

__all__ = ["GATE_SCALE", "STATE_SCALE", "colour_range", "unit_time_heatmap"]
