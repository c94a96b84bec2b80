"""meta.publicaties: each publication records its input as a count and digest of every accepted delivery plus the
deliveries that entered or left the input since the previous publication (a row that does not grow with the
history), on a tiny hand-made warehouse through the real publish()."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.settings import Settings
from orchestration.cli import cmd_status
from orchestration.publish import publish
from tests.report.tiny_warehouse import write_tiny_warehouse

INPUT = """select run_id, aantal_invoerbestanden, invoer_sha256, invoer_wijzigingen from meta.publicaties
    order by gepubliceerd_op"""


def _digest(*files: tuple[str, str]) -> str:
    return hashlib.sha256("\n".join(f"{name} {sha}" for name, sha in sorted(files)).encode()).hexdigest()


def _working(tmp_path: Path) -> Path:
    working = tmp_path / "warehouse.duckdb"
    write_tiny_warehouse(working, with_cbs=False)
    with duckdb.connect(str(working)) as conn:
        conn.execute("""create or replace table raw.leveringen as select * from (values
            (1, 'a.csv', 'h1', 'accepted', 'archive/h1'), (2, 'b.csv', 'h2', 'accepted', 'archive/h2'),
            (3, 'c.csv', 'h3', 'quarantined', 'archive/h3'))
            as t(levering_id, bestandsnaam, sha256, status, archief_pad)""")
    return working


def _publish(working: Path, published: Path, run_id: str) -> list[tuple]:
    with duckdb.connect(str(working)) as conn:
        publish(conn, published, run_id)
    with duckdb.connect(str(published), read_only=True) as conn:
        return [(r, n, sha, changes and json.loads(changes)) for r, n, sha, changes in conn.execute(INPUT).fetchall()]


def test_publication_records_input_changes_not_the_whole_history(tmp_path: Path):
    working, published = _working(tmp_path), tmp_path / "published" / "jeugdzorg.duckdb"
    first = _publish(working, published, "run-1")
    # first publication: every accepted file is new; the quarantined one is not input
    assert first == [("run-1", 2, _digest(("a.csv", "h1"), ("b.csv", "h2")), [
        {"bestandsnaam": "a.csv", "sha256": "h1", "status": "accepted"},
        {"bestandsnaam": "b.csv", "sha256": "h2", "status": "accepted"}])]

    # a correction delivery replaces b.csv, and a new month's file lands
    with duckdb.connect(str(working)) as conn:
        conn.execute("update raw.leveringen set status = 'corrected' where levering_id = 2")
        conn.execute("""insert into raw.leveringen values (4, 'correctie/b.csv', 'h4', 'accepted', 'archive/h4'),
            (5, 'd.csv', 'h5', 'accepted', 'archive/h5')""")
    second = _publish(working, published, "run-2")
    assert second[0] == first[0]
    current = _digest(("a.csv", "h1"), ("correctie/b.csv", "h4"), ("d.csv", "h5"))
    assert second[1] == ("run-2", 3, current, [
        {"bestandsnaam": "b.csv", "sha256": "h2", "status": "corrected"},
        {"bestandsnaam": "correctie/b.csv", "sha256": "h4", "status": "accepted"},
        {"bestandsnaam": "d.csv", "sha256": "h5", "status": "accepted"}])

    # nothing new: the same input, no changes listed
    assert _publish(working, published, "run-3")[2] == ("run-3", 3, current, [])

    # a warehouse rebuilt from the same files numbers its deliveries anew: still the same input
    with duckdb.connect(str(working)) as conn:
        conn.execute("update raw.leveringen set levering_id = levering_id + 100")
    assert _publish(working, published, "run-4")[3] == ("run-4", 3, current, [])

    # a delivery the warehouse no longer has left the input (status none)
    with duckdb.connect(str(working)) as conn:
        conn.execute("delete from raw.leveringen where bestandsnaam = 'd.csv'")
    assert _publish(working, published, "run-5")[4] == (
        "run-5", 2, _digest(("a.csv", "h1"), ("correctie/b.csv", "h4")),
        [{"bestandsnaam": "d.csv", "sha256": "h5", "status": None}])


def test_rows_of_the_old_schema_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture):
    """A warehouse published before these columns existed: its rows listed every input file in `invoerbestanden`."""
    working, published = _working(tmp_path), tmp_path / "published" / "jeugdzorg.duckdb"
    with duckdb.connect(str(working)) as conn:
        conn.execute("update raw.leveringen set status = 'quarantined' where levering_id = 2")
        conn.execute("""create table meta.publicaties (run_id varchar, gepubliceerd_op timestamp, data_datum date,
            periode_van date, periode_tot date, aantal_tabellen integer, invoerbestanden varchar,
            aantal_controles integer, controles_geslaagd integer, controles varchar)""")
        conn.execute("""insert into meta.publicaties values ('old-run', timestamp '2024-03-05 06:00',
            date '2024-02-29', date '2024-01-01', date '2024-02-29', 9,
            '[{"bestandsnaam": "a.csv", "sha256": "h1", "status": "accepted"}]', 0, 0, '[]')""")
        conn.execute("create table meta.leveringen as select * exclude (archief_pad) from raw.leveringen")
        conn.execute("update raw.leveringen set status = 'accepted' where levering_id = 2")
    published.parent.mkdir()
    shutil.copy(working, published)  # the publication the old version made
    monkeypatch.setenv("JEUGDKPI_DATA_DIR", str(tmp_path))
    assert cmd_status(Settings.from_env()) == 0
    assert "data up to 2024-02-29, 1 input files, checks passed 0/0" in capsys.readouterr().out

    assert _publish(working, published, "run-1") == [
        ("old-run", None, None, None),
        ("run-1", 2, _digest(("a.csv", "h1"), ("b.csv", "h2")),
         [{"bestandsnaam": "b.csv", "sha256": "h2", "status": "accepted"}])]
    with duckdb.connect(str(published), read_only=True) as conn:
        assert conn.execute("select run_id, invoerbestanden is null from meta.publicaties order by 1").fetchall() == [
            ("old-run", False), ("run-1", True)]
