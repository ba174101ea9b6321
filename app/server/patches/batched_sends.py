"""A run's messages reach a browser a flush at a time, not one socket write and one loop turn each.

Why: Streamlit's flush loop sends a session's queued messages (21 for a timestep) one at a time with
``await asyncio.sleep(0)`` after each, and each session's sender writes each to the socket at once: 21
system calls and loop turns per step, each letting go of the interpreter, so under a class a finished
step's messages trickled out behind the next step's run. Without it the class's slowest steps wait longer.

:func:`install` makes the flush loop's ``sleep(0)`` return at once, and each sender write everything
queued in one ``transport.write`` (uvicorn still frames each message: the bytes are the same frames in the
same order). Figures: docs/performance.md.
"""

from __future__ import annotations

import asyncio
import contextvars
import types
from asyncio import selector_events

from streamlit.web.server.starlette import starlette_websocket
import streamlit.runtime.runtime as streamlit_runtime

from app.server.patches import contract

CONTRACT = contract.Contract("batch_sends", {
    "streamlit.web.server.starlette.starlette_websocket:StarletteSessionClient._sender": "ae7fd60c91ddb698",
    "streamlit.web.server.starlette.starlette_websocket:StarletteSessionClient.__init__": "f199bb65356969de",
    "streamlit.runtime.runtime:Runtime._loop_coroutine": "e9b4f07294e8a8b5",
    "asyncio.selector_events:_SelectorSocketTransport.write": "239e0e3e39510285",
}, selector_loop=True)

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


async def _sleep_keeping_the_turn(delay: float, result=None):
    """``asyncio.sleep``, except that ``sleep(0)`` returns at once instead of giving up a loop turn."""
    if delay == 0:
        return result
    return await asyncio.sleep(delay, result)


class _NoTickAsyncio(types.ModuleType):
    """``asyncio`` as Streamlit's runtime module sees it, with its own ``sleep``."""

    def __init__(self, sleep) -> None:
        super().__init__("asyncio")
        self.sleep = sleep

    def __getattr__(self, name: str):
        return getattr(asyncio, name)


def install() -> bool:
    """Patch the transport, the sender and the flush loop (before the server starts), when :data:`CONTRACT`
    holds; False when it does not (one line on stderr says why)."""
    def apply() -> None:
        _Transport.write = contract.counted("batch_sends: transport write", _write)
        _Client._sender = contract.counted("batch_sends: sender", _batched_sender)  # noqa: SLF001
        streamlit_runtime.asyncio = _NoTickAsyncio(contract.counted("batch_sends: flush sleep",
                                                                    _sleep_keeping_the_turn))

    return contract.install(CONTRACT, apply, installed)


def installed() -> bool:
    return (contract.is_ours(_Transport.write, _write)
            and contract.is_ours(_Client._sender, _batched_sender)  # noqa: SLF001
            and isinstance(streamlit_runtime.asyncio, _NoTickAsyncio))
