"""The forecast's settings: one object, one set of defaults, shared by the page, the command and the trainer.

:class:`ForecastSettings` is what a person may set; ``None`` (``...`` for the season) means
"choose for this series". :func:`lstm_core.forecasting.pipeline.resolve_settings` makes every
choice concrete and returns a :class:`Resolved`: the same fields, all concrete, plus the chosen
transform and why. The Keras trainer (:mod:`lstm_core.keras_bridge.training`) reads a
:class:`Resolved` (or any settings whose ``window`` and ``rollout`` are whole numbers).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from lstm_core.data import DataError
from lstm_core.forecasting.transforms import TransformSpec

WHOLE_NUMBER_LIMITS: dict[str, tuple[str, int, int]] = {
    "window": ("window", 1, 500),
    "units": ("units", 1, 256),
    "layers": ("layers", 1, 4),
    "epochs": ("epochs", 1, 5000),
    "batch_size": ("batch size", 1, 4096),
    "patience": ("patience", 1, 5000),
    "seed": ("seed", 0, 2**31 - 1),
    "members": ("ensemble size", 1, 20),
    "rollout": ("rollout steps", 1, 100),
}
"""field -> (its name in a sentence, lowest, highest) for the settings that are whole numbers."""


@dataclass(frozen=True)
class ForecastSettings:
    """What the person may set, with the page's and the command's defaults.

    window: timesteps the network reads; units: LSTM units per layer; layers: stacked LSTM layers;
    dropout: input dropout of each LSTM layer; members: networks averaged (an ensemble over seeds);
    l2: weight decay on every kernel, shared out among the members (pulls the forecast toward the
    series' mean change); validation_fraction: share of the training windows (the most recent) kept
    to watch over-fitting; rollout: steps the loss follows the network's own forecasts (see
    :func:`lstm_core.forecasting.pipeline.default_rollout`).
    """

    window: int | None = None
    holdout: int | None = None
    horizon: int | None = None
    season_length: int | None | type = ...
    log: bool | None = None
    seasonal_diff: bool | None = None
    difference: bool | None = None
    deseason: bool | None = None  # subtract a fixed seasonal profile instead of seasonal differencing
    scaling: str = "standard"
    units: int = 8
    layers: int = 1
    dropout: float = 0.0
    epochs: int = 100
    batch_size: int = 128
    learning_rate: float = 0.01
    l2: float = 0.1
    early_stopping: bool = False
    patience: int = 30
    seed: int = 0
    members: int = 3
    rollout: int | None = None
    validation_fraction: float = 0.15


DEFAULTS = ForecastSettings()


@dataclass(frozen=True)
class Resolved(ForecastSettings):
    """Every setting made concrete for one series, the transform chosen and why (``reasons``)."""

    transform: TransformSpec = TransformSpec()
    reasons: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        out = dataclasses.asdict(self)
        out["transform"] = dataclasses.asdict(self.transform)
        out["reasons"] = list(self.reasons)
        return out


def whole_number(field: str, value: object, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an int within the field's limits (or ``low``..``high``), else a ``bad_setting`` DataError."""
    label, lo, hi = WHOLE_NUMBER_LIMITS.get(field, (field, low, high))
    lo, hi = (lo if low is None else low), (hi if high is None else high)
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= int(value) <= hi:
        raise DataError("bad_setting", name=label, expected=f"a whole number from {lo} to {hi}", value=value)
    return int(value)


def checked_network(settings: ForecastSettings) -> ForecastSettings:
    """The network's settings checked (whole numbers within :data:`WHOLE_NUMBER_LIMITS`, dropout in
    [0, 1), validation fraction in [0, 0.5)); a ``bad_setting`` DataError names the first that is not."""
    for field in ("units", "layers", "epochs", "batch_size", "patience", "seed", "members"):
        whole_number(field, getattr(settings, field))
    if not 0.0 <= float(settings.dropout) < 1.0:
        raise DataError("bad_setting", name="dropout", expected="from 0 up to (not including) 1",
                        value=settings.dropout)
    if not 0.0 <= float(settings.validation_fraction) < 0.5:
        raise DataError("bad_setting", name="validation fraction", expected="from 0 up to (not including) 0.5",
                        value=settings.validation_fraction)
    return settings


def make_resolved(settings: ForecastSettings, transform: TransformSpec, reasons: tuple[str, ...], **chosen) -> Resolved:
    """``settings`` with the choices in ``chosen`` (window, holdout, horizon, season_length, rollout ...)
    filled in, as a :class:`Resolved` carrying ``transform`` and ``reasons``."""
    values = {f.name: getattr(settings, f.name) for f in dataclasses.fields(ForecastSettings)}
    values.update(chosen)
    for name in ("units", "layers", "epochs", "batch_size", "patience", "seed", "members"):
        values[name] = int(values[name])  # plain Python numbers: the settings go out as JSON
    for name in ("dropout", "learning_rate", "l2", "validation_fraction"):
        values[name] = float(values[name])
    values["early_stopping"] = bool(values["early_stopping"])
    return Resolved(**values, transform=transform, reasons=reasons)
