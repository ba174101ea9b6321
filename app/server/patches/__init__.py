"""Patches of Streamlit's and asyncio's internals, each installed only over the code it was written for
(:mod:`app.server.patches.contract`). :data:`PATCHES` names them by the launcher's switches."""

from __future__ import annotations

import importlib

PATCHES = {
    "tcp_nodelay": "app.server.patches.server_socket",
    "coalesce_wakeups": "app.server.patches.loop_wakeups",  # before Streamlit creates its event loop
    "batch_sends": "app.server.patches.batched_sends",
    "remember_theme": "app.server.patches.theme_sections",
}
"""Switch -> the module whose ``install()`` puts the patch in (True) or says why not (False), in install order."""


def install(leave_out: set[str]) -> dict[str, bool | None]:
    """Install every patch but those in ``leave_out``: switch -> installed (True), skipped by its contract
    (False), left out (None)."""
    return {name: None if name in leave_out else importlib.import_module(module).install()
            for name, module in PATCHES.items()}


def summary(results: dict[str, bool | None]) -> str:
    """One line for the server's log: which patches are in, which were skipped, which left out."""
    parts = [f"{label}: {', '.join(names)}" for label, value in (("installed", True), ("skipped", False),
                                                                 ("left out", None))
             if (names := [name for name, got in results.items() if got is value])]
    return "LSTM Lens: server patches " + "; ".join(parts or ["none"]) + "."
