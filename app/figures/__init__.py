"""Pure figure builders, ``(data) -> go.Figure``, tested without a browser.

heatmap:    units x time heatmaps (shared with the RNN/GRU page)
series:     the input sequence with the current step; the six quantities at one step as a strip
diagram:    the cell's chain picture for one unit with live numbers
equations:  the six equations with the numbers plugged in (LaTeX)
"""

from app.figures.diagram import cell_diagram, fmt
from app.figures.equations import equation_blocks, equation_lines, equations_latex
from app.figures.heatmap import GATE_SCALE, STATE_SCALE, colour_range, heatmap_grid, unit_time_heatmap
from app.figures.series import input_figure, step_strip

__all__ = [
    "GATE_SCALE", "STATE_SCALE", "cell_diagram", "colour_range", "equation_blocks", "equation_lines",
    "equations_latex", "fmt",
    "heatmap_grid", "input_figure", "step_strip", "unit_time_heatmap",
]
