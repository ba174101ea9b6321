"""Keras' layout of a recurrent layer's weights, shared by the LSTM, the GRU and the plain RNN.

With ``G`` gates fused side by side (LSTM 4: i, f, c̃, o; GRU 3: z, r, h̃; plain RNN 1)::

    kernel            (D, G·H)   input weights W
    recurrent_kernel  (H, G·H)   recurrent weights U
    bias              (G·H,)     (a GRU with reset_after=True: (2, G·H), input and recurrent bias)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np


@dataclass(frozen=True)
class LayerWeights:
    """Weights of one recurrent layer; subclasses set :attr:`FUSED` (and may reshape the bias)."""

    kernel: np.ndarray
    recurrent_kernel: np.ndarray
    bias: np.ndarray

    FUSED: ClassVar[int] = 1
    """G, the number of gates whose columns sit side by side."""

    def _bias_shapes(self, units: int) -> tuple[tuple[int, ...], ...]:
        """The bias shapes this kind of layer may have (the GRU has two, one per ``reset_after``)."""
        return ((self.FUSED * units,),)

    def __post_init__(self) -> None:
        kernel, recurrent, bias = (np.asarray(a) for a in (self.kernel, self.recurrent_kernel, self.bias))
        g = self.FUSED
        columns = "units" if g == 1 else f"{g}*units"
        if recurrent.ndim != 2:
            raise ValueError(f"expected recurrent_kernel of shape (units, {columns}), got {recurrent.shape}")
        units = recurrent.shape[0]
        if units < 1 or recurrent.shape[1] != g * units:
            expected = "(units, units)" if g == 1 else f"({units}, {g * units})"
            raise ValueError(f"expected recurrent_kernel of shape {expected}, got {recurrent.shape}")
        if kernel.ndim != 2 or kernel.shape[1] != g * units or kernel.shape[0] < 1:
            raise ValueError(f"expected kernel of shape (input_dim, {g * units}), got {kernel.shape}")
        if bias.shape not in self._bias_shapes(units):
            shapes = " or ".join(str(s) for s in self._bias_shapes(units))
            raise ValueError(f"expected bias of shape {shapes}, got {bias.shape}")
        for name, arr in (("kernel", kernel), ("recurrent_kernel", recurrent), ("bias", bias)):
            if not np.issubdtype(arr.dtype, np.number):
                raise ValueError(f"expected numeric {name}, got dtype {arr.dtype}")
            if not np.all(np.isfinite(arr)):
                raise ValueError(f"{name} contains NaN or infinite values")
        object.__setattr__(self, "kernel", kernel)
        object.__setattr__(self, "recurrent_kernel", recurrent)
        object.__setattr__(self, "bias", bias)

    @property
    def units(self) -> int:
        """H, the number of units."""
        return self.recurrent_kernel.shape[0]

    @property
    def input_dim(self) -> int:
        """D, the number of input features."""
        return self.kernel.shape[0]

    def astype(self, dtype: np.dtype | type):
        """The same weights as ``dtype`` arrays (a copy only when the dtype changes)."""
        return type(self)(*(a.astype(dtype, copy=False) for a in (self.kernel, self.recurrent_kernel, self.bias)))
