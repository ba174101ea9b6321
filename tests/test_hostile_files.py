"""Hostile uploads are refused and their code never runs: .keras archives (Lambda layers, custom
objects, crafted configs) read as data by ``lstm_core.models.open_model`` (never Keras' loader), files
that are not Keras archives, and NPZ files carrying pickles. tests/models/test_hostile.py has the
crafted files of tests/models/hostile/ (CVE shapes, zip bombs, huge shapes, external HDF5 storage).

Each "never ran" claim has a positive control: the same payload, loaded the unsafe way, does
write its marker file, so the test would notice if the safe way ran it too.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest

from lstm_core.cells import Trace
from lstm_core.models import ModelError, open_model
from lstm_core.weights import init_weights, load_weights_npz, save_weights_npz

pytestmark = pytest.mark.keras

MARKER_ENV = "LENS_HOSTILE_MARKER"


def _write_marker(x):
    """The payload of the Lambda layer: writes the file named by $LENS_HOSTILE_MARKER when it runs."""
    import os as _os

    target = _os.environ.get("LENS_HOSTILE_MARKER")
    if target:
        with open(target, "a") as f:
            f.write("ran\n")
    return x


class _Pickled:
    """An object whose unpickling writes the marker (what a malicious .npz would carry)."""

    def __init__(self, target: str):
        self.target = target

    def __reduce__(self):
        return (Path.write_text, (Path(self.target), "ran\n"))


@pytest.fixture
def marker(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "pwned.txt"
    monkeypatch.setenv(MARKER_ENV, str(path))
    return path


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> dict[str, bytes]:
    """.keras archives built once: a good LSTM, a Lambda payload, a custom layer, a Dense-only model."""
    import keras

    folder = tmp_path_factory.mktemp("keras")
    os.environ.pop(MARKER_ENV, None)  # building calls the Lambda; it must not write now

    def saved(name: str, model) -> bytes:
        path = folder / f"{name}.keras"
        model.save(path)
        return path.read_bytes()

    def lstm_model(extra=None):
        inputs = keras.Input((6, 1))
        x = keras.layers.LSTM(3, name="lstm")(inputs)
        if extra is not None:
            x = extra(x)
        return keras.Model(inputs, keras.layers.Dense(1, name="head")(x))

    @keras.saving.register_keras_serializable(package="lens_hostile")
    class Payload(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            _write_marker(None)

        def call(self, x):
            return _write_marker(x)

    built = {
        "good": saved("good", lstm_model()),
        "lambda": saved("lambda", lstm_model(keras.layers.Lambda(lambda x: _write_marker(x), name="payload"))),
        "lambda_inline": saved("lambda_inline", lstm_model(keras.layers.Lambda(
            lambda x: (__import__("os").environ.get("LENS_HOSTILE_MARKER")
                       and open(__import__("os").environ["LENS_HOSTILE_MARKER"], "a").write("ran\n"), x)[1],
            name="payload"))),
        "custom": saved("custom", lstm_model(Payload(name="payload"))),
        "dense_only": saved("dense_only", keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])),
    }
    keras.saving.get_custom_objects().pop("lens_hostile>Payload", None)  # the server never knows it
    return built


def _rewrite_config(archive: bytes, edit) -> bytes:
    """The archive with its config.json changed by ``edit(config) -> config``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "config.json":
                data = json.dumps(edit(json.loads(data))).encode()
            dst.writestr(item, data)
    return out.getvalue()


def _refused(data: bytes, *reasons: str) -> str:
    with pytest.raises(ModelError) as caught:
        open_model(data, "upload.keras")
    message = str(caught.value)
    assert caught.value.reason in reasons, (reasons, caught.value.reason, message)
    assert message.strip() and "\n" not in message.strip() and len(message) < 400, message
    return message


# --- .keras archives -------------------------------------------------------------------------


def test_a_good_archive_loads(archives):
    (layer,) = open_model(archives["good"], "good.keras").layers
    assert (layer.input_size, layer.units) == (1, 3)


@pytest.mark.parametrize("name", ["lambda", "lambda_inline"])
def test_a_lambda_layer_is_refused_and_never_runs(archives, marker, name):
    message = _refused(archives[name], "lambda")
    assert "Lambda" in message and "payload" in message
    assert not marker.exists(), "the Lambda's code ran while loading"


def test_the_lambda_payload_would_run_when_loaded_unsafely(archives, marker, tmp_path):
    """Positive control: Keras without safe mode does run it, so the marker check above can fail."""
    import keras

    path = tmp_path / "lambda.keras"
    path.write_bytes(archives["lambda_inline"])
    keras.saving.load_model(path, compile=False, safe_mode=False)
    assert marker.exists()


