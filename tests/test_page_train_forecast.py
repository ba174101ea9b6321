"""The train & forecast page with AppTest (upload seeded in session_state), its figure builders,
and the process-wide training slots (queueing, release on failure and on abandoned sessions)."""

import json
import re
import threading
import time
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from app import chart_locale
from app.forecast_figures import forecast_figure, loss_figure, series_figure
from app.i18n import catalogue, t
from app.server import training_slots
from lstm_core.cli import main as cli_main
from lstm_core.data import errors as errors_module
from tests.test_data_reader import BROKEN

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
PAGE = str(ROOT / "pages" / "train_forecast.py")


def page(upload: str | None = None, lang: str = "en") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = lang
    if upload is not None:
        at.session_state["fc_source"] = "upload"
        at.session_state["fc_upload_bytes"] = (DATA / upload).read_bytes()
        at.session_state["fc_upload_name"] = upload
    return at.run()


def texts(elements) -> str:
    return " | ".join(str(e.value) for e in elements)


def test_opens_on_the_airline_example_with_its_chosen_transform():
    at = page()
    assert not at.exception
    captions = texts(at.caption)
    assert "144 points from 1949-01-01 to 1960-12-01" in captions and "monthly" in captions
    assert "log; seasonal differencing (lag 12)" in captions
    assert any(b.label == t("fc.train", lang="en") for b in at.button)
    assert not at.error


