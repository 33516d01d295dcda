"""Durable, contained file writes: nothing a linguist typed may be lost to a crash or a half-written file.

* :func:`atomic_open` writes a temporary file beside the target and renames it over the target. The new file gets
  the permissions a plain ``open()`` would give it (``0666`` less the umask: ``0644`` by default), not
  ``mkstemp``'s ``0600``, so that colleagues sharing a server can read catalogs, memories and exports; an existing
  file keeps its own mode. Temporary files are named ``.<name>.<random>.tmp`` (``.gitignore`` ignores ``*.tmp``)
  and removed on any error or interrupt.
* :func:`file_lock` and :func:`open_append` never follow a symbolic link (``O_NOFOLLOW``): a lock or journal
  file replaced by a link to another file is refused, not truncated or written through.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

from translate.errors import BadInputError, HexaglotError


class FileStamp(NamedTuple):
    """What tells that a file changed without reading it: inode, size, modification time (ns)."""

    inode: int
    size: int
    mtime_ns: int


def file_stamp(path: str | Path) -> FileStamp | None:
    """The one file signature (the catalog saver, the check cache, the memory's freshness, MT weights): None when
    the file does not exist."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return FileStamp(stat.st_ino, stat.st_size, stat.st_mtime_ns)


_completed_writes = 0


def completed_writes() -> int:
    """How many atomic writes this process has finished: a command that fails after some tells the user that the
    files written before the error are kept (exit code 1, not 2)."""
    return _completed_writes


def current_umask() -> int:
    """The process umask (read without changing it for longer than one call)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode ``open()`` gives a new file: 0666 less the umask."""
    return 0o666 & ~current_umask()


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success fsync it and rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is left exactly as it was. ``path`` must not
    be a folder (one clear error instead of a rename failure).
    """
    target = Path(path)
    if target.is_dir():
        raise BadInputError(target, "is a folder: give a file name to write")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise _naming(error, target) from None
    binary = "b" in mode
    try:
        try:
            existing = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            existing = new_file_mode()
        os.fchmod(fd, existing)
        with os.fdopen(fd, mode, encoding=None if binary else encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        _fsync_directory(target.parent)
        global _completed_writes
        _completed_writes += 1
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(error, OSError) and not isinstance(error, BadInputError):
            raise _naming(error, target) from None
        raise


def _naming(error: OSError, target: Path) -> OSError:
    """The same error naming the file the user asked for, not the temporary file beside it (or nothing)."""
    named = "" if error.filename is None else Path(str(error.filename)).name
    if error.filename2 is None and (not named or named.startswith(f".{target.name}.")):
        return type(error)(error.errno, error.strerror, str(target))
    return error


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (temp file, fsync, rename)."""
    with atomic_open(path, "w", encoding=encoding) as handle:
        handle.write(text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file, fsync, rename)."""
    with atomic_open(path, "wb", encoding=None) as handle:
        handle.write(data)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def open_nofollow(path: str | Path, flags: int, mode: int = 0o666) -> int:
    """``os.open`` that refuses a symbolic link at ``path`` (a :class:`BadInputError` naming it)."""
    try:
        return os.open(path, flags | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise BadInputError(path, "is a symbolic link; hexaglot does not write through links here") from None
        raise


def open_append(path: str | Path) -> int:
    """A descriptor for appending to ``path`` (created with the umask's mode), never through a symbolic link."""
    return open_nofollow(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)


@contextlib.contextmanager
def file_lock(path: str | Path, timeout: float, what: str | Path | None = None) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if needed, never through a symbolic link).

    Waits up to ``timeout`` seconds, then raises :class:`HexaglotError` naming ``what`` (default: the lock).
    """
    lock_file = Path(path)
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = open_nofollow(lock_file, os.O_RDWR | os.O_CREAT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise HexaglotError(
                        f"{what or lock_file}: locked by another hexaglot for over {timeout:.0f} s"
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
