"""One lock per TMX file of a memory folder: every writer of the file (the approved write-back, ``tm import``)
holds it around its read, change and atomic write, so that no writer replaces another's units with a stale copy.

The lock file lives in the folder's index cache (``<folder>/.cache/locks/<name>.lock``), which git ignores.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from translate.fileio import file_lock
from translate.memory.freshness import prepare_cache

LOCK_TIMEOUT_S = 120.0


def tmx_lock_path(path: str | Path) -> Path:
    tmx = Path(path).resolve()
    return tmx.parent / ".cache" / "locks" / f"{tmx.name}.lock"


@contextlib.contextmanager
def tmx_lock(path: str | Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the write lock of the TMX file ``path`` (it need not exist yet)."""
    lock_file = tmx_lock_path(path)
    prepare_cache(lock_file.parent.parent)
    with file_lock(lock_file, timeout, path):  # never through a symbolic link
        yield
