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
    fig = unit_time_heatmap(np.zeros((2, 2)), title="f", kind="gate", unit_labels=["remember", "latch"],
                            hover_name="f_t")
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


# --- every builder's output is a valid Plotly figure (builders skip validation for speed) ------

import plotly.graph_objects as go  # noqa: E402

from app.figures import (  # noqa: E402
    cell_diagram,
    equation_blocks,
    equation_lines,
    equations_latex,
    fmt,
    input_figure,
    step_strip,
)
from lstm_core import lstm_forward  # noqa: E402
from lstm_core.analysis.breakdown import step_breakdown  # noqa: E402
from lstm_core.weights import preset_weights, random_weights  # noqa: E402

QUANTITIES = ("f", "i", "c_tilde", "o", "c", "h")


def validated(fig: go.Figure) -> go.Figure:
    """Re-build the figure with Plotly's validation on (raises on any invalid property); returns ``fig``."""
    go.Figure(fig.to_dict())
    return fig


@pytest.fixture(scope="module")
def showcase():
    w = preset_weights("showcase")
    x = np.array([0, 1, 0, 0, -1, 0, 0.6, 0, 0, 0], dtype=np.float32)[:, None]
    return w, lstm_forward(x, w)


def test_heatmap_is_valid_plotly(showcase):
    _, trace = showcase
    validated(unit_time_heatmap(trace.c, title="C", kind="state", current_t=2, unit_labels=["a", "b", "c", "d"]))


def test_input_figure_marks_t_and_shades_the_window():
    x = np.sin(np.arange(500) / 10)
    fig = validated(input_figure(x, title="x", current_t=250, window=(200, 300)))
    kinds = {s.name: s for s in fig.layout.shapes}
    assert kinds["current_t"].x0 == 250
    assert (kinds["window"].x0, kinds["window"].x1) == (199.5, 299.5)
    dot = [tr for tr in fig.data if tr.name == "current"][0]
    assert list(dot.x) == [250] and dot.y[0] == pytest.approx(x[250])


def test_input_figure_of_a_long_sequence_is_an_envelope_under_the_payload_limit():
    x = np.random.default_rng(2).standard_normal(10_000)
    x[7777] = 50.0
    fig = validated(input_figure(x, title="noise", current_t=9999, window=(9800, 10_000), max_points=2000))
    assert len(fig.to_json()) < MAX_PAYLOAD
    assert max(len(tr.x) for tr in fig.data) <= 2000
    assert max(max(tr.y) for tr in fig.data) == pytest.approx(50.0)


def test_input_figure_escapes_user_text_in_the_title():
    fig = input_figure(np.zeros(3), title="<a href='javascript:x'>sales.csv</a>")
    assert "<a" not in fig.layout.title.text


def test_step_strip_has_a_row_per_quantity_in_the_heatmaps_colours(showcase):
    _, trace = showcase
    values = {q: trace.quantity(q)[3] for q in QUANTITIES}
    fig = validated(step_strip(values, titles={q: q for q in QUANTITIES}, unit_labels=["r", "f", "l", "a"]))
    rows = {}
    for tr in fig.data:  # a row is one or two traces (white and dark numbers); together they hold every value
        z = np.asarray(tr.z, dtype=float)[0]
        rows.setdefault(tr.y[0], []).append(z)
    assert sorted(rows) == list(range(6))
    for row, q in enumerate(QUANTITIES):
        merged = np.nanmax(np.vstack([np.where(np.isnan(z), -np.inf, z) for z in rows[row]]), axis=0)
        np.testing.assert_allclose(merged, trace.quantity(q)[3], atol=1e-6)
    assert list(fig.layout.yaxis.ticktext) == list(QUANTITIES)
    f_rows = [tr for tr in fig.data if tr.y[0] == 0]
    assert all((tr.zmin, tr.zmax) == (0.0, 1.0) for tr in f_rows)  # f: the gate scale
    c_rows = [tr for tr in fig.data if tr.y[0] == 4]
    assert all(tr.zmin == -tr.zmax for tr in c_rows)  # C: centred on 0
    with pytest.raises(ValueError, match="missing"):
        step_strip({"f": values["f"]}, titles={}, unit_labels=["r", "f", "l", "a"])


def test_step_strip_writes_numbers_readably_and_takes_the_heatmaps_limits(showcase):
    _, trace = showcase
    limits = {q: float(np.max(np.abs(trace.quantity(q)))) for q in ("c_tilde", "c", "h")}
    fig = validated(step_strip({q: trace.quantity(q)[5] for q in QUANTITIES}, titles={q: q for q in QUANTITIES},
                               unit_labels=["r", "f", "l", "a"], limits=limits))
    c_rows = [tr for tr in fig.data if tr.y[0] == 4]
    assert all((tr.zmin, tr.zmax) == pytest.approx((-limits["c"], limits["c"])) for tr in c_rows)
    for tr in fig.data:
        assert tr.texttemplate == "%{z:.2f}"
        z = np.asarray(tr.z, dtype=float)[0]
        shown = z[~np.isnan(z)]
        position = (shown - tr.zmin) / (tr.zmax - tr.zmin)
        if tr.textfont.color == "white":  # white only on the dark ends of the scale
            assert np.all(position < 0.45) if tr.zmin == 0 else np.all((position < 0.2) | (position > 0.8))
    many = step_strip({q: np.zeros(40) for q in QUANTITIES}, titles={q: q for q in QUANTITIES},
                      unit_labels=[str(k) for k in range(40)])
    assert len(many.data) == 6 and all(tr.texttemplate is None for tr in many.data)  # too many cells for numbers


