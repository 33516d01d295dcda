"""The throwaway PostgreSQL cluster the store and memory tests share: reachable over TCP with the pgpass password."""

from __future__ import annotations

import os

import pytest


def test_the_cluster_answers_over_tcp_with_the_pgpass_password(pg_dsn: str) -> None:
    import psycopg

    assert "@127.0.0.1:" in pg_dsn and ":" not in pg_dsn.split("//", 1)[1].split("@", 1)[0]  # no password in the URL
    with psycopg.connect(pg_dsn) as conn:
        assert conn.execute("select 1 + 1").fetchone() == (2,)
        assert conn.info.host == "127.0.0.1"
    saved = os.environ.pop("PGPASSFILE")
    try:
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(pg_dsn, connect_timeout=5, passfile="/nonexistent").close()
    finally:
        os.environ["PGPASSFILE"] = saved
