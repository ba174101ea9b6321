"""Importing TensorFlow (and Keras on it) without its start-up lines on stderr.

TensorFlow logs through abseil, and until ``absl::InitializeLog()`` is called (TensorFlow never
calls it) abseil writes every message to stderr whatever ``TF_CPP_MIN_LOG_LEVEL`` says::

    WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
    I0000 00:00:1796595464.822929   23361 port.cc:153] oneDNN custom operations are on. ...
    I0000 00:00:1796595464.824539   23361 cudart_stub.cc:31] Could not find cuda drivers on your machine, ...

once for each of TensorFlow's two native libraries, while ``import tensorflow`` runs (nothing
more is written while a model trains). No environment variable stops them (abseil only drops a
message below its threshold once initialised). So :func:`quiet_import` runs the import with file
descriptor 2 pointed at a temporary file, then drops the lines abseil wrote at INFO or WARNING level
and writes whatever else came (an error, a Python traceback, another thread's line) to stderr as it
was. TensorFlow's later C++ messages follow ``TF_CPP_MIN_LOG_LEVEL``, 3 unless set (fatal ones
only: with ``CUDA_VISIBLE_DEVICES=""`` the first operation logs "E0000 ... failed call to cuInit",
an error only in name; a real failure reaches Python as an exception); its Python loggers are set
to errors only.

The command (``python -m lstm_core forecast --json``) and the training processes (the fork server's
preload, a spawned training) import Keras only through here, so a script reading stderr gets only
the command's own one-line errors.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import re
import sys
import tempfile
import threading
from types import ModuleType

ABSL_NOISE = re.compile(
    r"(WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR"
    r"|[IW]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [\w.+-]+:\d+\] .*)\r?\n?"
)
"""A line abseil writes at INFO (I) or WARNING (W) level, or its notice that it is not initialised."""

_LOCK = threading.Lock()


def quiet_import(name: str) -> ModuleType:
    """``importlib.import_module(name)`` ("tensorflow" or "keras") with TensorFlow's start-up lines
    kept off stderr (module docstring). A module already imported is returned as it is."""
    if name in sys.modules:
        return sys.modules[name]
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with _LOCK:
        with _abseil_start_up_dropped():
            module = importlib.import_module(name)
    for logger in ("tensorflow", "absl", "h5py"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    return module


def drop_noise(text: str) -> str:
    """``text`` without abseil's INFO and WARNING lines (see :data:`ABSL_NOISE`)."""
    return "".join(line for line in text.splitlines(keepends=True) if not ABSL_NOISE.fullmatch(line))


@contextlib.contextmanager
def _abseil_start_up_dropped():
    """Run the body with fd 2 in a temporary file; then write back to fd 2 all but abseil's noise."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no fd 2 (a closed stderr): nothing to keep clean
        yield
        return
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        try:
            yield
        finally:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            rest = drop_noise(captured.read().decode("utf-8", errors="replace"))
            if rest:
                os.write(2, rest.encode("utf-8"))
