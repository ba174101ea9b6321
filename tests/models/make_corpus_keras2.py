"""Writes the Keras 2 part of the corpus: legacy .h5 files saved by real Keras 2 (tf_keras) and their
reference numbers computed by Keras 2 itself.

Run it with a Python that has TensorFlow and tf_keras (Keras 2), never the project's venv
(Keras 3); e.g. a scratch venv outside the repo:

    python3 -m venv /work/scratch/k2
    /work/scratch/k2/bin/pip install tensorflow==2.21.0 tf_keras==2.21.0
    /work/scratch/k2/bin/python tests/models/make_corpus_keras2.py

Files are named ``k2_*``; their entries in corpus/MANIFEST.json and refused/MANIFEST.json say
``"saved_by": "tf_keras <version>"``. The other entries of both manifests are kept as they are.
Key conventions are those of make_corpus.py (see README.md).
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
os.environ.setdefault("TF_DETERMINISTIC_OPS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import CORPUS, REFUSED, check, seed_of, series, write_npz  # noqa: E402

import tf_keras as keras  # noqa: E402

L = keras.layers
KINDS = {L.LSTM: "LSTM", L.GRU: "GRU", L.SimpleRNN: "SimpleRNN"}
VOCAB = 20
SAVED_BY = f"tf_keras {keras.__version__}"


def kind_of(layer):
    for cls, name in KINDS.items():
        if type(layer) is cls:
            return name
    return None


def randomize(model, rng):
    for v in model.weights:
        name = v.name.split("/")[-1].split(":")[0]
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
        v.assign(value.astype(np.float32))


def trace_one_direction(layer, x, mask):
    kind = kind_of(layer)
    units = layer.units
    steps = x.shape[0]
    cfg = layer.get_config()
    cfg.update(return_sequences=True, return_state=False, name=layer.name + "_probe")
    probe = type(layer).from_config(cfg)
    probe.build((1,) + x.shape)
    probe.set_weights(layer.get_weights())
    kw = {} if mask is None else {"mask": mask[None]}
    processed = np.asarray(probe(x[None], **kw))[0]
    probe_h = processed[::-1] if layer.go_backwards else processed
    n_states = 2 if kind == "LSTM" else 1
    import tensorflow as tf

    states = [tf.zeros((1, units), tf.float32) for _ in range(n_states)]
    prev_out = np.zeros((1, units), np.float32)
    h = np.zeros((steps, units), np.float32)
    c = np.zeros((steps, units), np.float32)
    order = range(steps - 1, -1, -1) if layer.go_backwards else range(steps)
    for t in order:
        if mask is None or mask[t]:
            out, new_states = layer.cell(tf.constant(x[t][None]), states)
            states = list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]
            prev_out = np.asarray(out, np.float32)
            h[t] = prev_out[0]
        elif layer.zero_output_for_mask:
            h[t] = 0.0
        else:
            h[t] = prev_out[0]
        if kind == "LSTM":
            c[t] = np.asarray(states[1])[0]
    check(h, probe_h, f"{layer.name}: cell steps vs return_sequences probe")
    out = {"x": x.astype(np.float32), "h": probe_h.astype(np.float32)}
    if kind == "LSTM":
        out["c"] = c
    return out


def merge(mode, hf, hb):
    return {"concat": lambda: np.concatenate([hf, hb], -1), "sum": lambda: hf + hb,
            "ave": lambda: (hf + hb) / 2, "mul": lambda: hf * hb}[mode]()


def feeds_from_graph(layer):
    chain = []
    node = layer._inbound_nodes[0]
    while True:
        inbound = node.inbound_layers
        inbound = inbound if isinstance(inbound, list) else [inbound]
        if not inbound:
            break
        op = inbound[0]
        chain.append(op.name)
        if kind_of(op) or isinstance(op, (L.Bidirectional, L.InputLayer)):
            break
        node = op._inbound_nodes[0]
    return chain


def describe(layer, key, direction, inner, feeds, mask, input_size, merge_mode=None):
    kind = kind_of(inner)
    cfg = inner.get_config()
    entry = {
        "name": layer.name,
        "key": key,
        "kind": kind,
        "direction": direction,
        "units": inner.units,
        "input_size": int(input_size),
        "activation": cfg["activation"],
        "recurrent_activation": cfg.get("recurrent_activation"),
        "use_bias": cfg["use_bias"],
        "go_backwards": cfg["go_backwards"],
        "return_sequences": cfg["return_sequences"],
        "return_state": cfg["return_state"],
        "reset_after": cfg.get("reset_after") if kind == "GRU" else None,
        "feeds_from": feeds,
        "masked": mask is not None,
        "zero_output_for_mask": bool(inner.zero_output_for_mask),
    }
    if direction is not None:
        entry["merge_mode"] = merge_mode
    return entry


def trace_model(model, x_in, masks):
    arrays = {"input": x_in}
    manifest = []
    for layer in model.layers:
        if not (kind_of(layer) or isinstance(layer, L.Bidirectional)):
            continue
        key = layer.name
        x = np.asarray(keras.Model(model.inputs, layer.input)(x_in[None]))[0].astype(np.float32)
        actual = keras.Model(model.inputs, layer.output)(x_in[None])
        actual = [np.asarray(a)[0] for a in actual] if isinstance(actual, (list, tuple)) else [np.asarray(actual)[0]]
        mask = masks.get(key)
        feeds = feeds_from_graph(layer)
        if mask is not None:
            arrays[f"{key}/mask"] = mask
        if isinstance(layer, L.Bidirectional):
            fwd = trace_one_direction(layer.forward_layer, x, mask)
            bwd = trace_one_direction(layer.backward_layer, x, mask)
            hf, hb = fwd["h"], bwd["h"]
            if not layer.forward_layer.return_sequences:
                hf, hb = hf[-1], hb[0]
            check(actual[0], merge(layer.merge_mode, hf, hb), f"{key} merged output")
            for direction, tr, sub in (("forward", fwd, layer.forward_layer), ("backward", bwd, layer.backward_layer)):
                for q, arr in tr.items():
                    arrays[f"{key}/{direction}/{q}"] = arr
                manifest.append(describe(layer, f"{key}/{direction}", direction, sub, feeds, mask, x.shape[-1],
                                         layer.merge_mode))
        else:
            tr = trace_one_direction(layer, x, mask)
            keras_seq = tr["h"][::-1] if layer.go_backwards else tr["h"]
            check(actual[0], keras_seq if layer.return_sequences else keras_seq[-1], f"{key} output")
            for q, arr in tr.items():
                arrays[f"{key}/{q}"] = arr
            manifest.append(describe(layer, key, None, layer, feeds, mask, x.shape[-1]))
    arrays["model/output"] = np.asarray(model(x_in[None])).astype(np.float32)
    return arrays, manifest


def seq(*layers):
    return keras.Sequential(list(layers))


def fin(n, d):
    return keras.Input((n, d))


def tokens(rng, steps, pad_start=0):
    ids = rng.integers(1, VOCAB, steps).astype(np.int32)
    ids[:pad_start] = 0
    return ids


def cases():
    """(name, covers, build(rng) -> (model, input, masks, note))"""

    def lstm(rng):
        return seq(fin(10, 1), L.LSTM(4), L.Dense(1)), series(rng, 10, 1), {}, ""

    def stacked(rng):
        m = seq(fin(10, 2), L.LSTM(4, return_sequences=True), L.LSTM(3), L.Dense(1))
        return m, series(rng, 10, 2), {}, ""

    def gru(rng):
        return seq(fin(9, 2), L.GRU(4), L.Dense(1)), series(rng, 9, 2), {}, "tf.keras 2's default: reset_after=True"

    def gru_before(rng):
        m = seq(fin(9, 2), L.GRU(4, reset_after=False), L.Dense(1))
        return m, series(rng, 9, 2), {}, "reset_after=False, the default of standalone Keras 2.x before TF 2"

    def hard_sigmoid(rng):
        m = seq(fin(10, 2), L.LSTM(4, recurrent_activation="hard_sigmoid"), L.Dense(1))
        return m, series(rng, 10, 2, scale=2.0), {}, "Keras 2's hard_sigmoid: clip(0.2 x + 0.5, 0, 1); kernels x4"

    def bidi(rng):
        m = seq(fin(8, 2), L.Bidirectional(L.LSTM(3, return_sequences=True)), L.LSTM(2), L.Dense(1))
        return m, series(rng, 8, 2), {}, ""

    def embedding_mask(rng):
        m = seq(keras.Input((10,), dtype="int32"), L.Embedding(VOCAB, 3, mask_zero=True), L.LSTM(4),
                L.Dense(1, activation="sigmoid"))
        ids = tokens(rng, 10, pad_start=3)
        return m, ids, {"lstm": ids != 0}, "zeros at the start (pad_sequences' default)"

    def masking(rng):
        x = series(rng, 10, 1)
        x[7:] = 0.0
        m = seq(fin(10, 1), L.Masking(0.0), L.LSTM(4, return_sequences=True), L.LSTM(3), L.Dense(1))
        mask = np.any(x != 0, -1)
        return m, x, {"lstm": mask, "lstm_1": mask}, "a plain LSTM repeats its last output at masked steps"

    def masking_bidi(rng):
        x = series(rng, 9, 2)
        x[6:] = 0.0
        m = seq(fin(9, 2), L.Masking(0.0), L.Bidirectional(L.LSTM(3, return_sequences=True)), L.LSTM(2), L.Dense(1))
        mask = np.any(x != 0, -1)
        return m, x, {"bidirectional": mask, "lstm_1": mask}, "Bidirectional with return_sequences: zeros at masked steps"

    def cnn_lstm(rng):
        m = seq(fin(12, 1), L.Conv1D(4, 3, padding="causal", activation="relu"), L.MaxPooling1D(2), L.LSTM(3),
                L.Dense(1))
        return m, series(rng, 12, 1), {}, ""

    def simple_rnn(rng):
        return seq(fin(9, 1), L.SimpleRNN(4), L.Dense(1)), series(rng, 9, 1), {}, ""

    def embedding_text(rng):
        m = seq(keras.Input((10,), dtype="int32"), L.Embedding(VOCAB, 3), L.Dropout(0.2), L.LSTM(4),
                L.Dense(1, activation="sigmoid"))
        return m, tokens(rng, 10), {}, ""

    return [
        ("k2_lstm", ["lstm", "keras2"], lstm, ["h5", "keras"]),
        ("k2_stacked", ["lstm", "stacked", "keras2"], stacked, ["h5"]),
        ("k2_gru", ["gru", "reset_after:true", "keras2"], gru, ["h5"]),
        ("k2_gru_reset_before", ["gru", "reset_after:false", "keras2"], gru_before, ["h5"]),
        ("k2_hard_sigmoid", ["lstm", "recurrent_activation:hard_sigmoid", "hard_sigmoid:keras2", "keras2"],
         hard_sigmoid, ["h5"]),
        ("k2_bidi", ["bidirectional", "merge_mode:concat", "stacked", "keras2"], bidi, ["h5"]),
        ("k2_embedding_mask", ["embedding", "mask_zero", "mask", "tokens", "padding:start", "keras2"],
         embedding_mask, ["h5"]),
        ("k2_masking", ["masking", "mask", "stacked", "padding:end", "keras2"], masking, ["h5"]),
        ("k2_masking_bidi", ["masking", "mask", "bidirectional", "padding:end", "keras2"], masking_bidi, ["h5"]),
        ("k2_cnn_lstm", ["conv1d", "padding:causal", "max_pooling1d", "cnn_lstm", "keras2"], cnn_lstm, ["h5"]),
        ("k2_simple_rnn", ["simple_rnn", "keras2"], simple_rnn, ["h5"]),
        ("k2_embedding_text", ["embedding", "dropout", "tokens", "keras2"], embedding_text, ["h5"]),
    ]


def hard_sigmoid_coverage(arrays, model):
    lstm = model.get_layer("lstm")
    kernel, rec, bias = lstm.get_weights()
    x, h = arrays["lstm/x"], arrays["lstm/h"]
    h_prev = np.vstack([np.zeros((1, h.shape[1]), np.float32), h[:-1]])
    z = x @ kernel + h_prev @ rec + bias
    H = lstm.units
    g = np.concatenate([z[:, :2 * H], z[:, 3 * H:]], axis=1)
    return float(np.mean(g < -2.5)), float(np.mean((np.abs(g) > 2.5) & (np.abs(g) < 3))), float(np.mean(g > 2.5))


def input_manifest(model, x_in):
    shape = [None if s is None else int(s) for s in model.inputs[0].shape[1:]]
    if np.issubdtype(x_in.dtype, np.integer):
        return {"kind": "tokens", "steps": int(x_in.shape[0]), "features": None, "vocab": VOCAB,
                "declared_shape": shape}
    return {"kind": "float", "steps": int(x_in.shape[0]), "features": int(x_in.shape[-1]), "vocab": None,
            "declared_shape": shape}


def save_and_verify(model, path, x_in, expected):
    if path.exists():
        path.unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.save(path)
    if path.suffix == ".keras":
        from make_corpus import normalize_keras_zip

        normalize_keras_zip(path)
    again = keras.models.load_model(path, compile=False)
    check(np.asarray(again(x_in[None])), expected, f"{path.name} reloaded")


def main():
    entries = []
    for name, covers, build, formats in cases():
        keras.backend.clear_session()
        keras.utils.set_random_seed(seed_of(name))
        rng = np.random.default_rng(seed_of(name))
        model, x_in, masks, note = build(rng)
        randomize(model, rng)
        if name == "k2_hard_sigmoid":
            for v in model.weights:
                if "kernel" in v.name and "lstm" in v.name:
                    v.assign(np.asarray(v) * 4.0)
        arrays, layers = trace_model(model, x_in, masks)
        if name == "k2_hard_sigmoid":
            lo, between, hi = hard_sigmoid_coverage(arrays, model)
            note += f"; gate pre-activations: {lo:.0%} below -2.5, {between:.0%} with 2.5 < |z| < 3, {hi:.0%} above 2.5"
            assert lo > 0.05 and between > 0.01 and hi > 0.05, (lo, between, hi)
        write_npz(CORPUS / f"{name}.expected.npz", arrays)
        for fmt in formats:
            path = CORPUS / f"{name}.{fmt}"
            save_and_verify(model, path, x_in, arrays["model/output"])
            entry = {
                "file": path.name, "format": fmt, "saved_by": SAVED_BY, "expected": f"{name}.expected.npz",
                "covers": covers + (["legacy_h5"] if fmt == "h5" else []), "layers": layers,
                "input": input_manifest(model, x_in), "output_shape": list(arrays["model/output"].shape),
            }
            if note:
                entry["note"] = note
            entries.append(entry)
        print(f"{name:24s} {len(layers)} recurrent, {'+'.join(formats)}", flush=True)
    path = CORPUS / "MANIFEST.json"
    old = json.loads(path.read_text()) if path.exists() else []
    kept = [e for e in old if not e["saved_by"].startswith("tf_keras")]
    path.write_text(json.dumps(kept + entries, indent=1) + "\n")
    print(f"{len(kept)} Keras 3 entries kept, {len(entries)} Keras 2 entries written")

    # a Keras 2 argument Keras 3 does not have and that changes what the axes mean
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed_of("k2_time_major"))
    rng = np.random.default_rng(seed_of("k2_time_major"))
    m = seq(keras.Input((8, 1), batch_size=1), L.LSTM(3, time_major=True, name="lstm"), L.Dense(1))
    randomize(m, rng)
    refused_path = REFUSED / "k2_time_major.h5"
    if refused_path.exists():
        refused_path.unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m.save(refused_path)
    path = REFUSED / "MANIFEST.json"
    old = json.loads(path.read_text()) if path.exists() else []
    kept = [e for e in old if not e["file"].startswith("k2_")]
    kept.append({"file": "k2_time_major.h5", "reason": "Keras 2's time_major=True: the first axis is time, not "
                 "the batch (Keras 3 has no such argument)", "names": ["lstm", "time_major"]})
    path.write_text(json.dumps(kept, indent=1) + "\n")
    print("refused: k2_time_major.h5")


if __name__ == "__main__":
    main()
