"""Streamlit's theme settings read once per change of the configuration, not six times per run.

Why: at the start of every run, a timestep's fragment run included, Streamlit rebuilds its
``new_session`` message, whose six theme sections each come from ``config.get_options_for_section``, a
scan of all 367 options under the configuration's lock: on the event loop, the thread that delivers every
student's messages, half of the time it spent building that message.

:func:`install` makes ``get_options_for_section`` remember a theme section's options (a copy goes out each
time) until any option is set (every value goes through ``ConfigOption.set_value``, which now counts the
changes) or the configuration is read again (the option table is replaced: its identity is checked).
Other sections are read as before.
"""

from __future__ import annotations

import threading
from typing import Any

from streamlit import config
from streamlit.config_option import ConfigOption

from app.server.patches import contract

CONTRACT = contract.Contract("remember_theme", {
    "streamlit.config:get_options_for_section": "b206ff889d0f1202",
    "streamlit.config_option:ConfigOption.set_value": "05ce9be80740c72c",
    "streamlit.config:get_config_options": "76b63a00cc49a25c",
    "streamlit.config:_set_option": "4a0828cfbcb1a1c7",
    "streamlit.runtime.app_session:_populate_theme_msg": "08432201aabdb4fa",
})

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


def install() -> bool:
    """Patch Streamlit's configuration module (before the server starts) when :data:`CONTRACT` holds; False
    when it does not (one line on stderr says why)."""
    def apply() -> None:
        ConfigOption.set_value = contract.counted("remember_theme: set value", _set_value)
        config.get_options_for_section = contract.counted("remember_theme: options for section",
                                                          options_for_section)

    return contract.install(CONTRACT, apply, installed)


def installed() -> bool:
    return (contract.is_ours(config.get_options_for_section, options_for_section)
            and contract.is_ours(ConfigOption.set_value, _set_value))
