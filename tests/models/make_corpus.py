"""Writes the corpus of Keras 3 model files for issue #21 and their reference numbers.

    .venv/bin/python tests/models/make_corpus.py            # corpus/, refused/, hostile/
    .venv/bin/python tests/models/make_corpus.py --only refused
    /work/scratch/k2/bin/python tests/models/make_corpus_keras2.py   # the k2_* files (Keras 2 venv)

Every model is tiny, built with fixed seeds, and every bias (Dense, Conv1D, recurrent...) is set
to random non-zero values after building (zero biases hide swapped gate slices). For each model:

- ``corpus/<name>.keras`` (and for some also ``corpus/<name>.h5``, the legacy HDF5 format);
- ``corpus/<name>.expected.npz``: the input of one sequence and, for every recurrent layer, what
  Keras computes (keys in README.md), each checked here three ways: stepping the layer's own
  Keras cell, a ``return_sequences=True`` probe with the same weights, and the layer's output
  inside the model; and the reloaded file gives the same model output;
- an entry in ``corpus/MANIFEST.json``.

``refused/`` gets models the reader must refuse with a sentence, and ``refused/MANIFEST.json``;
``hostile/`` is written by ``make_hostile.py`` (no Keras there), called at the end.
This script is not run by the tests; it takes a minute or two.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
os.environ.setdefault("TF_DETERMINISTIC_OPS", "1")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
REFUSED = HERE / "refused"

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FIXED_SAVED = "2026-01-01@00:00:00"

# --------------------------------------------------------------------------------------------
# small helpers that need no Keras


def seed_of(name: str) -> int:
    return zlib.crc32(name.encode()) % (2**31)


def series(rng: np.random.Generator, steps: int, features: int, scale: float = 1.0, offset: float = 0.0) -> np.ndarray:
    """(steps, features) float32: sines with random phase and amplitude plus noise; never exactly 0."""
    t = np.arange(steps)[:, None]
    x = np.sin(0.7 * t + rng.uniform(0, 6, features)) * rng.uniform(0.6, 1.4, features)
    x = x + rng.normal(0.0, 0.3, (steps, features))
    x = np.where(np.abs(x) < 1e-3, 0.05, x)
    return (scale * x + offset).astype(np.float32)


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """np.savez's layout (one .npy member per key, no pickles) with fixed timestamps, so a rerun
    that computes the same numbers writes the same bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(arrays):
            arr = np.asarray(arrays[key])
            assert arr.dtype != object, key
            buf = io.BytesIO()
            np.lib.format.write_array(buf, arr, allow_pickle=False)
            info = zipfile.ZipInfo(key + ".npy", date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def normalize_keras_zip(path: Path) -> None:
    """Rewrites a .keras archive written by Keras with fixed member dates, a fixed date_saved in
    metadata.json and shared_object_id values renumbered 1, 2, ... in order of appearance (Keras
    writes memory addresses there). Same members, same order, same compression (stored)."""
    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    out = []
    for info, data in members:
        if info.filename == "metadata.json":
            meta = json.loads(data)
            meta["date_saved"] = FIXED_SAVED
            data = json.dumps(meta).encode()
        elif info.filename == "config.json":
            ids: dict[bytes, bytes] = {}
            data = re.sub(rb'"shared_object_id": (\d+)', lambda m: renumber_bytes(m, ids), data)
        new = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
        new.compress_type = info.compress_type
        new.external_attr = info.external_attr
        out.append((new, data))
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in out:
            zf.writestr(info, data)


def renumber_bytes(m: re.Match, ids: dict[bytes, bytes]) -> bytes:
    ids.setdefault(m.group(1), str(len(ids) + 1).encode())
    return b'"shared_object_id": ' + ids[m.group(1)]


# --------------------------------------------------------------------------------------------
# the cases


@dataclass
class Built:
    model: object
    input: np.ndarray  # one sequence, batch axis dropped
    masks: dict[str, np.ndarray] = field(default_factory=dict)  # layer key -> (T,) bool, Keras' convention
    feeds_from: dict[str, list[str]] = field(default_factory=dict)  # overrides of the graph walk
    note: str = ""


@dataclass
class Case:
    name: str
    covers: list[str]
    build: Callable[[np.random.Generator], Built]
    h5: bool = False


CASES: list[Case] = []


def case(name: str, covers: list[str], h5: bool = False):
    def register(fn):
        CASES.append(Case(name, covers, fn, h5))
        return fn

    return register


def K():
    import keras

    return keras


def L():
    return K().layers


def seq(*layers, name=None):
    return K().Sequential(list(layers), name=name)


def float_input(steps, features, name=None):
    return K().Input((steps, features), name=name)


def dense_head(units=1, activation=None):
    return L().Dense(units, activation=activation)


# ---- plain LSTMs and their options -----------------------------------------------------------


@case("lstm_dense", ["lstm", "sequential", "dense_head"], h5=True)
def _(rng):
    return Built(seq(float_input(10, 1), L().LSTM(4), dense_head()), series(rng, 10, 1))


@case("lstm_stacked", ["lstm", "stacked", "return_sequences"], h5=True)
def _(rng):
    m = seq(float_input(10, 2), L().LSTM(4, return_sequences=True), L().LSTM(3), dense_head())
    return Built(m, series(rng, 10, 2))


@case("lstm_relu", ["lstm", "activation:relu"])
def _(rng):
    return Built(seq(float_input(9, 1), L().LSTM(4, activation="relu"), dense_head()), series(rng, 9, 1))


@case("lstm_hard_sigmoid", ["lstm", "recurrent_activation:hard_sigmoid", "hard_sigmoid:keras3"], h5=True)
def _(rng):
    m = seq(float_input(10, 2), L().LSTM(4, recurrent_activation="hard_sigmoid"), dense_head())
    return Built(m, series(rng, 10, 2, scale=2.0), note="kernels x4 so gates reach both flat parts and the ramp")


@case("lstm_linear", ["lstm", "activation:linear"])
def _(rng):
    return Built(seq(float_input(8, 1), L().LSTM(3, activation="linear"), dense_head()), series(rng, 8, 1))


@case("lstm_sigmoid_activation", ["lstm", "activation:sigmoid"])
def _(rng):
    return Built(seq(float_input(8, 2), L().LSTM(3, activation="sigmoid"), dense_head()), series(rng, 8, 2))


@case("lstm_elu", ["lstm", "activation:elu"])
def _(rng):
    return Built(seq(float_input(8, 1), L().LSTM(3, activation="elu"), dense_head()), series(rng, 8, 1))


@case("lstm_softsign", ["lstm", "activation:softsign"])
def _(rng):
    return Built(seq(float_input(8, 1), L().LSTM(3, activation="softsign"), dense_head()), series(rng, 8, 1))


@case("lstm_recurrent_tanh", ["lstm", "recurrent_activation:tanh"])
def _(rng):
    m = seq(float_input(8, 1), L().LSTM(3, recurrent_activation="tanh"), dense_head())
    return Built(m, series(rng, 8, 1))


@case("lstm_no_bias", ["lstm", "use_bias:false"])
def _(rng):
    return Built(seq(float_input(8, 2), L().LSTM(4, use_bias=False), dense_head()), series(rng, 8, 2))


@case("lstm_no_unit_forget_bias", ["lstm", "unit_forget_bias:false"])
def _(rng):
    m = seq(float_input(8, 1), L().LSTM(4, unit_forget_bias=False), dense_head())
    return Built(m, series(rng, 8, 1))


@case("lstm_go_backwards", ["lstm", "go_backwards", "stacked", "return_sequences"])
def _(rng):
    m = seq(float_input(9, 1), L().LSTM(4, go_backwards=True, return_sequences=True), L().LSTM(3), dense_head())
    return Built(
        m,
        series(rng, 9, 1),
        note="lstm returns its outputs in processing (reversed) order and lstm_1 is fed them in that order",
    )


@case("lstm_go_backwards_last", ["lstm", "go_backwards"])
def _(rng):
    return Built(seq(float_input(9, 1), L().LSTM(4, go_backwards=True), dense_head()), series(rng, 9, 1))


@case("lstm_return_state", ["lstm", "return_state", "functional"])
def _(rng):
    inp = float_input(8, 2)
    out, state_h, state_c = L().LSTM(4, return_state=True)(inp)
    y = dense_head()(L().Concatenate()([out, state_h, state_c]))
    return Built(K().Model(inp, y), series(rng, 8, 2))


@case("lstm_return_sequences_output", ["lstm", "return_sequences", "dense_3d"])
def _(rng):
    m = seq(float_input(8, 1), L().LSTM(3, return_sequences=True), dense_head())
    return Built(m, series(rng, 8, 1))


@case("lstm_unroll", ["lstm", "unroll"])
def _(rng):
    return Built(seq(float_input(7, 1), L().LSTM(3, unroll=True), dense_head()), series(rng, 7, 1))


@case("lstm_dropout_args", ["lstm", "dropout", "recurrent_dropout"])
def _(rng):
    m = seq(float_input(8, 2), L().LSTM(4, dropout=0.3, recurrent_dropout=0.3), dense_head())
    return Built(m, series(rng, 8, 2))


@case("lstm_regularizers", ["lstm", "regularizers", "constraints", "initializers"])
def _(rng):
    keras = K()
    lstm = L().LSTM(
        4,
        kernel_regularizer=keras.regularizers.L2(1e-3),
        recurrent_regularizer=keras.regularizers.L1L2(l1=1e-4, l2=1e-4),
        bias_regularizer=keras.regularizers.L1(1e-4),
        activity_regularizer=keras.regularizers.L2(1e-5),
        kernel_constraint=keras.constraints.MaxNorm(3.0),
        recurrent_constraint=keras.constraints.UnitNorm(),
        bias_constraint=keras.constraints.NonNeg(),
        kernel_initializer="he_normal",
        recurrent_initializer=keras.initializers.Orthogonal(gain=0.9, seed=3),
        bias_initializer="ones",
    )
    return Built(seq(float_input(8, 1), lstm, L().Dense(1, kernel_regularizer="l2")), series(rng, 8, 1))


@case("lstm_variable_length", ["lstm", "input:variable_length"])
def _(rng):
    return Built(seq(K().Input((None, 2)), L().LSTM(3), dense_head()), series(rng, 11, 2))


@case("sequential_input_shape", ["lstm", "sequential", "input_shape_kwarg"])
def _(rng):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = seq(L().LSTM(4, input_shape=(8, 1)), dense_head())
    m.build((None, 8, 1))
    return Built(m, series(rng, 8, 1), note="no Input layer: the tutorial style LSTM(..., input_shape=(T, D))")


@case("windows_as_features", ["lstm", "windows_as_features"])
def _(rng):
    look_back = 4
    m = seq(float_input(1, look_back), L().LSTM(4), dense_head())
    return Built(m, series(rng, 1, look_back), note="the windowing tutorial: 1 step of look_back features")


@case("multivariate", ["lstm", "multivariate"])
def _(rng):
    return Built(seq(float_input(10, 3), L().LSTM(5), dense_head()), series(rng, 10, 3))


# ---- GRU, SimpleRNN, mixed ------------------------------------------------------------------


@case("gru_reset_after", ["gru", "reset_after:true"], h5=True)
def _(rng):
    return Built(seq(float_input(9, 2), L().GRU(4), dense_head()), series(rng, 9, 2))


@case("gru_reset_before", ["gru", "reset_after:false"], h5=True)
def _(rng):
    return Built(seq(float_input(9, 2), L().GRU(4, reset_after=False), dense_head()), series(rng, 9, 2))


@case("gru_stacked_go_backwards", ["gru", "stacked", "go_backwards"])
def _(rng):
    m = seq(float_input(8, 1), L().GRU(3, return_sequences=True), L().GRU(2, go_backwards=True), dense_head())
    return Built(m, series(rng, 8, 1))


@case("simple_rnn_tanh", ["simple_rnn", "activation:tanh"], h5=True)
def _(rng):
    return Built(seq(float_input(9, 1), L().SimpleRNN(4), dense_head()), series(rng, 9, 1))


@case("simple_rnn_relu", ["simple_rnn", "activation:relu"])
def _(rng):
    return Built(seq(float_input(9, 2), L().SimpleRNN(3, activation="relu"), dense_head()), series(rng, 9, 2))


@case("mixed_kinds_stacked", ["lstm", "gru", "simple_rnn", "stacked"])
def _(rng):
    m = seq(
        float_input(8, 2),
        L().LSTM(4, return_sequences=True),
        L().GRU(3, return_sequences=True),
        L().SimpleRNN(2),
        dense_head(),
    )
    return Built(m, series(rng, 8, 2))


# ---- Bidirectional --------------------------------------------------------------------------


@case("bidi_concat", ["bidirectional", "merge_mode:concat", "stacked", "return_sequences"], h5=True)
def _(rng):
    m = seq(float_input(8, 2), L().Bidirectional(L().LSTM(3, return_sequences=True)), L().LSTM(2), dense_head())
    return Built(m, series(rng, 8, 2))


@case("bidi_sum", ["bidirectional", "merge_mode:sum"])
def _(rng):
    m = seq(float_input(8, 1), L().Bidirectional(L().LSTM(3), merge_mode="sum"), dense_head())
    return Built(m, series(rng, 8, 1))


@case("bidi_ave", ["bidirectional", "merge_mode:ave"])
def _(rng):
    m = seq(float_input(8, 1), L().Bidirectional(L().LSTM(3), merge_mode="ave"), dense_head())
    return Built(m, series(rng, 8, 1))


@case("bidi_mul", ["bidirectional", "merge_mode:mul", "return_sequences"])
def _(rng):
    m = seq(
        float_input(8, 1), L().Bidirectional(L().LSTM(3, return_sequences=True), merge_mode="mul"), dense_head()
    )
    return Built(m, series(rng, 8, 1))


@case("bidi_none", ["bidirectional", "merge_mode:none", "functional"])
def _(rng):
    inp = float_input(8, 2)
    fwd, bwd = L().Bidirectional(L().LSTM(3), merge_mode=None)(inp)
    y = dense_head()(L().Concatenate()([fwd, bwd]))
    return Built(K().Model(inp, y), series(rng, 8, 2))


@case("bidi_gru", ["bidirectional", "gru"], h5=True)
def _(rng):
    m = seq(float_input(8, 2), L().Bidirectional(L().GRU(3)), dense_head())
    return Built(m, series(rng, 8, 2))


# ---- text: Embedding, masks -----------------------------------------------------------------

VOCAB = 20


def token_input(steps):
    return K().Input((steps,), dtype="int32")


def tokens(rng, steps, pad_start=0, pad_end=0):
    ids = rng.integers(1, VOCAB, steps).astype(np.int32)
    if pad_start:
        ids[:pad_start] = 0
    if pad_end:
        ids[steps - pad_end :] = 0
    return ids


@case("embedding_lstm", ["embedding", "lstm", "tokens"], h5=True)
def _(rng):
    m = seq(token_input(10), L().Embedding(VOCAB, 3), L().LSTM(4), dense_head(activation="sigmoid"))
    return Built(m, tokens(rng, 10))


@case("embedding_mask_lstm", ["embedding", "mask_zero", "mask", "lstm", "tokens", "padding:start"], h5=True)
def _(rng):
    m = seq(token_input(10), L().Embedding(VOCAB, 3, mask_zero=True), L().LSTM(4), dense_head(activation="sigmoid"))
    ids = tokens(rng, 10, pad_start=3)
    return Built(m, ids, masks={"lstm": ids != 0}, note="pad_sequences' default: zeros at the start")


@case("embedding_mask_bidi", ["embedding", "mask_zero", "mask", "bidirectional", "tokens", "padding:end"])
def _(rng):
    m = seq(token_input(10), L().Embedding(VOCAB, 3, mask_zero=True), L().Bidirectional(L().LSTM(3)), dense_head())
    ids = tokens(rng, 10, pad_end=3)
    return Built(m, ids, masks={"bidirectional": ids != 0})


@case("embedding_conv_lstm", ["embedding", "conv1d", "max_pooling1d", "lstm", "tokens", "cnn_lstm"], h5=True)
def _(rng):
    m = seq(
        token_input(12),
        L().Embedding(VOCAB, 3),
        L().Conv1D(4, 3, padding="same", activation="relu"),
        L().MaxPooling1D(2),
        L().LSTM(3),
        dense_head(activation="sigmoid"),
    )
    return Built(m, tokens(rng, 12), note="the IMDB tutorial's shape")


@case("masking_end", ["masking", "mask", "lstm", "padding:end"], h5=True)
def _(rng):
    x = series(rng, 10, 2)
    x[7:] = 0.0
    m = seq(float_input(10, 2), L().Masking(mask_value=0.0), L().LSTM(4), dense_head())
    return Built(m, x, masks={"lstm": np.any(x != 0.0, axis=-1)})


@case("masking_start", ["masking", "mask", "lstm", "stacked", "return_sequences", "padding:start"])
def _(rng):
    x = series(rng, 10, 1)
    x[:3] = 0.0
    m = seq(
        float_input(10, 1),
        L().Masking(mask_value=0.0),
        L().LSTM(4, return_sequences=True),
        L().LSTM(3, return_sequences=True),
        dense_head(),
    )
    mask = np.any(x != 0.0, axis=-1)
    return Built(m, x, masks={"lstm": mask, "lstm_1": mask}, note="the mask reaches both LSTMs")


@case("masking_bidi_sequences", ["masking", "mask", "bidirectional", "return_sequences", "padding:end", "stacked"])
def _(rng):
    x = series(rng, 9, 2)
    x[6:] = 0.0
    m = seq(
        float_input(9, 2),
        L().Masking(mask_value=0.0),
        L().Bidirectional(L().LSTM(3, return_sequences=True)),
        L().LSTM(2),
        dense_head(),
    )
    mask = np.any(x != 0.0, axis=-1)
    return Built(m, x, masks={"bidirectional": mask, "lstm_1": mask},
                 note="Bidirectional with return_sequences outputs zeros at masked steps (zero_output_for_mask)")


# ---- CNN-LSTM -------------------------------------------------------------------------------


def conv_case(padding, **kw):
    def build(rng):
        m = seq(float_input(12, 2), L().Conv1D(4, 3, padding=padding, activation="relu", **kw), L().LSTM(3), dense_head())
        return Built(m, series(rng, 12, 2))

    return build


case("conv_valid", ["conv1d", "padding:valid", "cnn_lstm"])(conv_case("valid"))
case("conv_causal", ["conv1d", "padding:causal", "cnn_lstm"], h5=True)(conv_case("causal"))
case("conv_same", ["conv1d", "padding:same", "cnn_lstm"])(conv_case("same"))
case("conv_dilated", ["conv1d", "dilation_rate:2", "padding:valid", "cnn_lstm"])(conv_case("valid", dilation_rate=2))
case("conv_strided", ["conv1d", "strides:2", "padding:valid", "cnn_lstm"])(conv_case("valid", strides=2))


@case("conv_maxpool", ["conv1d", "max_pooling1d", "cnn_lstm"])
def _(rng):
    m = seq(
        float_input(12, 1),
        L().Conv1D(4, 3, padding="same", activation="tanh"),
        L().MaxPooling1D(pool_size=2),
        L().LSTM(3),
        dense_head(),
    )
    return Built(m, series(rng, 12, 1))


# ---- layers between / before LSTMs -----------------------------------------------------------


@case("dense_before_lstm", ["dense_3d", "lstm"])
def _(rng):
    m = seq(float_input(8, 2), L().Dense(3, activation="tanh"), L().LSTM(3), dense_head())
    return Built(m, series(rng, 8, 2))


@case("lstm_dense_lstm", ["dense_3d", "lstm", "stacked"])
def _(rng):
    m = seq(float_input(8, 1), L().LSTM(4, return_sequences=True), L().Dense(3), L().LSTM(2), dense_head())
    return Built(m, series(rng, 8, 1))


@case("time_distributed", ["time_distributed", "dense_3d", "lstm", "stacked"])
def _(rng):
    m = seq(
        float_input(8, 1),
        L().LSTM(4, return_sequences=True),
        L().TimeDistributed(L().Dense(3, activation="relu")),
        L().LSTM(2),
        dense_head(),
    )
    return Built(m, series(rng, 8, 1))


@case("activation_layer", ["activation_layer", "lstm", "stacked"])
def _(rng):
    m = seq(float_input(8, 1), L().LSTM(4, return_sequences=True), L().Activation("relu"), L().LSTM(2), dense_head())
    return Built(m, series(rng, 8, 1))


@case("dropout_layers", ["dropout", "spatial_dropout1d", "gaussian_noise", "lstm", "stacked"])
def _(rng):
    m = seq(
        float_input(8, 2),
        L().Dropout(0.2),
        L().LSTM(4, return_sequences=True),
        L().SpatialDropout1D(0.2),
        L().GaussianNoise(0.1),
        L().LSTM(3),
        L().Dropout(0.5),
        dense_head(),
    )
    return Built(m, series(rng, 8, 2))


@case("normalization_adapted", ["normalization", "lstm"])
def _(rng):
    norm = L().Normalization(axis=-1)
    norm.adapt(series(rng, 200, 2, scale=4.0, offset=10.0))
    m = seq(float_input(9, 2), norm, L().LSTM(3), dense_head())
    return Built(m, series(rng, 9, 2, scale=4.0, offset=10.0))


@case("batchnorm_lstm", ["batch_normalization", "lstm"])
def _(rng):
    m = seq(float_input(8, 2), L().BatchNormalization(), L().LSTM(3), dense_head())
    return Built(m, series(rng, 8, 2))


@case("layernorm_lstm", ["layer_normalization", "lstm"])
def _(rng):
    m = seq(float_input(8, 3), L().LayerNormalization(), L().LSTM(3), dense_head())
    return Built(m, series(rng, 8, 3))


@case("reshape_lstm", ["reshape", "lstm"])
def _(rng):
    m = seq(K().Input((16,)), L().Reshape((8, 2)), L().LSTM(3), dense_head())
    return Built(m, series(rng, 8, 2).reshape(16), note="input is (16,): Reshape makes (8, 2) before the LSTM")


@case("lstm_flatten", ["flatten", "lstm", "return_sequences"])
def _(rng):
    m = seq(float_input(6, 1), L().LSTM(3, return_sequences=True), L().Flatten(), dense_head())
    return Built(m, series(rng, 6, 1))


# ---- graphs: branches, nesting --------------------------------------------------------------


@case("parallel_branches", ["lstm", "functional", "branches", "concatenate"])
def _(rng):
    inp = float_input(9, 2, name="series")
    a = L().LSTM(3, name="lstm_a")(inp)
    b = L().LSTM(4, name="lstm_b")(inp)
    y = dense_head()(L().Concatenate()([a, b]))
    return Built(K().Model(inp, y, name="two_branches"), series(rng, 9, 2))


@case("parallel_branches_mixed", ["lstm", "gru", "functional", "branches", "conv1d"])
def _(rng):
    inp = float_input(10, 1)
    a = L().LSTM(3, return_sequences=True)(inp)
    a = L().LSTM(2)(a)
    b = L().Conv1D(3, 3, padding="causal", activation="relu")(inp)
    b = L().GRU(2)(b)
    y = dense_head()(L().Concatenate()([a, b]))
    return Built(K().Model(inp, y), series(rng, 10, 1))


@case("nested_sequential", ["nested", "name_collision", "lstm", "functional", "sequential"], h5=True)
def _(rng):
    keras = K()
    encoder = keras.Sequential(
        [float_input(8, 2), L().LSTM(4, return_sequences=True, name="lstm")], name="encoder"
    )
    inp = float_input(8, 2, name="series")
    pre = L().Dense(2, activation="tanh", name="pre")(inp)
    y = encoder(pre)
    y = L().LSTM(3, name="lstm")(y)
    y = L().Dense(1, name="head")(y)
    return Built(
        keras.Model(inp, y, name="outer"),
        series(rng, 8, 2),
        feeds_from={"encoder/lstm": ["pre", "series"], "lstm": ["encoder/lstm"]},
        note="both LSTMs are named 'lstm': the inner one's keys start with 'encoder/'",
    )


@case("names_swapped", ["lstm", "stacked", "custom_names", "weights_by_position"], h5=True)
def _(rng):
    m = seq(
        float_input(8, 3),
        L().LSTM(3, return_sequences=True, name="lstm_1"),
        L().LSTM(3, name="lstm"),
        dense_head(),
    )
    return Built(
        m,
        series(rng, 8, 3),
        note="the first LSTM is named 'lstm_1' and the second 'lstm', same shapes; in model.weights.h5 the first "
        "is layers/lstm and the second layers/lstm_1 (paths follow class names in layer order, not names)",
    )


@case("nested_functional", ["nested", "lstm", "gru", "functional"])
def _(rng):
    keras = K()
    inner_in = float_input(8, 1, name="inner_input")
    inner_out = L().GRU(3, return_sequences=True, name="inner_gru")(inner_in)
    inner = keras.Model(inner_in, inner_out, name="inner_block")
    inp = float_input(8, 1, name="series")
    y = inner(inp)
    y = L().LSTM(2, name="outer_lstm")(y)
    y = L().Dense(1, name="head")(y)
    return Built(
        keras.Model(inp, y, name="outer"),
        series(rng, 8, 1),
        feeds_from={"inner_gru": ["series"], "outer_lstm": ["inner_gru"]},
        note="no name collides, so no key carries the inner model's name",
    )


# --------------------------------------------------------------------------------------------
# tracing with Keras


def recurrent_kinds():
    layers = L()
    return {layers.LSTM: "LSTM", layers.GRU: "GRU", layers.SimpleRNN: "SimpleRNN"}


def kind_of(layer):
    for cls, name in recurrent_kinds().items():
        if type(layer) is cls:
            return name
    return None


def randomize(model, rng: np.random.Generator) -> None:
    """Random non-zero biases everywhere; random BatchNormalization/LayerNormalization statistics."""
    for v in model.weights:
        name = v.name
        shape = tuple(v.shape)
        if name == "bias":
            value = rng.normal(0.0, 0.5, shape)
            value = np.where(np.abs(value) < 0.05, 0.1, value)
        elif name == "gamma":
            value = rng.uniform(0.5, 1.5, shape)
        elif name == "beta":
            value = rng.normal(0.0, 0.3, shape)
        elif name == "moving_mean":
            value = rng.normal(0.0, 0.5, shape)
        elif name == "moving_variance":
            value = rng.uniform(0.5, 2.0, shape)
        else:
            continue
        v.assign(value.astype(v.dtype))


def close(a, b, tol=1e-6) -> float:
    a = np.asarray(a, np.float64)
    b = np.asarray(b, np.float64)
    assert a.shape == b.shape, (a.shape, b.shape)
    err = float(np.max(np.abs(a - b) / (1.0 + np.abs(b)))) if a.size else 0.0
    return err


def check(a, b, what, tol=1e-6):
    err = close(a, b)
    if err > tol:
        raise AssertionError(f"{what}: max relative difference {err:.3g} > {tol}")


def trace_one_direction(layer, x: np.ndarray, mask: np.ndarray | None) -> dict[str, np.ndarray]:
    """h (and c) of a plain recurrent layer on x (T, D), in the layer's input order, two ways."""
    kind = kind_of(layer)
    units = layer.units
    steps = x.shape[0]
    # 1. a probe with the same weights and return_sequences=True
    cfg = layer.get_config()
    cfg.update(return_sequences=True, return_state=False, name=layer.name + "_probe")
    probe = type(layer).from_config(cfg)
    probe.build((1,) + x.shape)
    probe.set_weights(layer.get_weights())
    kw = {} if mask is None else {"mask": mask[None]}
    processed = np.asarray(probe(x[None], **kw))[0]  # processing order
    probe_h = processed[::-1] if layer.go_backwards else processed
    # 2. stepping the layer's own cell
    n_states = 2 if kind == "LSTM" else 1
    states = [np.zeros((1, units), np.float32) for _ in range(n_states)]
    prev_out = np.zeros((1, units), np.float32)
    h = np.zeros((steps, units), np.float32)
    c = np.zeros((steps, units), np.float32)
    order = range(steps - 1, -1, -1) if layer.go_backwards else range(steps)
    for t in order:
        if mask is None or mask[t]:
            out, new_states = layer.cell(x[t][None], states)
            new_states = list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]
            states = [np.asarray(s, np.float32) for s in new_states]
            prev_out = np.asarray(out, np.float32)
            h[t] = prev_out[0]
        elif layer.zero_output_for_mask:
            h[t] = 0.0  # Bidirectional with return_sequences sets this on both directions
        else:
            h[t] = prev_out[0]  # a masked step repeats the last output; the state is carried over
        if kind == "LSTM":
            c[t] = states[1][0]
    check(h, probe_h, f"{layer.name}: cell steps vs return_sequences probe")
    out = {"x": x.astype(np.float32), "h": probe_h.astype(np.float32)}
    if kind == "LSTM":
        out["c"] = c
    return out


