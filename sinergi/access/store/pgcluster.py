"""A throw-away PostgreSQL cluster from Debian's `postgresql` package, for tests, the load test and the local
deploy script: initdb in a folder, listen on 127.0.0.1 only, trust authentication, stop and delete at the end."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def pg_bin() -> Path | None:
    """Return the folder holding pg_ctl and initdb (PATH first, then Debian's /usr/lib/postgresql/*/bin)."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _as_owner(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root: CI and this machine run as root, Debian's package made a postgres user
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def pg_cluster(folder: Path | None = None) -> Iterator[str]:
    """Start a cluster in folder (a new temporary one by default); yield its postgresql:// URL; stop it after."""
    binaries = pg_bin()
    if binaries is None:
        raise RuntimeError("pg_ctl not found: install Debian's postgresql")
    base = Path(folder or tempfile.mkdtemp(prefix="sinergi-pg-"))
    data = base / "data"
    base.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    port = _free_port()
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    subprocess.run(
        _as_owner([str(binaries / "initdb"), "-D", str(data), "-U", "sinergi", "-A", "trust", "-E", "UTF8"]),
        **quiet,
    )
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={base} -c fsync=off"
    subprocess.run(
        _as_owner(
            [str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "log"), "-w", "start"]
        ),
        **quiet,
    )
    url = f"postgresql://sinergi@127.0.0.1:{port}/postgres"
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield url
    finally:
        subprocess.run(
            _as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        if folder is None:
            shutil.rmtree(base, ignore_errors=True)
