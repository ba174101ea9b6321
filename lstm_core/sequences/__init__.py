"""Input sequences: built-in series and typed lists (``builtin``), the one scaler (``scaling``), shaping (``features``)."""
