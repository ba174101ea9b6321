"""Writes tests/models/hostile/: model files a reader must refuse, made without running any payload.

    .venv/bin/python tests/models/make_hostile.py     (after make_corpus.py: it starts from corpus files)

No Keras here: every file is assembled with zipfile, json, h5py and marshal from a valid corpus file
(corpus/lstm_dense.keras, corpus/lstm_dense.h5, corpus/lstm_stacked.keras). Payloads are harmless and
never called: where one would run, it only appends "ran" to the file named by $LENS_HOSTILE_MARKER
(nothing when that is unset), so a test can set the variable and prove nothing ran. Every file is
kept under 3 MB. hostile/MANIFEST.json: [{"file", "shape", "expect": "refused", ...}].
"""

from __future__ import annotations

import base64
import copy
import io
import json
import marshal
import shutil
import struct
import zipfile
from pathlib import Path

import h5py
import numpy as np

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
HOSTILE = HERE / "hostile"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
MARKER_ENV = "LENS_HOSTILE_MARKER"
MAX_BYTES = 3 * 1024 * 1024
MARKER_SHELL = 'sh -c \'[ -n "$LENS_HOSTILE_MARKER" ] && echo ran >> "$LENS_HOSTILE_MARKER"\''
MARKER_PY = (
    "import os\np = os.environ.get('LENS_HOSTILE_MARKER')\nif p:\n    open(p, 'a').write('ran\\n')\n"
)


def _payload(x):
    """Marshalled into the Lambda files, never called here."""
    import os

    target = os.environ.get("LENS_HOSTILE_MARKER")
    if target:
        with open(target, "a") as f:
            f.write("ran\n")
    return x


def marshalled_payload() -> str:
    return base64.b64encode(marshal.dumps(_payload.__code__)).decode("ascii") + "\n"


# --------------------------------------------------------------------------------------------
# .keras archives


def read_keras(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_keras(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=FIXED_DATE), data)


def base_members():
    members = read_keras(CORPUS / "lstm_dense.keras")
    return members, json.loads(members["config.json"])


def with_config(config: dict, members: dict[str, bytes]) -> dict[str, bytes]:
    out = dict(members)
    out["config.json"] = json.dumps(config).encode()
    return out


def layer_list(config):
    return config["config"]["layers"]


def lambda_layer(function: dict, name="lambda", arguments=None, input_shape=(None, 4)):
    return {
        "module": "keras.layers",
        "class_name": "Lambda",
        "config": {
            "name": name,
            "trainable": True,
            "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                      "registered_name": None},
            "function": function,
            "arguments": arguments or {},
        },
        "registered_name": None,
        "build_config": {"input_shape": list(input_shape)},
    }


def keras_function(module: str, name: str) -> dict:
    """How Keras 3 serialises a plain function object."""
    return {"module": module, "class_name": "function", "config": name, "registered_name": "function"}


def insert_after_lstm(config, *layers):
    config = copy.deepcopy(config)
    lst = layer_list(config)
    at = next(i for i, layer in enumerate(lst) if layer["class_name"] == "LSTM") + 1
    lst[at:at] = list(layers)
    return config


# --------------------------------------------------------------------------------------------
# legacy HDF5


def legacy_h5(path: Path, model_config: dict, keras_version="2.15.0", weights=None):
    """A legacy Keras .h5 (attrs model_config/keras_version/backend, group model_weights) with the
    given config; weights: {layer: {dataset path below the layer group: callable(group, name)}}."""
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = keras_version
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(model_config)
        mw = f.create_group("model_weights")
        names = [layer["config"]["name"] for layer in model_config["config"]["layers"]
                 if layer["class_name"] != "InputLayer"]
        mw.attrs["layer_names"] = np.array([n.encode() for n in names])
        mw.attrs["backend"] = "tensorflow"
        mw.attrs["keras_version"] = keras_version
        for layer in names:
            g = mw.create_group(layer)
            made = []
            for rel, make in (weights or {}).get(layer, {}).items():
                make(g, rel)
                made.append(rel)
            g.attrs["weight_names"] = np.array([m.encode() for m in made])


