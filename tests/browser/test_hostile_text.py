"""User text is shown as text: a CSV whose file name and headers carry HTML and script runs nothing.

The step-through page's CSV option shows the file name and the column names (picker, figure
title); the forecast page shows them too. After the upload ``window.__pwned`` must stay
undefined, no dialog may open, no <img> or <script> from the file may enter the DOM, and the
header must be readable as the literal text it is.
"""

from __future__ import annotations

from playwright.sync_api import expect

from app.i18n import t
from tests.browser.conftest import wait_for_app

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
SVG = "<svg onload=window.__pwned=1>"
FILE_NAME = '<img src=x onerror="window.__pwned=1">.csv'
ROWS = "\n".join(f"2024-01-{d:02d},{d * 1.5:.1f},{d % 7}" for d in range(1, 29))
CSV = f"date,{SCRIPT},{IMG}{SVG}\n{ROWS}\n".encode()


def _watch(page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def _shown_text(page) -> str:
    """What a person can read: the page's text and the values shown in its inputs and pickers."""
    return page.evaluate("""() => document.body.innerText + "\\n" +
        [...document.querySelectorAll('input, [role=combobox]')]
            .map(e => e.value || e.textContent || '').join("\\n")""")


def _assert_nothing_ran(page, dialogs: list[str]) -> None:
    page.wait_for_timeout(1500)  # give an onerror/onload a chance to fire
    assert page.evaluate("typeof window.__pwned") == "undefined", "a script from the file ran"
    assert dialogs == []
    assert page.locator('img[src="x"]').count() == 0, "an <img> from the file entered the page"
    assert page.locator("svg[onload]").count() == 0, "an <svg onload> from the file entered the page"
    assert page.evaluate("[...document.scripts].some(s => s.textContent.includes('__pwned'))") is False
    assert page.locator('[data-testid="stException"]').count() == 0


def test_hostile_csv_on_the_step_through_page_is_shown_as_text(page, server_url, tmp_path):
    dialogs = _watch(page)
    page.goto(f"{server_url}/step_through")
    wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Input sequence").locator("xpath=ancestor::*[@data-testid='stSelectbox']").click()
    page.get_by_role("option", name=t("step.seq.csv", lang="en")).click()
    wait_for_app(page)
    sidebar.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": FILE_NAME, "mimeType": "text/csv", "buffer": CSV}])
    wait_for_app(page)
    # the column picker shows the header literally, the uploader the file name
    expect(sidebar.get_by_role("combobox", name="Numeric column")).to_be_visible(timeout=30_000)
    text = _shown_text(page)
    assert SCRIPT in text, "the header is not shown as the text it is"
    assert "<img sr" in text, "the file name is not shown as text"
    _assert_nothing_ran(page, dialogs)
    # and the figure title does not execute or drop into HTML either
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    _assert_nothing_ran(page, dialogs)


def test_hostile_csv_on_the_forecast_page_is_shown_as_text(page, server_url):
    dialogs = _watch(page)
    page.goto(f"{server_url}/train_forecast")
    wait_for_app(page)
    page.get_by_text("My CSV file").click()
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        files=[{"name": FILE_NAME, "mimeType": "text/csv", "buffer": CSV}])
    wait_for_app(page)
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_be_visible(timeout=30_000)
    text = _shown_text(page)
    assert SCRIPT in text, "the header is not shown as the text it is"
    assert "onerror=" in text, "the file name is not shown as text"
    _assert_nothing_ran(page, dialogs)
