"""What the step-through page shows of one recurrent layer: the layer choice, its input with the
current step, the values at t and the units x time heatmaps, one unit's equations (and the LSTM's
diagram), the downloads. Each works for an LSTM, a GRU or a plain RNN, forwards or backwards.

Per-step work is kept small: the heatmaps and the colour scales of a window are built once and
kept in the session (:func:`app.step_state.chart`, :func:`app.step_state.remembered`); a step
moves the current-step marker and redraws the strip of values at t.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import streamlit as st

from app import figures, quantities, user_text
from app import model_picker as picker
from app import step_state as ss
from app import widgets
from app.figures.gru_diagram import gru_diagram, rnn_diagram
from app.figures.heatmap import Scale, colour_range
from app.figures.scales import quantity_scale
from app.chart_locale import date_text
from app.i18n import current_language, t
from app.model_input import Feed
from app.presentation import is_on, show_chart, styled
from app.step_layers import ShownLayer
from app.widgets import WeightsPick
from lstm_core.cells.gates import GRU_GATES, QUANTITY, TEACHING_GATES
from lstm_core.models import ModelError

PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
CSV_MAX_ROWS = 1_000_000  # beyond this the CSV holds the units shown (the NPZ always holds them all)
INPUT_LINES = 4  # an input of more features per step is drawn as a heatmap


# --- before the charts: problems, the trace, the layer --------------------------------------------


def problems(pick: WeightsPick, feed: Feed) -> bool:
    """Show what stops the page (errors, then what to do next) and the input's warnings; True when stopped."""
    for problem in (feed.error, pick.error):
        if problem:
            st.error(problem)
    for prompt in (feed.prompt, pick.prompt):
        if prompt:
            st.info(prompt)
    stopped = bool(feed.error or pick.error or feed.prompt or pick.prompt or feed.x is None)
    if not stopped:
        for warning in feed.warnings:
            st.warning(warning)
    return stopped


def traced(pick: WeightsPick, feed: Feed) -> tuple[ShownLayer, ...] | None:
    """Every layer traced on the input (kept per input in the session), or None after the sentence why not."""
    if pick.model is None:
        return ss.traces(feed.x, pick.layers)
    try:
        with st.spinner(t("step.tracing")):
            return ss.model_traces(pick.model, pick.model_key, feed.x, windows=feed.windows)
    except ModelError as err:
        st.error(picker.error_sentence(err))
        return None


def layer_choice(pick: WeightsPick, layers: tuple[ShownLayer, ...]) -> int:
    """The layer picker above the charts (a model's layers by name, kind and units, branch by branch)."""
    if pick.model is None:
        labels = {k: picker.stack_label(k, s.units) for k, s in enumerate(layers)}
        options = list(labels)
    else:
        model_layers = list(pick.model.layers)
        options = [model_layers.index(layer) for layer in picker.ordered_layers(pick.model)]
        branches = len(pick.model.stacks())
        labels = {k: picker.layer_label(model_layers[k], branches) for k in options}
        if len(options) == 1:  # no choice to make: still say which layer this is
            st.markdown(f"**{user_text.literal(labels[options[0]])}**")
    return picker.layer_picker(options, labels)


def about(shown: ShownLayer, feed: Feed) -> None:
    """The sentences about the layer shown (what feeds it, which way it reads, masks, activations)."""
    input_steps = None if feed.flat else np.shape(feed.x)[0]
    for line in picker.about_layer(shown, input_steps):
        st.caption(line)


def input_title(shown: ShownLayer, feed: Feed) -> str:
    """The input chart's title: the person's sequence, or what the model feeds this layer."""
    if shown.layer is None:
        return t("step.fig.input", label=feed.label) if shown.index == 0 else t("step.fig.layer_input", k=shown.index)
    if shown.fed_directly():
        return t("step.fig.input", label=feed.label)
    d = shown.x.shape[1]
    if d > INPUT_LINES:
        return t("step.fig.model_input_many", name=shown.layer.name, d=d)
    return t("step.fig.model_input", name=shown.layer.name)