def merge(mode, hf, hb):
    if mode == "concat":
        return np.concatenate([hf, hb], axis=-1)
    if mode == "sum":
        return hf + hb
    if mode == "ave":
        return (hf + hb) / 2
    if mode == "mul":
        return hf * hb
    raise ValueError(mode)


def layer_output_in_model(owner, layer, feed):
    keras = K()
    sub = keras.Model(owner.inputs, layer.output)
    out = sub([feed[None]])
    return [np.asarray(o)[0] for o in out] if isinstance(out, (list, tuple)) else [np.asarray(out)[0]]


def layer_input_in_model(owner, layer, feed):
    """(x (T, D), Keras' mask (T,) or None): Keras 3 lists the mask as a second input of the layer."""
    keras = K()
    out = keras.Model(owner.inputs, layer.input)([feed[None]])
    if isinstance(out, (list, tuple)):
        assert len(out) == 2 and out[1].dtype == "bool", layer.name
        return np.asarray(out[0])[0], np.asarray(out[1])[0]
    return np.asarray(out)[0], None


def walk(model, prefix=()):
    """(enclosing models below the top, layer) for every recurrent or Bidirectional layer."""
    for layer in model.layers:
        if isinstance(layer, K().Model):
            yield from walk(layer, prefix + (layer,))
        elif kind_of(layer) or isinstance(layer, L().Bidirectional):
            yield prefix, layer


