"""Run Sinergi as a deployment on one machine: a local PostgreSQL store, N app processes, nginx in front.

`python deploy/local.py --processes 2 --port 8080` (deploy/run_local.sh wraps it) starts everything from Debian
packages and stops it on Ctrl-C; benchmarks/load.py uses `local_deployment()` the same way.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import streamlit

from sinergi.access.store import open_store
from sinergi.access.store.pgcluster import pg_cluster

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout_s: float = 120) -> None:
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not become healthy")


@dataclass
class Deployment:
    url: str  # the proxy
    store_url: str
    app_urls: list[str]
    processes: list[subprocess.Popen] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    folder: Path = Path()

    def start_app(self, index: int, port: int) -> subprocess.Popen:
        log = (self.folder / f"app{index}.log").open("ab")
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "server.py"), "--server.port", str(port),
                   "--server.address", "127.0.0.1", *APP_FLAGS]  # fmt: skip
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=self.env)
        if index < len(self.processes):
            self.processes[index] = proc
        else:
            self.processes.append(proc)
        return proc


# Every app process of a deployment (here and in deploy/compose.yaml) runs with these. No file watcher: a changed
# source file would make Streamlit drop its modules, and the next run of every open session would find its
# signed-in viewer of a class that no longer exists (signed out). No usage statistics: nothing leaves the site.
APP_FLAGS = ("--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             "--server.runOnSave", "false")  # fmt: skip
APP_ENV = ("SINERGI_STORE_URL", "SINERGI_SECRET")  # what local_deployment gives every app process
COMPOSE_APPS, COMPOSE_APP_PORT, COMPOSE_LISTEN = ("app1", "app2"), 8501, "80"


def nginx_config_text(listen: str, upstreams: list[str], prefix: str, static: Path | None) -> str:
    """Return deploy/nginx.conf.template filled in: upstreams as host:port, static None to leave nginx's own
    serving of Streamlit's frontend files out (the app processes serve them)."""
    text = (ROOT / "deploy" / "nginx.conf.template").read_text()
    if static is None:
        start, end = text.index("        # static:"), text.index("        # static end\n")
        text = text[:start] + text[end + len("        # static end\n") :]
    servers = "\n".join(f"        server {upstream} max_fails=1 fail_timeout=5s;" for upstream in upstreams)
    for placeholder, value in (("@LISTEN@", listen), ("@UPSTREAMS@", servers), ("@PREFIX@", prefix),
                               ("@STATIC@", str(static))):  # fmt: skip
        text = text.replace(placeholder, value)
    return text


def compose_nginx_config() -> str:
    """Return the nginx configuration deploy/compose.yaml mounts (deploy/nginx.compose.conf)."""
    upstreams = [f"{app}:{COMPOSE_APP_PORT}" for app in COMPOSE_APPS]
    return nginx_config_text(COMPOSE_LISTEN, upstreams, "/tmp", None)


def _nginx_config(folder: Path, port: int, app_ports: list[int]) -> Path:
    static = Path(streamlit.__file__).parent / "static"  # the frontend files nginx serves itself
    upstreams = [f"127.0.0.1:{p}" for p in app_ports]
    path = folder / "nginx.conf"
    path.write_text(nginx_config_text(f"127.0.0.1:{port}", upstreams, str(folder), static))
    return path


@contextmanager
def local_deployment(
    processes: int = 2, port: int | None = None, folder: Path | None = None
) -> Iterator[Deployment]:
    """Start PostgreSQL, `processes` app processes and nginx; yield the Deployment; stop all of it after."""
    folder = Path(folder or Path("/tmp") / f"sinergi-deploy-{os.getpid()}")
    folder.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    with ExitStack() as stack:
        store_url = stack.enter_context(pg_cluster(folder / "pg"))
        open_store(store_url).close()  # migrate once before the app processes start
        env = {**os.environ, **dict(zip(APP_ENV, (store_url, secrets.token_hex(32)), strict=True))}
        app_ports = [free_port() for _ in range(processes)]
        deployment = Deployment(f"http://127.0.0.1:{port}", store_url, [f"http://127.0.0.1:{p}" for p in app_ports],
                                env=env, folder=folder)  # fmt: skip
        try:
            for index, app_port in enumerate(app_ports):
                deployment.start_app(index, app_port)
            for app_url in deployment.app_urls:
                wait_healthy(app_url)
            config = _nginx_config(folder, port, app_ports)
            started = subprocess.run(
                [NGINX, "-c", str(config), "-p", str(folder)], capture_output=True, text=True
            )
            if started.returncode:
                raise RuntimeError(f"nginx did not start: {started.stderr.strip()}")
            wait_healthy(deployment.url)
            yield deployment
        finally:
            subprocess.run([NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-s", "stop"],
                           stderr=subprocess.DEVNULL, check=False)  # fmt: skip
            for proc in deployment.processes:
                proc.terminate()
            for proc in deployment.processes:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/sinergi-deploy"))
    parser.add_argument(
        "--compose-nginx", action="store_true", help="print deploy/nginx.compose.conf and stop"
    )
    args = parser.parse_args()
    if args.compose_nginx:
        print(compose_nginx_config(), end="")
        return 0
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    with local_deployment(args.processes, args.port, args.dir) as deployment:
        print(
            f"Sinergi at {deployment.url} ({args.processes} processes; store {deployment.store_url})",
            flush=True,
        )
        try:
            while not stop["now"]:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
