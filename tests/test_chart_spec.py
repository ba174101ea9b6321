"""Charts sent as plain specs: the same JSON as the figures they stand for, and a marker that moves."""

import base64
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from hypothesis import given, settings, strategies as st

from app.figures import heatmap_grid, input_figure, step_strip
from app.figures.spec import MARKER_NAME, ChartSpec

QUANTITIES = {"f": "gate", "i": "gate", "c_tilde": "state", "o": "gate", "c": "state", "h": "state"}


def _trace(steps: int, units: int, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {q: (rng.uniform(0, 1, (steps, units)) if kind == "gate" else rng.normal(0, 1, (steps, units))).astype(np.float32)
            for q, kind in QUANTITIES.items()}


def _grid(values: dict[str, np.ndarray], current_t: int, t_start: int = 0) -> go.Figure:
    return heatmap_grid([(v, q, QUANTITIES[q], q) for q, v in values.items()], current_t=current_t, t_start=t_start)


def _wire(fig) -> dict:
    """What the browser gets: Plotly's JSON of what ``st.plotly_chart`` reads (``to_dict()``), decoded
    (typed arrays back to lists, so a spec's plain arrays and a figure's base64 compare)."""
    return _decode(json.loads(pio.to_json(fig.to_dict(), validate=False)))


def _decode(node):
    if isinstance(node, dict):
        if set(node) >= {"dtype", "bdata"}:
            values = np.frombuffer(base64.b64decode(node["bdata"]), dtype=np.dtype(node["dtype"]))
            if "shape" in node:
                values = values.reshape([int(n) for n in str(node["shape"]).split(",")])
            return [None if isinstance(v, float) and np.isnan(v) else v for v in values.astype(np.float64).ravel().tolist()] \
                if values.ndim == 1 else [_decode({"dtype": "f8", "bdata": base64.b64encode(row.astype(np.float64).tobytes()).decode()})
                                          for row in values]
        return {k: _decode(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_decode(v) for v in node]
    return node


def _close(a, b) -> None:
    """Equal JSON trees, numbers to float32 precision (a spec sends float32 values as shortest float32 text)."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), (sorted(a), sorted(b) if isinstance(b, dict) else b)
        for k in a:
            _close(a[k], b[k])
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b)
        for x, y in zip(a, b):
            _close(x, y)
    elif isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            assert a is None and b is None
        else:
            assert a == pytest.approx(b, rel=1e-6, abs=1e-7)
    else:
        assert a == b


@settings(max_examples=15, deadline=None)
@given(steps=st.integers(1, 40), units=st.integers(1, 20), t0=st.integers(0, 39), t1=st.integers(0, 39),
       start=st.integers(0, 500))
def test_a_kept_heatmap_spec_moved_to_t_is_the_figure_built_at_t(steps, units, t0, t1, start):
    values = _trace(steps, units)
    t0, t1 = start + t0 % steps, start + t1 % steps
    kept = ChartSpec.of(_grid(values, t0, start))
    _close(_wire(kept.at(t1)), _wire(_grid(values, t1, start)))
    assert _wire(kept) == _wire(ChartSpec.of(_grid(values, t0, start)))  # at() copies: the kept spec stays at t0


def test_at_moves_only_the_current_t_markers():
    spec = ChartSpec({"data": [], "layout": {"shapes": [
        {"type": "line", "name": MARKER_NAME, "x0": 1, "x1": 1},
        {"type": "rect", "name": "window", "x0": 0, "x1": 9},
    ], "height": 300}})
    moved = spec.at(7).to_dict()["layout"]
    assert moved["shapes"] == [{"type": "line", "name": MARKER_NAME, "x0": 7, "x1": 7},
                               {"type": "rect", "name": "window", "x0": 0, "x1": 9}]
    assert moved["height"] == 300


@pytest.mark.parametrize("units", [1, 5, 16, 40])
def test_the_strip_as_a_spec_sends_what_the_figure_sends(units):
    now = {q: v[3] for q, v in _trace(6, units, seed=units).items()}
    labels = [f"u{k}" for k in range(units)]
    args = dict(titles={q: q for q in now}, unit_labels=labels, title="t = 3", limits={"c": 2.5, "h": 1.0, "c_tilde": 1.0})
    spec = step_strip(now, **args, spec=True)
    assert isinstance(spec, ChartSpec)
    _close(_wire(spec), _wire(step_strip(now, **args)))
    go.Figure(spec.to_dict())  # a valid figure


@pytest.mark.parametrize("shape, window", [((30,), None), ((30,), (5, 20)), ((3000, 2), (100, 300))])
def test_the_input_as_a_spec_sends_what_the_figure_sends(shape, window):
    x = np.random.default_rng(1).normal(size=shape)
    args = dict(title="x <b>", current_t=12, window=window)
    spec = input_figure(x, **args, spec=True)
    _close(_wire(spec), _wire(input_figure(x, **args)))
    go.Figure(spec.to_dict())


def test_the_live_loss_curve_as_a_spec_sends_what_the_figure_sends():
    from app.forecast_figures import loss_figure

    labels = {"loss": "loss", "val_loss": "validation", "epoch": "epoch", "y": "MSE"}
    for val in ([], [0.9, 0.4, 0.3]):
        spec = loss_figure([1.0, 0.5, 0.25], val, labels, spec=True)
        _close(_wire(spec), _wire(loss_figure([1.0, 0.5, 0.25], val, labels)))
        go.Figure(spec.to_dict())


def test_the_forecast_pages_figures_are_valid_plotly():
    """They are assembled from plain dicts without validation: Plotly's own check runs here instead."""
    from app.forecast_figures import forecast_figure, series_figure

    dates = list(np.datetime64("2001-01-01") + np.arange(30).astype("timedelta64[D]"))
    labels = {k: k for k in ("history", "actual", "lstm_holdout", "forecast", "interval", "naive", "seasonal_naive",
                             "x", "y")}
    y = np.linspace(1, 2, 30)
    fig = forecast_figure(dates[:20], y[:20], dates[20:26], y[20:26], y[20:26] + 0.1, y[20:26] - 0.2, y[20:26] + 0.2,
                          {"naive": np.full(6, y[19])}, dates[26:], y[26:], y[26:] - 0.3, y[26:] + 0.3, labels,
                          x_start=dates[10])
    for f in (fig, series_figure(dates, y, "passengers <b>", "date")):
        go.Figure(f.to_dict())
        assert f.layout.template.layout.plot_bgcolor == "white"
    assert fig.layout.shapes[0].x0 == dates[20] and fig.layout.xaxis.range[0] == dates[10]
    assert [tr.showlegend for tr in fig.data if tr.legendgroup == "interval_future"] == [False, False]


def test_the_heatmaps_as_a_spec_send_what_the_figure_sends_with_typed_arrays():
    values = _trace(50, 12, seed=3)
    panels = [(v, q, QUANTITIES[q], q) for q, v in values.items()]
    spec = heatmap_grid(panels, current_t=7, t_start=100, spec=True)
    _close(_wire(spec), _wire(heatmap_grid(panels, current_t=7, t_start=100)))
    z = spec.to_dict()["data"][0]["z"]
    assert z["dtype"] == "f4" and z["shape"] == "12, 50"  # base64, as plotly.py sends it: not 600 numbers as text
    go.Figure(spec.to_dict())
