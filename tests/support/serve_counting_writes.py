"""``scripts/serve.py`` that also counts the socket writes of asyncio's TCP transports (every
``_SelectorSocketTransport.write`` that reaches the socket) and prints ``socket writes: N`` to its
log on SIGUSR2. ``LENS_WITHOUT=batch_sends`` serves without app/server/patches/batched_sends.py. Only for
tests/server/patches/test_batched_sends.py."""

import functools
import os
import signal
import sys
from asyncio import selector_events
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

WRITES = [0]
_write = selector_events._SelectorSocketTransport.write


@functools.wraps(_write)  # reads as asyncio's own to the batch_sends patch's contract
def counted_write(self, data):
    WRITES[0] += 1
    _write(self, data)


# before serve imports app.server.patches.batched_sends, which keeps the transport's write it finds as the real one
selector_events._SelectorSocketTransport.write = counted_write
signal.signal(signal.SIGUSR2, lambda *_: print(f"socket writes: {WRITES[0]}", flush=True))

import serve  # noqa: E402

if __name__ == "__main__":
    sys.exit(serve.main(sys.argv[1:], batch_sends=os.environ.get("LENS_WITHOUT") != "batch_sends"))
