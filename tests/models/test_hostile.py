"""Hostile model files (tests/models/hostile/, made by make_hostile.py without running a payload) are
refused with their sentence, and opening one leaves the process as it was: no file written or
opened for writing, no payload run (its marker file never appears), memory bounded, and Keras'
process-wide settings (floatx, the dtype policy) unchanged.
"""

from __future__ import annotations

import builtins
import json
import os
import resource
import tracemalloc

import h5py  # noqa: F401  (imported before the watch: importing it opens /dev/null, not the file's doing)
import pytest

from lstm_core.models import ModelError, open_model
from tests.models.model_files import HOSTILE

ENTRIES = json.loads((HOSTILE / "MANIFEST.json").read_text())
MEMORY_CAP = 64 * 2**20
"""Python-level allocations while a hostile file is opened (a zip bomb would be 2 GiB, a declared
shape 4 TB); the largest file here is 2.6 MB."""
RSS_CAP_KB = 256 * 1024


@pytest.fixture
def watched(tmp_path, monkeypatch):
    """cwd in an empty directory, $LENS_HOSTILE_MARKER set, and every open()/os.open() for writing recorded."""
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "payload_ran.txt"
    monkeypatch.setenv("LENS_HOSTILE_MARKER", str(marker))
    writes: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def open_(file, mode="r", *args, **kwargs):
        if any(m in str(mode) for m in "wax+"):
            writes.append(f"open({file!r}, {mode!r})")
        return real_open(file, mode, *args, **kwargs)

    def os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC):
            writes.append(f"os.open({path!r})")
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "open", os_open)
    return tmp_path, marker, writes


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_refused_and_nothing_happens(entry, watched):
    folder, marker, writes = watched
    data = (HOSTILE / entry["file"]).read_bytes()
    before = sorted(p.name for p in folder.iterdir())
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    try:
        with pytest.raises(ModelError) as info:
            open_model(data, entry["file"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    text = str(info.value)
    assert "\n" not in text and text.endswith("."), text
    if entry.get("names"):
        assert any(n.lower() in text.lower() for n in entry["names"]), (text, entry["names"])
    assert peak < MEMORY_CAP, f"{entry['file']}: {peak / 2**20:.0f} MB traced while refusing it"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < RSS_CAP_KB
    assert sorted(p.name for p in folder.iterdir()) == before, "a file appeared in the working directory"
    assert not marker.exists(), "the payload ran"
    assert writes == [], writes


def test_the_reasons_are_the_expected_ones():
    """The kind of refusal for the main shapes (the sentence a person reads depends on it)."""
    expected = {
        "lambda_layer.keras": "lambda", "hdf5_marshal_lambda.h5": "lambda", "lambda_enable_unsafe.keras": "lambda",
        "lambda_load_model.keras": "lambda", "module_os_system.keras": "custom_object",
        "activation_os_system.keras": "custom_object", "zip_bomb.keras": "too_big", "deep_json.keras": "too_big",
        "many_members.keras": "too_big", "truncated.keras": "truncated", "renamed_text.keras": "not_a_model",
        "dtype_policy.keras": "dtype", "external_storage.h5": "bad_weights", "external_link.h5": "bad_weights",
    }
    for name, reason in expected.items():
        with pytest.raises(ModelError) as info:
            open_model((HOSTILE / name).read_bytes(), name)
        assert info.value.reason == reason, (name, info.value.reason, str(info.value))


@pytest.mark.keras
def test_keras_process_settings_are_untouched():
    """The dtype_policy and set_floatx files name process-wide settings; reading them as data changes nothing
    (Keras imported here only to look)."""
    import keras

    floatx, policy = keras.config.floatx(), keras.config.dtype_policy().name
    for entry in ENTRIES:
        with pytest.raises(ModelError):
            open_model((HOSTILE / entry["file"]).read_bytes(), entry["file"])
    assert keras.config.floatx() == floatx == "float32"
    assert keras.config.dtype_policy().name == policy == "float32"
