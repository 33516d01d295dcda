"""A throwaway PostgreSQL cluster for tests and benchmarks (shared by the review store and the memory).

:func:`start_cluster` runs the distribution's server binaries (Debian ``postgresql``: ``/usr/lib/postgresql/<v>/bin``,
or ``initdb``/``pg_ctl`` on PATH) into a temporary folder, listening on 127.0.0.1 on a free port, with password
(scram) authentication over TCP. The password is never put in a URL: it goes to a pgpass file named by
``PGPASSFILE``, which is how hexaglot expects credentials (environment or ``~/.pgpass``).

As root the server runs as the ``postgres`` user (initdb refuses root). Without the binaries
:func:`find_binaries` returns None and the ``pg_cluster`` fixture in ``conftest.py`` skips.

    cluster = start_cluster()            # PgCluster(host, port, user, password, dsn(), ...)
    dsn = cluster.create_database("x")   # postgresql://hexaglot@127.0.0.1:PORT/x
    cluster.stop()
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "hexaglot"


def find_binaries() -> Path | None:
    """The folder with initdb and pg_ctl (newest Debian version first), or None."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user() -> list[str]:
    """Prefix that runs a command as the postgres user when we are root (initdb refuses to run as root)."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"]
    return ["su", "postgres", "-s", "/bin/sh", "-c"]  # pragma: no cover - runuser is in util-linux


@dataclass
class PgCluster:
    """A running throwaway cluster."""

    bindir: Path
    root: Path
    port: int
    password: str
    host: str = "127.0.0.1"
    user: str = SUPERUSER
    pgpass: Path = field(init=False)
    _databases: int = 0

    def __post_init__(self) -> None:
        self.pgpass = self.root / "pgpass"

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    def dsn(self, database: str = "postgres") -> str:
        """A URL without password (libpq reads it from ``PGPASSFILE``)."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def env(self) -> dict[str, str]:
        """Environment for a child process that connects (``PGPASSFILE``)."""
        return {**os.environ, "PGPASSFILE": str(self.pgpass)}

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its DSN."""
        import psycopg

        self._databases += 1
        name = name or f"t{os.getpid()}_{self._databases}_{secrets.token_hex(3)}"
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.dsn(name)

    def stop(self) -> None:
        subprocess.run(
            [*_as_server_user(), str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(bindir: Path | None = None) -> PgCluster:
    """initdb into a temporary folder and start the server on 127.0.0.1 (raises RuntimeError on failure)."""
    bindir = bindir or find_binaries()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="hexaglot-pg-"))
    password = secrets.token_hex(12)
    pwfile = root / "pw"
    pwfile.write_text(password + "\n", encoding="utf-8")
    cluster = PgCluster(bindir, root, _free_port(), password)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(pwfile, "postgres")
    os.chmod(root, 0o700)
    prefix = _as_server_user()
    try:
        subprocess.run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(cluster.datadir),
                "-U",
                SUPERUSER,
                "--pwfile",
                str(pwfile),
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            capture_output=True,
            check=True,
            text=True,
        )
        options = (
            f"-p {cluster.port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=on -c max_connections=100 "
            "-c shared_buffers=64MB"
        )
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(cluster.datadir), "-o", options, "-l", str(root / "log"), "-w",
             "-t", "60", "start"],
            capture_output=True,
            check=True,
            text=True,
        )  # fmt: skip
    except subprocess.CalledProcessError as error:
        log = (root / "log").read_text(errors="replace") if (root / "log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"cannot start PostgreSQL: {error.stderr or error.stdout}{log}") from None
    pwfile.unlink()
    cluster.pgpass.write_text(f"127.0.0.1:{cluster.port}:*:{SUPERUSER}:{password}\n", encoding="utf-8")
    os.chmod(cluster.pgpass, 0o600)
    return cluster


@contextlib.contextmanager
def running_cluster():  # type: ignore[no-untyped-def]
    """``with running_cluster() as cluster:`` (sets PGPASSFILE for this process meanwhile)."""
    cluster = start_cluster()
    previous = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = str(cluster.pgpass)
    try:
        yield cluster
    finally:
        if previous is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = previous
        cluster.stop()
