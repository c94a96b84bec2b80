"""`jeugdkpi` command line: demo, refresh, status, generate, fetch-cbs.

Exit codes of `refresh` (and `demo`): 0 published, 2 blocked by a quality gate (failed checks printed), 1 error.
"""

from __future__ import annotations

import argparse
import gc
import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.settings import PSEUDO_KEY_ENV, Settings, pseudo_key
from orchestration.publish import REPORT_NAME

EXIT_PUBLISHED, EXIT_ERROR, EXIT_BLOCKED = 0, 1, 2
PUBLISHED_KEY = ("published", "jeugdzorg")
# Telemetry off; the SQLite event log that keeps its databases open (orchestration/event_log.py).
DAGSTER_YAML = """telemetry:
  enabled: false
event_log_storage:
  module: orchestration.event_log
  class: PersistentSqliteEventLogStorage
"""


@dataclass(frozen=True)
class RunOutcome:
    run_id: str
    exit_code: int
    failed_checks: list[tuple[str, str, str]]
    errors: list[str]


def _pseudo_key_file(settings: Settings) -> Path:
    return settings.data_dir / ".pseudo_key"


def ensure_pseudo_key(settings: Settings, create: bool) -> None:
    """Use JEUGDKPI_PSEUDO_KEY, else the local key in data/.pseudo_key (created by the demo, outside git)."""
    if os.environ.get(PSEUDO_KEY_ENV):
        return
    key_file = _pseudo_key_file(settings)
    if not key_file.exists() and create:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
        print(f"Created a local pseudonymisation key in {key_file} (keep it; it links client ids across runs).")
    if key_file.exists():
        os.environ[PSEUDO_KEY_ENV] = key_file.read_text().strip()


def prepare_environment(settings: Settings) -> None:
    """Offline defaults, a persistent Dagster instance under data/ unless DAGSTER_HOME is set, and the manifest."""
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(settings.data_dir / "dagster_home")))
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        (home / "dagster.yaml").write_text(DAGSTER_YAML)
    settings.ensure_dirs()
    from orchestration.project import WAREHOUSE_ENV, prepare_manifest

    os.environ[WAREHOUSE_ENV] = str(settings.warehouse_path)  # parse with the run's profile: partial parsing
    prepare_manifest(force=False)


def _root_cause(error) -> str:
    """The innermost exception of a Dagster step failure, as 'Class: first line of the message'."""
    while error.cause is not None:
        error = error.cause
    return f"{error.cls_name}: {error.message.strip().splitlines()[0] if error.message.strip() else ''}"


def _failed_blocking_checks(result) -> list[tuple[str, str, str]]:
    """(asset, check, details) of every check in the run that failed with ERROR severity (i.e. blocks publishing)."""
    import dagster as dg

    failed = []
    for event in result.all_events:
        evaluation = event.event_specific_data
        if (event.event_type_value == "ASSET_CHECK_EVALUATION" and not evaluation.passed
                and evaluation.severity == dg.AssetCheckSeverity.ERROR):
            details = {k: getattr(v, "value", v) for k, v in (evaluation.metadata or {}).items()}
            failed.append((evaluation.asset_key.to_user_string(), evaluation.check_name, str(details)))
    return sorted(failed)


