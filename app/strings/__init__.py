"""Translated strings, one module per page or component.

Each module defines ``STRINGS: dict[str, dict[str, str]]`` mapping a key (prefixed
with the module's name, e.g. ``"step.title"``) to ``{"en": ..., "pt": ...}``.
:mod:`app.i18n` merges them; a test fails if any language is missing.
"""
