"""The bytes of a model file as plain data, within limits: zip members, JSON, HDF5 datasets.

Only ``zipfile``, ``json`` and ``h5py`` touch the bytes; nothing here imports Keras, unpickles,
evaluates or writes a file. Every size is checked before the memory for it is spent: the archive,
its member count, each member's size (from the zip directory, and again while it is read, so a
lying header stops at the limit), the JSON's size and nesting depth, and each HDF5 dataset's
declared shape and dtype (floats only; no external storage, virtual datasets or links to other files).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from lstm_core.models.errors import ModelError

MB = 1 << 20
MAX_FILE_BYTES = 200 * MB
"""The largest upload opened (the uploader's own limit is 200 MB)."""
MAX_MEMBERS = 64
"""A .keras archive holds 3 members (config.json, metadata.json, model.weights.h5), plus assets."""
MAX_CONFIG_BYTES = 8 * MB
MAX_METADATA_BYTES = 64 * 1024
MAX_WEIGHTS_MEMBER_BYTES = 200 * MB
MAX_JSON_DEPTH = 100
MAX_LAYERS = 500
"""Layers in a model, nested models' included."""
MAX_ELEMENTS = 10**8
"""The most elements one declared shape (a weight, an input) may have."""
MAX_WEIGHT_BYTES = 256 * MB
"""The most bytes all the weights read may take together."""

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"


def kind_of(data: bytes) -> str:
    """"zip", "hdf5" or "other", from the first bytes (HDF5 may start after a user block of 512·2^k bytes)."""
    if data[:4] in ZIP_MAGIC:
        return "zip"
    offset = 0
    while offset + 8 <= len(data) and offset <= 1 << 30:
        if data[offset:offset + 8] == HDF5_MAGIC:
            return "hdf5"
        offset = 512 if offset == 0 else offset * 2
    return "other"


# ---------------------------------------------------------------------------------------------
# zip


def read_zip(data: bytes) -> dict[str, bytes]:
    """The members of a .keras archive that matter (config.json, metadata.json, model.weights.h5), read
    within their limits; other members are neither read nor kept."""
    limits = {"config.json": MAX_CONFIG_BYTES, "metadata.json": MAX_METADATA_BYTES,
              "model.weights.h5": MAX_WEIGHTS_MEMBER_BYTES}
    declared = _declared_members(data)
    if declared is not None and declared > MAX_MEMBERS:
        raise ModelError("too_big", what="members in the archive", size=declared, limit=MAX_MEMBERS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, IndexError) as exc:
        raise ModelError("truncated", detail=f"not a readable zip archive: {type(exc).__name__}") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ModelError("too_big", what="members in the archive", size=len(infos), limit=MAX_MEMBERS)
        out: dict[str, bytes] = {}
        for info in infos:
            limit = limits.get(info.filename)
            if limit is None or info.filename in out:
                continue
            if info.flag_bits & 0x1:
                raise ModelError("not_a_model")  # encrypted
            if info.file_size > limit:
                raise ModelError("too_big", what=info.filename, size=f"{info.file_size:,} bytes",
                                 limit=f"{limit:,} bytes")
            out[info.filename] = _read_member(archive, info, limit)
    return out


def _declared_members(data: bytes) -> int | None:
    """The member count the end-of-central-directory record declares (read before zipfile parses the
    whole directory, which takes seconds for 30,000 members), or None when there is no such record."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    return int.from_bytes(data[at + 10:at + 12], "little")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, stopping at ``limit`` whatever its header says (a zip bomb stops there; zipfile
    itself stops at the size the directory declares and checks the CRC)."""
    chunks, total = [], 0
    try:
        with archive.open(info) as member:
            while True:
                chunk = member.read(min(1 << 20, limit + 1 - total))
                if not chunk:
                    break
                total += len(chunk)
                if total > limit:
                    raise ModelError("too_big", what=info.filename, size=f"more than {limit:,} bytes",
                                     limit=f"{limit:,} bytes")
                chunks.append(chunk)
    except ModelError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError,
            IndexError, KeyError) as exc:
        raise ModelError("truncated", detail=f"{info.filename}: {type(exc).__name__}") from None
    return b"".join(chunks)


# ---------------------------------------------------------------------------------------------
# JSON

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)