def keras2_sequential(layers: list[dict], batch_shape=(None, 10, 1)) -> dict:
    return {
        "class_name": "Sequential",
        "config": {
            "name": "sequential",
            "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": list(batch_shape),
                                                                "dtype": "float32", "sparse": False,
                                                                "ragged": False, "name": "lstm_input"}}]
            + layers,
        },
        "keras_version": "2.15.0",
        "backend": "tensorflow",
    }


def keras2_lstm(units, name="lstm"):
    return {"class_name": "LSTM", "config": {
        "name": name, "trainable": True, "dtype": "float32", "return_sequences": False, "return_state": False,
        "go_backwards": False, "stateful": False, "unroll": False, "time_major": False, "units": units,
        "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": True, "unit_forget_bias": True,
        "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2}}


def keras2_dense(units, name="dense"):
    return {"class_name": "Dense", "config": {"name": name, "trainable": True, "dtype": "float32", "units": units,
                                              "activation": "linear", "use_bias": True}}


def small_dataset(shape, seed=0):
    def make(group, rel):
        group.create_dataset(rel, data=np.random.default_rng(seed).normal(0, 0.3, shape).astype(np.float32))

    return make


def lstm_weights(d, units, kernel_maker=None, recurrent_maker=None, bias_maker=None):
    return {
        "lstm/lstm_cell/kernel:0": kernel_maker or small_dataset((d, 4 * units), 1),
        "lstm/lstm_cell/recurrent_kernel:0": recurrent_maker or small_dataset((units, 4 * units), 2),
        "lstm/lstm_cell/bias:0": bias_maker or small_dataset((4 * units,), 3),
    }


# --------------------------------------------------------------------------------------------
# the files


def make_all() -> list[dict]:
    HOSTILE.mkdir(parents=True, exist_ok=True)
    entries: list[dict] = []

    def add(fname, shape, **extra):
        entries.append({"file": fname, "shape": shape, "expect": "refused", **extra})

    members, config = base_members()

    # 1. a Lambda layer (a Python lambda, marshalled: Keras 3's own format)
    cfg = insert_after_lstm(config, lambda_layer(
        {"class_name": "__lambda__", "config": {"code": marshalled_payload(), "defaults": None, "closure": None}}))
    write_keras(HOSTILE / "lambda_layer.keras", with_config(cfg, members))
    add("lambda_layer.keras", "a Lambda layer whose function is marshalled Python bytecode (Keras 3's __lambda__ "
        "format); the payload appends to $LENS_HOSTILE_MARKER", names=["lambda", "Lambda"], marker_env=MARKER_ENV)

    # 2. CVE-2025-1550 shape: a layer entry naming a function of another module
    cfg = copy.deepcopy(config)
    dense = next(layer for layer in layer_list(cfg) if layer["class_name"] == "Dense")
    dense.clear()
    dense.update({"module": "os", "class_name": "system", "config": {"command": MARKER_SHELL},
                  "registered_name": "system"})
    write_keras(HOSTILE / "module_os_system.keras", with_config(cfg, members))
    add("module_os_system.keras", "CVE-2025-1550 shape: a layer entry with module 'os', class_name and "
        "registered_name 'system', config {'command': shell that appends to $LENS_HOSTILE_MARKER}",
        cve="CVE-2025-1550", names=["os", "system"], marker_env=MARKER_ENV)

    cfg = copy.deepcopy(config)
    lstm = next(layer for layer in layer_list(cfg) if layer["class_name"] == "LSTM")
    lstm["config"]["activation"] = keras_function("os", "system")
    write_keras(HOSTILE / "activation_os_system.keras", with_config(cfg, members))
    add("activation_os_system.keras", "CVE-2025-1550 shape on an argument: the LSTM's activation is "
        "{'module': 'os', 'class_name': 'function', 'config': 'system'}", cve="CVE-2025-1550",
        names=["lstm", "activation"])

    cfg = copy.deepcopy(config)
    dense = next(layer for layer in layer_list(cfg) if layer["class_name"] == "Dense")
    dense.clear()
    dense.update({"module": "builtins", "class_name": "exec", "config": {"source": MARKER_PY},
                  "registered_name": "exec"})
    write_keras(HOSTILE / "module_builtins_exec.keras", with_config(cfg, members))
    add("module_builtins_exec.keras", "CVE-2025-1550 shape: a layer entry with module 'builtins', class_name "
        "'exec' and Python source in its config", cve="CVE-2025-1550", names=["builtins", "exec"],
        marker_env=MARKER_ENV)

    # 3. CVE-2025-8747 / CVE-2025-9906 shape: Lambda layers whose function is a Keras function
    cfg = insert_after_lstm(
        config,
        lambda_layer(keras_function("keras.config", "enable_unsafe_deserialization"), name="unlock"),
        lambda_layer({"class_name": "__lambda__", "config": {"code": marshalled_payload(), "defaults": None,
                                                             "closure": None}}, name="lambda"),
    )
    write_keras(HOSTILE / "lambda_enable_unsafe.keras", with_config(cfg, members))
    add("lambda_enable_unsafe.keras", "CVE-2025-9906 shape: a Lambda calling "
        "keras.config.enable_unsafe_deserialization, then a marshalled Lambda", cve="CVE-2025-9906",
        names=["unlock", "Lambda", "enable_unsafe_deserialization"], marker_env=MARKER_ENV)

    cfg = insert_after_lstm(config, lambda_layer(
        keras_function("keras.models", "load_model"), name="second_stage",
        arguments={"filepath": "/tmp/lstm_lens_hostile_second_stage.keras", "safe_mode": False}))
    write_keras(HOSTILE / "lambda_load_model.keras", with_config(cfg, members))
    add("lambda_load_model.keras", "CVE-2025-8747 shape: a Lambda whose function is keras.models.load_model "
        "with arguments {'filepath': ..., 'safe_mode': False}", cve="CVE-2025-8747",
        names=["second_stage", "Lambda", "load_model"])

    cfg = copy.deepcopy(config)
    dense = next(layer for layer in layer_list(cfg) if layer["class_name"] == "Dense")
    dense["config"]["activation"] = keras_function("keras.config", "set_floatx")
    write_keras(HOSTILE / "activation_set_floatx.keras", with_config(cfg, members))
    add("activation_set_floatx.keras", "a Dense activation that is keras.config.set_floatx (a process-wide "
        "setting, as a function reference)", names=["dense", "activation", "set_floatx"])

    # 4. CVE-2025-9905: legacy HDF5 with a marshalled Lambda in model_config
    h5_config = keras2_sequential([
        keras2_lstm(4),
        {"class_name": "Lambda", "config": {
            "name": "lambda", "trainable": True, "dtype": "float32", "function": [marshalled_payload(), None, None],
            "function_type": "lambda", "module": "__main__", "output_shape": None, "output_shape_type": "raw",
            "output_shape_module": None, "arguments": {}}},
        keras2_dense(1),
    ])
    legacy_h5(HOSTILE / "hdf5_marshal_lambda.h5", h5_config,
              weights={"lstm": lstm_weights(1, 4), "dense": {"dense/kernel:0": small_dataset((4, 1)),
                                                           "dense/bias:0": small_dataset((1,))}})
    add("hdf5_marshal_lambda.h5", "CVE-2025-9905 shape: a legacy .h5 whose model_config has a Lambda with "
        "function [base64 marshal of bytecode, null, null], function_type 'lambda'", cve="CVE-2025-9905",
        names=["lambda", "Lambda"], marker_env=MARKER_ENV)

    # 5. zip bombs
    bomb = HOSTILE / "zip_bomb.keras"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in ("metadata.json", "config.json"):
            zf.writestr(zipfile.ZipInfo(name, date_time=FIXED_DATE), members[name])
        info = zipfile.ZipInfo("model.weights.h5", date_time=FIXED_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = bytes(1 << 20)
        with zf.open(info, "w", force_zip64=True) as w:
            for _ in range(2048):
                w.write(chunk)
    add("zip_bomb.keras", "model.weights.h5 member of 2 GiB of zeros deflated to about 2 MB (ratio ~1000)",
        declared_bytes=2 << 30)

    forged = HOSTILE / "zip_forged_size.keras"
    write_keras(forged, members)
    forge_sizes(forged, "model.weights.h5", 0xFFFFFF00)
    add("zip_forged_size.keras", "the model.weights.h5 member (stored) declares 4,294,967,040 uncompressed bytes "
        "in its local and central headers; the data is the real small file, and Python's zipfile reads it without "
        "complaint (it reads compress_size bytes and the CRC matches): only a check of the declared size refuses "
        "it", declared_bytes=0xFFFFFF00)

    # 6. a declared weight shape of 10^12 elements
    cfg = copy.deepcopy(config)
    lstm = next(layer for layer in layer_list(cfg) if layer["class_name"] == "LSTM")
    lstm["config"]["units"] = 500_000
    next(layer for layer in layer_list(cfg) if layer["class_name"] == "Dense")["build_config"]["input_shape"] = [
        None, 500_000]
    write_keras(HOSTILE / "huge_units_config.keras", with_config(cfg, members))
    add("huge_units_config.keras", "config says LSTM units=500000: recurrent kernel 500000 x 2000000 = 10^12 "
        "elements (4 TB); the weights file is the small original", names=["lstm", "units"])

    def huge(shape):
        def make(group, rel):
            chunks = tuple(min(s, c) for s, c in zip(shape, (1, 1024) if len(shape) == 2 else (1024,)))
            group.create_dataset(rel, shape=shape, dtype="float32", chunks=chunks)

        return make

    units = 500_000
    legacy_h5(HOSTILE / "huge_dataset.h5", keras2_sequential([keras2_lstm(units), keras2_dense(1)]),
              weights={"lstm": lstm_weights(1, units, huge((1, 4 * units)), huge((units, 4 * units)),
                                            huge((4 * units,))),
                       "dense": {"dense/kernel:0": huge((units, 1)), "dense/bias:0": small_dataset((1,))}})
    add("huge_dataset.h5", "legacy .h5, LSTM units=500000 in model_config and a recurrent_kernel dataset of "
        "declared shape (500000, 2000000) = 10^12 float32, chunked and never written (file stays small)",
        names=["lstm"], declared_elements=10**12)

    keras_huge = dict(members)
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        cell = f.create_group("layers/lstm/cell/vars")
        cell.create_dataset("0", shape=(1, 4 * units), dtype="float32", chunks=(1, 1024))
        cell.create_dataset("1", shape=(units, 4 * units), dtype="float32", chunks=(1, 1024))
        cell.create_dataset("2", shape=(4 * units,), dtype="float32", chunks=(1024,))
        f.create_group("layers/lstm/vars")
        d = f.create_group("layers/dense/vars")
        d.create_dataset("0", shape=(units, 1), dtype="float32", chunks=(1024, 1))
        d.create_dataset("1", data=np.zeros(1, np.float32))
        f.create_group("vars")
    keras_huge["model.weights.h5"] = buf.getvalue()
    write_keras(HOSTILE / "huge_dataset.keras", with_config(cfg, keras_huge))
    add("huge_dataset.keras", "config and model.weights.h5 agree on LSTM units=500000: datasets declared "
        "(1, 2000000), (500000, 2000000), (2000000,), chunked and never written", names=["lstm"],
        declared_elements=10**12)

    # 7. truncated archives, a renamed text file
    whole = (CORPUS / "lstm_stacked.keras").read_bytes()
    (HOSTILE / "truncated.keras").write_bytes(whole[: len(whole) // 2])
    add("truncated.keras", "corpus/lstm_stacked.keras cut in half (no central directory)")
    whole = (CORPUS / "lstm_dense.h5").read_bytes()
    (HOSTILE / "truncated.h5").write_bytes(whole[: len(whole) // 2])
    add("truncated.h5", "corpus/lstm_dense.h5 cut in half")
    notes = ("Notes from Tuesday's class\n\n- the forget gate decides what the cell keeps\n"
             "- try the airline passengers series next week\n")
    (HOSTILE / "renamed_text.keras").write_text(notes)
    add("renamed_text.keras", "a notes.txt saved under a .keras name (plain text, not a zip)")
    (HOSTILE / "renamed_text.h5").write_text(notes)
    add("renamed_text.h5", "the same notes saved under a .h5 name (not HDF5)")

    # 8. very many members
    many = HOSTILE / "many_members.keras"
    count = 30_000
    with zipfile.ZipFile(many, "w") as zf:
        for name in ("metadata.json", "config.json", "model.weights.h5"):
            zf.writestr(zipfile.ZipInfo(name, date_time=FIXED_DATE), members[name])
        for i in range(count):
            zf.writestr(zipfile.ZipInfo(f"{i:05x}", date_time=FIXED_DATE), b"")
    add("many_members.keras", f"a valid model plus {count:,} empty members (100,000 would take 8.6 MB; the "
        "count limit of a reader is far below either)", members=count + 3)

    # 9. deeply nested JSON
    depth = 100_000
    deep = ('{"module": "keras", "class_name": "Sequential", "config": {"name": "deep", "layers": '
            + "[" * depth + "]" * depth + "}}")
    write_keras(HOSTILE / "deep_json.keras", {**members, "config.json": deep.encode()})
    add("deep_json.keras", f"config.json nests {depth:,} lists (json.loads raises RecursionError, not "
        "JSONDecodeError)", depth=depth)

    # 10. a dtype policy that Keras would install process-wide
    cfg = copy.deepcopy(config)
    policy = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "mixed_float16"},
              "registered_name": None}

    def set_policy(node):
        if isinstance(node, dict):
            if "dtype" in node and isinstance(node["dtype"], dict):
                node["dtype"] = copy.deepcopy(policy)
            for v in node.values():
                set_policy(v)
        elif isinstance(node, list):
            for v in node:
                set_policy(v)

    set_policy(cfg)
    layer_list(cfg)[0]["config"]["dtype"] = "float16"
    cfg["floatx"] = "float16"
    cfg["config"]["floatx"] = "float16"
    write_keras(HOSTILE / "dtype_policy.keras", with_config(cfg, members))
    add("dtype_policy.keras", "every layer's dtype is DTypePolicy('mixed_float16'), the InputLayer float16, and "
        "'floatx': 'float16' keys at the top and in the model config: nothing process-wide may change",
        names=["dtype", "mixed_float16"])

    # 11. HDF5 that reads other files of the server
    legacy_h5(HOSTILE / "external_storage.h5", keras2_sequential([keras2_lstm(4), keras2_dense(1)]), weights={
        "lstm": lstm_weights(1, 4, kernel_maker=external(("/etc/passwd", 0, 64), (1, 16))),
        "dense": {"dense/kernel:0": small_dataset((4, 1)), "dense/bias:0": small_dataset((1,))}})
    add("external_storage.h5", "the LSTM kernel dataset's storage is external: bytes 0-63 of /etc/passwd "
        "(reading it would show a server file as weights)", names=["lstm"])

    def external_link(group, rel):
        group[rel] = h5py.ExternalLink("/etc/lstm_lens_not_there.h5", "/kernel")

    legacy_h5(HOSTILE / "external_link.h5", keras2_sequential([keras2_lstm(4), keras2_dense(1)]), weights={
        "lstm": lstm_weights(1, 4, kernel_maker=external_link),
        "dense": {"dense/kernel:0": small_dataset((4, 1)), "dense/bias:0": small_dataset((1,))}})
    add("external_link.h5", "the LSTM kernel is an HDF5 external link to /etc/lstm_lens_not_there.h5 "
        "(following it would open another file of the server)", names=["lstm"])

    for e in entries:
        size = (HOSTILE / e["file"]).stat().st_size
        assert size < MAX_BYTES, (e["file"], size)
        e["bytes"] = size
    (HOSTILE / "MANIFEST.json").write_text(json.dumps(entries, indent=1) + "\n")
    for e in entries:
        print(f"hostile: {e['file']:32s} {e['bytes']:>9,d} bytes")
    return entries


def external(spec, shape):
    def make(group, rel):
        group.create_dataset(rel, shape=shape, dtype="float32", external=[spec])

    return make


def forge_sizes(path: Path, member: str, size: int) -> None:
    """Overwrites the uncompressed size of one stored member in its local header and its central
    directory entry (32-bit fields)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    local = info.header_offset
    assert data[local:local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 22, size)
    central = data.find(b"PK\x01\x02" + bytes(0), 0)
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_len] == name:
            struct.pack_into("<I", data, central + 24, size)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    else:
        raise AssertionError("central directory entry not found")
    path.write_bytes(bytes(data))


if __name__ == "__main__":
    if HOSTILE.exists():
        shutil.rmtree(HOSTILE)
    make_all()
