"""Shared fixtures: the real six-language data in ../shared/data and a scratch copy of the sample workflow."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SAMPLE_WORKFLOW = REPO / "workflows" / "glotip-sample"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (real UN and news text in six languages); tests that need it skip when absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent: the real six-language test data is not on this machine")
    return SHARED_DATA


@pytest.fixture
def sample_workflow(tmp_path: Path) -> Path:
    """A scratch copy of ``workflows/glotip-sample`` with the repository's glossaries and memories beside it."""
    if not (SAMPLE_WORKFLOW / "workflow.yaml").exists():
        pytest.skip("the sample workflow is not in this checkout")
    target = tmp_path / "workflows" / "glotip-sample"
    shutil.copytree(SAMPLE_WORKFLOW, target, ignore=shutil.ignore_patterns("translations", "journal", ".cache"))
    for folder in ("glossaries", "memories"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns(".cache"))
    return target
