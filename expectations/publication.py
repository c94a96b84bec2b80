"""Row counts of a mart compared with the same table in the previous publication (warn level)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from expectations.deliveries import CheckOutcome

# A refresh normally adds months; a mart that shrinks by more than this, or more than doubles, deserves a look.
MIN_RATIO, MAX_RATIO = 0.8, 2.0


def row_count_vs_previous(conn: duckdb.DuckDBPyConnection, published_path: Path, table: str) -> CheckOutcome:
    current = conn.execute(f"select count(*) from {table}").fetchall()[0][0]
    previous = None
    if published_path.exists():
        with duckdb.connect(str(published_path), read_only=True) as published:
            schema, name = table.split(".")
            exists = published.execute("select count(*) from information_schema.tables where table_schema = ? "
                                       "and table_name = ?", [schema, name]).fetchall()[0][0]
            if exists:
                previous = published.execute(f"select count(*) from {table}").fetchall()[0][0]
    passed = previous is None or (previous == 0 and current == 0) or (
        previous > 0 and MIN_RATIO <= current / previous <= MAX_RATIO)
    return passed, {"rijen": current, "rijen_vorige_publicatie": previous,
                    "toegestaan": f"{MIN_RATIO:.0%} - {MAX_RATIO:.0%} van de vorige publicatie"}
