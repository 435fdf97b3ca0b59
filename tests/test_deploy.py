"""deploy/compose.yaml (untested here: no container runtime) names what deploy/local.py, the tested deployment, uses:
the app flags and environment, the app port behind the proxy, the proxy's configuration and its trusted address."""

from __future__ import annotations

import importlib.util
import ipaddress
import sys
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def _local():
    spec = importlib.util.spec_from_file_location("sinergi_local_deploy_test", DEPLOY / "local.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _flag(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_compose_names_what_the_local_deployment_runs():
    local = _local()
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"store", *local.COMPOSE_APPS, "proxy"}
    proxy = services["proxy"]
    proxy_address = proxy["networks"]["sinergi"]["ipv4_address"]
    for name in local.COMPOSE_APPS:
        app = services[name]
        command = [str(part) for part in app["command"]]
        assert command[:3] == ["streamlit", "run", "server.py"]
        flags = command[3:]
        for flag, value in zip(local.APP_FLAGS[::2], local.APP_FLAGS[1::2], strict=True):
            assert _flag(flags, flag) == value, flag
        assert _flag(flags, "--server.port") == str(local.COMPOSE_APP_PORT)
        assert set(local.APP_ENV) <= set(app["environment"])
        assert app["environment"]["SINERGI_STORE_URL"].endswith("@store/sinergi")
        # client addresses come from the proxy only: a name would never match the peer address it is compared to
        trusted = app["environment"]["SINERGI_TRUSTED_PROXIES"].split(",")
        assert [str(ipaddress.ip_address(a)) for a in trusted] == [proxy_address]
        assert "../data:/data:ro" in app["volumes"]
    subnet = ipaddress.ip_network(compose["networks"]["sinergi"]["ipam"]["config"][0]["subnet"])
    assert ipaddress.ip_address(proxy_address) in subnet
    mounted = next(v for v in proxy["volumes"] if v.endswith(":/etc/nginx/nginx.conf:ro"))
    config = DEPLOY / mounted.split(":")[0]
    assert config.read_text() == local.compose_nginx_config()  # python deploy/local.py --compose-nginx
    assert all(p.split(":")[-1] == local.COMPOSE_LISTEN for p in proxy["ports"])
    build = services[local.COMPOSE_APPS[0]]["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).is_file()


def test_the_local_proxy_config_keeps_serving_the_frontend_files():
    local = _local()
    text = local.nginx_config_text("127.0.0.1:8080", ["127.0.0.1:9001"], "/tmp/x", Path("/srv/st"))
    assert "location /static/" in text and "alias /srv/st/static/;" in text and "@" not in text
    assert "location /static/" not in local.compose_nginx_config()
