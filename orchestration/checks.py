"""Asset checks that call expectations/: GX suites on the marts (blocking), delivery checks (warn) and row counts
against the previous publication (warn). Every result is also appended to meta.kwaliteit.

Warn checks are declared `blocking=True` too, so downstream steps (publish) wait for them and the publication
records their result; they report AssetCheckSeverity.WARN, which never stops a run."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import dagster as dg
from dagster import AssetCheckExecutionContext

from expectations import deliveries, marts, publication
from orchestration.assets.dbt import jeugdkpi_dbt
from orchestration.quality import record_checks
from orchestration.resources import WarehouseResource

MART_GEMEENTE = dg.AssetKey(["marts", "kpi_gemeente_segment"])
MART_AANBIEDER = dg.AssetKey(["marts", "kpi_aanbieder"])
# Segment cost shares sum to 100 per gemeente (or region) and period.
SHARE_GROUP = ["gemeentecode"]
MART_KEYS = sorted((k for k in jeugdkpi_dbt.keys if k.path[0] == "marts"), key=lambda k: k.path)


def _gx_check(asset: dg.AssetKey, name: str, description: str,
              suite: Callable[[str, object], marts.SuiteOutcome],
              columns: Callable[[list[str]], list[str]]) -> dg.AssetChecksDefinition:
    schema, table = asset.path

    @dg.asset_check(asset=asset, name=name, blocking=True, description=description)
    def _check(context: AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect(read_only=True) as conn:
            available = [r[0] for r in conn.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
                "order by ordinal_position", [schema, table]).fetchall()]
            selected = ", ".join(f'"{c}"' for c in columns(available))
            frame = conn.execute(f"select {selected} from {schema}.{table}").df()
        outcome = suite(name, frame)
        result = dg.AssetCheckResult(asset_key=asset, check_name=name, passed=bool(outcome.success),
                                     metadata=outcome.as_metadata(), severity=dg.AssetCheckSeverity.ERROR)
        with warehouse.connect() as conn:
            record_checks(conn, context.run.run_id, [result])
        return result

    return _check


@dataclass(frozen=True)
class WarnCheck:
    """A non-blocking check: evaluate(conn, warehouse) -> (passed, metadata) on a read-only connection."""
    asset: dg.AssetKey
    name: str
    description: str
    evaluate: Callable


def _warn_checks(name: str, checks: list[WarnCheck]) -> dg.AssetChecksDefinition:
    """Several warn checks as one step: one connection to evaluate them all and one to record the results, instead
    of a step and two connections each (docs/design.md "Fixed costs of a refresh")."""
    @dg.multi_asset_check(name=name, specs=[
        dg.AssetCheckSpec(c.name, asset=c.asset, description=c.description, blocking=True) for c in checks])
    def _checks(context: AssetCheckExecutionContext, warehouse: WarehouseResource) -> Iterator[dg.AssetCheckResult]:
        results = []
        with warehouse.connect(read_only=True) as conn:
            for check in checks:
                passed, metadata = check.evaluate(conn, warehouse)
                results.append(dg.AssetCheckResult(asset_key=check.asset, check_name=check.name, passed=bool(passed),
                                                   metadata=metadata, severity=dg.AssetCheckSeverity.WARN))
        with warehouse.connect() as conn:
            record_checks(conn, context.run.run_id, results)
        yield from results

    return _checks


gx_checks = [
    _gx_check(MART_GEMEENTE, "gx_waarden_en_voorraad_stroom",
              "Counts >= 0, percentages 0-100, clienten_eind = clienten_begin + instroom - uitstroom (GX).",
              marts.check_kpi_mart, marts.kpi_mart_columns),
    _gx_check(MART_GEMEENTE, "gx_segmentaandelen_som_100",
              "pct_kosten_segment over the segments of a gemeente and period sums to 100 (GX).",
              lambda name, frame: marts.check_segment_shares(name, frame, SHARE_GROUP),
              lambda _: marts.segment_share_columns(SHARE_GROUP)),
    _gx_check(MART_AANBIEDER, "gx_waarden_en_voorraad_stroom",
              "Counts >= 0, percentages 0-100, clienten_eind = clienten_begin + instroom - uitstroom (GX).",
              marts.check_kpi_mart, marts.kpi_mart_columns),
]

delivery_checks = _warn_checks("aanleveringen_controles", [
    *[WarnCheck(dg.AssetKey(["raw", soort]), "afgewezen_rijen",
                f"Rows of the current {soort} deliveries rejected by the ingest schema (Pandera), per reason.",
                lambda conn, _, soort=soort: deliveries.rejected_rows(conn, soort))
      for soort in ("trajecten", "declaraties", "wachtlijst")],
    WarnCheck(dg.AssetKey(["raw", "leveringen"]), "bestanden_in_quarantaine",
              "Files quarantined or rejected, with their reason code.",
              lambda conn, _: deliveries.unusable_files(conn)),
    WarnCheck(dg.AssetKey(["raw", "leveringen"]), "aanbieder_levert_niet_meer",
              "Providers that delivered last month but not in the latest delivery month.",
              lambda conn, _: deliveries.providers_missing(conn)),
])

mart_warn_checks = _warn_checks("marts_controles", [
    WarnCheck(MART_AANBIEDER, "clienten_in_zorg_maand_op_maand",
              "Providers whose clienten_in_zorg changed more than 30% month on month.",
              lambda conn, _: deliveries.monthly_change(conn)),
    *[WarnCheck(key, "rijen_vs_vorige_publicatie", "Row count within tolerance of the previous publication.",
                lambda conn, warehouse, table=".".join(key.path): publication.row_count_vs_previous(
                    conn, warehouse.settings().published_path, table))
      for key in MART_KEYS],
])

asset_checks = [*gx_checks, delivery_checks, mart_warn_checks]
