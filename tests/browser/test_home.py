"""The frame opens in a real browser and shows the home page without an error box."""

from tests.browser.conftest import wait_for_app


def test_home_opens_without_error(page, server_url):
    page.goto(server_url)
    wait_for_app(page)
    assert page.get_by_text("LSTM Lens").first.is_visible()
    assert page.locator('[data-testid="stException"]').count() == 0


def test_language_from_url(page, server_url):
    page.goto(server_url + "/?lang=pt")
    wait_for_app(page)
    assert page.get_by_text("Páginas").first.is_visible()
