"""The classroom load scenario, shared by ``benchmarks/load_test.py`` and ``tests/test_load.py``.

Each simulated student is one :class:`~tests.support.st_client.StreamlitSession`:

    open /step_through -> pick their own input (a typed list, or a CSV they upload) with scaling
    "None" and their own seeded random cell (seed, units) -> press "Next" up to ``steps`` times,
    pausing ``think`` seconds between presses, until the deadline

A trainer opens /train_forecast instead, uploads their own CSV, trains a small model (polling the
progress fragment as the browser's timer does), follows the hand-off to /step_through and steps
through the gates of their own model.

Every run is checked:
    errors     exception boxes, error boxes, disconnects, runs that never finish
    isolation  the session's input figure holds exactly its own numbers, its h heatmap equals
               ``lstm_forward(own x, init_weights(1, own units, own seed)).h``, the caption shows
               its own timestep, the page is in its own language (every fourth student reads
               Portuguese), and no run ever carries another session's file or column name (so no
               session sees another's upload or trained model, whose label names the file)
The step latency is the time from pressing "Next" to the ``script_finished`` of that fragment run.
"""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from app.i18n import LANGUAGES, t
from lstm_core import lstm_forward
from lstm_core.weights import init_weights
from tests.support.st_client import ClientError, StreamlitSession, plotly_array

MARKER = re.compile(rb"lens_u(\d{2})_q")
"""Every uploaded file and column is named ``lens_u<NN>_q``: seeing another NN is a leak."""


@dataclass
class Student:
    """What one simulated student picks: their own numbers, seed and units."""

    index: int
    length: int = 32

    @property
    def marker(self) -> str:
        return f"lens_u{self.index:02d}_q"

    @property
    def uploads(self) -> bool:
        return self.index % 3 == 2  # every third student uploads a CSV instead of typing

    @property
    def lang(self) -> str:
        return "pt" if self.index % 4 == 1 else "en"  # every fourth student reads Portuguese

    @property
    def seed(self) -> int:
        return 1000 + self.index

    @property
    def units(self) -> int:
        return 3 + self.index % 5

    @property
    def values(self) -> np.ndarray:
        rng = np.random.default_rng(7000 + self.index)
        return np.round(rng.uniform(-1.0, 1.0, self.length), 4)

    def csv(self) -> bytes:
        rows = "\n".join(f"{k},{v:.4f}" for k, v in enumerate(self.values))
        return f"step,{self.marker}\n{rows}\n".encode()

    def training_csv(self) -> bytes:
        """48 months of a seasonal series, its value column named with this student's marker."""
        months = pd.date_range("2001-01-01", periods=48, freq="MS")
        k = np.arange(48)
        values = 100 + self.index + 10 * np.sin(2 * np.pi * k / 12) + 0.5 * k
        rows = "\n".join(f"{d:%Y-%m-%d},{v:.3f}" for d, v in zip(months, values))
        return f"month,{self.marker}\n{rows}\n".encode()

    def expected_h(self) -> np.ndarray:
        """(T, H) the h this student's page must show."""
        x = self.values.astype(np.float32)[:, None]
        return lstm_forward(x, init_weights(1, self.units, seed=self.seed)).h


@dataclass
class Report:
    """What one session saw."""

    name: str
    step_seconds: list[float] = field(default_factory=list)
    open_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    step_bytes: int = 0           # what the server sent this session while it stepped
    step_started: list[float] = field(default_factory=list)  # time.monotonic() at each press
    ready_at: float = 0.0         # time.monotonic() when its page was set up and stepping began
    trained: bool = False
    queued: bool = False          # a trainer was told it waits for a training slot
    train_seconds: float = 0.0    # from pressing Train to the results
    train_started: float = 0.0    # time.monotonic() when Train was pressed


def check_run(report: Report, run, own: str | None) -> None:
    """Errors and foreign markers in one run."""
    for text in run.exceptions:
        report.errors.append(f"exception box: {text[:200]}")
    for element in run.elements:
        if element.kind == "alert" and element.proto.format == 1:  # st.error
            report.errors.append(f"error box: {element.proto.body[:200]}")
        for found in MARKER.findall(element.proto.SerializeToString()):
            name = f"lens_u{found.decode()}_q"
            if name != own:
                report.leaks.append(f"{report.name} saw {name}")


