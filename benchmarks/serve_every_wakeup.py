"""The server exactly as ``scripts/serve.py`` starts it, but with asyncio's event loop woken once per
message (app/loop_wakeups.py not installed): the reference of ``benchmarks/bench_loop_wakeups.py``.
Not for serving anyone."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import serve  # noqa: E402

if __name__ == "__main__":
    sys.exit(serve.main(sys.argv[1:], coalesce_wakeups=False))
