"""Reliability tests: reuse the ingest fixtures (scratch data dir + landing writer) and share the BSN scanner."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb

# Before anything imports orchestration.project: a private dbt target path (manifest and run folders).
os.environ.setdefault("DBT_TARGET_PATH", tempfile.mkdtemp(prefix="jeugdkpi-rel-dbt-"))

from tests.ingest.conftest import landing, settings  # noqa: F401 - fixtures reused by the corpus test

NINE_DIGITS = re.compile(rb"(?<!\d)\d{9}(?!\d)")


def input_bsns(landing_dir: Path) -> set[str]:
    """Every 9-digit number in the bsn column of the CSV deliveries below landing_dir (';' separated)."""
    found = set()
    for path in landing_dir.rglob("*.csv"):
        lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
        if not lines or "bsn" not in lines[0].lower().split(";"):
            continue
        column = lines[0].lower().split(";").index("bsn")
        found |= {cells[column] for cells in (line.split(";") for line in lines[1:])
                  if len(cells) > column and re.fullmatch(r"\d{9}", cells[column])}
    found.discard("999999999")
    return found


def bsns_in_duckdb(path: Path, bsns: Iterable[str]) -> list[str]:
    """'schema.table.column' of every column (any type, cast to text) of a DuckDB file holding one of `bsns`."""
    wanted = sorted(bsns)
    hits = []
    with duckdb.connect(str(path), read_only=True) as conn:
        columns = conn.execute("""select table_schema, table_name, column_name from information_schema.columns
            where table_catalog = current_database() order by all""").fetchall()
        for schema, table, column in columns:
            found = conn.execute(f"""select count(*) from "{schema}"."{table}"
                where list_has_any(regexp_extract_all(cast("{column}" as varchar), '\\d{{9}}'), ?)""",
                                 [wanted]).fetchall()[0][0]
            if found:
                hits.append(f"{schema}.{table}.{column}")
    return hits


def bsns_in_files(root: Path, bsns: Iterable[str], skip: Iterable[Path] = ()) -> list[str]:
    """Files below root (except those under `skip`) whose bytes contain one of `bsns` as a 9-digit number."""
    wanted = {b.encode() for b in bsns}
    skipped = [p.resolve() for p in skip]
    hits = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or any(path.resolve().is_relative_to(s) for s in skipped):
            continue
        if wanted & set(NINE_DIGITS.findall(path.read_bytes())):
            hits.append(str(path.relative_to(root)))
    return hits