def feeds_from_graph(layer) -> list[str]:
    """Names of the layers between this one and the previous recurrent layer or the input, nearest
    first, following the data input (not the mask, which Keras 3 lists as a second input)."""
    keras = K()
    chain = []
    node = layer._inbound_nodes[0]
    while node.input_tensors:
        op, node_index, _ = node.input_tensors[0]._keras_history
        chain.append(op.name)
        if kind_of(op) or isinstance(op, (L().Bidirectional, L().InputLayer, keras.Model)):
            break
        node = op._inbound_nodes[node_index]
    return chain


def describe(layer, key, direction, inner_layer, feeds, mask, merge_mode=None):
    kind = kind_of(inner_layer)
    cfg = inner_layer.get_config()
    entry = {
        "name": layer.name,
        "key": key,
        "kind": kind,
        "direction": direction,
        "units": inner_layer.units,
        "input_size": None,
        "activation": cfg["activation"],
        "recurrent_activation": cfg.get("recurrent_activation"),
        "use_bias": cfg["use_bias"],
        "go_backwards": cfg["go_backwards"],
        "return_sequences": cfg["return_sequences"],
        "return_state": cfg["return_state"],
        "reset_after": cfg.get("reset_after") if kind == "GRU" else None,
        "feeds_from": feeds,
        "masked": mask is not None,
        "zero_output_for_mask": bool(inner_layer.zero_output_for_mask),
    }
    if merge_mode is not None or direction is not None:
        entry["merge_mode"] = merge_mode
    return entry


