"""Write-audit-publish: copy the checked schemas of the working warehouse into a new DuckDB file (readable by
DuckDB 1.4+), export Parquet per table, then swap both into place atomically (outputs.md)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from orchestration.quality import KWALITEIT_DDL
from report import render_report

PUBLISHED_SCHEMAS = ("marts", "open", "ref", "meta")
REPORT_NAME = "rapport.html"  # static KPI report next to the published file
# Columns that would make a table client-level or BSN-derived; such a table must never be published.
FORBIDDEN_COLUMNS = {"bsn", "client_id", "geboortedatum", "traject_id"}

META_DDL = KWALITEIT_DDL + """;
create table if not exists meta.publicaties (
    run_id varchar, gepubliceerd_op timestamp, data_datum date, periode_van date, periode_tot date,
    aantal_tabellen integer, aantal_invoerbestanden integer, invoer_sha256 varchar, invoer_wijzigingen varchar,
    aantal_controles integer, controles_geslaagd integer, controles varchar);
-- warehouses from before these columns keep their rows (which list every input file in `invoerbestanden`)
alter table meta.publicaties add column if not exists aantal_invoerbestanden integer;
alter table meta.publicaties add column if not exists invoer_sha256 varchar;
alter table meta.publicaties add column if not exists invoer_wijzigingen varchar
"""
# The input of a publication: every accepted delivery, as the lines `bestandsnaam sha256` in name order.
INPUT_DIGEST_SQL = """select count(*), sha256(coalesce(string_agg(bestandsnaam || ' ' || sha256, chr(10)
    order by bestandsnaam, sha256), '')) from raw.leveringen where status = 'accepted'"""
# Deliveries (bestandsnaam, sha256) that entered or left the input since the previous publication (`vorige`, attached
# when there is one), with their status now (none for a delivery the warehouse no longer has).
INPUT_CHANGES_SQL = """with nu as (select bestandsnaam, sha256 from raw.leveringen where status = 'accepted'),
    vorig as ({previous}),
    wijzigingen as ((select * from nu except select * from vorig)
                    union all (select * from vorig except select * from nu))
    select w.bestandsnaam, w.sha256, l.status from wijzigingen as w
    left join raw.leveringen as l using (bestandsnaam, sha256)
    order by w.bestandsnaam, w.sha256"""


class UnsafePublicationError(Exception):
    """A table selected for publication carries client-level columns."""


@dataclass(frozen=True)
class Publication:
    path: Path
    tables: dict[str, int]


def _published_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    rows = conn.execute(f"""
        select table_schema || '.' || table_name from information_schema.tables
        where table_catalog = current_database() and table_schema in {PUBLISHED_SCHEMAS}
        order by table_schema, table_name""").fetchall()
    tables = [r[0] for r in rows]
    unsafe = conn.execute(f"""
        select distinct table_schema || '.' || table_name from information_schema.columns
        where table_catalog = current_database() and table_schema in {PUBLISHED_SCHEMAS}
          and lower(column_name) in {tuple(sorted(FORBIDDEN_COLUMNS))}""").fetchall()
    if unsafe:
        raise UnsafePublicationError(f"client-level columns in {sorted(r[0] for r in unsafe)}; not published")
    return tables


def _record_publication(conn: duckdb.DuckDBPyConnection, run_id: str, has_previous: bool) -> None:
    """Insert this run's meta.publicaties row. Its input is given as a count and digest of every accepted delivery
    plus the deliveries that changed since the previous publication, so the row does not grow with the history."""
    conn.execute("""create or replace table meta.leveringen as
        select * exclude (archief_pad) from raw.leveringen order by levering_id""")
    periods = conn.execute("""select max(periode_eind) filter (where periode_type = 'maand'), min(periode_start),
        max(periode_eind) from marts.kpi_gemeente_segment""").fetchall()[0]
    file_count, digest = conn.execute(INPUT_DIGEST_SQL).fetchall()[0]
    previous = ("select bestandsnaam, sha256 from vorige.meta.leveringen where status = 'accepted'" if has_previous
                else "select * from nu where false")
    changes = conn.execute(INPUT_CHANGES_SQL.format(previous=previous)).fetchall()
    checks = conn.execute("""select asset, controle, blokkerend, geslaagd from meta.kwaliteit
        where run_id = ? order by asset, controle""", [run_id]).fetchall()
    conn.execute("""insert into meta.publicaties by name select ? as run_id, ? as gepubliceerd_op, ? as data_datum,
        ? as periode_van, ? as periode_tot, 0 as aantal_tabellen, ? as aantal_invoerbestanden, ? as invoer_sha256,
        ? as invoer_wijzigingen, ? as aantal_controles, ? as controles_geslaagd, ? as controles""", [
        run_id, datetime.now(timezone.utc).replace(tzinfo=None), *periods, file_count, digest,
        json.dumps([{"bestandsnaam": f, "sha256": h, "status": s} for f, h, s in changes]),
        len(checks), sum(1 for c in checks if c[3]),
        json.dumps([{"asset": a, "controle": c, "blokkerend": b, "geslaagd": g} for a, c, b, g in checks]),
    ])


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _forget_unpublished(conn: duckdb.DuckDBPyConnection, has_previous: bool) -> None:
    """Drop meta.publicaties rows of runs killed (SIGKILL, power loss) after recording but before the swap: a run
    published only if the current published file (`vorige`) lists it."""
    if has_previous:
        conn.execute("delete from meta.publicaties where run_id not in (select run_id from vorige.meta.publicaties)")
    else:
        conn.execute("delete from meta.publicaties")


def publish(conn: duckdb.DuckDBPyConnection, published_path: Path, run_id: str) -> Publication:
    """Publish from an open read-write connection on the working warehouse. A failure at any point leaves the
    previous publication (DuckDB file and Parquet folder) untouched."""
    # meta.* are written before the copy so the publication contains its own lineage row; a failed copy removes it.
    conn.execute(META_DDL)
    has_previous = published_path.exists()
    if has_previous:
        conn.execute(f"attach '{published_path}' as vorige (read_only)")
    try:
        _forget_unpublished(conn, has_previous)
        conn.execute("begin transaction")
        try:
            _record_publication(conn, run_id, has_previous)
            tables = _published_tables(conn)
            conn.execute("update meta.publicaties set aantal_tabellen = ? where run_id = ?", [len(tables), run_id])
            conn.execute("commit")
        except Exception:
            conn.execute("rollback")
            raise
    finally:
        if has_previous:
            conn.execute("detach vorige")

    published_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_db = published_path.with_name(published_path.name + ".tmp")
    parquet_dir = published_path.parent / "parquet"
    tmp_parquet = published_path.parent / "parquet.tmp"
    tmp_report = published_path.parent / (REPORT_NAME + ".tmp")
    for leftover in (tmp_db, Path(f"{tmp_db}.wal"), tmp_parquet, tmp_report):
        _remove(leftover)
    tmp_parquet.mkdir()
    counts: dict[str, int] = {}
    try:
        conn.execute(f"attach '{tmp_db}' as pub (storage_version 'v1.4.0')")
        # rows in any order (a table has none; readers sort): copies and Parquet writes use both cores throughout
        conn.execute("set preserve_insertion_order = false")
        try:
            for schema in sorted({table.split(".")[0] for table in tables}):
                conn.execute(f"create schema pub.{schema}")
            for table in tables:
                conn.execute(f"create table pub.{table} as select * from {table}")
                conn.execute(f"copy pub.{table} to '{tmp_parquet / (table + '.parquet')}' (format parquet)")
                counts[table] = conn.execute(f"select count(*) from pub.{table}").fetchall()[0][0]
        finally:
            conn.execute("reset preserve_insertion_order")
            conn.execute("detach pub")
        render_report(tmp_db, tmp_report)
        os.replace(tmp_db, published_path)
    except Exception:
        conn.execute("delete from meta.publicaties where run_id = ?", [run_id])
        for leftover in (tmp_db, tmp_parquet, tmp_report):
            _remove(leftover)
        raise
    old_parquet = published_path.parent / "parquet.old"
    _remove(old_parquet)
    if parquet_dir.exists():
        os.replace(parquet_dir, old_parquet)
    os.replace(tmp_parquet, parquet_dir)
    _remove(old_parquet)
    os.replace(tmp_report, published_path.parent / REPORT_NAME)
    return Publication(path=published_path, tables=counts)
