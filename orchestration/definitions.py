"""The Dagster code location: assets, checks, the monthly job, its schedule and a sensor on landing/."""

from __future__ import annotations

import hashlib

import dagster as dg

from ingest.settings import Settings
from orchestration.assets.cbs import cbs_waarden
from orchestration.assets.dbt import jeugdkpi_dbt
from orchestration.assets.ingest import aanleveringen
from orchestration.assets.publication import jeugdzorg_publicatie
from orchestration.checks import asset_checks
from orchestration.resources import build_resources

JOB_NAME = "maandelijkse_verversing"

maandelijkse_verversing = dg.define_asset_job(
    JOB_NAME, selection=dg.AssetSelection.all(),
    description="Land everything new (all months), build and test the marts, run the checks, publish if clean.")

maandelijks = dg.ScheduleDefinition(
    name="maandelijks_2e_0600", job=maandelijkse_verversing, cron_schedule="0 6 2 * *",
    execution_timezone="Europe/Amsterdam", default_status=dg.DefaultScheduleStatus.STOPPED)


def landing_fingerprint(settings: Settings) -> str:
    """A digest of every provider/reference file in landing/ (path, size, mtime); changes when files land."""
    digest = hashlib.sha256()
    root = settings.landing_dir
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(job=maandelijkse_verversing, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.STOPPED)
def nieuwe_aanleveringen(context: dg.SensorEvaluationContext):
    """Start a refresh when the contents of landing/ change."""
    fingerprint = landing_fingerprint(Settings.from_env())
    if fingerprint == context.cursor:
        return dg.SkipReason("no new files in landing/")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)


defs = dg.Definitions(
    assets=[aanleveringen, cbs_waarden, jeugdkpi_dbt, jeugdzorg_publicatie],
    asset_checks=asset_checks,
    jobs=[maandelijkse_verversing],
    schedules=[maandelijks],
    sensors=[nieuwe_aanleveringen],
    resources=build_resources(),
    executor=dg.in_process_executor,
)
