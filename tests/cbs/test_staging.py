"""The CBS dbt models on landed fixture exports: latest release per value, '.' stays NULL, pre-2019 codes land on
Beekdaelen, youth 0-17 summed from the age dimension (runs dbt on the CBS branch only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.cbs.land import land_cbs
from ingest.settings import Settings
from tests.cbs.fixtures import rows, write_03759ned, write_83454ned, write_85098ned

PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    tmp = tmp_path_factory.mktemp("cbs_dbt")
    settings = Settings(data_dir=tmp / "data", landing_dir=tmp / "data" / "landing")
    write_85098ned(settings.landing_dir)
    write_83454ned(settings.landing_dir)
    write_03759ned(settings.landing_dir)
    land_cbs(settings, "run-1")
    write_85098ned(settings.landing_dir, pct_groningen=15.6, modified="2024-04-30T02:00:00")  # restates 2022
    land_cbs(settings, "run-2")
    env = {**os.environ, "JEUGDKPI_WAREHOUSE_PATH": str(settings.warehouse_path),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "build", "--select", "+cbs_benchmark", "stg_cbs__85099ned",
         "stg_cbs__85097ned", "--indirect-selection", "cautious", "--exclude", "resource_type:unit_test",
         "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
         "--target-path", str(tmp / "target"), "--log-path", str(tmp / "logs")],
        env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    results = json.loads((tmp / "target" / "run_results.json").read_text())["results"]
    assert {r["status"] for r in results} <= {"pass", "success", "warn"}
    return settings


def test_latest_release_wins_and_suppressed_stays_null(built):
    assert rows(built, """select regio_code, jaar, pct_jeugdhulp, pct_jeugdhulp_met_verblijf, status
        from staging.stg_cbs__85098ned order by jaar, regio_code""") == [
        ("GM0014", 2022, 15.6, 9.5, "nader voorlopig"),  # 15.4 in the first release, restated to 15.6
        ("GM0060", 2022, 7.9, None, "nader voorlopig"),
        ("GM0014", 2023, 15.9, 9.1, "voorlopig"),
    ]


def test_old_codes_land_on_beekdaelen(built):
    assert rows(built, """select regio_code_bron, regio_code, jongeren_0_17 from staging.stg_cbs__03759ned
        order by regio_code_bron""") == [("GM0881", "GM1954", 90), ("GM0951", "GM1954", 180),
                                         ("GM0962", "GM1954", 126)]
    assert rows(built, """select jongeren_0_17, kosten_begroot_cbs_eur, kosten_gerealiseerd_cbs_eur,
        kosten_per_jongere_eur from marts.cbs_benchmark where gemeentecode = 'GM1954' and jaar = 2018""") == [
        (396, Decimal("9500000.00"), None, None)]  # Onderbanken's gerealiseerd is '.', so the sum is unknown


def test_heerlen_costs_in_euro(built):
    assert rows(built, """select vorm_titel, begrote_kosten_eur, gerealiseerde_kosten_eur, status
        from staging.stg_cbs__83454ned where regio_code = 'GM0917'""") == [
        ("JZ Totaal jeugdzorg", 40812000.0, 41276000.0, "voorlopig")]