def test_cell_diagram_writes_the_live_numbers(showcase):
    w, trace = showcase
    b = step_breakdown(trace, w, 4, 2)
    fig = validated(cell_diagram(b, title="latch"))
    text = " ".join(a.text for a in fig.layout.annotations)
    for value in (b.gates["f"].value, b.gates["i"].value, b.gates["c_tilde"].value, b.gates["o"].value, b.c, b.h, b.c_prev):
        assert fmt(value) in text
    assert "tanh" in text and "σ" in text and "×" in text and "+" in text
    assert len(fig.to_json()) < MAX_PAYLOAD


def test_equations_plug_in_the_numbers(showcase):
    w, trace = showcase
    b = step_breakdown(trace, w, 1, 0)
    lines = equation_lines(b)
    assert len(lines) == 6
    assert lines[0].startswith(r"f_t = \sigma(W_f") and fmt(b.gates["f"].z) in lines[0]
    assert lines[2].startswith(r"\tilde{C}_t = \tanh")
    assert fmt(b.c) in lines[4] and fmt(b.h) in lines[5]
    assert equations_latex(b).count(r"\\") == 5


def test_fmt_switches_to_scientific_only_for_extremes():
    assert fmt(0.7) == "0.700"
    assert fmt(-12.5) == "-12.500"
    assert "e" in fmt(4.5e-5) and "e" in fmt(2.9e18)
    assert fmt(0.0) == "0.000"


def test_random_trace_figures_stay_small_for_256_units():
    w = random_weights(1, 256, seed=0)
    trace = lstm_forward(np.random.default_rng(3).standard_normal((400, 1)), w)
    for q in QUANTITIES:
        fig = unit_time_heatmap(trace.quantity(q), title=q, kind="gate" if q in "fio" else "state", current_t=10)
        assert len(fig.to_json()) < MAX_PAYLOAD


def test_equation_blocks_put_the_numbers_under_the_symbols(showcase):
    w, trace = showcase
    blocks = equation_blocks(step_breakdown(trace, w, 2, 1))
    assert len(blocks) == 6
    symbolic, numbers = blocks[0].split(r"\\")
    assert r"W_f" in symbolic and r"\sigma(" in numbers and "W_f" not in numbers


def test_heatmap_grid_draws_every_quantity_in_its_own_panel_with_the_marker(showcase):
    from app.figures import heatmap_grid

    _, trace = showcase
    kinds = {"f": "gate", "i": "gate", "c_tilde": "state", "o": "gate", "c": "state", "h": "state"}
    panels = [(trace.quantity(q)[2:8], q, kinds[q], q) for q in QUANTITIES]
    fig = validated(heatmap_grid(panels, current_t=5, unit_labels=["r", "f", "l", "a"], t_start=2))
    assert [tr.name for tr in fig.data] == list(QUANTITIES)
    for k, (q, tr) in enumerate(zip(QUANTITIES, fig.data)):
        np.testing.assert_allclose(np.asarray(tr.z), trace.quantity(q)[2:8].T, rtol=1e-6)
        assert list(tr.x) == [2, 3, 4, 5, 6, 7] and list(tr.y) == ["r", "f", "l", "a"]
        if kinds[q] == "gate":
            assert (tr.zmin, tr.zmax) == (0.0, 1.0)
        else:
            m = symmetric_limit(trace.quantity(q)[2:8])
            assert (tr.zmin, tr.zmax, tr.zmid) == (-m, m, 0.0)
        axis = "" if k == 0 else str(k + 1)
        assert (tr.xaxis, tr.yaxis) == (f"x{axis}", f"y{axis}")
    markers = [s for s in fig.layout.shapes if s.name == "current_t"]
    assert len(markers) == 6 and {s.x0 for s in markers} == {5}
    assert {s.xref for s in markers} == {"x"} | {f"x{k}" for k in range(2, 7)}
    # panels do not overlap: two columns, three rows
    boxes = [(tuple(fig.layout[f"xaxis{'' if k == 0 else k + 1}"].domain),
              tuple(fig.layout[f"yaxis{'' if k == 0 else k + 1}"].domain)) for k in range(6)]
    for a in range(6):
        for b in range(a + 1, 6):
            (ax, ay), (bx, by) = boxes[a], boxes[b]
            assert ax[1] <= bx[0] or bx[1] <= ax[0] or ay[1] <= by[0] or by[1] <= ay[0], (a, b)
    assert fig.layout.yaxis.showticklabels and not fig.layout.yaxis2.showticklabels
    assert fig.layout.xaxis2.matches == "x"


def test_heatmap_grid_has_no_marker_outside_its_window_and_refuses_mixed_shapes():
    from app.figures import heatmap_grid

    fig = heatmap_grid([(np.zeros((4, 2)), "f", "gate", "f")], current_t=9)
    assert not [s for s in fig.layout.shapes if s.name == "current_t"]
    with pytest.raises(ValueError, match="one \\(T, H\\) shape"):
        heatmap_grid([(np.zeros((4, 2)), "f", "gate", "f"), (np.zeros((4, 3)), "i", "gate", "i")])
    with pytest.raises(ValueError, match="at least one panel"):
        heatmap_grid([])


def test_figures_carry_a_small_template_not_plotlys_whole_default():
    """Plotly's default template is ~6.5 KB per chart, resent on every step; Streamlit restyles it anyway."""
    import json

    import plotly.io as pio

    fig = unit_time_heatmap(np.zeros((3, 2)), title="f", kind="gate")
    template = fig.to_dict()["layout"]["template"]
    assert len(json.dumps(template)) < 1500 < len(json.dumps(pio.templates["plotly"].to_plotly_json()))
    assert set(template["data"]) == {"heatmap", "bar", "scatter"}
