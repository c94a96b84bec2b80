"""meta.kwaliteit: every check result of every run, accumulated in the working warehouse (copied on publish)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone

import dagster as dg
import duckdb

KWALITEIT_DDL = """
create schema if not exists meta;
create table if not exists meta.kwaliteit (
    run_id varchar, tijdstip timestamp, asset varchar, controle varchar,
    blokkerend boolean, geslaagd boolean, details varchar)
"""


def _plain(value: object) -> object:
    return value.value if isinstance(value, dg.MetadataValue) else value


def record_checks(conn: duckdb.DuckDBPyConnection, run_id: str, results: Iterable[dg.AssetCheckResult]) -> None:
    """Append check results; a check is blocking exactly when it reports ERROR severity (dbt tests with severity
    error, and our blocking checks); WARN checks never block."""
    conn.execute(KWALITEIT_DDL)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = [
        (run_id, now, r.asset_key.to_user_string(), r.check_name, r.severity == dg.AssetCheckSeverity.ERROR,
         r.passed, json.dumps({k: _plain(v) for k, v in (r.metadata or {}).items()}, default=str))
        for r in results
    ]
    if rows:
        conn.executemany("insert into meta.kwaliteit values (?, ?, ?, ?, ?, ?, ?)", rows)

