"""The Dagster UI: dagster-webserver on workspace.yaml answers, lists the assets, and renders the asset graph."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ASSETS_QUERY = '{ assetNodes { assetKey { path } } }'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def _asset_paths(base: str, deadline: float) -> set[str]:
    """Poll GraphQL until the code location has loaded its assets."""
    while time.time() < deadline:
        try:
            _, body = _get(f"{base}/graphql", json.dumps({"query": ASSETS_QUERY}).encode())
            nodes = json.loads(body).get("data", {}).get("assetNodes") or []
            if nodes:
                return {"/".join(n["assetKey"]["path"]) for n in nodes}
        except OSError:
            pass
        time.sleep(1)
    return set()


@pytest.fixture
def webserver(env: Path, tmp_path: Path):
    port = _free_port()
    log = (tmp_path / "webserver.log").open("wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1",
         "-p", str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if _get(f"{base}/server_info")[0] == 200:
                    break
            except OSError:
                time.sleep(1)
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_webserver_lists_assets_and_renders_graph(webserver: str, tmp_path: Path):
    status, body = _get(f"{webserver}/server_info")
    assert status == 200 and "dagster_webserver_version" in json.loads(body)
    paths = _asset_paths(webserver, time.time() + 120)
    assert {"raw/trajecten", "marts/kpi_gemeente_segment", "open/kpi_gemeente_segment", "published/jeugdzorg"} <= paths

    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium); asset graph screenshot not taken")
    screenshot = tmp_path / "asset_graph.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=1400,900", "--virtual-time-budget=20000", f"--screenshot={screenshot}",
         f"{webserver}/asset-groups"], check=True, capture_output=True, timeout=120)
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
