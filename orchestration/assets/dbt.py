"""All dbt models, seeds and tests as Dagster assets; dbt tests become asset checks (error severity = blocking)."""

from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
from dagster import AssetExecutionContext
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from expectations import gx_runner
from orchestration.project import dbt_project
from orchestration.quality import record_checks
from orchestration.resources import WarehouseResource

# dbt node statuses that mean the build itself broke (test failures are 'fail' and surface as checks instead).
DBT_ERROR_STATUSES = {"error", "runtime error"}


class JeugdkpiTranslator(DagsterDbtTranslator):
    """Asset key = [schema, relation name] (marts/kpi_gemeente_segment, ref/gemeenten), grouped by schema."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_asset_key(dbt_resource_props)
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props.get("alias") or dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props.get("schema") or super().get_group_name(dbt_resource_props)


translator = JeugdkpiTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


# The data tests of the seeds (dbt_project/seeds/_seeds.yml), like the unit tests, check files in git, not the data of
# a refresh: CI runs them (tests/dbt/test_dbt_build.py builds everything), the Dagster asset leaves them out. The seeds
# themselves are built, and the reference data a refresh can change (raw.referentie_* over the seeds) is tested on
# the stg_reference__* models.
SEED_TESTS = "file:_seeds.yml"


class DbtBuildError(Exception):
    """dbt could not build one or more nodes (not a failing data test)."""


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator,
            exclude=SEED_TESTS, name="jeugdkpi_dbt")
def jeugdkpi_dbt(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource) -> Iterator:
    # dbt unit tests check SQL logic against fixed inputs, not data: CI runs them (tests/dbt), a refresh does not.
    invocation = dbt.cli(["build", "--exclude-resource-type", "unit_test"], context=context, raise_on_error=False)
    # The GX checks on the marts run right after this step: GX loads while this process waits on dbt's subprocess.
    gx_runner.preload()
    checks: list[dg.AssetCheckResult] = []
    for event in invocation.stream():
        if isinstance(event, dg.AssetCheckResult):
            checks.append(event)
        yield event
    # dbt has released the warehouse by now, so the check results can be recorded.
    with warehouse.connect() as conn:
        record_checks(conn, context.run.run_id, checks)
    results = invocation.get_artifact("run_results.json")["results"]
    broken = sorted(r["unique_id"] for r in results if r["status"] in DBT_ERROR_STATUSES)
    if broken:
        raise DbtBuildError(f"dbt build errors in: {', '.join(broken)}")
