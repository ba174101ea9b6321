"""What a person typed or uploaded (file names, CSV headers and cells, typed items, a trained model's
label) shown as typed inside Streamlit's Markdown.

Every Markdown, LaTeX and emoji-shortcode character is backslash-escaped, so a header like
``![x](http://...)``, ``**bold**``, ``$x$`` or ``:material/warning:`` shows as written and does
nothing. Everything the pages say with a person's text in it goes through here.
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def literal(value: object) -> object:
    """Text made inert for Markdown; other values (numbers in a message's parameters) as they are."""
    return _MARKDOWN.sub(r"\\\1", value) if isinstance(value, str) else value


def literal_params(params: dict) -> dict:
    """A message's parameters with every text in them made inert (:func:`literal`)."""
    return {k: literal(v) for k, v in params.items()}
