"""Where a chart's legend goes: below the chart, never under Plotly's toolbar.

Plotly shows its toolbar (zoom, pan, save as PNG) at the top right of a chart when the pointer is
over it. A legend above the chart, or at its top right, had its last entries under the toolbar
exactly when the person was looking at the chart. tests/browser checks it on the pages.
"""


def legend_below() -> dict:
    """A horizontal legend at the bottom of the figure, under the x axis title (Plotly makes room)."""
    return dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0)


MODEBAR_ROOM = 32
"""Pixels above the plot for the toolbar, so on hover it covers no data (a chart without a title)."""
