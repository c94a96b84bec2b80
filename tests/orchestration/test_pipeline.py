"""The monthly job end to end through `jeugdkpi refresh`: publish, warn-only problems, a BI reader held open during a
refresh, and a delivery that breaks a blocking rule. The tests run in file order and share one data dir."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from tests.orchestration.conftest import bad_bsn_row, unknown_gemeente_row, write_month

pytestmark = pytest.mark.usefixtures("env")


def _published(env: Path) -> Path:
    return env / "published" / "jeugdzorg.duckdb"


def _rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _refresh() -> int:
    from orchestration.cli import main

    return main(["refresh"])


def test_definitions_load():
    from orchestration.definitions import defs

    dg.Definitions.validate_loadable(defs)
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"raw/trajecten", "raw/declaraties", "raw/wachtlijst", "raw/leveringen", "raw/afgewezen_rijen",
            "raw/referentie_gemeenten", "marts/kpi_gemeente_segment", "open/kpi_gemeente_segment",
            "published/jeugdzorg"} <= keys
    job = defs.resolve_job_def("maandelijkse_verversing")
    assert job.executor_def.name == "in_process"
    assert defs.resolve_schedule_def("maandelijks_2e_0600").cron_schedule == "0 6 2 * *"
    assert defs.resolve_sensor_def("nieuwe_aanleveringen").job_name == "maandelijkse_verversing"


def test_refresh_publishes_and_records_warnings(env: Path, capsys: pytest.CaptureFixture):
    landing = env / "landing"
    write_month(landing, "202401", extra_trajecten=[bad_bsn_row()])
    write_month(landing, "202402")
    (landing / "aanleveringen" / "levering_januari.csv").write_text("niet;volgens;afspraak\n")

    assert _refresh() == 0, capsys.readouterr()
    published = _published(env)
    # Hand-computed from conftest: Heerlen in January has clients 1, 2 (since 2023) and 3 (from 10 Jan); T1 ends 20 Jan.
    assert _rows(published, """
        select clienten_in_zorg, clienten_begin, clienten_eind, instroom, uitstroom, trajecten_gestart,
               trajecten_beeindigd, pct_volgens_plan, kosten_eur
        from marts.kpi_gemeente_segment where gemeentecode = 'GM0917' and segment = 'TOTAAL'
          and periode_type = 'maand' and periode_start = date '2024-01-01'""") == [(3, 2, 2, 1, 1, 1, 1, 100.0, 450)]
    # HLV in February: Heerlen clients 2, 3 and Landgraaf client 4.
    assert _rows(published, """select clienten_in_zorg from marts.kpi_gemeente_segment where gemeentecode = 'HLV'
        and segment = 'TOTAAL' and periode_type = 'maand' and periode_start = date '2024-02-01'""") == [(3,)]
    # Open schema: 3 clients is below 5, so suppressed and flagged.
    assert _rows(published, """select clienten_in_zorg, pct_volgens_plan, onderdrukt from open.kpi_gemeente_segment
        where gemeentecode = 'GM0917' and segment = 'TOTAAL' and periode_type = 'maand'
          and periode_start = date '2024-01-01'""") == [(None, None, True)]
    # Warn-only problems (a rejected row, a quarantined file) are recorded and did not block.
    checks = dict(((a, c), (b, g)) for a, c, b, g in _rows(published, """
        select asset, controle, blokkerend, geslaagd from meta.kwaliteit"""))
    assert checks[("raw/trajecten", "afgewezen_rijen")] == (False, False)
    assert checks[("raw/leveringen", "bestanden_in_quarantaine")] == (False, False)
    assert checks[("marts/kpi_gemeente_segment", "gx_waarden_en_voorraad_stroom")] == (True, True)
    assert _rows(published, "select status, count(*) from meta.leveringen group by 1 order by 1") == [
        ("accepted", 6), ("quarantined", 1)]
    publication = _rows(published, """select data_datum, aantal_invoerbestanden, invoer_wijzigingen
        from meta.publicaties""")
    assert len(publication) == 1 and str(publication[0][0]) == "2024-02-29" and publication[0][1] == 6
    # the first publication: every input file is a change
    assert [f["status"] for f in json.loads(publication[0][2])] == ["accepted"] * 6
    assert not _rows(published, """select table_schema, table_name from information_schema.columns
        where column_name in ('bsn', 'client_id')""")
    parquet = env / "published" / "parquet" / "marts.kpi_gemeente_segment.parquet"
    assert _rows(published, f"select count(*) from '{parquet}'") == _rows(
        published, "select count(*) from marts.kpi_gemeente_segment")


def test_refresh_with_bi_reader_open(env: Path, capsys: pytest.CaptureFixture):
    write_month(env / "landing", "202403")
    reader = duckdb.connect(str(_published(env)), read_only=True)
    try:
        assert _refresh() == 0, capsys.readouterr()
        # The open reader keeps its consistent snapshot of the previous publication.
        assert reader.execute("select count(*), max(data_datum) from meta.publicaties").fetchall() == [
            (1, date(2024, 2, 29))]
    finally:
        reader.close()
    assert _rows(_published(env), "select count(*), max(data_datum)::varchar from meta.publicaties") == [
        (2, "2024-03-31")]
    assert _rows(_published(env), """select clienten_in_zorg from marts.kpi_gemeente_segment
        where gemeentecode = 'HLV' and segment = 'TOTAAL' and periode_type = 'kwartaal'
          and periode_start = date '2024-01-01'""") == [(4,)]


def test_blocking_rule_keeps_previous_publication(env: Path, capsys: pytest.CaptureFixture):
    before = _digest(env / "published")
    write_month(env / "landing", "202404", extra_trajecten=[unknown_gemeente_row()])
    capsys.readouterr()

    assert _refresh() == 2
    out = capsys.readouterr().out
    assert "NOT published" in out and "gemeentecode" in out
    assert _digest(env / "published") == before
    failed = _rows(env / "warehouse" / "warehouse.duckdb", """select count(*) from meta.kwaliteit
        where blokkerend and not geslaagd and run_id = (select run_id from meta.kwaliteit order by tijdstip desc
        limit 1)""")
    assert failed[0][0] >= 1


def test_status_reports_last_publication_and_failed_check(capsys: pytest.CaptureFixture):
    from orchestration.cli import main

    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "data up to 2024-03-31" in out
    assert "9 input files (3 changed since the previous publication)" in out  # March's three files
    assert "accepted 9, quarantined 1" in out
    assert "FAIL intermediate/int_trajecten" in out
