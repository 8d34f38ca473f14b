"""The user cache directory: ``TARGET_LINT_CACHE_DIR`` or the platform's user cache folder."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(*parts: str) -> Path | None:
    """A folder inside the cache directory, created if needed; None if it cannot be created."""
    root = os.environ.get("TARGET_LINT_CACHE_DIR")
    if not root:
        import platformdirs

        root = platformdirs.user_cache_dir("target-lint")
    folder = Path(root).joinpath(*parts)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that a concurrent
    reader sees the old file or the new one, never half of one. False if it cannot be written."""
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
