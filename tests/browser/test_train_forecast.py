"""In a real browser: upload the airline CSV, train a few epochs, see the forecast chart and downloads."""

from pathlib import Path

import pytest

from tests.browser.conftest import legend_under_toolbar, wait_for_app

AIRLINE = Path(__file__).resolve().parents[2] / "lstm_core" / "datasets" / "airline_passengers.csv"


def _set_number(page, label: str, value: int) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(str(value))
    box.press("Enter")
    wait_for_app(page)


@pytest.mark.slow
def test_upload_train_and_see_the_forecast(page, server_url):
    page.goto(server_url + "/train_forecast")
    wait_for_app(page)
    page.get_by_text("My CSV file").click()
    wait_for_app(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(AIRLINE))
    wait_for_app(page)
    page.get_by_text("144 points from 1949-01-01 to 1960-12-01").wait_for()
    page.get_by_text("Settings").click()
    _set_number(page, "Epochs", 3)
    _set_number(page, "Networks averaged", 1)
    page.get_by_role("button", name="Train and forecast").click()
    # live progress first, then the results
    page.get_by_text("Epoch", exact=False).first.wait_for(timeout=180_000)
    page.locator('[data-testid="stDownloadButton"]').first.wait_for(timeout=300_000)
    wait_for_app(page)
    assert page.get_by_role("heading", name="The forecast").is_visible()
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2  # the series and the forecast
    assert page.get_by_role("button", name="Forecast (CSV)").is_visible()
    assert page.get_by_role("button", name="Inspect the gates").is_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    forecast_chart = page.locator('[data-testid="stPlotlyChart"]').nth(1)
    assert legend_under_toolbar(page, forecast_chart, at_least=5) == []  # data, interval, baselines, hold-out, forecast