def unit_labels(pick: WeightsPick, shown: ShownLayer) -> list[str]:
    names = pick.unit_names if pick.unit_names and shown.layer is None and shown.index == 0 else None
    return list(names) if names else [str(u) for u in range(shown.units)]


# --- the charts of one step -------------------------------------------------------------------------


def now_caption(t_now: int, steps: int, window: tuple[int, int], feed: Feed, shown: ShownLayer) -> str:
    """"t = 4 of 0…39 · heatmaps show t = 0…39", with the date at t when the input has dates, and the
    token id at t when the input is token ids on this layer's time axis."""
    start, stop = window
    when = (t("step.now_date", date=date_text(feed.timestamps[t_now], current_language()))
            if feed.timestamps and len(feed.timestamps) == steps else "")
    ids = np.asarray(feed.x)
    if ids.ndim == 1 and np.issubdtype(ids.dtype, np.integer) and ids.size == steps:
        when += t("step.now_token", id=int(ids[t_now]))
    read = read_window(shown, feed, t_now)
    if read is not None:
        when += t("step.now_window", first=read[0], last=read[1])
    return t("step.now_caption", t=t_now, last=steps - 1, start=start, stop=stop - 1) + when


def masked_runs(mask: np.ndarray | None) -> list[tuple[int, int]]:
    """Runs [start, stop) of masked steps (mask False)."""
    if mask is None:
        return []
    off = ~np.asarray(mask, bool)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], off.astype(np.int8), [0]])))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]


def read_window(shown: ShownLayer, feed: Feed, t_now: int) -> tuple[int, int] | None:
    """The values [first, last] of the series a windowed model reads at step t (None for other layers)."""
    if not (shown.windows and feed.series is not None and shown.fed_directly()):
        return None
    first = feed.series_start + t_now
    return first, first + shown.x.shape[1] - 1


def input_chart(shown: ShownLayer, feed: Feed, t_now: int, window: tuple[int, int]) -> None:
    """The layer's input over every step, the current step and the heatmaps' window marked (a windowed
    model: the series, with the window the model reads at step t shaded)."""
    sendable = not is_on()  # the per-step charts go out as plain specs; a projector's restyling needs figures
    title = input_title(shown, feed)
    read = read_window(shown, feed, t_now)
    if read is not None:
        first, last = read
        show_chart(figures.input_figure(feed.series, title=title, current_t=last, shaded=[(first, last + 1)],
                                        spec=sendable), config=PLOTLY_CONFIG, key="step_fig_input")
        return
    x = shown.x
    if x.shape[1] <= INPUT_LINES:
        show_chart(figures.input_figure(x, title=title, current_t=t_now, window=window,
                                        shaded=masked_runs(shown.mask), spec=sendable),
                   config=PLOTLY_CONFIG, key="step_fig_input")
        return
    start, stop = window
    heat = ss.chart("input", shown, (start, stop, title, is_on()), lambda: styled(figures.heatmap_grid(
        [(x[start:stop], title, "state", "x")], current_t=t_now, t_start=start, columns=1, spec=sendable,
        unit_labels=[f"x[{d}]" for d in range(x.shape[1])], shaded=masked_runs(shown.mask))))
    show_chart(heat.at(t_now), config=PLOTLY_CONFIG, key="step_fig_input")


def _scales(shown: ShownLayer, start: int, stop: int, units: tuple[int, ...]) -> dict[str, str | Scale]:
    """Each quantity's colour scale over the window shown, kept while the window stays."""
    def build() -> dict[str, str | Scale]:
        return {q: quantity_scale(q, shown.quantity(q)[start:stop, list(units)], shown.kind, shown.activation,
                                  shown.recurrent_activation or "sigmoid")
                for q in shown.quantities}
    return ss.remembered("scales", shown, (start, stop, units), build)


