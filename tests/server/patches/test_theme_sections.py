"""app/server/patches/theme_sections.py: a theme section's options are scanned once per change, and always current."""

import pytest
from streamlit import config
from streamlit.config_option import ConfigOption

from app.server.patches import theme_sections
from tests.support.serve_switch import off_then_on

THEME_SECTIONS = ("theme", "theme.light", "theme.dark", "theme.sidebar", "theme.light.sidebar", "theme.dark.sidebar")


@pytest.fixture
def remembered(monkeypatch):
    """The patch installed for one test (monkeypatch restores Streamlit's own), counting real scans."""
    scans, real_scan = [], theme_sections._REAL_GET

    def counting(section):
        scans.append(section)
        return real_scan(section)

    monkeypatch.setattr(theme_sections, "_REAL_GET", counting)
    monkeypatch.setattr(theme_sections, "_remembered", {})
    monkeypatch.setattr(config, "get_options_for_section", theme_sections.options_for_section)
    monkeypatch.setattr(ConfigOption, "set_value", theme_sections._set_value)
    assert theme_sections.installed()
    return scans


@pytest.fixture
def primary_colour():
    """theme.primaryColor, put back as it was after the test."""
    before = config.get_option("theme.primaryColor")
    yield "theme.primaryColor"
    config.set_option("theme.primaryColor", before)


def test_every_theme_section_reads_as_the_real_scan_and_is_scanned_once(remembered):
    real = {s: theme_sections._REAL_GET(s) for s in THEME_SECTIONS}
    remembered.clear()
    for _ in range(3):
        assert {s: config.get_options_for_section(s) for s in THEME_SECTIONS} == real
    assert sorted(remembered) == sorted(THEME_SECTIONS)  # three rounds, one scan each


def test_a_caller_that_changes_its_copy_changes_nothing_remembered(remembered):
    first = config.get_options_for_section("theme")
    first["primaryColor"] = "#123456"
    first["invented"] = 1
    assert config.get_options_for_section("theme") == theme_sections._REAL_GET("theme")


def test_setting_an_option_is_seen_at_once(remembered, primary_colour):
    config.get_options_for_section("theme")
    config.set_option(primary_colour, "#ff0000")
    assert config.get_options_for_section("theme")["primaryColor"] == "#ff0000"
    config.set_option(primary_colour, "#00aa00")
    assert config.get_options_for_section("theme")["primaryColor"] == "#00aa00"


def test_reading_the_configuration_again_is_seen(remembered, primary_colour):
    config.set_option(primary_colour, "#ff0000")
    assert config.get_options_for_section("theme")["primaryColor"] == "#ff0000"
    config.get_config_options(force_reparse=True)  # a new option table from the files: the colour is gone
    assert config.get_options_for_section("theme") == theme_sections._REAL_GET("theme")
    assert config.get_options_for_section("theme")["primaryColor"] != "#ff0000"


def test_other_sections_are_scanned_every_time(remembered):
    for _ in range(3):
        assert config.get_options_for_section("server") == theme_sections._REAL_GET("server")
    assert remembered.count("server") == 6  # each call above: the patched one and the reference


def test_serve_installs_it_and_the_reference_does_not():
    assert off_then_on("remember_theme", "app.server.patches.theme_sections", "theme_sections.installed()") == "False True"