def parse_json(raw: bytes | str, what: str, limit: int = MAX_CONFIG_BYTES) -> Any:
    """JSON text -> Python objects, refusing more than ``limit`` bytes or nesting deeper than MAX_JSON_DEPTH
    (measured before parsing, so a deep document cannot exhaust the parser's recursion)."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
    if len(data) > limit:
        raise ModelError("too_big", what=what, size=f"{len(data):,} bytes", limit=f"{limit:,} bytes")
    skeleton = _STRING.sub(b'""', data)
    marks = np.frombuffer(skeleton, np.uint8)
    steps = (np.isin(marks, (ord("{"), ord("["))).astype(np.int32)
             - np.isin(marks, (ord("}"), ord("]"))).astype(np.int32))
    if steps.size and int(np.cumsum(steps).max()) > MAX_JSON_DEPTH:
        raise ModelError("too_big", what=f"nesting of {what}", size="deeper", limit=f"{MAX_JSON_DEPTH} levels")
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ModelError("bad_config", detail=f"{what} is not valid JSON: {type(exc).__name__}") from None


# ---------------------------------------------------------------------------------------------
# HDF5


def open_hdf5(data: bytes):
    """An h5py File over the bytes (read-only, in memory); ModelError when HDF5 cannot read it."""
    import h5py  # noqa: PLC0415  (only here: the page that never opens a model never loads it)

    try:
        return h5py.File(io.BytesIO(data), "r")
    except Exception as exc:  # h5py raises OSError, ValueError, KeyError... for damaged files
        raise ModelError("truncated", detail=f"the HDF5 data cannot be read: {type(exc).__name__}") from None


def attr_text(obj, name: str) -> str | None:
    """A string attribute (bytes or str, scalar) or None; anything else is None."""
    try:
        if name not in obj.attrs:
            return None
        value = obj.attrs[name]
    except Exception:
        return None
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "SUO":
        value = value[()]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value if isinstance(value, str) else None


def attr_strings(obj, name: str) -> list[str]:
    """A 1-D attribute of strings (``weight_names``, ``layer_names``) as a list; [] when absent."""
    try:
        if name not in obj.attrs:
            return []
        value = obj.attrs[name]
    except Exception as exc:
        raise ModelError("truncated", detail=f"attribute {name}: {type(exc).__name__}") from None
    arr = np.asarray(value)
    if arr.size == 0:
        return []
    if arr.ndim != 1 or arr.size > 10_000:
        raise ModelError("bad_config", detail=f"attribute {name} is not a list of names")
    out = []
    for v in arr.tolist():
        if isinstance(v, bytes):
            v = v.decode("utf-8", "replace")
        if not isinstance(v, str):
            raise ModelError("bad_config", detail=f"attribute {name} is not a list of names")
        out.append(v)
    return out


@dataclass
class Budget:
    """Bytes of weights read so far, against MAX_WEIGHT_BYTES."""

    used: int = 0

    def spend(self, nbytes: int, layer: str) -> None:
        self.used += nbytes
        if self.used > MAX_WEIGHT_BYTES:
            raise ModelError("too_big", what=f"weights (at layer '{layer}')", size=f"{self.used:,} bytes",
                             limit=f"{MAX_WEIGHT_BYTES:,} bytes")


def hard_child(group, name: str):
    """``group[name]`` when it is a hard link inside this file, else None (soft and external links are
    never followed)."""
    import h5py  # noqa: PLC0415

    try:
        link = group.get(name, getlink=True)
    except Exception:
        return None
    if not isinstance(link, h5py.HardLink):
        return None
    try:
        return group[name]
    except Exception as exc:
        raise ModelError("truncated", detail=f"{name}: {type(exc).__name__}") from None


def is_group(obj) -> bool:
    import h5py  # noqa: PLC0415

    return isinstance(obj, h5py.Group)


def read_dataset(ds, layer: str, expected: tuple[int, ...] | None, budget: Budget) -> np.ndarray:
    """A float dataset as an array, after checking its dtype, its declared shape (against
    ``expected`` when given, and MAX_ELEMENTS) and its storage (no external files, no virtual data)."""
    import h5py  # noqa: PLC0415

    if not isinstance(ds, h5py.Dataset):
        raise ModelError("bad_weights", layer=layer, detail="a weight is not a dataset")
    try:
        shape, dtype = tuple(int(s) for s in ds.shape), ds.dtype
        external, virtual = ds.external, ds.is_virtual
    except Exception as exc:
        raise ModelError("truncated", detail=f"weights of '{layer}': {type(exc).__name__}") from None
    if external or virtual:
        raise ModelError("bad_weights", layer=layer, detail="weights stored outside the file")
    if dtype.kind != "f" or dtype.itemsize not in (2, 4, 8) or dtype.fields is not None or dtype.subdtype is not None:
        raise ModelError("bad_weights", layer=layer, detail=f"weights of dtype {dtype} (expected floats)")
    size = int(np.prod(shape, dtype=object)) if shape else 1
    if size > MAX_ELEMENTS:
        raise ModelError("too_big", what=f"a weight of layer '{layer}'", size=f"{size:,} elements",
                         limit=f"{MAX_ELEMENTS:,}")
    if expected is not None and shape != tuple(expected):
        raise ModelError("bad_weights", layer=layer, detail=f"a weight of shape {shape}, expected {tuple(expected)}")
    budget.spend(size * dtype.itemsize, layer)
    try:
        arr = np.asarray(ds[()])
    except Exception as exc:
        raise ModelError("truncated", detail=f"weights of '{layer}': {type(exc).__name__}") from None
    if arr.shape != shape:
        raise ModelError("bad_weights", layer=layer, detail="a weight whose data does not match its shape")
    if not np.all(np.isfinite(arr)):
        raise ModelError("bad_weights", layer=layer, detail="NaN or infinite weights")
    return arr
