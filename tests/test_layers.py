"""The layers stay one-way: values and readers know nothing of rules; rules nothing of readers
or output; the CLI only wires."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "target_lint"

FORBIDDEN = {
    "values": (
        "target_lint.readers",
        "target_lint.engine",
        "target_lint.checks",
        "target_lint.cli",
    ),
    "readers": ("target_lint.engine", "target_lint.checks", "target_lint.cli", "target_lint.lint"),
    "sheet": ("target_lint.readers", "target_lint.engine", "target_lint.checks", "target_lint.cli"),
    "engine": ("target_lint.readers", "target_lint.checks", "target_lint.cli"),
    "checks": ("target_lint.readers", "target_lint.cli", "target_lint.lint"),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    for path in (PACKAGE / layer).glob("*.py"):
        bad = {n for n in _imports(path) if n.startswith(FORBIDDEN[layer])}
        assert not bad, f"{path.name} imports {sorted(bad)}"
