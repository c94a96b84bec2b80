"""Resources, configured from the environment when a run starts (not when the code location loads)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from ingest.settings import Settings
from orchestration.project import WAREHOUSE_ENV, dbt_resource


class WarehouseResource(dg.ConfigurableResource):
    """The working DuckDB warehouse at `Settings.from_env().warehouse_path`, plus the other paths.

    On setup it points dbt (profiles.yml reads JEUGDKPI_WAREHOUSE_PATH) at the same file, so Python steps and dbt
    always share one warehouse.
    """

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        settings = self.settings()
        settings.ensure_dirs()
        os.environ[WAREHOUSE_ENV] = str(settings.warehouse_path)

    def settings(self) -> Settings:
        return Settings.from_env()

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection; never hold one across a dbt call (DuckDB allows one writer)."""
        conn = duckdb.connect(str(self.settings().warehouse_path), read_only=read_only)
        try:
            yield conn
        finally:
            conn.close()


def build_resources() -> dict[str, dg.ConfigurableResource]:
    return {"warehouse": WarehouseResource(), "dbt": dbt_resource()}
