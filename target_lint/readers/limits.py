"""How big an input file may be before it is refused (``max-file-size-mb`` in the config)."""

from __future__ import annotations

MAX_BYTES = 50 * 1024 * 1024


def megabytes(size: int) -> str:
    """50 MB, 1.5 MB, 12 KB."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"
    return f"{max(size // 1024, 1)} KB"
