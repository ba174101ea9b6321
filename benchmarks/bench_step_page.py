"""How fast the step-through page answers: its first run against a timestep change, under AppTest.

    .venv/bin/python benchmarks/bench_step_page.py [--repeats 5]

For each case (T timesteps, H units) it opens the page in a fresh AppTest session with the
trace cache cleared ("first run": weights, trace, unit order, every figure), then presses
Next several times ("step": what a timestep change costs) and jumps with the slider to the
far end (a new heatmap window). The target is step / first <= 1/3. It also reports the
largest chart payload sent to the browser (the limit is 2 MB per figure).

AppTest reruns the whole script on a widget change; in the browser a step reruns only the
page's fragment, so the browser's step is cheaper still.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
logging.disable(logging.WARNING)

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

PAGE = str(ROOT / "pages" / "step_through.py")
CASES = [(200, 32), (10_000, 256)]


def open_page(steps: int, units: int) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=300)
    at.query_params["step_source"] = "random"
    at.query_params["step_seq"] = "sine"
    at.query_params["step_len_sine"] = str(steps)
    at.query_params["step_units"] = str(units)
    return at


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def check(at: AppTest) -> None:
    if at.exception:
        raise RuntimeError(at.exception[0].value)


def largest_payload(at: AppTest) -> int:
    return max(len(chart.proto.spec) for chart in at.get("plotly_chart"))


def bench(steps: int, units: int, repeats: int) -> dict[str, float]:
    firsts, nexts, jumps = [], [], []
    payload = 0
    for _ in range(repeats):
        st.cache_data.clear()
        at = open_page(steps, units)
        firsts.append(timed(at.run))
        check(at)
        assert at.slider(key="step_t").max == steps - 1
        for _ in range(3):
            nexts.append(timed(at.button(key="step_next").click().run))
            check(at)
        jumps.append(timed(at.slider(key="step_t").set_value(steps - 1).run))
        check(at)
        payload = max(payload, largest_payload(at))
    return {
        "first": statistics.median(firsts),
        "next": statistics.median(nexts),
        "jump": statistics.median(jumps),
        "payload": payload,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    cold = open_page(*CASES[0])
    cold_first = timed(cold.run)  # the process's very first run: imports Plotly, NumPy paths, the page's modules
    check(cold)
    print(f"cold first run of the process (imports included), T={CASES[0][0]}, H={CASES[0][1]}: {cold_first:.3f} s")
    print(f"median of {args.repeats} sessions; 'first' clears the trace cache (modules already imported)\n")
    header = (f"{'T':>6} {'H':>4} | {'first run':>10} | {'Next':>8} {'ratio':>6} |"
              f" {'slider jump':>11} {'ratio':>6} | largest chart")
    print(header)
    print("-" * len(header))
    for steps, units in CASES:
        r = bench(steps, units, args.repeats)
        print(
            f"{steps:>6} {units:>4} | {r['first']:>8.3f} s | {r['next']:>6.3f} s {r['next'] / r['first']:>6.2f} |"
            f" {r['jump']:>9.3f} s {r['jump'] / r['first']:>6.2f} | {r['payload'] / 1e6:.2f} MB"
        )
    print("\ntarget: a timestep change costs at most 1/3 of the first run (ratio <= 0.33)")


if __name__ == "__main__":
    main()
