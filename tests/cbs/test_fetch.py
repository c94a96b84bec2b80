"""`fetch_tables` (cbsodata) against a local HTTP server on 127.0.0.1 serving fixture files on the OData v3 feed
paths cbsodata requests, including a paged TypedDataSet (odata.nextLink). No outside network."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from ingest.cbs.fetch import fetch_tables
from ingest.cbs.land import land_cbs
from tests.cbs.fixtures import rows, write_85098ned

PAGE = 2


def _handler(source: Path, requested: list[str]):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server API)
            url = urlsplit(self.path)
            requested.append(url.path)
            parts = url.path.strip("/").split("/")  # ODataFeed / odata / <table> [/ <entity>]
            base = f"http://127.0.0.1:{self.server.server_port}/ODataFeed/odata/{parts[2]}/"
            folder = source / parts[2]
            if parts[:2] != ["ODataFeed", "odata"] or not folder.is_dir():
                return self._send(404, {"error": "not found"})
            if len(parts) == 3:
                names = [p.stem for p in folder.glob("*.json")] + ["UntypedDataSet", "CategoryGroups"]
                return self._send(200, {"value": [{"name": n, "url": base + n} for n in sorted(names)]})
            entity = folder / f"{parts[3]}.json"
            if parts[3] == "CategoryGroups":
                return self._send(200, {"value": []})
            if not entity.is_file():
                return self._send(404, {"error": "not found"})
            value = json.loads(entity.read_text(encoding="utf-8"))["value"]
            if parts[3] != "TypedDataSet":
                return self._send(200, {"value": value})
            skip = int(parse_qs(url.query).get("$skip", ["0"])[0])
            body = {"value": value[skip:skip + PAGE]}
            if skip + PAGE < len(value):
                body["odata.nextLink"] = f"{base}TypedDataSet?$format=json&$skip={skip + PAGE}"
            return self._send(200, body)

        def _send(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def cbs_server(tmp_path: Path):
    source = write_85098ned(tmp_path / "bron").parent
    requested: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(source, requested))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requested, source
    server.shutdown()
    server.server_close()


def test_fetch_writes_the_odata_shape_and_lands_the_same_values(cbs_server, settings):
    base_url, requested, source = cbs_server
    [folder] = fetch_tables(["85098NED"], settings.landing_dir, base_url=base_url)
    assert folder == settings.landing_dir / "cbs" / "85098NED"
    assert "/ODataFeed/odata/85098NED/TypedDataSet" in requested
    assert "/ODataFeed/odata/85098NED/UntypedDataSet" not in requested
    fetched = json.loads((folder / "TypedDataSet.json").read_text(encoding="utf-8"))["value"]
    assert fetched == json.loads((source / "85098NED" / "TypedDataSet.json").read_text(encoding="utf-8"))["value"]
    assert requested.count("/ODataFeed/odata/85098NED/TypedDataSet") == 2  # 3 rows in pages of 2
    [outcome] = land_cbs(settings, "run-1")
    assert (outcome.status, outcome.rows) == ("accepted", 15)
    assert rows(settings, """select waarde, status from raw.cbs_waarden where regio_key = 'GM0014'
        and perioden_key = '2022JJ00' and onderwerp_key = 'JongerenMetJeugdhulpInNatura_1'""") == [
        (15.4, "nader voorlopig")]
    assert not [p for p in (settings.landing_dir / "cbs").iterdir() if p.name.startswith(".")]


def test_fetch_of_an_unknown_table_fails_and_leaves_no_folder(cbs_server, settings):
    base_url, _, _ = cbs_server
    with pytest.raises(Exception, match="99999NED"):
        fetch_tables(["99999NED"], settings.landing_dir, base_url=base_url)
    assert list((settings.landing_dir / "cbs").iterdir()) == []


def test_cli_fetch_cbs(cbs_server, tmp_path, monkeypatch, capsys):
    from orchestration.cli import main

    base_url, _, source = cbs_server
    monkeypatch.setenv("JEUGDKPI_DATA_DIR", str(tmp_path / "cli"))
    monkeypatch.delenv("JEUGDKPI_LANDING", raising=False)
    assert main(["fetch-cbs", "85098NED", "--base-url", base_url]) == 0
    fetched = tmp_path / "cli" / "landing" / "cbs" / "85098NED" / "DataProperties.json"
    assert json.loads(fetched.read_text(encoding="utf-8"))["value"] == json.loads(
        (source / "85098NED" / "DataProperties.json").read_text(encoding="utf-8"))["value"]
    assert "Fetched CBS table 85098NED" in capsys.readouterr().out
