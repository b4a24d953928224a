"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries, a temporary folder, loopback, a free port.

`initdb` refuses to run as root, so under root the cluster belongs to an unprivileged system user
(`postgres` where the server package made one, else `nobody`), whose processes the children become.
TRIANGULATE_TEST_POSTGRES=postgresql://... uses a server of one's own instead (the user must be
allowed to create databases).
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

SERVER_USER = "triangulate"
PREFIX = "triangulate-pg-"  # the temporary folders of the clusters, each with the pid of the session owning it
START_SECONDS = 30
# durability is worth nothing in a cluster thrown away after the tests
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


class Unavailable(RuntimeError):
    """No server could be started here; its text says why."""


def binaries() -> Path:
    """The folder holding initdb and pg_ctl: on PATH, else the newest of Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: [int(n) for n in re.findall(r"\d+", p)])
    if not versions:
        raise Unavailable("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin; "
                          "install Debian's postgresql package")
    return Path(versions[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unprivileged() -> dict[str, Any]:
    """subprocess arguments running a child as an unprivileged user when we are root; none otherwise."""
    if os.geteuid() != 0:
        return {}
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
    raise Unavailable("running as root and no unprivileged user (postgres, nobody) to run initdb as")


@dataclass
class Cluster:
    """A running server; `database()` gives the URL of a fresh, empty place for a store in it."""

    base_url: str
    data: Path | None = None  # None: a server of one's own, not ours to stop
    root: Path | None = None
    bin_dir: Path | None = None
    _numbers: count[int] = field(default_factory=lambda: count(1))

    def database(self, prefix: str = "t") -> str:
        """A URL whose tables land in a new, empty schema: as clean as a new database, and made in a
        millisecond where CREATE DATABASE takes half a second."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._numbers)}"
        with psycopg.connect(self.base_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        parts = urlsplit(self.base_url)
        query = "&".join(q for q in (parts.query, urlencode({"options": f"-c search_path={name}"}, quote_via=quote)) if q)
        return parts._replace(query=query).geturl()

    def stop(self) -> None:
        if self.data is None or self.bin_dir is None:
            return
        subprocess.run([str(self.bin_dir / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate", "-s"],
                       cwd=self.root, capture_output=True, check=False, **_unprivileged())
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def stop_orphans(bin_dir: Path) -> None:
    """Stop the clusters of earlier test sessions that were killed before they could stop theirs."""
    for root in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        owner = root / "owner.pid"
        try:
            pid = int(owner.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not _alive(pid):
            Cluster("", root / "data", root, bin_dir).stop()


def start() -> Cluster:
    """A server to test against: TRIANGULATE_TEST_POSTGRES's, else a new cluster; Unavailable says why not."""
    own = os.environ.get("TRIANGULATE_TEST_POSTGRES", "").strip()
    if own:
        return Cluster(base_url=own)
    bin_dir = binaries()
    as_user = _unprivileged()
    stop_orphans(bin_dir)
    root = Path(tempfile.mkdtemp(prefix=PREFIX))
    (root / "owner.pid").write_text(str(os.getpid()), encoding="utf-8")
    if as_user:
        os.chown(root, as_user["user"], as_user["group"])
    data, port = root / "data", _free_port()
    cluster = Cluster(f"postgresql://{SERVER_USER}@127.0.0.1:{port}/postgres", data, root, bin_dir)

    def step(*args: str) -> None:
        try:
            subprocess.run([str(bin_dir / args[0]), *args[1:]], cwd=root, capture_output=True, text=True,
                           check=True, timeout=START_SECONDS + 10, env={**os.environ, "LC_ALL": "C.UTF-8"},
                           **as_user)
        except (OSError, subprocess.SubprocessError) as exc:
            output = getattr(exc, "stderr", None) or getattr(exc, "stdout", None) or ""
            log = root / "server.log"
            if log.exists():
                output += log.read_text(errors="replace")
            cluster.stop()
            raise Unavailable(f"{args[0]} failed: {exc}; {output.strip()[-600:]}") from exc

    step("initdb", "-D", str(data), "-U", SERVER_USER, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions")
    step("pg_ctl", "start", "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", str(START_SECONDS), "-s",
         "-o", f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} {FAST}")
    return cluster