def all_units(shown: ShownLayer, t_now: int, window: tuple[int, int], units: list[int], labels: list[str]) -> None:
    """The values at t (a strip) and the units x time heatmaps of every quantity the cell records."""
    sendable = not is_on()
    start, stop = window
    shown_labels = [labels[u] for u in units]
    scales = _scales(shown, start, stop, tuple(units))
    strip_limits = {q: colour_range(shown.quantity(q)[start:stop, units], s)[1]
                    for q, s in scales.items() if s == "state"}
    show_chart(
        figures.step_strip({q: shown.quantity(q)[t_now, units] for q in shown.quantities},
                           titles={q: quantities.symbol(q) for q in shown.quantities}, unit_labels=shown_labels,
                           title=t("step.fig.now", t=t_now), limits=strip_limits,
                           scales={q: s for q, s in scales.items() if isinstance(s, Scale)}, spec=sendable),
        config=PLOTLY_CONFIG, key="step_fig_now",
    )
    st.caption(heat_caption(shown))
    titles = tuple(quantities.panel_title(q) for q in shown.quantities)
    # built once per window; a step moves its marker only
    heatmaps = ss.chart("heatmaps", shown, (start, stop, tuple(units), tuple(shown_labels), titles, is_on()),
                        lambda: styled(figures.heatmap_grid(
                            [(shown.quantity(q)[start:stop, units], title, scales[q], q)
                             for q, title in zip(shown.quantities, titles)],
                            current_t=t_now, unit_labels=shown_labels, t_start=start, spec=sendable,
                            shaded=masked_runs(shown.mask),
                        )))
    show_chart(heatmaps.at(t_now), config=PLOTLY_CONFIG, key="step_fig_heatmaps")


def heat_caption(shown: ShownLayer) -> str:
    """How to read the heatmaps' colours, for this kind of cell and its activations."""
    default = shown.activation == "tanh" and shown.recurrent_activation == "sigmoid"
    if shown.kind == "lstm" and default:
        return t("step.heat_caption")
    gates = [QUANTITY[q].text for q in shown.quantities if QUANTITY[q].kind == "gate"]
    states = [QUANTITY[q].text for q in shown.quantities if QUANTITY[q].kind != "gate"]
    if not gates:
        return t("step.heat_caption_rnn", states=", ".join(states))
    return t("step.heat_caption_kinds", gates=", ".join(gates), states=", ".join(states))


def one_unit(shown: ShownLayer, t_now: int, order: list[int], labels: list[str], window: tuple[int, int],
             units: list[int]) -> None:
    """One unit at step t: the cell's diagram (LSTM, GRU or plain RNN), then its equations with the numbers."""
    with st.columns([1, 2])[0]:
        unit = widgets.unit_chooser(order, labels)
    if shown.masked(t_now):
        st.info(t("step.eq.masked", t=t_now))
        return
    b = shown.breakdown(t_now, unit)
    scales = _scales(shown, *window, tuple(units)) if unit in units else {}
    own = {q: s for q, s in scales.items() if isinstance(s, Scale)}
    title = t("step.fig.diagram", unit=labels[unit], t=t_now)
    if shown.kind == "lstm":
        diagram = figures.cell_diagram(b, title=title, names={g: quantities.name(g) for g in TEACHING_GATES},
                                       scales=own)
    elif shown.kind == "gru":
        diagram = gru_diagram(b, title=title, names={g: quantities.name(g) for g in GRU_GATES}, scales=own)
    else:
        diagram = rnn_diagram(b, title=title, scales=own)
    show_chart(diagram, config=PLOTLY_CONFIG, key="step_fig_diagram")
    header = {"lstm": "step.eq.header", "gru": "step.eq.header_gru", "rnn": "step.eq.header_rnn"}[shown.kind]
    st.markdown(t(header, unit=labels[unit], t=t_now))
    for note in step_notes(shown, t_now):
        st.caption(note)
    for block in figures.equation_blocks(b):
        st.latex(block)
    if shown.units > 1 or shown.x.shape[1] > 1:
        st.caption(t("step.eq.dot_note", units=shown.units))


