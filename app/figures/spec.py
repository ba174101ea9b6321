"""A chart already in Plotly's JSON form: built once, re-sent with only its current-t marker moved.

``st.plotly_chart`` turns every ``go.Figure`` it gets into JSON anew: a deep copy, a conversion of
every array, then the encoding (5-9 ms for the step page's six heatmaps, a third of a step's
server time). When a step changes nothing but where the current-timestep marker stands, the
page builds the figure once, keeps its JSON form as a :class:`ChartSpec`, and sends
``spec.at(t)``: the same dicts with the marker's ``x0``/``x1`` moved.
"""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
from plotly.basedatatypes import BaseFigure

MARKER_NAME = "current_t"
"""The ``name`` of every layout shape that marks the current timestep (``ChartSpec.at`` moves them)."""


class ChartSpec(BaseFigure):
    """A figure as a plain dict: what ``fig.to_dict()`` gives, or the dicts a builder assembles
    (NumPy arrays in it are encoded by ``plotly.io.to_json`` like lists).

    ``st.plotly_chart`` reads a figure through ``to_dict()`` only, and skips its validation for
    figures, so this sends the dict as is. It is *not* a full ``go.Figure``: its ``data`` and
    ``layout`` attributes are not there; build and inspect figures as ``go.Figure`` and make a
    spec with :meth:`of` last.
    """

    def __init__(self, spec: dict) -> None:  # skips BaseFigure.__init__: its object tree is the cost avoided
        self._spec = spec

    @classmethod
    def of(cls, fig: go.Figure) -> "ChartSpec":
        return cls(fig.to_dict())

    def to_dict(self) -> dict:
        return self._spec

    def at(self, current_t: float) -> "ChartSpec":
        """The same chart with every current-t marker at x = ``current_t`` (the other dicts shared, not copied)."""
        layout = self._spec.get("layout", {})
        shapes = [dict(s, x0=current_t, x1=current_t) if s.get("name") == MARKER_NAME else s
                  for s in layout.get("shapes", ())]
        return ChartSpec({**self._spec, "layout": {**layout, "shapes": shapes}})

    def __repr__(self) -> str:
        return f"ChartSpec({len(self._spec.get('data', ()))} traces)"


_TYPED = {"f": ("f4", "f8"), "i": ("i1", "i2", "i4"), "u": ("u1", "u2", "u4")}


def typed_array(values: np.ndarray) -> dict | np.ndarray:
    """A numeric array as Plotly's typed-array spec (``{"dtype", "bdata", "shape"}``, base64 of the
    raw bytes), what ``fig.to_dict()`` makes of it: smaller than its numbers as text and encoded in
    one call. Other arrays (text, dates, 64-bit integers) come back as they are."""
    a = np.asarray(values)
    if a.ndim == 0 or a.dtype.kind not in _TYPED or a.dtype.str[1:] not in _TYPED[a.dtype.kind]:
        return values
    a = np.ascontiguousarray(a)
    spec = {"dtype": a.dtype.str[1:], "bdata": base64.b64encode(a.tobytes()).decode("ascii")}
    if a.ndim > 1:
        spec["shape"] = ", ".join(str(n) for n in a.shape)
    return spec


def plain_traces(data: list[dict]) -> list[dict]:
    """Traces with their top-level NumPy arrays (x, y, z, ...) as typed-array specs."""
    return [{k: typed_array(v) if isinstance(v, np.ndarray) else v for k, v in trace.items()} for trace in data]
