"""The contract every patch of Streamlit's or asyncio's internals keeps: it installs only over the code it
was written for.

A patch states the Streamlit version it was written against and a fingerprint of the source of every
function it replaces or relies on (:class:`Contract`). :func:`install` checks them, and for a patch of
asyncio's selector event loop that the server will run on that loop (Streamlit 1.67 runs on uvloop when
uvloop is installed). When anything differs the patch stays out, one line on stderr says which and why,
and the server runs on Streamlit's own code. ``tests/server/patches/test_contract.py`` fails when a
recorded fingerprint no longer matches the installed versions: read the new code, then record it.

With ``LENS_PATCH_CALLS=<file>`` in the environment (tests only), each replacement installed through
:func:`counted` counts its calls, and the counts are written to that file as JSON every 0.2 s.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import importlib
import importlib.util
import inspect
import json
import os
import sys
import textwrap
import threading
import time
from asyncio import selector_events
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata
from typing import Any, TypeVar

COUNT_CALLS = "LENS_PATCH_CALLS"
"""Environment variable: the file a server writes each replacement's call count to (tests only)."""

STREAMLIT = "1.67.0"
"""The Streamlit version every patch here was written against (requirements.txt pins it)."""

LOOP_CHOICE = {
    "streamlit.web.bootstrap:_run_server_loop": "43b61a599aa07ff0",
    "streamlit.web.bootstrap:_get_uvloop_loop_factory": "50de622cbe06b478",
}
"""Where Streamlit picks its event loop: what a patch of the selector loop relies on besides its own targets."""

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Contract:
    """What a patch was written for.

    patch: its name (the launcher's switch, e.g. ``"batch_sends"``); sources: ``"module:Qual.name"`` ->
    :func:`fingerprint` of every function it replaces or relies on; selector_loop: it changes asyncio's
    selector event loop or its transports, so it means nothing on another loop.
    """

    patch: str
    sources: Mapping[str, str]
    selector_loop: bool = False
    streamlit: str = STREAMLIT


def resolve(target: str) -> Any:
    """The object ``"module:Qual.name"`` names (a function, a method through its class)."""
    module, _, qualname = target.partition(":")
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def fingerprint(function: Any) -> str:
    """The first 16 hex digits of the sha256 of ``function``'s source, dedented, trailing spaces and blank
    lines left out (a wrapper made with ``functools.wraps`` reads as what it wraps)."""
    source = textwrap.dedent(inspect.getsource(function))
    lines = [line.rstrip() for line in source.splitlines() if line.strip()]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def uvloop_present() -> bool:
    """Whether Streamlit would find uvloop (it then runs the server on uvloop's loop)."""
    if "uvloop" in sys.modules:
        return sys.modules["uvloop"] is not None
    return importlib.util.find_spec("uvloop") is not None


def loop_problem() -> str | None:
    """Why the server's event loop is not asyncio's selector loop, or None when it is."""
    if uvloop_present():
        return "uvloop is installed and Streamlit serves on its event loop, not on asyncio's selector loop"
    loop_class = getattr(asyncio.get_event_loop_policy(), "_loop_factory", None)
    if not (isinstance(loop_class, type) and issubclass(loop_class, selector_events.BaseSelectorEventLoop)):
        return f"the event loop is {getattr(loop_class, '__name__', loop_class)}, not asyncio's selector loop"
    return None


def problem(contract: Contract) -> str | None:
    """Why ``contract`` does not hold here (the first difference found), or None when it holds."""
    try:
        installed = metadata.version("streamlit")
    except metadata.PackageNotFoundError:
        installed = "not installed"
    if installed != contract.streamlit:
        return f"it was written for Streamlit {contract.streamlit} and this is {installed}"
    if contract.selector_loop and (reason := loop_problem()):
        return reason
    relied_on = {**(LOOP_CHOICE if contract.selector_loop else {}), **contract.sources}
    for target, expected in relied_on.items():
        try:
            function = resolve(target)
        except (ImportError, AttributeError) as exc:
            return f"{target} is not there ({type(exc).__name__})"
        try:
            found = fingerprint(function)
        except (OSError, TypeError) as exc:
            return f"{target} has no source to check ({type(exc).__name__})"
        if found != expected:
            return f"{target} is not the code it was written for (fingerprint {found}, recorded {expected})"
    return None


def install(contract: Contract, apply: Callable[[], None], installed: Callable[[], bool]) -> bool:
    """``apply()`` when ``contract`` holds, and True; else one line on stderr and False. True at once when
    ``installed()`` says the patch is in already (a second call would see its own code, not Streamlit's)."""
    if installed():
        return True
    reason = problem(contract)
    if reason is not None:
        print(f"LSTM Lens: patch {contract.patch} skipped: {reason}; the server runs on Streamlit's own code "
              "there.", file=sys.stderr, flush=True)
        return False
    apply()
    return True


def is_ours(current: Any, replacement: Any) -> bool:
    """Whether ``current`` is ``replacement`` or :func:`counted`'s wrapper of it."""
    return current is replacement or getattr(current, "__wrapped__", None) is replacement


_calls: dict[str, int] = {}
_writer: list[threading.Thread] = []


def counted(name: str, replacement: F) -> F:
    """``replacement``, or with :data:`COUNT_CALLS` set, a wrapper that counts its calls as ``name``."""
    path = os.environ.get(COUNT_CALLS)
    if not path:
        return replacement
    _calls.setdefault(name, 0)
    if not _writer:
        _writer.append(threading.Thread(target=_write_counts, args=(path,), name="patch-calls", daemon=True))
        _writer[0].start()
    if inspect.iscoroutinefunction(replacement):
        @functools.wraps(replacement)
        async def counting_coroutine(*args, **kwargs):
            _calls[name] += 1
            return await replacement(*args, **kwargs)
        return counting_coroutine  # type: ignore[return-value]

    @functools.wraps(replacement)
    def counting(*args, **kwargs):
        _calls[name] += 1
        return replacement(*args, **kwargs)
    return counting  # type: ignore[return-value]


def _write_counts(path: str) -> None:
    while True:
        with open(path + ".tmp", "w") as f:
            json.dump(dict(_calls), f)
        os.replace(path + ".tmp", path)
        time.sleep(0.2)
