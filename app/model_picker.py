"""A person's model file on the step-through page: the uploader, the layer picker and what the page
says about the layer shown (what feeds it, which way it reads, its masked steps).

The file is read as data by :func:`lstm_core.models.open_model` (no TensorFlow, nothing in it runs);
a refused file gets the model's one sentence in the person's language (:func:`error_sentence`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from app import step_state as ss
from app import user_text
from app.i18n import t
from app.step_layers import ShownLayer
from lstm_core.models import ModelError, OpenedModel, RecurrentLayer, open_model

EXTENSIONS = ["keras", "h5", "hdf5"]
"""What the uploader takes (a ``.weights.h5`` ends in .h5: it is taken, and told what it lacks)."""

KIND_NAME = {"lstm": "LSTM", "gru": "GRU", "rnn": "SimpleRNN"}
"""A layer kind as Keras names its class."""


@dataclass(frozen=True)
class UploadedModel:
    """The opened model and its file's digest (None and a sentence when there is none)."""

    model: OpenedModel | None
    key: str | None
    label: str
    error: str | None = None
    prompt: str | None = None


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def error_sentence(err: ModelError) -> str:
    """The model's sentence in the person's language, the names it quotes shown as written."""
    key = f"step.model_error.{err.reason}"
    template = t(key)
    return template.format_map(_Blank(user_text.literal_params(dict(err.params))))


def uploaded_model() -> UploadedModel:
    """The uploader and the file opened as data (kept in the session per file, so a step never reopens it)."""
    upload = st.file_uploader(t("step.w.upload_label"), type=EXTENSIONS, key=ss.KERAS_FILE,
                              help=t("step.w.upload_help"))
    if upload is None:
        st.session_state.pop(ss.UPLOADED_MODEL, None)
        return UploadedModel(None, None, t("step.w.upload"), prompt=t("step.error.upload_missing"))
    data = upload.getvalue()
    key = ss.digest(np.frombuffer(data, dtype=np.uint8))
    held = st.session_state.get(ss.UPLOADED_MODEL)
    if held is None or held[0] != key:
        try:
            with st.spinner(t("step.w.opening")):
                opened = open_model(data, upload.name)
        except ModelError as err:
            opened = err
        held = (key, opened)
        st.session_state[ss.UPLOADED_MODEL] = held
    if isinstance(held[1], ModelError):
        return UploadedModel(None, key, upload.name, error=error_sentence(held[1]))
    model = held[1]
    count = len(model.layers)
    st.caption(t("step.w.model_one" if count == 1 else "step.w.model_many", name=user_text.literal(model.name),
                 n=count, file=user_text.literal(upload.name)))
    return UploadedModel(model, key, upload.name)


def layer_label(layer: RecurrentLayer, branches: int) -> str:
    """"lstm_1 · LSTM · 64 units", "bidirectional · backward · GRU · 32 units" ("branch 2 · ..." when
    the model has parallel branches)."""
    units = t("step.w.units_item", units=layer.units)
    parts = [layer.name] + ([t(f"step.w.direction.{layer.direction}")] if layer.direction else [])
    text = " · ".join(parts + [KIND_NAME[layer.kind], units])
    return t("step.w.branch_item", branch=layer.branch + 1, item=text) if branches > 1 else text


def stack_label(k: int, units: int) -> str:
    """A layer of the page's own LSTM stacks: "LSTM layer 2 (3 units)"."""
    return t("step.w.layer_item", k=k + 1, units=units)


def layer_picker(options: list[int], labels: dict[int, str]) -> int:
    """Which recurrent layer (and direction) to look at: one of ``options`` (their places in the
    trace), listed in that order by ``labels``; the only one when there is one."""
    if len(options) <= 1:
        return options[0] if options else 0
    layer = st.selectbox(t("step.w.layer"), options, format_func=lambda k: labels[k],
                         **ss.choice(ss.LAYER, options, options[0]))
    ss.write_url(ss.LAYER, layer, options[0])
    return layer


def ordered_layers(model: OpenedModel) -> list[RecurrentLayer]:
    """The model's layers, branch by branch (model order inside a branch)."""
    return [layer for stack in model.stacks() for layer in stack]


def about_layer(shown: ShownLayer, input_steps: int | None) -> list[str]:
    """Sentences about the layer shown: what feeds it, which way it reads, its masked steps (Markdown-safe).

    input_steps: the steps of the model's input (None when the model takes a flat vector)."""
    lines = []
    layer = shown.layer
    if layer is not None and not shown.fed_directly():
        chain = " → ".join(user_text.literal(name) for name in reversed(layer.feeds_from))
        lines.append(t("step.layer.fed_by", chain=chain, name=user_text.literal(layer.name)))
    if shown.windows:
        lines.append(t("step.layer.windows", k=shown.x.shape[1]))
    elif input_steps is not None and shown.steps != input_steps:
        lines.append(t("step.layer.steps_changed", steps=shown.steps, input_steps=input_steps))
    if shown.backwards:
        lines.append(t("step.layer.backwards"))
    if layer is not None and layer.stateful:
        lines.append(t("step.layer.stateful"))
    if shown.mask is not None and not bool(np.all(shown.mask)):
        lines.append(t("step.layer.masked", n=int(np.sum(~np.asarray(shown.mask, bool))), steps=shown.steps))
    if layer is not None and not _default_activations(shown):
        if shown.kind == "rnn":
            lines.append(t("step.layer.activation_rnn", activation=shown.activation))
        else:
            lines.append(t("step.layer.activations", activation=shown.activation,
                           recurrent=shown.recurrent_activation))
    return lines


def _default_activations(shown: ShownLayer) -> bool:
    return shown.activation == "tanh" and (shown.kind == "rnn" or shown.recurrent_activation == "sigmoid")
