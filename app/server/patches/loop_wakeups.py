"""One wake-up of the server's event loop per batch of messages, not one per message.

Why: every element a run draws reaches the event loop through ``call_soon_threadsafe``, which writes a
byte to the loop's self-pipe each time (~70 ``send`` calls per step), each a possible wake-up of the loop
thread competing with the run for the interpreter. A byte already in the pipe wakes the loop all the same.

:func:`install` makes the selector loop write a byte only when none is pending: ``_write_to_self`` sets a
flag and sends, or returns at once when it is set; the loop clears it once it has drained the pipe
(``_read_from_self``). No wake-up is lost: ``call_soon_threadsafe`` queues its callback before it writes,
so a writer that skipped has queued before the clear, and the loop runs its queue before it sleeps again.
The flag is cleared after draining, not before: a byte read between the two would leave the flag set with
the pipe empty, and every later writer would skip. Only loops created after :func:`install` coalesce.
"""

from __future__ import annotations

from asyncio import selector_events

from app.server.patches import contract

CONTRACT = contract.Contract("coalesce_wakeups", {
    "asyncio.selector_events:BaseSelectorEventLoop._make_self_pipe": "7c7ffe9f2a74b5f3",
    "asyncio.selector_events:BaseSelectorEventLoop._write_to_self": "0045f9b8e7d0f7e8",
    "asyncio.selector_events:BaseSelectorEventLoop._read_from_self": "3d0862528e7c81b5",
    "asyncio.base_events:BaseEventLoop.call_soon_threadsafe": "c0599a3dabcd5d70",
    "asyncio.base_events:BaseEventLoop._run_once": "26010ce11995894f",
}, selector_loop=True)

_Loop = selector_events.BaseSelectorEventLoop
_original = (_Loop._make_self_pipe, _Loop._write_to_self, _Loop._read_from_self)


def _make_self_pipe(self) -> None:
    self._lens_wakeup_pending = False
    _original[0](self)  # registers self._read_from_self, the patched one, as the pipe's reader
    self._lens_coalesce = True


def _write_to_self(self) -> None:
    if getattr(self, "_lens_coalesce", False):
        if self._lens_wakeup_pending:
            return  # a byte is in the pipe: the loop will wake and see the queued callback
        self._lens_wakeup_pending = True
    _original[1](self)


def _read_from_self(self) -> None:
    _original[2](self)
    self._lens_wakeup_pending = False  # after draining, not before (see the module's docstring)


def install() -> bool:
    """Patch asyncio's selector loop class (before the server's loop is created), when :data:`CONTRACT`
    holds; False when it does not (one line on stderr says why)."""
    def apply() -> None:
        _Loop._make_self_pipe, _Loop._write_to_self, _Loop._read_from_self = (
            contract.counted("coalesce_wakeups: make self-pipe", _make_self_pipe),
            contract.counted("coalesce_wakeups: write to self", _write_to_self),
            contract.counted("coalesce_wakeups: read from self", _read_from_self))

    return contract.install(CONTRACT, apply, installed)


def installed() -> bool:
    return contract.is_ours(_Loop._write_to_self, _write_to_self)