def check_page(report: Report, s: StreamlitSession, student: Student, t_now: int) -> None:
    """The page shows this student's own input, own cell and own timestep."""
    try:
        series = [plotly_array(tr["y"]) for tr in s.plotly("step_fig_input")["data"] if "y" in tr]
        if not any(a.shape == student.values.shape and np.allclose(a, student.values, atol=1e-6) for a in series):
            report.leaks.append(f"{report.name}: the input figure does not hold its own numbers")
        z = plotly_array(next(tr["z"] for tr in s.plotly("step_fig_heatmaps")["data"] if tr.get("name") == "h"))
        expected = student.expected_h().T  # (units, time), as the heatmap draws it
        if z.shape != expected.shape or not np.allclose(z, expected, atol=1e-5):
            report.leaks.append(f"{report.name}: h heatmap {z.shape} is not its own cell's {expected.shape}")
        if not any(text.startswith(f"t = {t_now} ") for text in s.markdown()):
            report.leaks.append(f"{report.name}: the caption does not show its own t = {t_now}")
        if t("step.title", lang=student.lang) not in s.markdown():
            report.leaks.append(f"{report.name}: the page is not in its own language ({student.lang})")
    except (KeyError, IndexError, ValueError, StopIteration) as exc:
        report.errors.append(f"{report.name}: page incomplete: {exc}")


async def student_session(url: str, student: Student, steps: int, think: tuple[float, float], deadline: float,
                          start_delay: float = 0.0, timeout: float = 60.0, train: bool = False,
                          train_timeout: float = 300.0, probe: Callable[[str], None] | None = None) -> Report:
    """One student; never raises, everything goes into the report.

    A stepper opens /step_through, picks their own input and cell, and steps. A trainer opens
    /train_forecast, uploads their own CSV, trains, follows the hand-off to /step_through and
    steps through their own trained model's gates. ``probe("stepping")`` and ``probe("stepped")``
    are called around the stepping (a benchmark reads the server's CPU time there).
    """
    report = Report(f"{'trainer' if train else 'student'} {student.index:02d}")
    await asyncio.sleep(start_delay)
    own = student.marker if (student.uploads or train) else None
    rng = random.Random(student.index)
    try:
        async with StreamlitSession(url, page="train_forecast" if train else "step_through", timeout=timeout) as s:
            first = await s.open()
            report.open_seconds = first.seconds
            check_run(report, first, own)
            if "_lang_picker" not in s.widget_keys():
                report.errors.append(f"{report.name}: the page opened without the app's frame (no language switch)")
            if train:
                await train_model(s, report, student, time.monotonic() + train_timeout)
                if not report.trained:
                    return report
                check_run(report, await s.switch_page("step_through"), own)
                if student.marker.encode() not in s.page_bytes():
                    report.leaks.append(f"{report.name}: the step-through page does not show its own trained model")
                if not any(text.startswith("t = 0 ") for text in s.markdown()):
                    report.errors.append(f"{report.name}: the trained model's trace is not shown")
            else:
                await pick_input(s, report, student, own)
                check_page(report, s, student, 0)
            if probe:
                probe("stepping")
            report.ready_at = time.monotonic()
            bytes_before = s.all_bytes_seen
            for n in range(1, steps + 1):
                if time.monotonic() > deadline or n >= student.length:
                    break
                await asyncio.sleep(rng.uniform(*think))
                report.step_started.append(time.monotonic())
                run = await s.click("step_next")
                report.step_seconds.append(run.seconds)
                check_run(report, run, own)
                if run.status != "fragment_ok":
                    report.errors.append(f"step {n} ended {run.status}")
                if n % 5 == 0 or n == steps:
                    if train:
                        if not any(text.startswith(f"t = {n} ") for text in s.markdown()):
                            report.leaks.append(f"{report.name}: the caption does not show its own t = {n}")
                    else:
                        check_page(report, s, student, n)
            report.step_bytes = s.all_bytes_seen - bytes_before
            if probe:
                probe("stepped")
    except (ClientError, OSError, asyncio.TimeoutError) as exc:
        report.errors.append(f"{report.name}: {type(exc).__name__}: {exc}")
    except KeyError as exc:
        report.errors.append(f"{report.name}: missing widget: {exc}")
    return report