def step_notes(shown: ShownLayer, t_now: int) -> list[str]:
    """What the equations at step t rest on: a window's fresh state, a backward layer's previous step, a GRU's form."""
    notes = []
    if shown.windows:
        notes.append(t("step.eq.window"))
    elif shown.backwards:
        _, k = shown.cell_step(t_now)
        notes.append(t("step.eq.backward_first", t=t_now) if k == 0
                     else t("step.eq.backward", t=t_now, after=t_now + 1))
    if shown.kind == "gru":
        notes.append(t("step.eq.gru_reset_after" if shown.weights.reset_after else "step.eq.gru_reset_before"))
    return notes


# --- downloads ------------------------------------------------------------------------------------


def layer_frame(shown: ShownLayer, units: list[int]) -> pd.DataFrame:
    """A tidy table of the layer: columns t, unit, quantity, value; one row per (t, unit, quantity)."""
    steps, qs = shown.steps, shown.quantities
    t_idx, u_idx = np.meshgrid(np.arange(steps), np.asarray(units), indexing="ij")
    per = t_idx.size
    return pd.DataFrame({
        "t": np.tile(t_idx.ravel(), len(qs)),
        "unit": np.tile(u_idx.ravel(), len(qs)),
        "quantity": np.repeat(np.array(qs), per),
        "value": np.concatenate([np.ascontiguousarray(shown.quantity(q)[:, units]).ravel() for q in qs]),
    })


def model_npz(layers: tuple[ShownLayer, ...]) -> bytes:
    """Every layer's quantities as ``"<path>/<quantity>"`` (T, units), input time order, and masks."""
    arrays = {}
    for shown in layers:
        path = shown.layer.path
        arrays[f"{path}/x"] = shown.x
        for q in shown.quantities:
            arrays[f"{path}/{q}"] = np.ascontiguousarray(shown.quantity(q))
        if shown.mask is not None:
            arrays[f"{path}/mask"] = np.asarray(shown.mask, bool)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def _file_stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_.") or "layer"


def downloads(layers: tuple[ShownLayer, ...], shown: ShownLayer, units_shown: list[int]) -> None:
    """The trace as CSV (this layer; the units shown when huge) and NPZ (every layer), built only when clicked."""
    st.divider()
    count = len(shown.quantities)
    whole = shown.steps * shown.units * count <= CSV_MAX_ROWS
    csv_units = list(range(shown.units)) if whole else units_shown
    if shown.layer is None:  # the page's own LSTMs: the cell's record as it always was
        trace = shown.cells[0]
        from lstm_core.analysis.ordering import select_units

        csv_data, npz_data = (lambda: select_units(trace, csv_units).to_csv()), trace.to_npz
        csv_name, npz_name = "lstm_trace.csv", "lstm_trace.npz"
    else:
        csv_data = lambda: layer_frame(shown, csv_units).to_csv(index=False)  # noqa: E731
        npz_data = lambda: model_npz(layers)  # noqa: E731
        csv_name, npz_name = f"{_file_stem(shown.layer.path)}_trace.csv", "model_trace.npz"
    csv_col, npz_col, note_col = st.columns([1, 1, 3], vertical_alignment="center")
    csv_col.download_button(t("step.download.csv"), data=csv_data, file_name=csv_name, mime="text/csv",
                            on_click="ignore", key="step_dl_csv", icon=":material/download:")
    npz_col.download_button(t("step.download.npz"), data=npz_data, file_name=npz_name,
                            mime="application/octet-stream", on_click="ignore", key="step_dl_npz",
                            icon=":material/download:")
    rows = shown.steps * len(csv_units) * count
    note_col.caption(t("step.download.note", rows=rows) if whole else
                     t("step.download.note_shown", rows=rows, shown=len(units_shown), units=shown.units))
