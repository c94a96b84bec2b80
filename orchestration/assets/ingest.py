"""Raw assets: provider deliveries per kind, lineage, rejected rows and reference overrides, all landed by
`ingest.land` (no parsing here). Monthly partitions select the delivery month (leveringsmaand) to (re)land;
a run without a partition, or with the full partition range, lands everything new in landing/ (all months)."""

import dagster as dg
from dagster import AssetExecutionContext

from ingest.land import land_all
from orchestration.resources import WarehouseResource

SOORTEN = ("trajecten", "declaraties", "wachtlijst")
REFERENTIE = ("gemeenten", "aanbieders", "productcodes", "budgetten")
LINEAGE = ("leveringen", "afgewezen_rijen")

maanden = dg.MonthlyPartitionsDefinition(start_date="2015-01-01", end_offset=1, timezone="Europe/Amsterdam")

raw_specs = [
    *[dg.AssetSpec(["raw", soort], description=f"Rows of the {soort} deliveries (all statuses).",
                   group_name="raw", skippable=True) for soort in SOORTEN],
    dg.AssetSpec(["raw", "leveringen"], description="One lineage row per landed file.", group_name="raw"),
    dg.AssetSpec(["raw", "afgewezen_rijen"], description="Rows rejected at ingest, with reason codes.",
                 group_name="raw"),
    *[dg.AssetSpec(["raw", f"referentie_{naam}"], description=f"Optional override rows for the {naam} seed.",
                   group_name="raw") for naam in REFERENTIE],
]


def _months(context: AssetExecutionContext) -> list[str] | None:
    """YYYYMM delivery months to land, or None for all months."""
    if not (context.has_partition_key or context.has_partition_key_range):
        return None
    keys = context.partition_keys
    if len(keys) == len(maanden.get_partition_keys()):
        return None
    return [key[:4] + key[5:7] for key in keys]


@dg.multi_asset(specs=raw_specs, partitions_def=maanden, can_subset=True, name="aanleveringen",
                backfill_policy=dg.BackfillPolicy.single_run())
def aanleveringen(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Land new files from landing/ (archive, hash, validate, pseudonymise, write raw.*)."""
    settings = warehouse.settings()
    selected = {key.path[-1] for key in context.selected_asset_keys}
    soorten = [s for s in SOORTEN if s in selected]
    months = _months(context)
    for month in months or [None]:
        result = land_all(settings, context.run.run_id, soorten=soorten, month=month,
                          referentie=any(f"referentie_{naam}" in selected for naam in REFERENTIE))
        context.log.info(f"month {month or 'all'}: {len(result.files)} new files, {result.skipped} already landed")
    with warehouse.connect(read_only=True) as conn:
        landed = conn.execute("""
            select soort, status, count(*), sum(rijen_geaccepteerd), sum(rijen_afgewezen)
            from raw.leveringen where run_id = ? group by all order by all""", [context.run.run_id]).fetchall()
    for key in sorted(context.selected_asset_keys, key=lambda k: k.path):
        soort = key.path[-1]
        mine = [row for row in landed if row[0] == soort or soort not in SOORTEN]
        yield dg.MaterializeResult(asset_key=key, metadata={
            "maanden": "alle" if months is None else ", ".join(months),
            "nieuwe_bestanden": sum(row[2] for row in mine),
            **{f"bestanden_{status}": sum(r[2] for r in mine if r[1] == status) for status in {r[1] for r in mine}},
            "rijen_geaccepteerd": int(sum(row[3] or 0 for row in mine)),
            "rijen_afgewezen": int(sum(row[4] or 0 for row in mine)),
        })
