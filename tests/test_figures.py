"""Figure builders are pure functions: shapes, colour ranges, the current-step marker, payload size."""

import numpy as np
import pytest

from app.figures import GATE_SCALE, STATE_SCALE, unit_time_heatmap
from app.figures.heatmap import symmetric_limit

MAX_PAYLOAD = 2 * 1024 * 1024


def test_heatmap_puts_units_on_y_and_time_on_x():
    values = np.arange(12, dtype=np.float32).reshape(4, 3) / 12  # (T=4, H=3)
    fig = unit_time_heatmap(values, title="f", kind="gate")
    heat = fig.data[0]
    assert np.asarray(heat.z).shape == (3, 4)
    np.testing.assert_allclose(np.asarray(heat.z)[1], values[:, 1])
    assert list(heat.x) == [0, 1, 2, 3]
    assert list(heat.y) == ["0", "1", "2"]
    assert fig.layout.yaxis.autorange == "reversed"


def test_gate_scale_is_fixed_to_unit_interval():
    fig = unit_time_heatmap(np.full((5, 2), 0.4), title="i", kind="gate")
    heat = fig.data[0]
    assert (heat.zmin, heat.zmax) == (0.0, 1.0)
    assert heat.colorscale == unit_time_heatmap(np.zeros((1, 1)), title="", kind="gate").data[0].colorscale
    assert GATE_SCALE == "Viridis"


def test_state_scale_is_diverging_and_centred_on_zero():
    values = np.array([[0.5, -2.0], [1.0, 0.25]])
    heat = unit_time_heatmap(values, title="C", kind="state").data[0]
    assert (heat.zmin, heat.zmax, heat.zmid) == (-2.0, 2.0, 0.0)
    assert STATE_SCALE.startswith("RdBu")
    # a colour scale that is white in the middle: 0 reads as "nothing"
    middle = heat.colorscale[len(heat.colorscale) // 2][1]
    assert middle.lower() in ("rgb(247,247,247)", "#f7f7f7")


def test_all_zero_state_still_has_a_usable_range():
    assert symmetric_limit(np.zeros((3, 3))) == 1.0
    heat = unit_time_heatmap(np.zeros((3, 3)), title="h", kind="state").data[0]
    assert (heat.zmin, heat.zmax) == (-1.0, 1.0)


def test_marker_at_current_t_uses_true_timestep_numbers_of_a_window():
    fig = unit_time_heatmap(np.random.default_rng(0).random((10, 4)), title="o", kind="gate", current_t=57, t_start=50)
    assert list(fig.data[0].x)[0] == 50 and list(fig.data[0].x)[-1] == 59
    (marker,) = fig.layout.shapes
    assert marker.x0 == marker.x1 == 57
    assert tuple(fig.layout.xaxis.range) == (49.5, 59.5)


def test_no_marker_when_current_t_is_outside_the_window():
    fig = unit_time_heatmap(np.zeros((10, 2)), title="o", kind="gate", current_t=3, t_start=50)
    assert len(fig.layout.shapes) == 0


def test_hover_names_t_unit_and_value():
    fig = unit_time_heatmap(np.zeros((2, 2)), title="f", kind="gate", unit_labels=["remember", "latch"], hover_name="f_t")
    template = fig.data[0].hovertemplate
    assert "t=%{x}" in template and "unit=%{y}" in template and "f_t=%{z" in template
    assert list(fig.data[0].y) == ["remember", "latch"]


@pytest.mark.parametrize("bad", [np.zeros(5), np.zeros((0, 3))])
def test_heatmap_rejects_wrong_shapes(bad):
    with pytest.raises(ValueError, match="expected"):
        unit_time_heatmap(bad, title="x", kind="gate")


def test_heatmap_rejects_unknown_kind_and_wrong_label_count():
    with pytest.raises(ValueError, match="kind"):
        unit_time_heatmap(np.zeros((2, 2)), title="x", kind="rainbow")
    with pytest.raises(ValueError, match="2 unit labels"):
        unit_time_heatmap(np.zeros((2, 2)), title="x", kind="gate", unit_labels=["a"])


def test_a_full_window_of_256_units_stays_under_two_megabytes():
    values = np.random.default_rng(1).standard_normal((400, 256))
    fig = unit_time_heatmap(values, title="C", kind="state", current_t=100)
    assert len(fig.to_json()) < MAX_PAYLOAD
