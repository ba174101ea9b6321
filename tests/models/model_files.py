"""Model files for the reader's tests, rewritten in memory: a corpus archive with its config.json or its
weights changed, without Keras (zipfile, json and h5py only)."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path
from typing import Callable

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
REFUSED = HERE / "refused"
HOSTILE = HERE / "hostile"


def corpus_bytes(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def archive(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def config_of(name: str) -> dict:
    return json.loads(members(corpus_bytes(name))["config.json"])


def with_config(name: str, change: Callable[[dict], object] | dict | str | bytes) -> bytes:
    """Corpus archive ``name`` with its config.json changed: ``change(config)`` edits a copy in place
    (or returns a replacement); a dict/str/bytes replaces it outright."""
    parts = members(corpus_bytes(name))
    if callable(change):
        config = copy.deepcopy(json.loads(parts["config.json"]))
        result = change(config)
        config = config if result is None else result
        parts["config.json"] = json.dumps(config).encode()
    else:
        parts["config.json"] = change if isinstance(change, bytes) else (
            change.encode() if isinstance(change, str) else json.dumps(change).encode())
    return archive(parts)


def with_weights(name: str, change: Callable) -> bytes:
    """Corpus archive ``name`` with its model.weights.h5 rewritten: ``change(h5file)`` edits a copy."""
    import h5py

    parts = members(corpus_bytes(name))
    buf = io.BytesIO(parts["model.weights.h5"])
    with h5py.File(buf, "r+") as h5:
        change(h5)
    parts["model.weights.h5"] = buf.getvalue()
    return archive(parts)


def layer(config: dict, name: str) -> dict:
    """The entry of layer ``name`` (searching nested models and Bidirectional wrappers)."""
    stack = [config]
    while stack:
        entry = stack.pop()
        if isinstance(entry, dict):
            if isinstance(entry.get("config"), dict) and entry["config"].get("name") == name and "class_name" in entry:
                return entry
            stack.extend(entry.values())
        elif isinstance(entry, list):
            stack.extend(entry)
    raise KeyError(name)
