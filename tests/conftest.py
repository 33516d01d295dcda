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
    ignore = shutil.ignore_patterns("translations", "journal", ".cache", ".hexaglot")  # .hexaglot: a working store
    shutil.copytree(SAMPLE_WORKFLOW, target, ignore=ignore)
    for folder in ("glossaries", "memories"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns(".cache"))
    return target


@pytest.fixture(scope="session")
def pg_cluster():  # type: ignore[no-untyped-def]
    """A throwaway PostgreSQL server on 127.0.0.1 for the whole test session (tests/pg_cluster.py).

    ``pg_cluster.create_database()`` gives each test its own database (a DSN without password; the password is in
    the pgpass file named by ``PGPASSFILE``, set for the session). Skips when the server binaries or psycopg are
    absent.
    """
    pytest.importorskip("psycopg")
    from pg_cluster import find_binaries, running_cluster

    if find_binaries() is None:
        pytest.skip("PostgreSQL server binaries are absent (apt-get install postgresql)")
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture
def pg_dsn(pg_cluster) -> str:  # type: ignore[no-untyped-def]
    """A fresh, empty database on the session's throwaway PostgreSQL server."""
    return pg_cluster.create_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_backend(request, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """Run a test against each working store: the embedded SQLite file, then a throwaway PostgreSQL database
    (``HEXAGLOT_STORE``, inherited by child processes; skipped without the server binaries)."""
    if request.param == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        monkeypatch.setenv("HEXAGLOT_STORE", cluster.create_database())
    else:
        monkeypatch.delenv("HEXAGLOT_STORE", raising=False)
    return request.param