def trace_model(built: Built):
    """Reference arrays and manifest layer entries of a built model, checked against Keras."""
    keras = K()
    model = built.model
    x_in = built.input
    arrays: dict[str, np.ndarray] = {"input": x_in}
    found = list(walk(model))
    names = [layer.name for _, layer in found]
    layers_manifest = []
    for prefix, layer in found:
        collides = names.count(layer.name) > 1
        key = "/".join([m.name for m in prefix] + [layer.name]) if (prefix and collides) else layer.name
        # what the model feeds this layer, and the layer's own output inside the model
        if prefix:
            (inner,) = prefix
            feed_inner = np.asarray(
                keras.Model(model.inputs, inner._inbound_nodes[0].input_tensors[0])([x_in[None]])
            )[0]
            x, keras_mask = layer_input_in_model(inner, layer, feed_inner)
            actual = layer_output_in_model(inner, layer, feed_inner)
        else:
            x, keras_mask = layer_input_in_model(model, layer, x_in)
            actual = layer_output_in_model(model, layer, x_in)
        x = x.astype(np.float32)
        mask = built.masks.get(key)
        if (mask is None) != (keras_mask is None) or (mask is not None and not np.array_equal(mask, keras_mask)):
            raise AssertionError(f"{key}: mask {mask} but Keras feeds {keras_mask}")
        feeds = built.feeds_from.get(key) or feeds_from_graph(layer)
        if mask is not None:
            arrays[f"{key}/mask"] = mask.astype(bool)
        if isinstance(layer, L().Bidirectional):
            fwd = trace_one_direction(layer.forward_layer, x, mask)
            bwd = trace_one_direction(layer.backward_layer, x, mask)
            assert layer.backward_layer.go_backwards and not layer.forward_layer.go_backwards
            rs = layer.forward_layer.return_sequences
            hf, hb = fwd["h"], bwd["h"]
            if not rs:
                hf, hb = hf[-1], hb[0]  # the backward direction's last processed step is input step 0
            if layer.merge_mode is None:
                check(actual[0], hf, f"{key} forward output")
                check(actual[1], hb, f"{key} backward output")
            else:
                check(actual[0], merge(layer.merge_mode, hf, hb), f"{key} merged output")
            for direction, tr, sub in (("forward", fwd, layer.forward_layer), ("backward", bwd, layer.backward_layer)):
                for q, arr in tr.items():
                    arrays[f"{key}/{direction}/{q}"] = arr
                entry = describe(layer, f"{key}/{direction}", direction, sub, feeds, mask, layer.merge_mode)
                entry["input_size"] = int(x.shape[-1])
                layers_manifest.append(entry)
        else:
            tr = trace_one_direction(layer, x, mask)
            h = tr["h"]
            # the layer's own output inside the model: Keras' order (processing order for go_backwards)
            keras_seq = h[::-1] if layer.go_backwards else h
            if layer.return_sequences:
                check(actual[0], keras_seq, f"{key} output")
            else:
                check(actual[0], keras_seq[-1], f"{key} output")
            if layer.return_state:
                last = -1 if not layer.go_backwards else 0
                check(actual[1], h[last], f"{key} state_h")
                if kind_of(layer) == "LSTM":
                    check(actual[2], tr["c"][last], f"{key} state_c")
            for q, arr in tr.items():
                arrays[f"{key}/{q}"] = arr
            entry = describe(layer, key, None, layer, feeds, mask)
            entry["input_size"] = int(x.shape[-1])
            layers_manifest.append(entry)
    out = model(x_in[None])
    assert not isinstance(out, (list, tuple)), "one output per corpus model"
    arrays["model/output"] = np.asarray(out).astype(np.float32)
    return arrays, layers_manifest


