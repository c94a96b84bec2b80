"""One monthly partition of the raw assets lands only that delivery month; the rest stays in landing/."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from tests.orchestration.conftest import write_month


def test_one_month_partition_lands_only_that_month(env: Path):
    from orchestration.assets.ingest import aanleveringen
    from orchestration.resources import build_resources

    write_month(env / "landing", "202401")
    write_month(env / "landing", "202402")
    result = dg.materialize([aanleveringen], partition_key="2024-02-01", resources=build_resources(),
                            selection=[dg.AssetKey(["raw", s]) for s in ("trajecten", "leveringen", "afgewezen_rijen")])
    assert result.success
    with duckdb.connect(str(env / "warehouse" / "warehouse.duckdb"), read_only=True) as conn:
        landed = conn.execute("select bestandsnaam, status from raw.leveringen order by 1").fetchall()
    assert landed == [("aanleveringen/2024-02/99100001_202402_trajecten.csv", "accepted")]
    metadata = result.asset_materializations_for_node("aanleveringen")[0].metadata
    assert metadata["maanden"].value == "202402"
