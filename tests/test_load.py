"""A short classroom: 8 sessions at once on a real ``streamlit run`` (127.0.0.1), ~20 s of stepping.

One of them uploads a CSV on the forecast page, trains a small model and steps through its gates.
Asserts no errors and no session ever sees another's input, upload, model, cell or timestep.
Timings are printed, never asserted (see ``benchmarks/load_test.py`` for the figures).
"""

from __future__ import annotations

import pytest

from tests.support import run_async
from tests.support.load import Report, Student, check_page, median, percentile, pick_input, run_load
from tests.support.server import streamlit_server
from tests.support.st_client import StreamlitSession

pytestmark = pytest.mark.slow

SESSIONS = 8
TRAINERS = 1
STEPS = 10


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as s:
        yield s


def test_the_isolation_check_sees_a_foreign_page(server):
    """The detector itself: student 1's page judged as if it were student 2's is flagged."""

    async def look() -> Report:
        report = Report("probe")
        async with StreamlitSession(server.url, page="step_through") as s:
            await s.open()
            await pick_input(s, report, Student(1), None)
            check_page(report, s, Student(1), 0)
            assert report.leaks == [] and report.errors == []
            check_page(report, s, Student(2), 0)
        return report

    report = run_async(look())
    assert any("own numbers" in leak for leak in report.leaks)
    assert any("h heatmap" in leak for leak in report.leaks)


def test_eight_sessions_at_once_stay_correct_and_apart(server):
    reports = run_async(run_load(server.url, SESSIONS, TRAINERS, steps=STEPS, think=(0.2, 0.6), duration=20,
                                   train_timeout=120))
    steps = [s for r in reports for s in r.step_seconds]
    print(f"\n{len(steps)} steps, median {median(steps):.3f} s, p95 {percentile(steps, 95):.3f} s, "
          f"training {[round(r.train_seconds, 1) for r in reports[:TRAINERS]]} s, "
          f"server RSS {server.rss_bytes() / 2**20:.0f} MB")
    assert [e for r in reports for e in r.errors] == []
    assert [leak for r in reports for leak in r.leaks] == []
    students, trainers = reports[TRAINERS:], reports[:TRAINERS]
    assert all(len(r.step_seconds) >= 3 for r in students), [(r.name, len(r.step_seconds)) for r in students]
    assert all(r.trained for r in trainers)
    assert sum(Student(k).uploads for k in range(SESSIONS)) >= 2  # uploads were part of it


def test_an_upload_over_the_cap_is_refused_by_the_server(server):
    """.streamlit/config.toml caps uploads (server.maxUploadSize, MB): a bigger file never reaches a page."""
    import tomllib

    from tests.support.server import ROOT
    from tests.support.st_client import ClientError

    cap_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert cap_mb <= 50

    async def upload_too_much() -> str:
        async with StreamlitSession(server.url, page="train_forecast") as s:
            await s.open()
            await s.set_value("fc_source", "My CSV file")
            with pytest.raises(ClientError) as caught:
                await s.upload("fc_uploader", "big.csv", b"value\n" + b"1\n" * (cap_mb * 2**20 // 2 + 1024))
            run = await s.rerun()  # the session goes on
            assert run.exceptions == []
            return str(caught.value)

    assert "413" in run_async(upload_too_much())