def input_manifest(model, x_in):
    shape = model.inputs[0].shape
    if np.issubdtype(x_in.dtype, np.integer):
        return {"kind": "tokens", "steps": int(x_in.shape[0]), "features": None, "vocab": VOCAB,
                "declared_shape": list(shape[1:])}
    steps = int(x_in.shape[0]) if x_in.ndim == 2 else None
    features = int(x_in.shape[-1])
    return {"kind": "float", "steps": steps, "features": features, "vocab": None,
            "declared_shape": [None if s is None else int(s) for s in shape[1:]]}


def save_and_verify(model, path: Path, x_in, expected_out):
    keras = K()
    import warnings

    if path.exists():
        path.unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.save(path)
    if path.suffix == ".keras":
        normalize_keras_zip(path)
    again = keras.saving.load_model(path)
    check(np.asarray(again(x_in[None])), expected_out, f"{path.name} reloaded")


def build_case(c: Case):
    keras = K()
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed_of(c.name))
    rng = np.random.default_rng(seed_of(c.name))
    built = c.build(rng)
    randomize(built.model, rng)
    if c.name == "lstm_hard_sigmoid":
        for v in built.model.weights:
            if v.name in ("kernel", "recurrent_kernel") and "lstm" in v.path:
                v.assign(np.asarray(v) * 4.0)
    return built


