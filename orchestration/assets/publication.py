"""The published warehouse: runs only after every blocking check on the marts passed (write-audit-publish)."""

import dagster as dg
from dagster import AssetExecutionContext

from orchestration.assets.dbt import jeugdkpi_dbt
from orchestration.publish import PUBLISHED_SCHEMAS, publish
from orchestration.resources import WarehouseResource

PUBLISHED_DEPS = sorted((k for k in jeugdkpi_dbt.keys if k.path[0] in PUBLISHED_SCHEMAS), key=lambda k: k.path)


@dg.asset(key=["published", "jeugdzorg"], deps=PUBLISHED_DEPS, group_name="published",
          description="data/published/jeugdzorg.duckdb (DuckDB 1.4+ readable) and parquet/<schema>.<table>.parquet")
def jeugdzorg_publicatie(context: AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    settings = warehouse.settings()
    with warehouse.connect() as conn:
        publication = publish(conn, settings.published_path, context.run.run_id)
    return dg.MaterializeResult(metadata={
        "pad": dg.MetadataValue.path(str(publication.path)),
        "tabellen": len(publication.tables),
        **{f"rijen {table}": n for table, n in publication.tables.items()},
    })
