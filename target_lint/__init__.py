"""target-lint: a linter for Chinese budget performance target sheets (预算绩效目标表).

The public API is imported lazily, so ``import target_lint`` (and ``target-lint --version``)
stays cheap; see docs/api.md.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

__version__ = "0.1.0"

__all__ = ["__version__", "lint_path", "lint_sheet", "parse_value", "read_sheets"]

if TYPE_CHECKING:
    from typing import Any

    from target_lint.lint import lint_path, lint_sheet
    from target_lint.readers import read_sheets
    from target_lint.values import parse_value

_LAZY = {
    "parse_value": "target_lint.values",
    "read_sheets": "target_lint.readers",
    "lint_path": "target_lint.lint",
    "lint_sheet": "target_lint.lint",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'target_lint' has no attribute {name!r}")