def hard_sigmoid_coverage(arrays, model):
    """Share of the recurrent gates' pre-activations below -3, between, above 3 (for the note)."""
    lstm = model.get_layer("lstm")
    kernel, rec, bias = lstm.get_weights()
    x, h = arrays["lstm/x"], arrays["lstm/h"]
    h_prev = np.vstack([np.zeros((1, h.shape[1]), np.float32), h[:-1]])
    z = x @ kernel + h_prev @ rec + bias
    H = lstm.units
    gates = np.concatenate([z[:, :2 * H], z[:, 3 * H:]], axis=1)
    return float(np.mean(gates < -3)), float(np.mean(np.abs(gates) <= 3)), float(np.mean(gates > 3))


def quiet():
    import warnings

    import absl.logging

    absl.logging.set_verbosity("error")
    warnings.filterwarnings("ignore", category=UserWarning)


def make_corpus(only: set[str] | None = None):
    import keras

    quiet()

    CORPUS.mkdir(parents=True, exist_ok=True)
    manifest = []
    for c in CASES:
        if only and c.name not in only:
            continue
        built = build_case(c)
        arrays, layers = trace_model(built)
        x_in = built.input
        write_npz(CORPUS / f"{c.name}.expected.npz", arrays)
        if c.name == "lstm_hard_sigmoid":
            lo, mid, hi = hard_sigmoid_coverage(arrays, built.model)
            built.note += f"; gate pre-activations: {lo:.0%} below -3, {mid:.0%} between, {hi:.0%} above 3"
            assert lo > 0.05 and mid > 0.2 and hi > 0.05, (lo, mid, hi)
        formats = ["keras"] + (["h5"] if c.h5 else [])
        for fmt in formats:
            path = CORPUS / f"{c.name}.{fmt}"
            save_and_verify(built.model, path, x_in, arrays["model/output"])
            entry = {
                "file": path.name,
                "format": fmt,
                "saved_by": f"keras {keras.__version__}",
                "expected": f"{c.name}.expected.npz",
                "covers": c.covers + (["legacy_h5"] if fmt == "h5" else []),
                "layers": layers,
                "input": input_manifest(built.model, x_in),
                "output_shape": list(arrays["model/output"].shape),
            }
            if built.note:
                entry["note"] = built.note
            manifest.append(entry)
        print(f"{c.name:32s} {len(layers)} recurrent, {'+'.join(formats)}", flush=True)
    if only:
        old = json.loads((CORPUS / "MANIFEST.json").read_text())
        names = {e["file"] for e in manifest}
        manifest = [e for e in old if e["file"] not in names and not e["file"].startswith("k2_")] + manifest
        manifest.sort(key=lambda e: e["file"])
    keras2 = []
    manifest_path = CORPUS / "MANIFEST.json"
    if manifest_path.exists():
        keras2 = [e for e in json.loads(manifest_path.read_text()) if e["saved_by"].startswith("tf_keras")]
    manifest = [e for e in manifest if not e["saved_by"].startswith("tf_keras")] + keras2
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"{len(manifest)} manifest entries ({len(keras2)} from Keras 2)")


