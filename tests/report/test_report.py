"""The KPI report: rendered by publish() from a tiny hand-made warehouse, opened in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from orchestration.publish import REPORT_NAME, publish
from report import render_report
from tests.report.tiny_warehouse import write_tiny_warehouse

CHROMIUM = "/usr/bin/chromium"


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run",
                           f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=90)


def _section(dom: str, code: str) -> str:
    match = re.search(rf'<section class="area[^"]*" id="{code}".*?</section>', dom, re.S)
    assert match, f"no section for {code}"
    return match.group(0)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report")
    working = root / "warehouse.duckdb"
    write_tiny_warehouse(working, with_cbs=True)
    conn = duckdb.connect(str(working))
    try:
        publish(conn, root / "published" / "jeugdzorg.duckdb", "run-1")
    finally:
        conn.close()
    return root / "published"


def test_publish_writes_the_report_next_to_the_published_file(published):
    html = (published / REPORT_NAME).read_text(encoding="utf-8")
    assert not (published / (REPORT_NAME + ".tmp")).exists()
    assert "<script src" not in html and "http" not in html.replace('lang="nl"', "")  # self-contained
    assert html.index('id="HLV"') < html.index('id="GM0917"')  # regions before gemeenten


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")
def test_charts_have_data_in_headless_chromium(published, tmp_path):
    url = (published / REPORT_NAME).as_uri() + "#GM0917"
    dom = _chromium(["--dump-dom", url], tmp_path / "profile").stdout
    heerlen = _section(dom, "GM0917")
    assert 'class="area show"' in heerlen  # the hash selects Heerlen; scripts ran
    # clienten_in_zorg 10, 12, 15 on a 0-20 axis: x = 64 + i * 242, y = 28 + 166 * (1 - n / 20)
    assert 'data-series="clienten_in_zorg" data-n="3" fill="none" stroke="#1f5fa8" stroke-width="2" ' \
           'points="64.0,111.0 306.0,94.4 548.0,69.5"' in heerlen
    charts = re.findall(r'<svg class="chart" data-kind="(\w+)" data-points="(\d+)"', heerlen)
    # in zorg 3, instroom+uitstroom 6, wachtenden 3, wachttijd 3, kosten+budget 6; bars: budget 2, CBS 4
    assert charts == [("line", "3"), ("line", "6"), ("line", "3"), ("line", "3"), ("line", "6"), ("bar", "2"),
                      ("bar", "4")]
    hlv = _section(dom, "HLV")  # no budget and no CBS rows: only the five monthly charts
    assert [int(n) for _, n in re.findall(r'data-kind="(\w+)" data-points="(\d+)"', hlv)] == [3, 6, 3, 3, 3]

    shot = tmp_path / "report.png"
    _chromium([f"--screenshot={shot}", "--window-size=1200,1000", url], tmp_path / "profile")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_report_without_cbs_benchmark(tmp_path):
    db = tmp_path / "pub.duckdb"
    write_tiny_warehouse(db, with_cbs=False)
    html = render_report(db, tmp_path / REPORT_NAME).read_text(encoding="utf-8")
    assert html.count('data-kind="bar"') == 1  # budget only
    assert "CBS-benchmark" not in html


def test_render_fails_without_marts(tmp_path):
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    with pytest.raises(duckdb.CatalogException):
        render_report(db, tmp_path / REPORT_NAME)
    assert not (tmp_path / REPORT_NAME).exists()