def test_opening_the_page_starts_the_fork_server_in_the_background():
    """Keras loads for the trainings while the person picks data and settings (app.server.training_slots.
    start_fork_server): in a fresh interpreter, opening the page leaves a fork server running, and the
    page itself still imports no TensorFlow."""
    import subprocess
    import sys

    code = (
        "import sys, time\n"
        "from streamlit.testing.v1 import AppTest\n"
        "from tests.support.server import child_processes\n"
        f"at = AppTest.from_file({PAGE!r}, default_timeout=60).run()\n"
        "assert not at.exception, at.exception\n"
        "print(len(child_processes(__import__('os').getpid()).get('fork server', [])), 'keras' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split("\n")[-2] == "1 False"


def test_the_page_opens_when_no_fork_server_can_start(monkeypatch):
    """Starting the fork server is only a head start: when the machine cannot start a process the page
    still opens as usual (a training would then say what went wrong)."""
    from multiprocessing import forkserver

    def no_process():
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(forkserver, "ensure_running", no_process)
    at = page().run()
    assert not at.exception
    assert any(b.label == t("fc.train") for b in at.button)


def test_uploaded_semicolon_file_is_read_and_summarised():
    at = page("semicolon_decimal_comma.csv")
    assert not at.exception and not at.error
    assert "48 points from 2018-01-01" in texts(at.caption)
    assert [s.value for s in at.selectbox][:2] == ["data", "valor"]


def test_repairs_are_shown_as_notes():
    at = page("unsorted.csv")
    assert "sorted by date" in texts(at.info)


@pytest.mark.parametrize("name, fragment", [("empty.csv", "The file is empty"), ("binary_xlsx.csv", "save it as CSV"),
                                            ("constant.csv", "Every value is the same")])
def test_broken_upload_shows_one_sentence_not_a_traceback(name, fragment):
    at = page(name)
    assert not at.exception
    assert len(at.error) == 1 and fragment in at.error[0].value


def test_errors_and_labels_in_portuguese():
    at = page("empty.csv", lang="pt")
    assert "O arquivo está vazio" in at.error[0].value
    at = page(lang="pt")
    assert "144 pontos de 01/01/1949 a 01/12/1960" in texts(at.caption)


def test_every_reader_message_reads_the_same_on_the_page():
    """The page translates the reader's codes; in English it must say exactly what the CLI says."""
    for code, message in errors_module._ERRORS.items():
        assert catalogue()[f"fc.err.{code}"]["en"] == message, code
    for code, message in errors_module._NOTES.items():
        assert catalogue()[f"fc.note.{code}"]["en"] == message, code


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_page_and_cli_give_the_same_sentence_for_each_broken_file(name, capsys):
    at = page(name)
    assert not at.exception and len(at.error) == 1
    on_page = re.sub(r"\\(.)", r"\1", at.error[0].value)  # the page escapes markdown in file-derived values
    capsys.readouterr()  # only the command's stderr below (the page run may log, e.g. Streamlit's bare-mode warnings)
    assert cli_main(["forecast", str(DATA / name)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {on_page}\n"
    assert any(b.key == "fc_source" for b in at.radio)  # the page is still there to pick another file


def test_too_short_for_the_settings_says_what_to_change():
    at = page("too_short.csv")
    assert "only 5 points" in at.error[0].value
    at = page("values_only.csv")
    key = [k for k in at.session_state if str(k).startswith("fc_window_")][0]
    at.number_input(key=key).set_value(24)
    at.number_input(key=key.replace("fc_window_", "fc_holdout_")).set_value(24).run()
    assert "reduce the window or the hold-out" in at.error[0].value


def _frequency_box(at: AppTest):
    return next(s for s in at.selectbox if str(s.key).startswith("fc_frequency_"))


def _season_box(at: AppTest):
    return next(n for n in at.number_input if str(n.key).startswith("fc_season_"))


def test_changing_the_frequency_rebuilds_the_series_and_its_summary():
    at = page("business_days.csv")
    assert not at.exception and not at.error
    assert ("120 points from 2024-01-01 to 2024-06-14 · frequency: business days · seasonal period: 5"
            in texts(at.caption))  # weekdays only: business days, a week of 5
    box = _frequency_box(at)
    assert box.value == "business" and "(detected)" in box.format_func("business")
    box.set_value("daily").run()
    assert not at.error
    assert "166 points from 2024-01-01 to 2024-06-14 · frequency: daily · seasonal period: 7" in texts(at.caption)
    assert "46 missing dates were filled" in texts(at.info)
    _season_box(at).set_value(5).run()  # the person's season now stays when the frequency changes
    _frequency_box(at).set_value("weekly").run()
    assert "24 points from 2024-01-01 to 2024-06-10 · frequency: weekly · seasonal period: 5" in texts(at.caption)
    assert "96 dates fell in the same period" in texts(at.info)
    _frequency_box(at).set_value("hourly").run()  # an error hides the season box ...
    assert at.error and not [n for n in at.number_input if str(n.key).startswith("fc_season_")]
    _frequency_box(at).set_value("daily").run()  # ... and the person's season comes back with it
    assert _season_box(at).value == 5 and "frequency: daily · seasonal period: 5" in texts(at.caption)


def test_an_impossible_frequency_says_why_and_the_page_recovers():
    at = page("business_days.csv")
    _frequency_box(at).set_value("hourly").run()
    assert not at.exception and len(at.error) == 1
    assert "3841 of the 3961 dates would be missing" in at.error[0].value
    assert _frequency_box(at).value == "hourly"  # the box stays, so the person can choose again
    _frequency_box(at).set_value("daily").run()
    assert not at.error and "frequency: daily" in texts(at.caption)
    # AppTest formats options in English between runs, so the language changes last
    _frequency_box(at).set_value("hourly")
    at.session_state["lang"] = "pt"
    at.run()
    assert "Na frequência escolhida faltariam 3841 das 3961 datas" in at.error[0].value


def test_the_season_follows_the_frequency_until_the_person_sets_it():
    at = page()
    assert _season_box(at).value == 12
    _frequency_box(at).set_value("quarterly").run()
    assert _season_box(at).value == 4 and "48 points" in texts(at.caption) and "seasonal period: 4" in texts(at.caption)
    at.selectbox(key=next(s.key for s in at.selectbox if str(s.key).startswith("fc_date_col_"))).select_index(0).run()
    assert _frequency_box(at).disabled and "no dates: row order" in texts(at.caption)


@pytest.mark.slow
def test_training_from_the_page_shows_results_and_leaves_the_handoff():
    at = page("values_only.csv")
    at.number_input(key="fc_epochs").set_value(2)
    rollout = next(n for n in at.number_input if str(n.key).startswith("fc_rollout_"))
    assert rollout.value == 6  # the default for this series
    rollout.set_value(2)
    at.number_input(key="fc_members").set_value(1).run()
    next(b for b in at.button if b.key == "fc_train").click().run()
    assert "fc_job" in at.session_state
    deadline = time.time() + 240
    while "fc_run" not in at.session_state and time.time() < deadline:
        time.sleep(1.0)
        at.run()
    assert "fc_run" in at.session_state, "training did not finish in time"
    assert not at.exception
    assert at.session_state["fc_run"].resolved.rollout == 2  # the widget reached the training
    subheaders = texts(at.subheader)
    assert "The forecast" in subheaders and "How good is it?" in subheaders
    metrics = at.dataframe[0].value
    assert metrics.shape[1] == 4 and metrics.shape[0] in (3, 4)  # Holt-Winters when it could be fitted
    handoff = at.session_state["trained_model"]
    assert handoff.inputs.ndim == 2 and handoff.inputs.shape[1] == 1 and handoff.inputs.dtype == np.float32
    assert handoff.layers and handoff.label.startswith("LSTM trained on values_only.csv")
    assert any(b.key == "fc_inspect" for b in at.button)
    # changing a setting marks the results as stale instead of hiding them
    at.number_input(key="fc_epochs").set_value(3).run()
    assert "earlier data or settings" in texts(at.warning)


# --- figures ----------------------------------------------------------------------------------------


LABELS = {k: k for k in ("history", "actual", "lstm_holdout", "forecast", "interval", "naive", "seasonal_naive", "x", "y")}


def test_forecast_figure_has_history_holdout_baselines_forecast_and_bands():
    fig = forecast_figure(
        range(10), np.arange(10.0), range(10, 13), np.ones(3), np.ones(3), np.zeros(3), 2 * np.ones(3),
        {"naive": np.ones(3), "seasonal_naive": np.ones(3)}, range(13, 17), np.ones(4), np.zeros(4), 2 * np.ones(4),
        LABELS,
    )
    assert isinstance(fig, go.Figure)
    names = [tr.name for tr in fig.data]
    for wanted in ("history", "actual", "lstm_holdout", "forecast", "naive", "seasonal_naive", "interval"):
        assert wanted in names
    assert list(fig.data[-1].x) == [13, 14, 15, 16]


def test_loss_and_series_figures():
    fig = loss_figure([1.0, 0.5], [1.2, 0.7], {"loss": "l", "val_loss": "v", "epoch": "e", "y": "y"})
    assert [tr.name for tr in fig.data] == ["l", "v"] and fig.layout.yaxis.type == "log"
    assert len(series_figure([1, 2, 3], np.array([1.0, 2.0, 3.0]), "s", "x").data) == 1


def test_dates_are_written_day_first_on_the_portuguese_page():
    """Plotly names months in English only: the Portuguese page's date axes use numbers (31/01/1950)."""
    at = page("airline_iso.csv", lang="pt")
    assert not at.exception
    xaxis = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["xaxis"]
    assert xaxis["type"] == "date" and xaxis["hoverformat"] == "%d/%m/%Y"
    assert "%m/%Y" in [stop["value"] for stop in xaxis["tickformatstops"]]
    english = json.loads(page("airline_iso.csv", lang="en").get("plotly_chart")[0].proto.spec)["layout"]["xaxis"]
    assert english["type"] == "date" and "tickformatstops" not in english and "hoverformat" not in english
    steps = series_figure([1, 2, 3], np.array([1.0, 2.0, 3.0]), "s", "x", date_axis=None)
    assert steps.layout.xaxis.type != "date" and not steps.layout.xaxis.tickformatstops
    hourly = chart_locale.date_axis("pt", with_time=True)
    assert hourly["hoverformat"] == "%d/%m/%Y %H:%M" and chart_locale.date_axis("en") == {}


# --- training slots ---------------------------------------------------------------------------------


def _blocking_work(release: threading.Event):
    def work(on_epoch, should_stop):
        while not release.is_set() and not should_stop():
            time.sleep(0.01)
        return "ok"

    return work


def test_second_training_waits_queued_until_a_slot_frees():
    slots = threading.BoundedSemaphore(1)
    first_go, second_go = threading.Event(), threading.Event()
    first = training_slots.start_training(_blocking_work(first_go), 1, slots=slots)
    time.sleep(0.3)
    second = training_slots.start_training(_blocking_work(second_go), 1, slots=slots)
    time.sleep(0.5)
    assert first.status == training_slots.RUNNING and second.status == training_slots.QUEUED
    first_go.set()
    assert first.wait(5) and first.status == training_slots.DONE and first.result == "ok"
    time.sleep(0.5)
    assert second.status == training_slots.RUNNING
    second_go.set()
    assert second.wait(5) and second.status == training_slots.DONE
    assert training_slots.free_slots(slots) == 1


def test_slot_is_released_when_the_work_fails():
    slots = threading.BoundedSemaphore(1)

    def broken(on_epoch, should_stop):
        raise RuntimeError("boom")

    job = training_slots.start_training(broken, 1, slots=slots)
    assert job.wait(5) and job.status == training_slots.FAILED and "boom" in str(job.error)
    assert training_slots.free_slots(slots) == 1


def test_a_session_that_stops_polling_frees_its_slot():
    slots = threading.BoundedSemaphore(1)
    never = threading.Event()
    job = training_slots.start_training(_blocking_work(never), 1, slots=slots, heartbeat_timeout=0.5)
    assert job.wait(10), "an abandoned training kept its slot"
    assert job.status == training_slots.DONE and training_slots.free_slots(slots) == 1  # stopped early, slot back
    queued_and_gone = training_slots.TrainingJob(epochs=1, heartbeat_timeout=0.2)
    assert not queued_and_gone.abandoned()
    time.sleep(0.3)
    assert queued_and_gone.should_stop()


def test_stop_request_ends_the_work():
    slots = threading.BoundedSemaphore(1)
    job = training_slots.start_training(_blocking_work(threading.Event()), 1, slots=slots)
    time.sleep(0.2)
    job.request_stop()
    assert job.wait(5) and job.stop_requested and training_slots.free_slots(slots) == 1


def test_my_choice_of_season_treatment_subtracts_the_seasonal_profile():
    at = page()
    at.radio(key="fc_transform_mode").set_value("custom").run()
    box = next(s for s in at.selectbox if str(s.key).startswith("fc_season_mode_"))
    assert box.value == "sdiff"  # starts at the airline's default
    box.set_value("deseason").run()
    assert not at.exception and not at.error
    wanted = "With your settings: log; seasonal profile subtracted (period 12, fitted on the training part)"
    assert wanted in texts(at.caption)


def test_settings_are_resolved_once_per_series_and_settings(monkeypatch):
    from app import forecast_view
    from lstm_core.data import DataError, SeriesData
    from lstm_core.forecasting.pipeline import resolve_settings
    from lstm_core.forecasting.settings import ForecastSettings

    calls = []
    monkeypatch.setattr(forecast_view, "resolve_settings", lambda s, st: calls.append(st) or resolve_settings(s, st))
    forecast_view._resolved.clear()
    y = 100 + 10 * np.sin(np.arange(96) * np.pi / 6) + np.arange(96)
    series = SeriesData(y, None, None, 12, "y", ())
    first = forecast_view.resolved_settings(series)
    assert forecast_view.resolved_settings(series) == first == resolve_settings(series) and len(calls) == 1
    assert forecast_view.resolved_settings(series, ForecastSettings(window=5)).window == 5 and len(calls) == 2
    shifted = SeriesData(y + 1, None, None, 12, "y", ())
    forecast_view.resolved_settings(shifted)
    assert len(calls) == 3  # other values, resolved anew
    with pytest.raises(DataError):
        forecast_view.resolved_settings(series, ForecastSettings(window=90))  # too long for 96 points


@pytest.mark.parametrize("iso, lang, shown", [
    ("1960-01-01T00:00:00", "en", "1960-01-01"),
    ("1960-01-01T00:00:00", "pt", "01/01/1960"),
    ("2024-03-05T14:00:00", "pt", "05/03/2024 14:00"),
    ("2024-03-05T14:00:00", "en", "2024-03-05 14:00"),
    ("1960-01-01", "pt", "01/01/1960"),
    ("not a date", "pt", "not a date"),
])
def test_the_step_caption_writes_a_handed_off_date_as_a_reader_would(iso, lang, shown):
    assert chart_locale.date_text(iso, lang) == shown


# --- issue 22: long lines, row numbers, readings below a day -------------------------------------------


def test_half_hourly_readings_are_read_as_such_with_the_day_as_season():
    at = page("half_hourly_demand.csv")
    assert not at.exception and not at.error
    captions = texts(at.caption)
    assert ("4032 points from 2024-01-01 00:00 to 2024-03-24 23:30 · frequency: every 30 minutes · seasonal period: 48"
            " · natural periods: an hour = 2, a day = 48, a week = 336") in captions
    assert "not evenly spaced" not in texts(at.info)
    box = _frequency_box(at)
    assert box.value == "30min" and box.format_func("30min") == "every 30 minutes (detected)"
    assert _season_box(at).value == 48
    box.set_value("hourly").run()
    assert not at.error and "2016 points" in texts(at.caption) and _season_box(at).value == 24
    assert "2016 dates fell in the same period" in texts(at.info)


def test_half_hourly_readings_in_portuguese():
    at = page("half_hourly_demand.csv", lang="pt")
    assert not at.exception and not at.error
    assert ("frequência: a cada 30 minutos · período sazonal: 48 · períodos naturais: uma hora = 2, um dia = 48, "
            "uma semana = 336") in texts(at.caption)


@pytest.mark.parametrize("name, frequency", [("five_minute_br.csv", "every 5 minutes"), ("ten_second.csv", "every 10 seconds"),
                                             ("six_hourly.csv", "every 6 hours"), ("fifteen_minute_logger.csv", "every 15 minutes")])
def test_other_regular_spacings_on_the_page(name, frequency):
    at = page(name)
    assert not at.exception and not at.error
    assert f"frequency: {frequency}" in texts(at.caption)


def test_a_series_along_one_long_line_reads_on_the_page():
    at = page("one_line_values.csv")
    assert not at.exception and not at.error
    assert "16000 points (no dates: row order)" in texts(at.caption)
    assert "each line was read as one column" in texts(at.info)


@pytest.mark.parametrize("name, lang, fragment", [
    ("row_number_inf_nan.csv", "en", "Column 'v' has no usable number, only infinite or undefined values such as 'NaN'"),
    ("row_number_inf_nan.csv", "pt", "A coluna 'v' não tem nenhum número utilizável"),
    ("row_number_text.csv", "pt", "A coluna 'value' tem texto, não números (ex.: 'no reading')"),
    ("long_line_no_delimiter.csv", "pt", "O arquivo é uma só linha de 140000 caracteres"),
    ("row_number_unnamed_only.csv", "pt", "A coluna 'Unnamed: 0' só numera as linhas"),
])
def test_the_sentences_of_issue_22_in_both_languages(name, lang, fragment):
    at = page(name, lang=lang)
    assert not at.exception and len(at.error) == 1
    assert fragment in re.sub(r"\\(.)", r"\1", at.error[0].value)


def test_row_numbers_are_the_series_only_once_the_person_picks_them():
    at = page("row_number_unnamed_only.csv")
    box = next(s for s in at.selectbox if str(s.key).startswith("fc_value_col_"))
    assert box.value is None and box.options == ["Unnamed: 0"] and "only numbers the rows" in at.error[0].value
    box.set_value("Unnamed: 0").run()
    assert not at.exception and not at.error and "60 points" in texts(at.caption)
    at = page("row_number_inf_nan.csv")
    box = next(s for s in at.selectbox if str(s.key).startswith("fc_value_col_"))
    assert box.value == "v" and set(box.options) == {"v", "t"}  # the values' column, and the counter to pick
    box.set_value("t").run()
    assert not at.error and "60 points" in texts(at.caption)
