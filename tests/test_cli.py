"""``python -m lstm_core forecast``: JSON output, progress on stderr, status 2 and one line on bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_core import cli as cli_module
from lstm_core.forecasting.pipeline import resolve_settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lstm_core", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin", "CUDA_VISIBLE_DEVICES": ""},
    )


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["forecast", str(DATA / "empty.csv")], "The file is empty"),
        (["forecast", str(DATA / "binary_xlsx.csv"), "--json"], "save it as CSV"),
        (["forecast", str(DATA / "too_short.csv")], "only 5 points"),
        (["forecast", str(DATA / "airline_iso.csv"), "--value-col", "Nope"], "no column named 'Nope'"),
        (["forecast", str(DATA / "airline_iso.csv"), "--holdout", "500"], "hold-out must be"),
        (["forecast", str(DATA / "missing_file.csv")], "cannot read"),
        (["forecast", str(DATA / "airline_iso.csv"), "--epochs", "many"], "invalid int value"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, fragment):
    out = cli(*args, timeout=120)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = _error_lines(out.stderr)
    assert len(lines) == 1 and fragment in lines[0], out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.slow
def test_json_output_has_the_promised_fields():
    out = cli("forecast", str(DATA / "semicolon_decimal_comma.csv"), "--epochs", "2", "--horizon", "6", "--json")
    assert out.returncode == 0, out.stderr[-2000:]
    assert "epoch 1/" not in out.stderr  # no progress with --json
    result = json.loads(out.stdout)
    assert result["n_points"] == 48 and result["frequency"] == "monthly" and result["season_length"] == 12
    assert result["holdout"] == 9 and result["transform"]["seasonal_lag"] in (0, 12)
    for model in ("lstm", "naive", "seasonal_naive"):
        assert set(result["metrics"][model]) >= {"rmse", "mae", "mape", "mase"}
    assert len(result["forecast"]) == 6
    assert set(result["forecast"][0]) == {"date", "value", "lower", "upper"}
    assert result["forecast"][0]["date"] == "2022-01-01"


@pytest.mark.slow
def test_progress_lines_on_stderr_and_a_table_on_stdout():
    out = cli("forecast", str(DATA / "values_only.csv"), "--epochs", "2", "--holdout", "6", "--seed", "3")
    assert out.returncode == 0, out.stderr[-2000:]
    assert "epoch 1/2" in out.stderr and "epoch 2/2" in out.stderr
    assert "seasonal_naive" in out.stdout and "RMSE" in out.stdout


# --- --frequency and --season (in-process: the command's own main, no TensorFlow) -----------------


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = cli_module.main(list(args))
    except SystemExit as exc:  # argparse: --help, or a value it refuses
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_help_documents_frequency_and_season(capsys):
    code, out, _ = run_main(capsys, "forecast", "--help")
    assert code == 0
    assert "--frequency {hourly,daily,business,weekly,monthly,quarterly,yearly,none,Ns,Nmin,Nh,Nd}" in out
    words = " ".join(out.split())
    assert "--season SEASON" in out and "such as 30min, 5min, 15s, 2h, 3d" in words and "48 for 30min" in words


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--frequency", "fortnightly"], "invalid choice: 'fortnightly'"),
        (["--frequency", "0min"], "invalid choice: '0min'"),
        (["--frequency", "30 min"], "or a spacing such as 30min"),
        (["--frequency", "30min"], "7801 of the 7921 dates would be missing"),
        (["--frequency", "hourly"], "3841 of the 3961 dates would be missing"),
        (["--frequency", "daily", "--date-col", "none"], "A frequency needs a date column"),
        (["--season", "1"], "season length must be a whole number from 2 to"),
        (["--season", "-3"], "not -3"),
        (["--season", "weekly"], "invalid int value: 'weekly'"),
    ],
)
def test_bad_frequency_or_season_exits_2_with_one_line(capsys, monkeypatch, args, fragment):
    monkeypatch.setattr(cli_module, "run_forecast", lambda *a, **k: pytest.fail("trained despite bad input"))
    code, out, err = run_main(capsys, "forecast", str(DATA / "business_days.csv"), *args)
    assert code == 2 and out == ""
    lines = _error_lines(err)
    assert len(lines) == 1 and fragment in lines[0] and err.count("\n") == 1, err


class _Run:
    def __init__(self, series, settings):
        self.series, self.settings = series, settings

    def summary(self) -> dict:
        season = resolve_settings(self.series, self.settings).season_length
        return {"n_points": len(self.series), "frequency": self.series.frequency, "season_length": season}


@pytest.mark.parametrize(
    "args, n_points, frequency, season",
    [
        ([], 120, "business", 5),
        (["--frequency", "daily"], 166, "daily", 7),
        (["--frequency", "weekly", "--season", "4"], 24, "weekly", 4),
        (["--frequency", "none", "--season", "0"], 120, None, None),
    ],
)
def test_frequency_and_season_reach_the_forecast(capsys, monkeypatch, args, n_points, frequency, season):
    seen = []

    def fake_run(series, settings, on_epoch):
        seen.append(on_epoch)
        return _Run(series, settings)

    monkeypatch.setattr(cli_module, "run_forecast", fake_run)
    code, out, err = run_main(capsys, "forecast", str(DATA / "business_days.csv"), "--json", *args)
    assert code == 0 and seen == [None], err  # --json: no progress callback
    result = json.loads(out)
    assert (result["n_points"], result["frequency"]) == (n_points, frequency)
    assert result["season_length"] == season


# --- issue 22 ---------------------------------------------------------------------------------------

ISSUE_22_BROKEN = [
    ("long_line_no_delimiter.csv", "The file is one line of 140000 characters"),
    ("wide_rows.csv", "The file has 1500 columns"),
    ("row_number_inf_nan.csv", "Column 'v' has no usable number, only infinite or undefined values such as 'NaN'"),
    ("row_number_excel_errors.csv", "Column 'leitura' has no usable number"),
    ("row_number_headerless_nan.csv", "Column 'column 2' has no usable number"),
    ("row_number_text.csv", "Column 'value' holds text, not numbers (e.g. 'no reading')"),
    ("row_number_id_text_only.csv", "Column 'remark' holds text"),
    ("row_number_empty.csv", "Column 'value' has no values at all"),
    ("row_number_unnamed_only.csv", "Column 'Unnamed: 0' only numbers the rows"),
]


@pytest.mark.parametrize("name, fragment", ISSUE_22_BROKEN)
def test_issue_22_files_exit_2_with_their_sentence(capsys, monkeypatch, name, fragment):
    monkeypatch.setattr(cli_module, "run_forecast", lambda *a, **k: pytest.fail("trained a row counter or nothing"))
    code, out, err = run_main(capsys, "forecast", str(DATA / name))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and fragment in err and err.count("\n") == 1, err


def test_a_row_counter_is_forecast_only_when_asked_for(capsys, monkeypatch):
    monkeypatch.setattr(cli_module, "run_forecast", lambda series, settings, on_epoch: _Run(series, settings))
    code, out, err = run_main(capsys, "forecast", str(DATA / "row_number_inf_nan.csv"), "--value-col", "t", "--json")
    assert code == 0 and json.loads(out)["n_points"] == 60, err


@pytest.mark.parametrize("name, args, n_points, frequency, season", [
    ("half_hourly_demand.csv", [], 4_032, "30min", 48),
    ("half_hourly_demand.csv", ["--frequency", "1h"], 2_016, "hourly", 24),
    ("half_hourly_demand.csv", ["--frequency", "120min"], 1_008, "2h", 12),
    ("five_minute_br.csv", [], 864, "5min", 288),
    ("ten_second.csv", [], 900, "10s", 360),
    ("dates_row_values_row.csv", [], 8_000, "30min", 48),
    ("one_line_values.csv", [], 16_000, None, 12),
])
def test_regular_spacings_and_lines_reach_the_forecast(capsys, monkeypatch, name, args, n_points, frequency, season):
    monkeypatch.setattr(cli_module, "run_forecast", lambda series, settings, on_epoch: _Run(series, settings))
    code, out, err = run_main(capsys, "forecast", str(DATA / name), "--json", *args)
    assert code == 0, err
    result = json.loads(out)
    assert (result["n_points"], result["frequency"], result["season_length"]) == (n_points, frequency, season)


@pytest.mark.slow
def test_json_on_half_hourly_readings_has_a_clean_stderr_and_dates_every_30_minutes():
    """No TF_CPP_MIN_LOG_LEVEL set: TensorFlow's abseil start-up lines ("I0000 ... cudart_stub.cc ... Could
    not find cuda drivers") must not reach stderr, which a script reads for the one-line error."""
    out = subprocess.run(
        [sys.executable, "-m", "lstm_core", "forecast", str(DATA / "half_hourly_demand.csv"), "--epochs", "1",
         "--horizon", "3", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=900, env={"PATH": "/usr/bin:/bin", "CUDA_VISIBLE_DEVICES": ""},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stderr == ""
    result = json.loads(out.stdout)
    assert (result["frequency"], result["season_length"], result["holdout"]) == ("30min", 48, 48)
    assert [row["date"] for row in result["forecast"]] == ["2024-03-25 00:00", "2024-03-25 00:30", "2024-03-25 01:00"]


def test_abseil_start_up_lines_are_dropped_and_everything_else_kept():
    from lstm_core.keras_bridge.quiet import drop_noise

    noise = ("WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
             "I0000 00:00:1796595464.822929   23361 port.cc:153] oneDNN custom operations are on.\n"
             "I0000 00:00:1796595464.824539   23361 cudart_stub.cc:31] Could not find cuda drivers on your machine.\n"
             "W0000 00:00:1796595464.824539   23361 gpu_device.cc:2344] Cannot dlopen some GPU libraries.\n")
    kept = "E0000 00:00:1796598094.431022   18560 some_op.cc:52] a real error\nTraceback (most recent call last):\n"
    assert drop_noise(noise + kept + noise) == kept
