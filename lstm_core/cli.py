"""``python -m lstm_core forecast FILE.csv ...``: the train & forecast page, headless
(and ``python -m lstm_core trace MODEL_FILE ...``: a model file's recurrent layers traced, see
:mod:`lstm_core.models.cli`).

Runs :func:`lstm_core.forecasting.pipeline.run_forecast` with the page's defaults. Progress goes to stderr
(one line per epoch) unless ``--json``; the result goes to stdout (a table, or one JSON object).
Bad input exits with status 2 and one line on stderr saying what was wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lstm_core.data import EVENLY_SPACED, FREQUENCIES, DataError, build_series, normalise_frequency, read_table
from lstm_core.forecasting.pipeline import resolve_settings, run_forecast
from lstm_core.forecasting.settings import DEFAULTS, ForecastSettings
from lstm_core.models.cli import add_trace_parser, trace_command

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, status 2, like every other bad input
        print(f"error: {message} (see --help)", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _frequency(text: str) -> str:
    """``--frequency``: a named frequency, 'none', or a regular spacing (30min, 15s, 2h, 3d)."""
    if text == EVENLY_SPACED:
        return text
    frequency = normalise_frequency(text)
    if frequency is None:
        raise argparse.ArgumentTypeError(
            f"invalid choice: {text!r} (choose one of {', '.join([*FREQUENCIES, EVENLY_SPACED])}, "
            "or a spacing such as 30min, 15s, 2h)"
        )
    return frequency


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m lstm_core", description="LSTM Lens from the command line.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    fc = commands.add_parser("forecast", help="train an LSTM on a CSV series and forecast it")
    fc.add_argument("file", help="CSV file: a date column (optional) and a column of numbers")
    fc.add_argument("--date-col", help="the date column (default: detected; 'none' for row order)")
    fc.add_argument("--value-col", help="the column to forecast (default: the first column of numbers)")
    fc.add_argument(
        "--frequency", type=_frequency, metavar="{" + ",".join([*FREQUENCIES, EVENLY_SPACED]) + ",Ns,Nmin,Nh,Nd}",
        help="the spacing of the dates (default: detected): a name, or any regular spacing such as 30min, 5min, "
             "15s, 2h, 3d; the dates are put on that grid: dates in one period are averaged, missing periods "
             "interpolated (both reported as notes); 'none' takes the rows in date order as evenly spaced. "
             "Needs a date column",
    )
    fc.add_argument(
        "--season", type=int,
        help="seasonal period in points (default: the frequency's: hourly 24, daily 7, weekly 52, monthly 12, "
             "quarterly 4, yearly none; below a day, the points of a day: 48 for 30min, 288 for 5min; without "
             "dates, found from the values); 0 for none",
    )
    fc.add_argument("--holdout", type=int, help="points held out at the end to measure accuracy (default: one season)")
    fc.add_argument("--horizon", type=int, help="points to forecast past the end (default: the hold-out)")
    fc.add_argument("--epochs", type=int, default=DEFAULTS.epochs, help=f"training epochs (default {DEFAULTS.epochs})")
    fc.add_argument("--seed", type=int, default=DEFAULTS.seed, help="random seed (default 0)")
    fc.add_argument("--json", action="store_true", help="print one JSON object and no progress")
    add_trace_parser(commands)
    return parser


def _progress(report) -> None:
    val = "" if report.val_loss is None else f"  val_loss {report.val_loss:.4f}"
    print(f"epoch {report.epoch}/{report.epochs}  loss {report.loss:.4f}{val}", file=sys.stderr, flush=True)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def forecast_command(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {path} ({exc.strerror or exc}): check the path", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        table = read_table(data)
        date_col = ... if args.date_col is None else (None if args.date_col.lower() == "none" else args.date_col)
        series = build_series(table, args.value_col, date_col, args.frequency)
        season = ... if args.season is None else (args.season or None)
        settings = ForecastSettings(holdout=args.holdout, horizon=args.horizon, epochs=args.epochs, seed=args.seed,
                                    season_length=season)
        resolve_settings(series, settings)  # bad settings fail here, before TensorFlow loads
        run = run_forecast(series, settings, on_epoch=None if args.json else _progress)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    summary = run.summary()
    if args.json:
        print(json.dumps(summary))
        return 0
    for note in summary["notes"]:
        print(f"note: {note}")
    print(f"{summary['n_points']} points, frequency {summary['frequency'] or 'unknown'}, "
          f"season {summary['season_length'] or 'none'}, hold-out {summary['holdout']}, transform {summary['transform']}")
    print(f"{'model':<16}{'RMSE':>12}{'MAE':>12}{'MAPE %':>12}{'MASE':>12}")
    for name, m in summary["metrics"].items():
        print(f"{name:<16}" + "".join(f"{_fmt(m[k]):>12}" for k in ("rmse", "mae", "mape", "mase")))
    if summary["copies_naive"]:
        print("warning: the LSTM merely repeats the last value (its errors match the naive forecast's)")
    print(f"{'date':<20}{'value':>14}{'lower':>14}{'upper':>14}")
    for row in summary["forecast"]:
        print(f"{row['date']!s:<20}{row['value']:>14.3f}{row['lower']:>14.3f}{row['upper']:>14.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "forecast":
        return forecast_command(args)
    if args.command == "trace":
        return trace_command(args)
    return EXIT_BAD_INPUT  # pragma: no cover  (argparse enforces the command)
