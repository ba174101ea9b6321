"""A person's text inside the pages' Markdown shows as typed (app.user_text)."""

from hypothesis import given, strategies as st

from app import user_text

MARKDOWN = "\\`*_{}[]()#+-.!|<>~$:"


def test_every_markdown_latex_and_shortcode_character_is_escaped():
    assert user_text.literal("**bold** [a](http://x) $x$ :smile: `c`") == (
        "\\*\\*bold\\*\\* \\[a\\]\\(http\\:\\/\\/x\\) \\$x\\$ \\:smile\\: \\`c\\`".replace("\\/", "/")
    )
    assert user_text.literal(MARKDOWN) == "".join("\\" + c for c in MARKDOWN)


def test_values_that_are_not_text_pass_through():
    assert user_text.literal(3) == 3 and user_text.literal(None) is None
    assert user_text.literal_params({"name": "a_b", "rows": 12}) == {"name": "a\\_b", "rows": 12}


@given(st.text())
def test_removing_the_escapes_gives_the_text_back(text):
    escaped = user_text.literal(text)
    out, i = [], 0
    while i < len(escaped):
        if escaped[i] == "\\":
            assert escaped[i + 1] in MARKDOWN  # only escapes of Markdown characters were added
            i += 1
        out.append(escaped[i])
        i += 1
    assert "".join(out) == text
