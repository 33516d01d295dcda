"""A cache of ``hexaglot check`` results keyed by the signature of everything the result depends on.

The key is a hash of: the contents of every input file (PO/XLIFF, the workflow's catalogs after a sync) and
glossary, the options (format, language, checks, states), and the code of the checks (size and time of every
module under translate/qa, translate/glossary, translate/lang and this command). A hit prints the stored output
without parsing anything; any change to any of them is a miss. Stored under ``$HEXAGLOT_CACHE`` or
``$XDG_CACHE_HOME/hexaglot`` (``~/.cache/hexaglot``)/check; the newest 32 results are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from translate.fileio import file_stamp

KEEP = 32
_CODE_DIRS = ("qa", "glossary", "lang", "formats")


def cache_dir() -> Path:
    base = os.environ.get("HEXAGLOT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "hexaglot"
    )
    return Path(base) / "check"


def _code_signature() -> str:
    import translate

    root = Path(translate.__file__).parent
    digest = hashlib.sha256(str(getattr(translate, "__version__", "")).encode())
    files = [root / "cli" / "check_cmd.py", root / "catalog.py"]
    for folder in _CODE_DIRS:
        files.extend(sorted((root / folder).rglob("*.py")))
    for file in files:
        with contextlib.suppress(OSError):
            stamp = file_stamp(file)
            if stamp is not None:
                digest.update(f"{file}:{stamp.size}:{stamp.mtime_ns}\n".encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_files(paths: list[Path], lang: str | None, glossaries: list[Path]) -> list[Path] | None:
    """Every file the check of ``paths`` reads (workflows synced first), or None when that cannot be known
    cheaply (a missing path: let the command report it)."""
    from translate.workflow import WORKFLOW_FILE, load_workflow

    files: list[Path] = []
    for path in paths:
        if not path.exists():
            return None
        if path.is_dir() and (path / WORKFLOW_FILE).exists():
            from translate.store import sync_workflow

            workflow = load_workflow(path)
            wanted = [lang] if lang else list(workflow.target_languages)
            sync_workflow(workflow, wanted)
            files.append(path / WORKFLOW_FILE)
            files.extend(workflow.catalog_path(code) for code in wanted if workflow.catalog_path(code).exists())
            files.extend(glossaries or workflow.glossary_paths())
            files.extend(_word_lists(workflow.root))
        elif (owner := _owner(path)) is not None:
            from translate.store import sync_workflow

            workflow, owned_lang = owner
            sync_workflow(workflow, [owned_lang])
            files.extend([path, workflow.root / WORKFLOW_FILE, *(glossaries or workflow.glossary_paths())])
            files.extend(_word_lists(workflow.root))
        elif path.is_dir():
            files.extend(sorted(found for found in path.rglob("*") if found.is_file()))
        elif not path.is_file():
            return None  # a FIFO or a device: never opened here (reading a FIFO waits forever)
        else:
            files.append(path)
    files.extend(glossaries)
    return files


def _word_lists(root: Path) -> list[Path]:
    """The workflow's spelling word lists and the UN country names the ``spelling`` check accepts."""
    from translate.qa.spelling import COUNTRY_NAMES

    names = COUNTRY_NAMES / "data" / "country-codes.csv"
    return sorted((root / "spelling").glob("*.txt")) + ([names] if names.is_file() else [])


def _owner(path: Path):  # type: ignore[no-untyped-def]
    from translate.cli.check_cmd import owning_workflow

    return owning_workflow(path)


def key(files: list[Path], options: dict) -> str | None:
    digest = hashlib.sha256(_code_signature().encode())
    digest.update(json.dumps(options, sort_keys=True).encode())
    for file in files:
        try:
            digest.update(f"{file}\0{_file_digest(file)}\n".encode())
        except OSError:
            return None
    return digest.hexdigest()


def get(cache_key: str) -> tuple[str, int] | None:
    """The stored output and exit code (the file: the exit code on the first line, then the output as is)."""
    try:
        data = (cache_dir() / f"{cache_key}.out").read_bytes()
        code, _, text = data.partition(b"\n")
        return text.decode("utf-8"), int(code)
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def has(cache_key: str) -> bool:
    return (cache_dir() / f"{cache_key}.out").is_file()


def replay(cache_key: str, output: Path | None) -> int | None:
    """On a hit, write the stored output to ``output`` (atomically) or stdout, streamed as stored (not decoded:
    the output of a large job can be a hundred MB), and return its exit code; None on a miss."""
    import shutil
    import sys

    try:
        handle = (cache_dir() / f"{cache_key}.out").open("rb")
    except OSError:
        return None
    with handle:
        try:
            code = int(handle.readline())
        except ValueError:
            return None
        if output is not None:
            from translate.fileio import atomic_open

            with atomic_open(output, "wb", encoding=None) as target:
                shutil.copyfileobj(handle, target, 1 << 20)
        else:
            sys.stdout.flush()
            shutil.copyfileobj(handle, sys.stdout.buffer, 1 << 20)
            sys.stdout.buffer.flush()
    return code


def put(cache_key: str, text: str, exit_code: int) -> None:
    from translate.fileio import atomic_write_bytes

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(folder / f"{cache_key}.out", f"{exit_code}\n{text}".encode())
        entries = sorted(folder.glob("*.out"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
