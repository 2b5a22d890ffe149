"""The core and the glossary import no Qt (STYLE: a pure-Python core, a thin Qt shell)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_and_glossary_import_no_qt() -> None:
    files = list((ROOT / "reader" / "core").rglob("*.py")) + list((ROOT / "glossary").rglob("*.py"))
    assert len(files) > 15
    offenders = {str(f.relative_to(ROOT)) for f in files if _imports(f) & {"PySide6", "shiboken6", "PyQt6", "PyQt5"}}
    assert offenders == set()


def test_glossary_does_not_depend_on_the_window() -> None:
    files = list((ROOT / "glossary").rglob("*.py"))
    assert all("reader" not in _imports(f) for f in files)


def _module_level_ui_imports(path: Path) -> set[str]:
    """reader.ui modules imported when ``path`` is imported (not inside functions or TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reader.ui."):
            found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[2] for a in node.names if a.name.startswith("reader.ui."))
    return found


def test_the_shell_modules_import_each_other_without_a_cycle() -> None:
    """The export and the window do not depend on the code that drives windows in tests."""
    graph = {p.stem: _module_level_ui_imports(p) for p in (ROOT / "reader" / "ui").glob("*.py")}
    assert "driver" not in graph["export"] and "driver" not in graph["window"]

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, set()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert [m for m in graph if reaches(m, m, set())] == []