def test_a_custom_object_is_refused_and_never_runs(archives, marker):
    message = _refused(archives["custom"], "custom_object")
    assert "payload" in message
    assert not marker.exists()


@pytest.mark.parametrize("module, name", [("os", "system"), ("builtins", "exec"), ("subprocess", "Popen"),
                                          ("keras.src.saving.serialization_lib", "enable_unsafe_deserialization")])
def test_a_crafted_config_naming_other_code_is_refused(archives, marker, module, name):
    """A config.json that names a function outside Keras, as a layer, must not import or call it."""

    def edit(config):
        layers = config["config"]["layers"]
        layers[-1] = {**layers[-1], "module": module, "class_name": name, "registered_name": name,
                      "config": {"command": f"touch {marker}", "name": "head"}}
        return config

    message = _refused(_rewrite_config(archives["good"], edit), "custom_object")
    assert name in message
    assert not marker.exists()


def test_a_lambda_is_still_refused_after_a_config_naming_the_unsafe_switch(archives, marker):
    """The crafted archive names Keras' own switch for unsafe loading: nothing is switched, a Lambda is still refused."""
    def edit(config):
        config["config"]["layers"][-1].update(module="keras.config", class_name="enable_unsafe_deserialization",
                                              registered_name="enable_unsafe_deserialization")
        return config

    _refused(_rewrite_config(archives["good"], edit), "custom_object")
    _refused(archives["lambda"], "lambda")
    assert not marker.exists()


@pytest.mark.parametrize("data", [
    b"",
    b"date,value\n2024-01-01,1\n",
    bytes(range(256)) * 8,
    b"PK\x03\x04 not really a zip",
    b"\x89HDF\r\n\x1a\n" + bytes(100),  # the start of an HDF5 file and nothing else
], ids=["empty", "csv", "binary", "fake_zip", "h5"])
def test_a_file_that_is_not_a_keras_archive_gets_a_clear_message(data):
    message = _refused(data, "not_a_model", "truncated")
    assert "keras" in message.lower() or "damaged" in message.lower()


def test_a_zip_that_is_not_a_keras_archive_gets_a_clear_message():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("notes.txt", "hello")
    _refused(out.getvalue(), "not_a_model")


def test_a_damaged_archive_gets_a_clear_message(archives):
    damaged = _rewrite_config(archives["good"], lambda config: {"garbage": True})
    _refused(damaged, "bad_config")


def test_an_archive_without_an_lstm_gets_a_clear_message(archives):
    message = _refused(archives["dense_only"], "no_recurrent")
    assert "LSTM" in message


# --- NPZ -------------------------------------------------------------------------------------


def _npz_with_pickle(target: Path, names: list[str]) -> bytes:
    buffer = io.BytesIO()
    payload = np.empty(1, dtype=object)
    payload[0] = _Pickled(str(target))
    arrays = {name: payload for name in names}
    np.savez(buffer, **arrays)  # np.savez pickles object arrays
    return buffer.getvalue()


def test_the_npz_payload_would_run_when_loaded_with_pickle(marker):
    """Positive control: NumPy with allow_pickle=True does run it."""
    data = _npz_with_pickle(marker, ["layer0_kernel"])
    with np.load(io.BytesIO(data), allow_pickle=True) as loaded:
        loaded["layer0_kernel"]
    assert marker.exists()


def test_weights_npz_with_objects_is_refused_and_never_unpickled(marker):
    data = _npz_with_pickle(marker, ["layer0_kernel", "layer0_recurrent_kernel", "layer0_bias"])
    with pytest.raises(ValueError) as caught:
        load_weights_npz(data)
    assert str(caught.value).strip()
    assert not marker.exists()


def test_trace_npz_with_objects_is_refused_and_never_unpickled(marker):
    from lstm_core.cells import QUANTITIES

    data = _npz_with_pickle(marker, ["x", "z", *QUANTITIES])
    with pytest.raises(ValueError):
        Trace.from_npz(data)
    assert not marker.exists()


def test_a_raw_pickle_is_not_an_npz(marker):
    data = pickle.dumps(_Pickled(str(marker)))
    with pytest.raises(ValueError):
        load_weights_npz(data)
    assert not marker.exists()


def test_good_npz_files_still_load():
    w = init_weights(1, 4, seed=0)
    (back,) = load_weights_npz(save_weights_npz(w))
    np.testing.assert_array_equal(back.kernel, w.kernel)
