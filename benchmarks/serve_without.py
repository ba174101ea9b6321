"""The server exactly as ``scripts/serve.py`` starts it, but with one of its fixes left out, named by
the environment variable ``LENS_WITHOUT``: ``tcp_nodelay`` (Nagle's algorithm left on, the
reference of ``benchmarks/bench_step_latency.py``), ``coalesce_wakeups`` (asyncio's event loop
woken once per message), ``batch_sends``
(one socket write and one loop turn per message), ``freeze_heap`` (the loaded modules left in every
full garbage collection), ``remember_theme`` (the theme's options scanned for on every run) or
``young_cycles`` (Python's default garbage collector thresholds): the last four are
``benchmarks/load_test.py --without``'s.
Not for serving anyone."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import serve  # noqa: E402

FIXES = ("tcp_nodelay", "coalesce_wakeups", "batch_sends", "freeze_heap", "remember_theme", "young_cycles")


def serve_without(argv: list[str], without: str) -> int:
    """``serve.main(argv)`` with the fix ``without`` left out ("" leaves none out); an unknown name
    stops with one sentence naming the choices."""
    if without and without not in FIXES:
        sys.exit(f"set LENS_WITHOUT to one of {', '.join(FIXES)} (got {without!r})")
    return serve.main(argv, **({without: False} if without else {}))


if __name__ == "__main__":
    without = os.environ.get("LENS_WITHOUT", "")
    if not without:
        sys.exit(f"set LENS_WITHOUT to one of {', '.join(FIXES)} (got {without!r})")
    sys.exit(serve_without(sys.argv[1:], without))
