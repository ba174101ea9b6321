"""The house rules of DESIGN.md, checked: arrows point down, TensorFlow stays out of page opening."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _py(folder):
    return sorted((ROOT / folder).rglob("*.py"))


def _imports(path: Path, top_level_only: bool = False) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module.split(".")[0], node.lineno))
    return found


@pytest.mark.parametrize("path", _py("lstm_core"), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_imports_no_ui(path):
    bad = [(m, n) for m, n in _imports(path) if m in {"streamlit", "plotly", "app", "pages"}]
    assert not bad, f"{path.name} imports UI modules: {bad}"


@pytest.mark.parametrize("path", _py("app"), ids=lambda p: str(p.relative_to(ROOT)))
def test_app_never_imports_pages(path):
    assert not [m for m, _ in _imports(path) if m == "pages"]


@pytest.mark.parametrize("path", _py("app/server"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_server_room_imports_no_page_and_nothing_of_app_outside_it(path):
    """app/server/ is how the server runs; pages use it, it uses no page, view or widget."""
    tree = ast.parse(path.read_text(), filename=str(path))
    named = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    named += [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module]
    bad = [name for name in named if name.split(".")[0] == "pages"
           or (name.split(".")[0] == "app" and not name.startswith("app.server"))]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize(
    "path", _py("lstm_core") + _py("app") + _py("pages") + [ROOT / "streamlit_app.py"], ids=lambda p: str(p.relative_to(ROOT))
)
def test_tensorflow_only_inside_functions_of_keras_modules(path):
    top = [(m, n) for m, n in _imports(path, top_level_only=True) if m in {"tensorflow", "keras"}]
    assert not top, f"{path.name} imports TensorFlow at module level (line {top[0][1]})"
    if path.parent != ROOT / "lstm_core" / "keras_bridge":
        anywhere = [(m, n) for m, n in _imports(path) if m in {"tensorflow", "keras"}]
        assert not anywhere, f"{path.name} imports TensorFlow; only lstm_core/keras_bridge/ may (inside functions)"


@pytest.mark.parametrize(
    "path", _py("lstm_core") + _py("app") + _py("pages") + [ROOT / "streamlit_app.py", ROOT / "scripts" / "serve.py"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_module_of_the_app_imports_the_training_preload(path):
    """app/server/training_preload.py loads Keras when imported: only the trainings' fork server may import
    it (by name, app.server.training_slots.training_context), never the server or a page."""
    tree = ast.parse(path.read_text(), filename=str(path))
    named = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    named += [f"{node.module}.{alias.name}" for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module for alias in node.names]
    assert not [name for name in named if "training_preload" in name], \
        f"{path.name} imports app.server.training_preload"


def test_opening_every_page_imports_no_tensorflow():
    """Each page runs once in a fresh interpreter with AppTest; tensorflow must not be in sys.modules after."""
    pages = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "pages").glob("*.py"))] + ["streamlit_app.py"]
    script = f"""
import sys
from streamlit.testing.v1 import AppTest
bad = []
for page in {pages!r}:
    at = AppTest.from_file(page, default_timeout=120).run()
    if "tensorflow" in sys.modules or "keras" in sys.modules:
        bad.append(page)
        break
print("PAGES_WITH_TF=" + ",".join(bad))
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("PAGES_WITH_TF=")][-1]
    assert line == "PAGES_WITH_TF=", f"opening these pages imported TensorFlow: {line}"
