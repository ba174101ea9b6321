"""Streamlit's theme settings read once per change of the configuration, not six times per run.

Why: at the start of every run, fragment runs (a timestep) included, Streamlit rebuilds the
``new_session`` message, and its six theme sections (``theme``, ``theme.light``, ``theme.dark``
and their ``.sidebar``) each come from ``config.get_options_for_section``: a scan of all 367 of
its options under the configuration's lock, 0.39 ms for the six. On the event loop, the thread that
delivers every student's messages, building the message was 0.7 ms of its 3.2 ms per timestep,
half of it these scans (py-spy ``--gil``, one person stepping; README, "Serving a class").

:func:`install` makes ``get_options_for_section`` remember a theme section's options (a copy
goes out each time, as before) until any option is set or the configuration is read again:
every value is written through ``ConfigOption.set_value``, which now counts its calls, and a
fresh read of the files replaces the option table, whose identity is checked. Other sections are
read as before.
"""

from __future__ import annotations

import threading
from typing import Any

from streamlit import config
from streamlit.config_option import ConfigOption

_REAL_GET = config.get_options_for_section
_REAL_SET_VALUE = ConfigOption.set_value

_lock = threading.Lock()
_generation = 0
"""How many option values have been set in this process (only its changes matter)."""
_remembered: dict[str, tuple[object, int, dict[str, Any]]] = {}
"""section -> (the option table it was read from, the generation then, its options)."""


def _set_value(self: ConfigOption, value: Any, where_defined: str | None = None) -> None:
    global _generation  # noqa: PLW0603
    with _lock:
        _generation += 1
    _REAL_SET_VALUE(self, value, where_defined)


def options_for_section(section: str) -> dict[str, Any]:
    """``config.get_options_for_section``, remembered for the ``theme`` sections."""
    if not section.startswith("theme"):
        return _REAL_GET(section)
    table, generation = config._config_options, _generation  # noqa: SLF001
    seen = _remembered.get(section)
    if seen is not None and seen[0] is table and seen[1] == generation and table is not None:
        return dict(seen[2])
    options = _REAL_GET(section)  # may read the files first (a first call), which sets values
    if config._config_options is table:  # noqa: SLF001  (read mid-reload: not remembered)
        _remembered[section] = (table, generation, options)
    return dict(options)


def install() -> None:
    """Patch Streamlit's configuration module; call it before the server starts."""
    ConfigOption.set_value = _set_value
    config.get_options_for_section = options_for_section


def installed() -> bool:
    return config.get_options_for_section is options_for_section and ConfigOption.set_value is _set_value