# --------------------------------------------------------------------------------------------
# models the reader must refuse with a sentence


def make_refused():
    import warnings

    import keras

    REFUSED.mkdir(parents=True, exist_ok=True)
    entries = []

    def save(model, fname, reason, names, weights_only=False):
        path = REFUSED / fname
        if path.exists():
            path.unlink()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if weights_only:
                model.save_weights(path)
            else:
                model.save(path)
        if path.suffix == ".keras":
            normalize_keras_zip(path)
        entries.append({"file": fname, "reason": reason, "names": names})
        print(f"refused: {fname}", flush=True)

    def fresh(name):
        keras.backend.clear_session()
        keras.utils.set_random_seed(seed_of(name))
        return np.random.default_rng(seed_of(name))

    def finish(model, rng):
        randomize(model, rng)
        return model

    rng = fresh("weights_only")
    m = finish(seq(float_input(8, 1), L().LSTM(3), dense_head()), rng)
    save(m, "lstm_dense.weights.h5", "weights without the architecture (model.save_weights): save the whole model "
         "with model.save('name.keras')", [], weights_only=True)

    rng = fresh("attention")
    inp = float_input(8, 2)
    h = L().LSTM(3, return_sequences=True)(inp)
    a = L().Attention(name="attention")([h, h])
    y = dense_head()(L().GlobalAveragePooling1D()(a))
    save(finish(keras.Model(inp, y), rng), "attention.keras", "layer class outside the allowlist", ["attention", "Attention"])

    rng = fresh("multi_head_attention")
    inp = float_input(8, 2)
    h = L().LSTM(4, return_sequences=True)(inp)
    a = L().MultiHeadAttention(num_heads=2, key_dim=2, name="multi_head_attention")(h, h)
    y = dense_head()(L().GlobalAveragePooling1D()(a))
    save(finish(keras.Model(inp, y), rng), "multi_head_attention.keras", "layer class outside the allowlist",
         ["multi_head_attention", "MultiHeadAttention"])

    rng = fresh("conv_lstm1d")
    m = seq(K().Input((6, 5, 1)), L().ConvLSTM1D(2, 3, name="conv_lstm1d"), L().Flatten(), dense_head())
    save(finish(m, rng), "conv_lstm1d.keras", "recurrent layer kind the reader does not replay",
         ["conv_lstm1d", "ConvLSTM1D"])

    rng = fresh("custom_activation")

    @keras.saving.register_keras_serializable(package="lens_corpus", name="squash")
    def squash(x):
        return x / (1.0 + keras.ops.abs(x)) * 2.0

    m = seq(float_input(8, 1), L().LSTM(3, activation=squash, name="lstm"), dense_head())
    save(finish(m, rng), "custom_activation.keras", "custom (registered) activation function",
         ["lstm", "activation", "lens_corpus>squash"])

    rng = fresh("generic_rnn_cell")
    m = seq(float_input(8, 1), L().RNN(L().LSTMCell(3), name="rnn"), dense_head())
    save(finish(m, rng), "generic_rnn_cell.keras",
         "the generic RNN wrapper around a cell (the same numbers as LSTM, but a layer class the reader does not "
         "list; refuse it or open it as an LSTM, never guess)", ["rnn", "RNN"])

    rng = fresh("dense_lora")
    m = seq(float_input(8, 1), L().Dense(3, name="dense_lora"), L().LSTM(3), dense_head())
    m.get_layer("dense_lora").enable_lora(2)
    randomize(m, rng)
    for v in m.get_layer("dense_lora").weights:
        if "lora" in v.path:
            v.assign(rng.normal(0, 0.5, tuple(v.shape)).astype("float32"))
    save(m, "dense_lora.keras", "an argument that changes inference numbers: LoRA adds lora_kernel_a @ lora_kernel_b "
         "(scaled) to the kernel", ["dense_lora", "lora_rank"])

    rng = fresh("conv1d_groups")
    m = seq(float_input(10, 4), L().Conv1D(4, 3, groups=2, name="conv1d"), L().LSTM(3), dense_head())
    save(finish(m, rng), "conv1d_groups.keras", "an argument that changes inference numbers: grouped convolution",
         ["conv1d", "groups"])

    rng = fresh("conv1d_channels_first")
    m = seq(float_input(2, 10), L().Conv1D(3, 3, data_format="channels_first", name="conv1d"),
            L().Permute((2, 1)), L().LSTM(3), dense_head())
    save(finish(m, rng), "conv1d_channels_first.keras",
         "an argument that changes what the axes mean: data_format='channels_first'", ["conv1d", "data_format"])

    rng = fresh("normalization_invert")
    norm = L().Normalization(axis=-1, invert=True, mean=[1.0, 2.0], variance=[4.0, 9.0], name="normalization")
    m = seq(float_input(8, 2), norm, L().LSTM(3), dense_head())
    save(finish(m, rng), "normalization_invert.keras",
         "an argument that changes inference numbers: Normalization(invert=True) multiplies instead of dividing",
         ["normalization", "invert"])

    rng = fresh("quantized_int8")
    m = finish(seq(token_input(8), L().Embedding(VOCAB, 4, name="embedding"), L().LSTM(3), dense_head()), rng)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m.quantize("int8")
    save(m, "quantized_int8.keras", "quantized weights (int8 with scales, a dtype policy 'int8_from_float32'): "
         "the stored numbers are not the float weights", ["embedding", "int8"])

    rng = fresh("stateful_lstm")
    m = seq(K().Input((8, 1), batch_size=1), L().LSTM(3, stateful=True, name="lstm"), dense_head())
    save(finish(m, rng), "stateful_lstm.keras",
         "stateful=True: the model's answer depends on the state left by earlier calls, which the file does not "
         "hold; refuse (or open it from a zero state and say so)", ["lstm", "stateful"])

    path = REFUSED / "MANIFEST.json"
    keras2 = [e for e in json.loads(path.read_text()) if e["file"].startswith("k2_")] if path.exists() else []
    path.write_text(json.dumps(entries + keras2, indent=1) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["corpus", "refused", "hostile"], help="write only this part")
    ap.add_argument("--cases", help="comma-separated case names (corpus only; the manifest keeps the others)")
    args = ap.parse_args(argv)
    if args.only in (None, "corpus"):
        make_corpus(set(args.cases.split(",")) if args.cases else None)
    if args.only in (None, "refused"):
        make_refused()
    if args.only in (None, "hostile"):
        sys.path.insert(0, str(HERE))
        import make_hostile

        make_hostile.make_all()


if __name__ == "__main__":
    sys.exit(main())
