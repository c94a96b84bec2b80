"""Raw asset raw/cbs_waarden: CBS StatLine exports from landing/cbs/<TABLEID>/, landed by `ingest.cbs.land`
(lineage rows in raw.leveringen with soort 'cbs'). Unpartitioned: every run lands new or changed table folders."""

import dagster as dg
from dagster import AssetExecutionContext

from ingest.cbs.land import land_cbs
from orchestration.resources import WarehouseResource


@dg.asset(key=["raw", "cbs_waarden"], group_name="raw",
          description="CBS values in long format, every landed release (staging takes the latest per value).")
def cbs_waarden(context: AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    outcomes = land_cbs(warehouse.settings(), context.run.run_id)
    for outcome in outcomes:
        context.log.info(f"CBS {outcome.tabel_id}: {outcome.status} {outcome.reden_code or ''} ({outcome.rows} values)")
    return dg.MaterializeResult(metadata={
        "nieuwe_tabellen": len(outcomes),
        "tabellen_in_quarantaine": sum(o.status == "quarantined" for o in outcomes),
        "waarden": sum(o.rows for o in outcomes),
    })
