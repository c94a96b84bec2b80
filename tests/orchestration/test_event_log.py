"""The event log storage the CLI configures: Dagster's SQLite files and schema, its databases kept open, and a run's
watchers (the UI's live log) still woken by every event."""

from __future__ import annotations

import threading
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.storage.event_log.sqlite.sqlite_event_log import INDEX_SHARD_NAME, SqliteEventLogStorage

from orchestration.cli import DAGSTER_YAML
from orchestration.event_log import OPEN_RUN_SHARDS, PersistentSqliteEventLogStorage

RUNS = OPEN_RUN_SHARDS + 2  # more runs than shards kept open


@dg.asset
def teller(context) -> dg.MaterializeResult:  # noqa: ANN001 - Dagster rejects a string annotation here
    return dg.MaterializeResult(metadata={"run": context.run.run_id})


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(DAGSTER_YAML)
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.get() as configured:
        yield configured


def _materialized_run(instance: dg.DagsterInstance) -> str:
    result = dg.materialize([teller], instance=instance)
    assert result.success
    return result.run_id


def test_runs_are_stored_in_dagsters_files_with_few_databases_open(instance: dg.DagsterInstance):
    storage = instance.event_log_storage
    assert type(storage) is PersistentSqliteEventLogStorage
    run_ids = [_materialized_run(instance) for _ in range(RUNS)]

    assert len(storage._engines) == OPEN_RUN_SHARDS + 1  # the index and the most recent run shards
    assert INDEX_SHARD_NAME in storage._engines
    assert set(storage._engines) - {INDEX_SHARD_NAME} == set(run_ids[-OPEN_RUN_SHARDS:])
    latest = instance.get_latest_materialization_event(dg.AssetKey("teller"))
    assert latest.run_id == run_ids[-1]  # from the index shard
    assert latest.asset_materialization.metadata["run"].value == run_ids[-1]

    # Dagster's own storage on the same directory (as another process would open it) reads the same events.
    plain = SqliteEventLogStorage(storage._base_dir)
    for run_id in run_ids:  # the first runs' shards were closed, the last ones are still open
        mine = [e.dagster_event_type for e in instance.all_logs(run_id) if e.is_dagster_event]
        theirs = [e.dagster_event_type for e in plain.get_logs_for_run(run_id) if e.is_dagster_event]
        assert dg.DagsterEventType.ASSET_MATERIALIZATION in mine
        assert mine == theirs
    assert plain.get_latest_materialization_events([dg.AssetKey("teller")])[dg.AssetKey("teller")].run_id == run_ids[-1]

    storage.wipe()
    assert set(storage._engines) <= {INDEX_SHARD_NAME}  # the run shards were closed before their files went
    assert instance.get_latest_materialization_event(dg.AssetKey("teller")) is None
    assert list(Path(storage._base_dir).glob("*.db")) == [Path(storage._base_dir) / f"{INDEX_SHARD_NAME}.db"]


def test_a_run_watcher_sees_events_of_a_run_stored_through_an_open_database(instance: dg.DagsterInstance):
    storage = instance.event_log_storage
    run_id = _materialized_run(instance)  # the run's database is now one of the open ones
    engine = storage._engines[run_id]

    watcher = SqliteEventLogStorage(storage._base_dir)  # the webserver's view of the same files
    seen, woken = [], threading.Event()

    def callback(event: dg.EventLogEntry, _cursor: str) -> None:
        seen.append(event.message)
        if event.message == "nog een":
            woken.set()

    watcher.watch(run_id, None, callback)
    try:
        cursor_events = len(instance.all_logs(run_id))
        instance.report_engine_event("nog een", instance.get_run_by_id(run_id))
        assert woken.wait(timeout=10), f"the watcher was not woken; it saw {len(seen)} of {cursor_events + 1}"
    finally:
        watcher.end_watch(run_id, callback)
        watcher.dispose()
    assert storage._engines[run_id] is engine  # stored through the open database, not a reopened one


def test_without_base_dir_or_dagster_home_the_error_says_what_is_missing(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    with pytest.raises(dg.DagsterInvariantViolationError, match="needs `base_dir`.*or DAGSTER_HOME"):
        PersistentSqliteEventLogStorage.from_config_value(None, {})
    storage = PersistentSqliteEventLogStorage.from_config_value(None, {"base_dir": str(tmp_path / "runs")})
    try:
        assert storage._base_dir == str(tmp_path / "runs")
    finally:
        storage.dispose()
