"""The layer order of translate/ is a contract (pyproject.toml, [tool.importlinter]) checked by lint-imports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports over the package under ``root`` with the contracts of ``root``/pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_layers_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    hint = "a new top-level module goes into a layer of pyproject.toml [tool.importlinter] (docs/ARCHITECTURE.md)\n"
    assert result.returncode == 0, hint + result.stdout + result.stderr
    assert "hexaglot layers KEPT" in result.stdout
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_has_no_exceptions() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    contracts = text.split("[tool.importlinter]", 1)[1].split("[tool.pytest", 1)[0]
    assert "ignore_imports" not in contracts
    assert "exhaustive = true" in contracts


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """A copy of the package where lang/ (a low layer) imports the glossary (a higher one) fails the check,
    naming the import: the contract bites."""
    shutil.copytree(ROOT / "translate", tmp_path / "translate", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    base = tmp_path / "translate" / "lang" / "base.py"
    base.write_text(base.read_text(encoding="utf-8") + "\n\ndef _upward():\n    import translate.glossary\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "hexaglot layers BROKEN" in result.stdout
    assert "translate.lang.base -> translate.glossary" in result.stdout
