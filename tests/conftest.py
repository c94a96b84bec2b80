"""Shared test helpers: run the real pipeline stages (ingest + dbt build through dagster-dbt) on a landing zone."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
TEST_KEY = "test-pseudonymisation-key-0123456789"

os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def run_ingest_and_dbt(data_dir: Path, landing: Path, target_path: Path,
                       dbt_args: tuple[str, ...] = ("build",)) -> Path:
    """Land every new file, then run dbt (`dbt build` by default) through dagster-dbt; returns the warehouse path."""
    from ingest.land import land_all
    from orchestration.project import dbt_resource
    from ingest.settings import Settings

    settings = Settings(data_dir=data_dir, landing_dir=landing)
    settings.ensure_dirs()
    land_all(settings, run_id="test-run")
    os.environ["JEUGDKPI_WAREHOUSE_PATH"] = str(settings.warehouse_path)
    invocation = dbt_resource().cli(list(dbt_args), target_path=target_path, raise_on_error=False).wait()
    assert invocation.is_successful(), "dbt build failed; see " + str(target_path)
    return settings.warehouse_path


def query(warehouse: Path, sql: str, params: list | None = None) -> list[dict]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        cursor = conn.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
