"""The Python examples in docs/api.md run as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_api_examples_run() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 2
    for block in blocks:
        subprocess.run([sys.executable, "-c", block], cwd=ROOT, check=True, capture_output=True)


def test_api_does_not_load_the_cli_or_rich() -> None:
    code = (
        "import sys, target_lint\n"
        "target_lint.lint_path('examples/shiyan-2025/05-ludeng-dianfei.md')\n"
        "print('rich' in sys.modules, 'target_lint.cli' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    assert out.split() == ["False", "False"]
