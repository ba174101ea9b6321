"""The server as ``scripts/serve.py`` starts it (or, with ``LENS_WITHOUT``, as ``benchmarks/serve_without.py``
does), every garbage collection logged: a JSON list of ``[generation, start, seconds, collected]``
(``time.monotonic()``, which every process on the machine shares) rewritten every second to the file
named by ``LENS_GC_LOG``. For ``benchmarks/bench_gc_class.py``. Not for serving anyone.

The top level imports only the standard library, as ``scripts/serve.py``'s: a training process
spawned from the server imports this file again."""

import gc
import json
import os
import sys
import threading
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent


def log_collections(path: str) -> None:
    """Append every collection to a list (``gc.callbacks``); a thread writes it to ``path`` every second."""
    collections: list[list] = []
    started: list[float] = [0.0]

    def on_collect(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.monotonic()
        else:
            collections.append([info["generation"], started[0], time.monotonic() - started[0], info["collected"]])

    def write() -> None:
        while True:
            time.sleep(1.0)
            with open(path + ".tmp", "w") as f:
                json.dump(list(collections), f)
            os.replace(path + ".tmp", path)

    gc.callbacks.append(on_collect)
    threading.Thread(target=write, name="gc-log", daemon=True).start()


if __name__ == "__main__":
    sys.path.insert(0, str(BENCHMARKS))
    from serve_without import serve_without

    log_collections(os.environ["LENS_GC_LOG"])
    sys.exit(serve_without(sys.argv[1:], os.environ.get("LENS_WITHOUT", "")))
