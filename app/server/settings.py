"""The classroom server's operator settings, read from the environment once per process.

    LSTM_LENS_TRAINING_SLOTS   trainings at once (default 2); the rest wait, shown "queued"
    LSTM_LENS_TAB_TIMEOUT      seconds without a poll after which a closed tab's training stops
                               and frees its slot (default 30)

``scripts/serve.py`` refuses to start on a bad value with one line that names it; a module that
reads a setting on its own (a test, the headless command) falls back to the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: float
    minimum: float
    integer: bool
    meaning: str

    def parse(self, text: str) -> float:
        """The value of ``text``, or ValueError with one sentence that says what is wrong and what to do."""
        try:
            value = int(text) if self.integer else float(text)
        except ValueError:
            kind = "a whole number" if self.integer else "a number of seconds"
            raise ValueError(f"{self.name}={text!r} is not {kind}: set it to {self.meaning}, "
                             f"or unset it for the default ({self.default:g}).") from None
        if not value >= self.minimum:  # also refuses NaN
            raise ValueError(f"{self.name}={text!r} is below {self.minimum:g}: set it to {self.meaning}, "
                             f"or unset it for the default ({self.default:g}).")
        return value


TRAINING_SLOTS = Setting("LSTM_LENS_TRAINING_SLOTS", 2, 1, True, "how many trainings may run at once (1 or more)")
TAB_TIMEOUT = Setting("LSTM_LENS_TAB_TIMEOUT", 30.0, 2.0, False,
                      "the seconds after which a closed tab's training stops (2 or more)")
SETTINGS = (TRAINING_SLOTS, TAB_TIMEOUT)


def _read(setting: Setting, environ: dict[str, str] | None) -> tuple[float, str | None]:
    """(the value to use, the sentence saying why the environment's text was refused, or None)."""
    text = (os.environ if environ is None else environ).get(setting.name, "").strip()
    if not text:
        return setting.default, None
    try:
        return setting.parse(text), None
    except ValueError as exc:
        return setting.default, str(exc)


def value(setting: Setting, environ: dict[str, str] | None = None) -> float:
    """The setting from the environment; its default when unset or invalid (see :func:`problems`)."""
    return _read(setting, environ)[0]


def problems(environ: dict[str, str] | None = None) -> list[str]:
    """One sentence per setting whose environment value is invalid (empty when all are fine)."""
    return [problem for setting in SETTINGS if (problem := _read(setting, environ)[1])]
