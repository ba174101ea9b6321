"""Where a layer's weights are in a model file, and reading them within the file's budget.

Keras 3's ``model.weights.h5`` keeps each layer's variables at a path made of the snake-case class
names of the layers of each (nested) model, numbered in order (``layers/lstm_1/cell/vars/0``), not
their names: the group's ``name`` attribute, when present, is checked against the layer's name. A
legacy ``.h5`` keeps them under ``model_weights/<layer name>`` with a ``weight_names`` list, matched
by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from lstm_core.models.archive import MAX_ELEMENTS, Budget, attr_strings, attr_text, hard_child, is_group, read_dataset
from lstm_core.models.errors import ModelError


def to_snake_case(name: str) -> str:
    """Keras' ``naming.to_snake_case`` (the weights file's group names)."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


@dataclass(frozen=True)
class Where:
    """A layer's weights: Keras 3 ``path`` in model.weights.h5, or a legacy file's top-level group
    ``group`` and, for a layer of a nested model, its ``inner`` name."""

    path: str = ""
    group: str = ""
    inner: str | None = None


class Weights:
    """Reads layers' variables from a Keras 3 weights file or a legacy .h5's model_weights group."""

    def __init__(self, root, legacy: bool) -> None:
        self.root, self.legacy, self.budget = root, legacy, Budget()
        self._names: dict[str, list[str]] = {}

    def fetch(self, where: Where, layer: str, names: list[str], shapes: list[tuple], sub: str | None = None,
              optional: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
        """The variables ``names`` (with ``shapes``, None where free) of a layer; ``sub``: "cell",
        "forward_layer/cell", "backward_layer/cell" or "layer" (Keras 3), "forward"/"backward" (legacy).
        ``optional`` names may be absent (Normalization's count) and are never read."""
        for shape in shapes:
            known = [s for s in shape if s is not None]
            if known and int(np.prod(known, dtype=object)) > MAX_ELEMENTS:
                raise ModelError("too_big", what=f"a weight of layer '{layer}'", size=f"{shape}",
                                 limit=f"{MAX_ELEMENTS:,} elements")
        return self._legacy(where, layer, names, shapes, sub, optional) if self.legacy \
            else self._keras3(where, layer, names, shapes, sub, optional)

    def _read(self, ds, layer: str, shape: tuple) -> np.ndarray:
        try:
            actual = tuple(ds.shape)
        except Exception:
            raise ModelError("bad_weights", layer=layer, detail="a weight is not a dataset") from None
        if len(actual) != len(shape) or any(e is not None and e != a for e, a in zip(shape, actual)):
            raise ModelError("bad_weights", layer=layer, detail=f"a weight of shape {actual}, expected "
                             f"{tuple('?' if s is None else s for s in shape)}")
        return read_dataset(ds, layer, actual, self.budget)

    def _group(self, path: str, layer: str):
        node = self.root
        for part in [p for p in path.split("/") if p]:
            node = hard_child(node, part) if is_group(node) else None
            if node is None:
                raise ModelError("bad_weights", layer=layer, detail=f"no weights at {path}")
        return node

    def _keras3(self, where, layer, names, shapes, sub, optional):
        base = where.path + (f"/{sub}" if sub else "")
        group = self._group(base + "/vars", layer)
        owner = self._group(where.path + "/vars", layer)
        recorded = attr_text(owner, "name")
        if recorded is not None and recorded != layer:
            raise ModelError("bad_weights", layer=layer, detail=f"the weights at {where.path} belong to '{recorded}'")
        try:
            count = len(group.keys())
        except Exception:
            raise ModelError("truncated", detail=f"weights of '{layer}'") from None
        wanted = len(names) + len(optional)
        if count not in (len(names), wanted):
            raise ModelError("bad_weights", layer=layer, detail=f"{count} variables, expected {len(names)}")
        out = {}
        for k, (name, shape) in enumerate(zip(names, shapes)):
            ds = hard_child(group, str(k))
            if ds is None:
                raise ModelError("bad_weights", layer=layer, detail=f"variable {k} is missing")
            out[name] = self._read(ds, layer, shape)
        return out

    def _weight_names(self, group_name: str, layer: str) -> list[str]:
        if group_name not in self._names:
            group = hard_child(self.root, group_name) if is_group(self.root) else None
            if group is None or not is_group(group):
                raise ModelError("bad_weights", layer=layer, detail="no weights for this layer in the file")
            self._names[group_name] = attr_strings(group, "weight_names")
        return self._names[group_name]

    def _legacy(self, where, layer, names, shapes, sub, optional):
        listed = self._weight_names(where.group, layer)
        candidates = []
        for full in listed:
            parts = full.split("/")
            var = parts[-1].split(":")[0]
            scope = parts[:-1]
            if where.inner is not None and where.inner not in scope:
                continue
            if sub in ("forward", "backward") and not any(p.startswith(sub + "_") for p in scope):
                continue
            candidates.append((var, full))
        group = self._group(where.group, layer)
        out = {}
        for name, shape in zip(names, shapes):
            found = [full for var, full in candidates if var == name]
            if len(found) != 1:
                detail = "is missing" if not found else "appears more than once"
                raise ModelError("bad_weights", layer=layer, detail=f"weight '{name}' {detail}")
            ds = group
            for part in found[0].split("/"):
                ds = hard_child(ds, part) if is_group(ds) else None
                if ds is None:
                    raise ModelError("bad_weights", layer=layer, detail=f"weight '{found[0]}' is missing")
            out[name] = self._read(ds, layer, shape)
        return out