TRAIN_EPOCHS = 3


async def train_model(s: StreamlitSession, report: Report, student: Student, give_up_at: float) -> None:
    """On /train_forecast: upload this student's CSV, train a small model, poll until the results show."""
    own = student.marker
    await s.set_value("fc_source", t("fc.source.upload", lang="en"))  # asks for a file
    check_run(report, await s.upload("fc_uploader", f"{own}.csv", student.training_csv()), own)
    for key, value in (("fc_epochs", TRAIN_EPOCHS), ("fc_members", 1), ("fc_units", 4), ("fc_seed", student.seed)):
        await s.set_value(key, value, rerun=False)
    check_run(report, await s.rerun(), own)
    started = report.train_started = time.monotonic()
    check_run(report, await s.click("fc_train"), own)
    queued_text = t("fc.queued", lang="en", running=0).split(":")[0]
    while "fc_dl_csv" not in s.widget_keys():
        if time.monotonic() > give_up_at:
            report.errors.append(f"{report.name}: training did not finish in time")
            return
        if report.errors:
            return
        if any(text.startswith(queued_text) for text in s.alerts("info")):
            report.queued = True
        if not s.auto_reruns:
            report.errors.append(f"{report.name}: no training in progress and no results")
            return
        await asyncio.sleep(min(s.auto_reruns.values()))  # the fragment's run_every, as the browser's timer waits
        for run in await s.tick():
            check_run(report, run, own)
    report.train_seconds = time.monotonic() - started
    report.trained = True


async def pick_input(s: StreamlitSession, report: Report, student: Student, own: str | None) -> None:
    """Their language; seeded random cell with their seed and units; their numbers, typed or uploaded; no scaling."""
    lang = student.lang
    runs = []
    if lang != "en":
        runs.append(await s.set_value("_lang_picker", LANGUAGES[lang]))
    runs.append(await s.set_value("step_source", t("step.w.random", lang=lang)))  # the page opens on a preset
    runs += [await s.set_value("step_seed", student.seed), await s.set_value("step_units", student.units)]
    if student.uploads:
        await s.set_value("step_seq", t("step.seq.csv", lang=lang))  # asks for a file: an error box is right here
        runs.append(await s.upload("step_csv", f"{student.marker}.csv", student.csv()))
        runs.append(await s.set_value("step_csv_col", student.marker))
    else:
        runs.append(await s.set_value("step_seq", t("step.seq.typed", lang=lang)))
        runs.append(await s.set_value("step_typed", ", ".join(f"{v:g}" for v in student.values)))
    runs.append(await s.set_value("step_scaling", t("step.scaling.none", lang=lang)))
    for run in runs:
        check_run(report, run, own)


def add_class_options(parser) -> None:
    """``--sessions`` (students at once, default 30) and ``--trainers`` (of them, how many train a model
    first, default 3): the class of every benchmark that runs one."""
    parser.add_argument("--sessions", type=int, default=30, help="students at once (default 30)")
    parser.add_argument("--trainers", type=int, default=3, help="of them, how many train a model first (default 3)")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), linear interpolation; NaN for no values."""
    return float(np.percentile(values, q)) if values else float("nan")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


async def run_load(url: str, count: int, trainers: int, steps: int, think: tuple[float, float], duration: float,
                   spread: float = 3.0, first_index: int = 0, train_timeout: float = 300.0) -> list[Report]:
    """``count`` sessions at once (first loads spread over ``spread`` s); the first ``trainers`` of them
    train a model on the forecast page, then step through its gates; the others step from the start."""
    deadline = time.monotonic() + duration
    return list(await asyncio.gather(*(
        student_session(url, Student(first_index + k), steps, think, deadline, start_delay=spread * k / max(count, 1),
                        train=k < trainers, train_timeout=train_timeout)
        for k in range(count)
    )))