@contextmanager
def _loaded_objects_frozen() -> Iterator[None]:
    """Keep the objects alive now (the loaded libraries and definitions, about 600,000) out of the cyclic garbage
    collector's full collections while a run executes; they are released to it again afterwards."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def run_refresh() -> RunOutcome:
    """Run `maandelijkse_verversing` in-process over all months and classify the outcome."""
    import dagster as dg

    from orchestration.definitions import JOB_NAME, defs

    with dg.DagsterInstance.get() as instance, _loaded_objects_frozen():
        result = defs.resolve_job_def(JOB_NAME).execute_in_process(instance=instance, raise_on_error=False)
    published = any(e.is_step_materialization and e.asset_key == dg.AssetKey(list(PUBLISHED_KEY))
                    for e in result.all_events)
    errors = [f"{e.step_key}: {_root_cause(e.step_failure_data.error)}" for e in result.all_events
              if e.is_step_failure and e.step_failure_data.error.cls_name != "DagsterAssetCheckFailedError"]
    failed = _failed_blocking_checks(result)
    if published:
        code = EXIT_PUBLISHED
    elif failed and not errors:
        code = EXIT_BLOCKED
    else:
        code = EXIT_ERROR
    return RunOutcome(result.run_id, code, failed, errors)


def _query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def print_outcome(outcome: RunOutcome, settings: Settings) -> None:
    if outcome.exit_code == EXIT_PUBLISHED:
        print(f"Published {settings.published_path} (run {outcome.run_id}).")
    elif outcome.exit_code == EXIT_BLOCKED:
        print(f"NOT published: blocked by the quality gate (run {outcome.run_id}); the previous publication is "
              "unchanged. Failed blocking checks:")
    else:
        print(f"ERROR: run {outcome.run_id} failed; the previous publication is unchanged.")
        for error in outcome.errors:
            print(f"  {error[:400]}")
    for asset, check, details in outcome.failed_checks:
        print(f"  - {asset} :: {check}: {details[:400]}")


def print_summary(settings: Settings) -> None:
    """Files landed/accepted/rejected, mart row counts, HLV headline KPIs and where to look."""
    published = settings.published_path
    statuses = _query(published, "select status, count(*), sum(rijen_geaccepteerd), sum(rijen_afgewezen) "
                                 "from meta.leveringen group by status order by status")
    print("\nFiles landed (status: files, rows accepted, rows rejected):")
    for status, files, accepted, rejected in statuses:
        print(f"  {status:<12} {files:>6} {accepted or 0:>12} {rejected or 0:>10}")
    print("\nPublished marts (rows):")
    for (table,) in _query(published, "select table_schema || '.' || table_name from information_schema.tables "
                                      "where table_schema = 'marts' order by 1"):
        print(f"  {table:<40} {_query(published, f'select count(*) from {table}')[0][0]:>10}")
    print("\nHLV (Heerlen, Landgraaf, Voerendaal), all segments, per year:")
    print("  jaar  begin  instroom  in_zorg  uitstroom  eind  kosten/client/maand")
    for row in _query(published, """
            select year(periode_start), clienten_begin, instroom, clienten_in_zorg, uitstroom, clienten_eind,
                   kosten_per_client_per_maand_eur
            from marts.kpi_gemeente_segment
            where gemeentecode = 'HLV' and segment = 'TOTAAL' and periode_type = 'jaar'
              and year(periode_start) between 2020 and 2024 order by 1"""):
        print("  {} {:>6} {:>9} {:>8} {:>10} {:>5} {:>20}".format(*(("-" if v is None else v) for v in row)))
    print(f"\nWhere to look:\n  published warehouse  {published} (open with duckdb.connect(path, read_only=True))"
          f"\n  parquet per table    {published.parent / 'parquet'}"
          f"\n  quarantined files    {settings.quarantine_dir} (each with a .reden.json)"
          "\n  Dagster UI           dagster dev -w workspace.yaml"
          "\n  status               jeugdkpi status"
          f"\nKPI report: {published.parent / REPORT_NAME}")


def cmd_generate(settings: Settings, scale: str, years: int, start_year: int, seed: int, fraction: float = 1.0) -> int:
    from synthetic import generate
    from synthetic.cbs import write_demo_cbs

    summary = generate(settings.landing_dir, scale=scale, start_year=start_year, years=years, seed=seed,
                       fraction=fraction)
    tables = write_demo_cbs(settings.landing_dir)
    print(f"Generated {scale} demo deliveries in {settings.landing_dir}: {summary}; {len(tables)} CBS tables")
    return EXIT_PUBLISHED


def cmd_fetch_cbs(settings: Settings, tables: list[str], base_url: str | None) -> int:
    from ingest.cbs.fetch import fetch_tables

    for folder in fetch_tables(tables, settings.landing_dir, base_url):
        print(f"Fetched CBS table {folder.name} into {folder}")
    return EXIT_PUBLISHED


def cmd_demo(settings: Settings) -> int:
    ensure_pseudo_key(settings, create=True)
    prepare_environment(settings)
    provider_dir = settings.landing_dir / "aanleveringen"
    if not provider_dir.exists() or not any(p.is_file() for p in provider_dir.rglob("*")):
        cmd_generate(settings, "zl", 5, 2020, 42)
    outcome = run_refresh()
    print_outcome(outcome, settings)
    if outcome.exit_code == EXIT_PUBLISHED:
        print_summary(settings)
    return outcome.exit_code


def cmd_refresh(settings: Settings) -> int:
    ensure_pseudo_key(settings, create=False)
    pseudo_key()  # refuse to start (exit 1, clear message) before anything is touched when there is no key
    prepare_environment(settings)
    outcome = run_refresh()
    print_outcome(outcome, settings)
    return outcome.exit_code


def cmd_status(settings: Settings) -> int:
    published = settings.published_path
    if not published.exists():
        print(f"No publication yet at {published}. Run `jeugdkpi demo` or `jeugdkpi refresh`.")
        return EXIT_ERROR
    counted = bool(_query(published, """select 1 from information_schema.columns
        where table_schema = 'meta' and table_name = 'publicaties' and column_name = 'aantal_invoerbestanden'"""))
    # a file published before these columns existed lists every input file instead
    inputs = ("""aantal_invoerbestanden || ' input files (' || json_array_length(invoer_wijzigingen)
                 || ' changed since the previous publication)'""" if counted
              else "json_array_length(invoerbestanden) || ' input files'")
    run_id, when, data_datum, files, checks, passed = _query(published, f"""
        select run_id, gepubliceerd_op, data_datum, {inputs}, aantal_controles, controles_geslaagd
        from meta.publicaties order by gepubliceerd_op desc limit 1""")[0]
    print(f"Last publication: {when:%Y-%m-%d %H:%M} UTC, run {run_id}, data up to {data_datum}, "
          f"{files}, checks passed {passed}/{checks}")
    print("Lineage (meta.leveringen): " + ", ".join(
        f"{status} {n}" for status, n in _query(published, "select status, count(*) from meta.leveringen "
                                                           "group by 1 order by 1")))
    try:
        rows = _query(settings.warehouse_path, """
            select run_id, asset, controle, blokkerend, geslaagd from meta.kwaliteit
            where run_id = (select run_id from meta.kwaliteit order by tijdstip desc limit 1)
            order by geslaagd, asset, controle""")
    except duckdb.Error as exc:  # the warehouse is locked while a run writes to it
        print(f"Last check results unavailable right now ({type(exc).__name__}).")
        return EXIT_PUBLISHED
    if rows:
        passed = sum(1 for row in rows if row[4])
        print(f"Last check results (run {rows[0][0]}): {passed} of {len(rows)} passed")
        for _, asset, check, blocking, ok in rows:
            if not ok:
                print(f"  {'FAIL' if blocking else 'WARN'} {asset} :: {check}")
    return EXIT_PUBLISHED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jeugdkpi", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="set up, generate Zuid-Limburg demo data if landing is empty, run and publish")
    sub.add_parser("refresh", help="process everything landed since the last run (all months), gate and publish")
    sub.add_parser("status", help="last publication, lineage counts and last check results")
    generate = sub.add_parser("generate", help="write synthetic provider deliveries into landing/")
    generate.add_argument("--scale", choices=["region", "zl", "nl"], default="region",
                          help="region = Zuid-Limburg (alias zl); nl = all 342 gemeenten")
    generate.add_argument("--fraction", type=float, default=1.0,
                          help="share of the gemeenten to generate (a deterministic sample), e.g. 0.01")
    generate.add_argument("--years", type=int, default=5)
    generate.add_argument("--start-year", type=int, default=2020)
    generate.add_argument("--seed", type=int, default=42)
    fetch_cbs = sub.add_parser("fetch-cbs", help="download CBS StatLine tables (cbsodata) into landing/cbs/<TABLE>/")
    fetch_cbs.add_argument("tables", nargs="+", metavar="TABLE", help="table id, e.g. 85098NED")
    fetch_cbs.add_argument("--base-url", default=None, help="OData host (default https://opendata.cbs.nl)")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        if args.command == "demo":
            return cmd_demo(settings)
        if args.command == "refresh":
            return cmd_refresh(settings)
        if args.command == "status":
            return cmd_status(settings)
        if args.command == "fetch-cbs":
            return cmd_fetch_cbs(settings, args.tables, args.base_url)
        return cmd_generate(settings, args.scale, args.years, args.start_year, args.seed, args.fraction)
    except BrokenPipeError:
        # The reader of stdout went away (`jeugdkpi status | head -1`): stop quietly, as other command-line tools do;
        # stdout goes to /dev/null so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the CLI reports any failure as exit code 1
        print(f"ERROR: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


def run() -> None:
    """The `jeugdkpi` command: main(), then exit without the interpreter's shutdown collections, which would scan
    every object of Dagster, dbt and GX once more only to free memory the exiting process returns anyway."""
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
