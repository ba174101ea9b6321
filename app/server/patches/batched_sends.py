"""A run's messages reach a browser a flush at a time, not one socket write and one loop turn each.

Why: Streamlit 1.67's event loop flushes a session's queued messages (one per element: 21 for a
timestep) one at a time, ``await asyncio.sleep(0)`` after each (``Runtime._loop_coroutine``),
and each session's sender task writes each message to the socket as soon as it gets it
(``StarletteSessionClient._sender``). So a timestep cost the loop thread about 21 ``send``
system calls and 21 turns of the loop, each turn an ``epoll_wait``. Every one of those lets go
of the interpreter lock; while another student's step is running, the loop thread then waits
for the lock again (up to Python's 5 ms switch interval each time), so a finished step's
messages trickled out behind the next step's run: the slowest 5% of steps spent 29-32 ms
between the end of their run and their last message sent (README, "A class of 30").

:func:`install` changes two things:

- the flush loop's ``sleep(0)`` after each message returns at once (the pause between flush
  cycles, ``MESSAGE_FLUSH_INTERVAL_SECS``, stays): the loop queues every session's messages,
  then lets the senders run;
- each sender takes everything queued and writes all of its websocket frames to the socket at
  once: uvicorn frames each message as before, but while :data:`_CORK` is set in the sender's
  task its transport's writes are collected, then written joined (``_SelectorSocketTransport``'s
  ``write``, which does nothing else differently).

The bytes on the wire are the same frames in the same order; only their grouping into system
calls changes. One person stepping: the socket writes per step drop from ~21 to ~2 (one per flush
cycle: Streamlit flushes every 5 ms while a run is drawing). Measured under a class's load in
``benchmarks/load_test.py --without batch_sends`` (README, "A class of 30").
"""

from __future__ import annotations

import asyncio
import contextvars
import types
from asyncio import selector_events

from streamlit.web.server.starlette import starlette_websocket
import streamlit.runtime.runtime as streamlit_runtime

_Transport = selector_events._SelectorSocketTransport  # noqa: SLF001  (asyncio's TCP transport)
_Client = starlette_websocket.StarletteSessionClient
_REAL_WRITE = _Transport.write

_CORK: contextvars.ContextVar[dict | None] = contextvars.ContextVar("lens_cork", default=None)
"""Set only inside a sender task while it frames a batch: transport -> the bytes it was asked to write."""


def _write(self, data) -> None:
    corked = _CORK.get()
    if corked is None:
        _REAL_WRITE(self, data)
    else:
        corked.setdefault(self, []).append(bytes(data))


async def _batched_sender(self) -> None:
    """``StarletteSessionClient._sender``, one socket write for whatever is queued."""
    from starlette.websockets import WebSocketDisconnect

    try:
        while True:
            batch = [await self._send_queue.get()]
            while not self._send_queue.empty():
                batch.append(self._send_queue.get_nowait())
            corked: dict = {}
            token = _CORK.set(corked)
            try:
                for payload in batch:
                    await self._websocket.send_bytes(payload)
            finally:
                _CORK.reset(token)
                for transport, chunks in corked.items():  # one transport: this session's socket
                    transport.write(b"".join(chunks))
    except WebSocketDisconnect:
        pass
    except Exception:  # noqa: BLE001  (as Streamlit's own sender: log, and mark the client closed)
        starlette_websocket._LOGGER.exception("Error sending websocket payload")  # noqa: SLF001
    finally:
        self._closed.set()


class _NoTickAsyncio(types.ModuleType):
    """``asyncio`` as Streamlit's runtime module sees it, whose ``sleep(0)`` does not give up a loop turn."""

    def __getattr__(self, name: str):
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result=None):
        if delay == 0:
            return result
        return await asyncio.sleep(delay, result)


def install() -> None:
    """Patch the transport, the sender and the flush loop; call it before the server starts."""
    _Transport.write = _write
    _Client._sender = _batched_sender  # noqa: SLF001
    streamlit_runtime.asyncio = _NoTickAsyncio("asyncio")


def installed() -> bool:
    return (_Transport.write is _write and _Client._sender is _batched_sender  # noqa: SLF001
            and isinstance(streamlit_runtime.asyncio, _NoTickAsyncio))
