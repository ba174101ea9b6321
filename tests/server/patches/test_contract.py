"""Every patch's contract (app/server/patches/contract.py): it holds under the pinned versions, and a patch
whose code changed stays out with one line saying why.

The checks that install real patches run in a fresh interpreter: a patch changes Streamlit or asyncio
for the whole process.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from app.server import patches
from app.server.patches import contract

ROOT = Path(__file__).resolve().parents[3]


def _run(code: str) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out


def test_every_patch_finds_the_code_it_was_written_for():
    """Fails after an upgrade of Streamlit or Python that changed a function a patch replaces or relies on:
    the server would run without that patch. Read the new code, check the patch still holds, then record
    the new fingerprint (``contract.fingerprint(contract.resolve(target))``)."""
    code = (
        "import importlib, json; from app.server.patches import PATCHES, contract\n"
        "found = {}\n"
        "for name, module in PATCHES.items():\n"
        "    c = importlib.import_module(module).CONTRACT\n"
        "    found[name] = [c.patch, contract.problem(c)]\n"
        "print(json.dumps(found))"
    )
    found = json.loads(_run(code).stdout.splitlines()[-1])
    assert {name: patch for name, (patch, _) in found.items()} == {name: name for name in patches.PATCHES}
    problems = {name: problem for name, (_, problem) in found.items() if problem is not None}
    assert not problems, f"these patches would not install: {problems}"


def like_streamlits(options: dict) -> dict:
    """Stands for a function of Streamlit's that a patch replaces."""
    return dict(options)


def _contract(**kwargs) -> contract.Contract:
    target = f"{__name__}:like_streamlits"
    return contract.Contract("invented", {target: contract.fingerprint(like_streamlits)}, **kwargs)


def _install(c: contract.Contract) -> tuple[bool, list[str]]:
    applied: list[int] = []
    got = contract.install(c, lambda: applied.append(1), lambda: bool(applied))
    assert got == bool(applied)
    return got, applied


def test_a_patch_installs_over_the_code_it_was_written_for_once(capsys):
    c = _contract()
    assert _install(c) == (True, [1])
    assert capsys.readouterr().err == ""


def test_a_changed_function_keeps_the_patch_out_with_one_line(monkeypatch, capsys):
    c = _contract()

    def like_streamlits(options: dict) -> dict:  # the same name, other code: an upgrade changed it
        return {**options, "new": True}

    monkeypatch.setattr(sys.modules[__name__], "like_streamlits", like_streamlits)
    assert _install(c) == (False, [])
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("LSTM Lens: patch invented skipped: ")
    assert f"{__name__}:like_streamlits is not the code it was written for" in line
    assert line.endswith("the server runs on Streamlit's own code there.")


@pytest.mark.parametrize("change, why", [
    (dict(streamlit="1.0.0"), "it was written for Streamlit 1.0.0 and this is 1.67.0"),
    (dict(sources={"streamlit.config:no_such_function": "0" * 16}), "streamlit.config:no_such_function is not there"),
])
def test_another_version_or_a_missing_function_keeps_the_patch_out(change, why, capsys):
    c = _contract()
    c = contract.Contract(c.patch, change.get("sources", c.sources), streamlit=change.get("streamlit", c.streamlit))
    assert _install(c) == (False, [])
    [line] = capsys.readouterr().err.splitlines()
    assert why in line and "invented" in line


def test_on_uvloop_a_patch_of_the_selector_loop_says_it_stays_out(monkeypatch, capsys):
    """Streamlit 1.67 serves on uvloop whenever it can import it."""
    assert _install(_contract(selector_loop=True)) == (True, [1])
    monkeypatch.setitem(sys.modules, "uvloop", types.ModuleType("uvloop"))
    assert _install(_contract(selector_loop=True)) == (False, [])
    assert _install(_contract()) == (True, [1])  # a patch of Streamlit's own code does not care
    [line] = capsys.readouterr().err.splitlines()
    assert "uvloop is installed" in line


@pytest.mark.parametrize("name", list(patches.PATCHES))
def test_each_real_patch_stays_out_when_a_function_it_relies_on_changed(name):
    """The contract is wired into every patch: the first function it names, changed, keeps it out."""
    code = (
        "import importlib; from app.server.patches import PATCHES, contract\n"
        f"module = importlib.import_module(PATCHES[{name!r}])\n"
        "mod, _, qualname = next(iter(module.CONTRACT.sources)).partition(':')\n"
        "owner, _, attr = qualname.rpartition('.')\n"
        "holder = contract.resolve(f'{mod}:{owner}') if owner else importlib.import_module(mod)\n"
        "def changed(*args, **kwargs):\n    return None\n"
        "setattr(holder, attr, changed)\n"
        "print(module.install(), module.installed())"
    )
    out = _run(code)
    assert out.stdout.splitlines()[-1] == "False False"
    [line] = out.stderr.splitlines()
    target = next(iter(importlib.import_module(patches.PATCHES[name]).CONTRACT.sources))
    assert line.startswith(f"LSTM Lens: patch {name} skipped: {target} ")


def test_the_launcher_reports_each_patch_and_serves_on_with_one_skipped():
    """A skipped patch is not ignored: the server's log says which are in and which are not, and it starts."""
    code = (
        "import runpy; from streamlit.web import cli; cli.main = lambda: 0\n"
        "from streamlit import config\n"
        "def changed(section):\n    return {}\n"
        "config.get_options_for_section = changed\n"
        "ns = runpy.run_path('scripts/serve.py', run_name='serve'); print(ns['main']([], tcp_nodelay=False))"
    )
    out = _run(code)
    assert out.stdout.splitlines()[-1] == "0"
    skipped, summary = out.stderr.splitlines()
    assert skipped.startswith("LSTM Lens: patch remember_theme skipped: streamlit.config:get_options_for_section")
    assert summary == ("LSTM Lens: server patches installed: coalesce_wakeups, batch_sends; skipped: remember_theme; "
                       "left out: tcp_nodelay.")
