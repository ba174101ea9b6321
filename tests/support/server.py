"""Start and stop a real ``streamlit run streamlit_app.py`` on 127.0.0.1 for load tests and benchmarks.

It starts the app the way ``make run`` does, through ``scripts/serve.py`` (``streamlit run`` with
the legacy-multipage flag cleared, so a first visit to ``/step_through`` runs the frame).

    with streamlit_server() as server:
        server.url          # http://127.0.0.1:<free port>
        server.rss_bytes()  # resident memory of the server process, from /proc/<pid>/status

The server is the process we start, so its pid is the server's.
It is always stopped on leaving the block, also when the block raised.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss_bytes(self) -> int:
        """Resident set size of the server process (VmRSS), in bytes."""
        rss = rss_of(self.pid)
        if rss is None:
            raise RuntimeError(f"no VmRSS in /proc/{self.pid}/status")
        return rss

    def cpu_seconds(self) -> float:
        """CPU time (user + system, all threads) the server process has used so far."""
        return cpu_seconds_of(self.pid)

    def open_files(self) -> int:
        """File descriptors the server process holds open (sockets, pipes and files)."""
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def threads(self) -> int:
        """Threads of the server process now."""
        return len(os.listdir(f"/proc/{self.pid}/task"))

    def helpers_rss(self) -> dict[str, int]:
        """Resident memory (bytes) of the processes the server started, by what they are (see
        :func:`child_processes`): the fork server and the resource tracker stay up."""
        out: dict[str, int] = {}
        for name, pids in child_processes(self.pid).items():
            for child in pids:
                try:
                    out[name] = out.get(name, 0) + (rss_of(child) or 0)
                except (FileNotFoundError, ProcessLookupError):  # it ended meanwhile
                    continue
        return out

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def rss_of(pid: int) -> int | None:
    """Resident set size of process ``pid`` (VmRSS of ``/proc/<pid>/status``), in bytes; None for a
    process that has none (a zombie)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return None


def cpu_seconds_of(pid: int) -> float:
    """CPU time (user + system, all threads) process ``pid`` has used so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_processes(pid: int) -> dict[str, list[int]]:
    """The live child processes of ``pid`` by what they are: ``fork server`` (the trainings' fork server,
    Keras imported once), ``resource tracker`` (multiprocessing's) and ``other`` (a training, say)."""
    children: list[int] = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            children += [int(c) for c in Path(f"/proc/{pid}/task/{tid}/children").read_text().split()]
        except FileNotFoundError:  # that thread ended meanwhile
            continue
    out: dict[str, list[int]] = {}
    for child in children:
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (FileNotFoundError, ProcessLookupError):  # it ended meanwhile
            continue
        name = ("fork server" if "forkserver" in command else
                "resource tracker" if "resource_tracker" in command else "other")
        out.setdefault(name, []).append(child)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(port: int | None = None, timeout: float = 60.0, options: tuple[str, ...] = (),
                     env: dict[str, str] | None = None, script: Path | None = None) -> Iterator[Server]:
    """A ``streamlit run`` of the app on 127.0.0.1 (headless, no file watcher, no usage stats).

    ``env``: extra environment variables for the server (e.g. the operator settings of
    :mod:`app.server.settings`). ``script``: what starts it (default ``scripts/serve.py``, as
    ``make run`` does).
    """
    port = port or free_port()
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONUNBUFFERED="1", CUDA_VISIBLE_DEVICES="", **(env or {}))
    log = tempfile.NamedTemporaryFile(prefix="streamlit-load-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [sys.executable, str(script or ROOT / "scripts" / "serve.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *options],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    server = Server(f"http://127.0.0.1:{port}", proc, Path(log.name))
    try:
        _wait_healthy(server, timeout)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{server.log()}")
        try:
            with urllib.request.urlopen(server.url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer /_stcore/health within {timeout:g} s:\n{server.log()}")


WITHOUT = Path(__file__).resolve().parents[2] / "benchmarks" / "serve_without.py"
"""The server with one of its fixes left out (``LENS_WITHOUT``), for the side-by-side benchmarks."""


@contextmanager
def servers_with_and_without(fix: str) -> Iterator[dict[str, Server]]:
    """Two servers on 127.0.0.1, ``{"with every fix (serve.py)": ..., "without <fix>": ...}``: the second is
    ``benchmarks/serve_without.py`` leaving ``fix`` out, or, for ``fix == "none"``, the same server again (the
    ratios between them then show the machine's noise)."""
    other = dict(script=WITHOUT, env={"LENS_WITHOUT": fix}) if fix != "none" else {}
    with streamlit_server() as fixed, streamlit_server(**other) as second:
        yield {"with every fix (serve.py)": fixed, f"without {fix}": second}
