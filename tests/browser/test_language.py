"""The sidebar language switch in a real browser."""

from tests.browser.conftest import wait_for_app

def test_language_switch_changes_the_text_and_the_url_and_survives_reload(page, server_url):
    page.goto(server_url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').click()
    page.get_by_role("option", name="Português (Brasil)").click()
    wait_for_app(page)
    page.wait_for_timeout(1500)
    assert page.get_by_text("Páginas").first.is_visible()
    assert "lang=pt" in page.url
    page.reload()
    wait_for_app(page)
    page.wait_for_timeout(1000)
    assert page.get_by_text("Páginas").first.is_visible()
