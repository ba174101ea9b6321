"""Writes the files of tests/data that issue #22 added (long lines, row numbers beside unusable
values, regular sub-hourly and other spacings). Deterministic: ``python tests/data/make_issue22.py``
rewrites them byte for byte. Each is what a spreadsheet or a logger writes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent
LONG = 140_000  # longer than Python's csv field limit (131,072 characters)


def write(name: str, text: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(text.encode(encoding))


def seasonal(n: int, period: int, seed: int, level: float = 100.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return level + 20 * np.sin(2 * np.pi * t / period) + 0.01 * t + rng.normal(0, 1.5, n)


def demand(index: pd.DatetimeIndex, seed: int) -> np.ndarray:
    """Electricity demand in MW: a daily shape, lower at weekends, noise."""
    rng = np.random.default_rng(seed)
    hours = index.hour + index.minute / 60 + index.second / 3600
    daily = 900 + 250 * np.sin(2 * np.pi * (hours - 9) / 24) + 120 * np.exp(-((hours - 19) ** 2) / 4)
    weekend = np.where(index.day_of_week >= 5, -150.0, 0.0)
    return np.round(daily + weekend + rng.normal(0, 25, len(index)), 1)


def main() -> None:
    # --- 1. long lines ----------------------------------------------------------------------------
    values = seasonal(16_000, 12, 1)
    write("one_line_values.csv", ",".join(f"{v:.4f}" for v in values) + "\n")  # 16,000 values, ~144k chars
    write("one_line_labelled.csv", "vendas;" + ";".join(f"{v:.2f}".replace(".", ",") for v in seasonal(48, 12, 2)) + ";\n")
    write("one_line_spaces.csv", " ".join(f"{v:.1f}" for v in seasonal(60, 12, 3)) + "\n")
    write("label_line_then_values.csv", "passengers\n" + ",".join(f"{v:.0f}" for v in seasonal(48, 12, 4)) + "\n")
    halfhours = pd.date_range("2024-03-04", periods=8_000, freq="30min")
    write("dates_row_values_row.csv",  # a logger's export transposed: row 1 dates, row 2 values
          "timestamp," + ",".join(halfhours.strftime("%Y-%m-%d %H:%M")) + "\n"
          + "load_mw," + ",".join(f"{v:.1f}" for v in demand(halfhours, 5)) + "\n")
    months = pd.date_range("2019-01-01", periods=36, freq="MS")
    write("values_row_dates_row.csv",
          "\t".join(f"{v:.1f}" for v in seasonal(36, 12, 6)) + "\n" + "\t".join(months.strftime("%Y-%m")) + "\n")
    write("wide_rows.csv", "".join(",".join(f"{v:.2f}" for v in seasonal(1_500, 12, 20 + k)) + "\n" for k in range(5)))
    write("long_line_no_delimiter.csv", "QUJD" * (LONG // 4) + "\n")  # e.g. base64 pasted into a .csv
    table = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=48, freq="MS").strftime("%Y-%m-%d"),
                          "value": np.round(seasonal(48, 12, 7), 2), "comment": "ok"})
    for where, row in (("first", 0), ("middle", 24), ("last", 47)):
        t = table.copy()
        t.loc[row, "comment"] = "sensor log, " + "lorem ipsum; " * (LONG // 13)  # quoted, with delimiters inside
        t.to_csv(HERE / f"long_text_cell_{where}.csv", index=False)
    body = table[["date", "value"]].to_csv(index=False)
    write("long_title_line.csv", "Exported from the plant historian " + "=" * LONG + "\n" + body)
    lines = body.splitlines()
    write("long_junk_line_middle.csv", "\n".join(lines[:20] + ["#" * LONG] + lines[20:]) + "\n")
    write("title_lines_above.csv", "Category: All categories\n\nWeek,python: (Worldwide)\n"
          + "".join(f"{d},{v:.0f}\n" for d, v in zip(pd.date_range("2021-01-03", periods=104, freq="7D").strftime("%Y-%m-%d"),
                                                        seasonal(104, 52, 8, 50))))

    # --- 2. a row-number column beside a column without usable numbers ----------------------------
    n = 60
    rng = np.random.default_rng(9)
    inf_nan = rng.choice(["inf", "NaN", "-inf", "nan"], n)
    write("row_number_inf_nan.csv", "t,v\n" + "".join(f"{k},{c}\n" for k, c in enumerate(inf_nan)))
    write("row_number_excel_errors.csv", "n;leitura\n" + "".join(f"{k + 1};{c}\n" for k, c in
                                                                enumerate(rng.choice(["#DIV/0!", "#NUM!", "#VALUE!"], n))))
    write("row_number_text.csv", "index,value\n" + "".join(f"{k},{c}\n" for k, c in enumerate(
        rng.choice(["sensor offline", "no reading", "error 17"], n))))
    days = pd.date_range("2024-01-01", periods=n, freq="D").strftime("%Y-%m-%d")
    write("row_number_empty.csv", "#,date,value\n" + "".join(f"{k + 1},{d},\n" for k, d in enumerate(days)))
    write("row_number_headerless_nan.csv", "".join(f"{k},nan\n" for k in range(n)))
    write("row_number_unnamed_only.csv", "Unnamed: 0\n" + "".join(f"{k}\n" for k in range(n)))
    write("row_number_id_text_only.csv", "id,remark\n" + "".join(f"{k + 1},see sheet 2\n" for k in range(n)))

    # --- 3. regular spacings ------------------------------------------------------------------------
    idx = pd.date_range("2024-01-01", periods=4_032, freq="30min")  # 12 weeks, the electricity file
    pd.DataFrame({"timestamp": idx.strftime("%Y-%m-%d %H:%M"), "demand_mw": demand(idx, 10)}).to_csv(
        HERE / "half_hourly_demand.csv", index=False)
    idx = pd.date_range("2024-05-06", periods=864, freq="5min")  # 3 days
    pd.DataFrame({"Data": idx.strftime("%d/%m/%Y %H:%M"), "Consumo (kW)": [f"{v:.2f}".replace(".", ",") for v in
                  demand(idx, 11) / 10]}).to_csv(HERE / "five_minute_br.csv", index=False, sep=";")
    idx = pd.date_range("2024-02-05", periods=672, freq="15min")  # a week, logged a few seconds late, one hour lost
    jitter = pd.to_timedelta(np.random.default_rng(12).integers(0, 9, len(idx)), unit="s")
    frame = pd.DataFrame({"time": (idx + jitter).strftime("%Y-%m-%dT%H:%M:%S"), "kwh": demand(idx, 12) / 4})
    frame.drop(index=range(300, 304)).to_csv(HERE / "fifteen_minute_logger.csv", index=False)
    idx = pd.date_range("2024-06-01", periods=1_440, freq="10min")  # 10 days
    pd.DataFrame({"time": idx.strftime("%Y-%m-%d %H:%M"), "temp_c": np.round(demand(idx, 13) / 40, 2)}).to_csv(
        HERE / "ten_minute.csv", index=False)
    idx = pd.date_range("2024-06-01 08:00:00", periods=900, freq="10s")  # 2.5 hours of a machine's sensor
    pd.DataFrame({"time": idx.strftime("%Y-%m-%d %H:%M:%S"), "rpm": np.round(seasonal(900, 360, 14, 1500), 1)}).to_csv(
        HERE / "ten_second.csv", index=False)
    idx = pd.date_range("2024-01-01", periods=360, freq="2h")  # 30 days
    pd.DataFrame({"date": idx.strftime("%Y-%m-%d %H:%M"), "flow": demand(idx, 15) / 3}).to_csv(
        HERE / "two_hourly.csv", index=False)
    idx = pd.date_range("2023-01-01", periods=240, freq="6h")  # 60 days
    pd.DataFrame({"date": idx.strftime("%Y-%m-%d %H:%M"), "level": np.round(seasonal(240, 4, 16, 30), 2)}).to_csv(
        HERE / "six_hourly.csv", index=False)
    rng = np.random.default_rng(17)
    stamps = pd.Timestamp("2024-03-01") + pd.to_timedelta(np.sort(rng.uniform(0, 30 * 86_400, 400)), unit="s")
    pd.DataFrame({"time": stamps.strftime("%Y-%m-%d %H:%M:%S"), "value": np.round(seasonal(400, 12, 18), 2)}).to_csv(
        HERE / "irregular_times.csv", index=False)


if __name__ == "__main__":
    main()
