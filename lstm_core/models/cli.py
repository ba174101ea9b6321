"""``python -m lstm_core trace MODEL_FILE (--input FILE.csv [--columns A,B] | --values "v1, v2") [--out trace.npz] [--json]``.

Opens a Keras model file as data (:func:`lstm_core.models.open_model`, no TensorFlow), builds the
sequence it takes from a CSV (the project's reader: numeric columns picked in order, or the ones
named) or from typed values, traces every recurrent layer and writes the NPZ (keys
``"<layer path>/<quantity>"``, arrays (T, units) in input time order) and/or prints the layers
found. A refused or unreadable file, or an input that does not fit, exits with status 2 and one
sentence on stderr.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from pathlib import Path

import numpy as np

from lstm_core.models.api import ModelTrace, OpenedModel
from lstm_core.models.errors import ModelError

EXIT_BAD_INPUT = 2


def add_trace_parser(commands) -> argparse.ArgumentParser:
    """The ``trace`` subcommand on an argparse ``add_subparsers`` object."""
    tr = commands.add_parser("trace", help="trace every recurrent layer of a Keras model file on a sequence")
    tr.add_argument("model", help="a Keras model file: .keras, .h5 or .hdf5 (read as data, never loaded by Keras)")
    source = tr.add_mutually_exclusive_group()
    source.add_argument("--input", help="CSV file with the sequence: one row per step")
    source.add_argument("--values", help="the sequence typed: 'v1, v2, ...' (several features per step: "
                                         "steps separated by ';', e.g. '1 2; 3 4')")
    tr.add_argument("--columns", help="with --input: the CSV columns to use, in order (default: the first numeric ones)")
    tr.add_argument("--out", help="write the trace here as .npz (keys '<layer>/<quantity>')")
    tr.add_argument("--json", action="store_true", help="print the layers found (and the trace's steps) as JSON")
    return tr


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _typed(text: str, model: OpenedModel) -> np.ndarray:
    """'v1, v2, ...' (or rows split by ';') -> the values as an array."""
    rows = [r for r in text.split(";") if r.strip()]
    cells = [[c for c in re.split(r"[,\s]+", r.strip()) if c] for r in rows]
    try:
        numbers = [[float(c) for c in row] for row in cells]
    except ValueError as exc:
        raise ModelError("input_values", detail=str(exc)) from None
    if len(rows) > 1:
        if len({len(r) for r in numbers}) != 1:
            raise ModelError("input_shape", expected="the same number of values in every step", got="rows of different lengths")
        return np.asarray(numbers, np.float64)
    flat = np.asarray(numbers[0] if numbers else [], np.float64)
    spec = model.input
    if spec.kind == "float" and not spec.windowed and len(spec.shape) == 2 and spec.features > 1:
        if flat.size % spec.features:
            raise ModelError("input_shape", expected=f"{spec.features} values per step", got=f"{flat.size} values")
        return flat.reshape(-1, spec.features)
    return flat


def _from_csv(path: Path, columns: str | None, model: OpenedModel) -> np.ndarray:
    from lstm_core.data import read_table  # noqa: PLC0415  (pandas only when a CSV is read)

    table = read_table(path.read_bytes())
    spec = model.input
    wanted = 1 if spec.kind == "tokens" or spec.windowed or len(spec.shape) != 2 else spec.features
    numeric = [n for n in table.numeric if n != table.date_column]
    if columns:
        names = [c.strip() for c in columns.split(",") if c.strip()]
        missing = [n for n in names if n not in table.numeric]
        if missing:
            raise ModelError("input_shape", expected=f"numeric columns among {numeric}", got=f"{missing}")
    else:
        names = numeric[:wanted]
    if len(names) != wanted:
        raise ModelError("input_shape", expected=f"{wanted} numeric column(s)", got=f"{len(names)} ({names})")
    values = np.column_stack([table.numeric[n] for n in names]).astype(np.float64)
    if not np.all(np.isfinite(values)):
        raise ModelError("input_values", detail="empty or unreadable cells in the chosen columns")
    return values[:, 0] if wanted == 1 and (spec.kind == "tokens" or spec.windowed or spec.features == 1) else values


def _sequence(values: np.ndarray, model: OpenedModel) -> np.ndarray:
    spec = model.input
    if spec.kind == "tokens":
        if not np.all(values == np.round(values)):
            raise ModelError("input_values", detail="token ids must be whole numbers")
        return values.reshape(-1).astype(np.int64)
    if spec.windowed:
        x = model.windows(values.reshape(-1))
        print(f"note: the model takes one step of {spec.features} values; the series was cut into {len(x)} "
              f"overlapping windows, each traced on its own from a zero state (row n of the trace is window n)",
              file=sys.stderr)
        return x
    if len(spec.shape) == 2 and values.ndim == 1:
        return values[:, None] if spec.features == 1 else values
    return values


def trace_command(args: argparse.Namespace) -> int:
    from lstm_core.models.reader import open_model  # noqa: PLC0415

    path = Path(args.model)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _fail(f"cannot read {path} ({exc.strerror or exc}): check the path")
    if args.columns and not args.input:
        return _fail("--columns goes with --input FILE.csv")
    try:
        model = open_model(data, path.name)
        trace, arrays, steps = None, {}, None
        if args.input or args.values is not None:
            if args.input:
                try:
                    values = _from_csv(Path(args.input), args.columns, model)
                except OSError as exc:
                    return _fail(f"cannot read {args.input} ({exc.strerror or exc}): check the path")
            else:
                values = _typed(args.values, model)
            x = _sequence(values, model)
            if model.input.windowed:
                windows = model.trace_windows(x)
                trace, arrays = windows[0], ModelTrace.stacked_arrays(windows)
                steps = len(windows)
            else:
                trace = model.trace(x)
                arrays, steps = trace.arrays(), None
        elif not args.json:
            return _fail("give the sequence with --input FILE.csv or --values \"v1, v2, ...\" (or --json to list the layers)")
    except ModelError as exc:
        return _fail(str(exc))
    except ValueError as exc:  # the CSV reader's DataError and the like: one sentence each
        return _fail(str(exc))
    shown = tuple(n for n in model.notes if not (trace is not None and model.input.windowed and "window" in n))
    for note in shown + (trace.notes if trace is not None else ()):
        print(f"note: {note}", file=sys.stderr)
    if args.out and trace is not None:
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        try:
            Path(args.out).write_bytes(buffer.getvalue())
        except OSError as exc:
            return _fail(f"cannot write {args.out} ({exc.strerror or exc})")
    layers = trace.summary() if trace is not None else model.summary()
    if trace is not None and steps is not None:
        layers = [{**d, "steps": steps} for d in layers]
    if args.json:
        print(json.dumps({"model": model.name, "source": model.source, "input": _input(model),
                          "layers": layers, "notes": list(model.notes) + list(trace.notes if trace else ())}))
        return 0
    print(f"{model.name} ({model.source}): {len(model.layers)} recurrent layer(s)")
    for d in layers:
        acts = d["activation"] + (f"/{d['recurrent_activation']}" if d["recurrent_activation"] else "")
        ran = f", {d['steps']} steps" if "steps" in d else ""
        print(f"  {d['path']:<28} {d['kind']:<5} {d['units']:>5} units, input {d['input_size']}{ran}, {acts}, "
              f"fed by {' <- '.join(d['feeds_from']) or 'the input'}")
    if args.out and trace is not None:
        print(f"wrote {args.out}")
    return 0


def _input(model: OpenedModel) -> dict:
    spec = model.input
    return {"kind": spec.kind, "steps": spec.steps, "features": spec.features, "vocab": spec.vocab,
            "windowed": spec.windowed, "shape": list(spec.shape)}
