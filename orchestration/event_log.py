"""Dagster's SQLite event log, keeping its databases open between events.

Dagster's `SqliteEventLogStorage` creates a SQLAlchemy engine, opens a connection, commits and closes it for every
event it stores (a refresh stores about 900: every dbt model and test is a materialization or a check evaluation,
each planned first). Closing the only connection of a WAL database checkpoints it, and a new engine compiles every
statement again. This subclass keeps one engine per database (the index and the few most recent run shards), so an
event is one insert and one commit. Same files, same schema and same durability (every event is committed): the
Dagster UI and `dagster-webserver` read them as before (docs/design.md "Fixed costs of a refresh").

A run's live log in the UI is fed by a file watch on the run's `.db` file. An open WAL connection writes to the
`-wal` file only, so after storing an event of a run the `.db` file is touched: the watcher sees every event as it
did when each connection's close checkpointed into the `.db` file.

Configured in `$DAGSTER_HOME/dagster.yaml` (written by the CLI, `orchestration.cli.DAGSTER_YAML`):

    event_log_storage:
      module: orchestration.event_log
      class: PersistentSqliteEventLogStorage

`base_dir` (optional) defaults to `$DAGSTER_HOME/history/runs`, where Dagster's default storage keeps them; with
neither, loading the instance fails with a message that says so.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
from dagster._core.instance.ref import _event_logs_directory  # Dagster's default place, $DAGSTER_HOME/history/runs
from dagster._core.storage.event_log.sqlite.sqlite_event_log import INDEX_SHARD_NAME, SqliteEventLogStorage
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine

OPEN_RUN_SHARDS = 4  # run databases kept open besides the index (a run writes one; the webserver reads a few)


class PersistentSqliteEventLogStorage(SqliteEventLogStorage):
    def __init__(self, base_dir: str, inst_data=None) -> None:  # noqa: ANN001 - Dagster's signature
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def config_type(cls) -> dict:
        return {"base_dir": dg.Field(dg.StringSource, is_required=False)}

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> PersistentSqliteEventLogStorage:  # noqa: ANN001
        base_dir = config_value.get("base_dir")
        if not base_dir:
            home = os.environ.get("DAGSTER_HOME")
            if not home:
                raise dg.DagsterInvariantViolationError(
                    f"{cls.__name__} needs `base_dir` in its config in dagster.yaml, or DAGSTER_HOME set.")
            base_dir = _event_logs_directory(home)
        return cls(base_dir, inst_data=inst_data)

    def _engine(self, shard: str) -> Engine:
        """The open engine of `shard`, created (and its database initialised) on first use; called under the lock."""
        engine = self._engines.get(shard)
        if engine is None:
            engine = create_engine(self.conn_string_for_shard(shard),
                                   connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            self._engines[shard] = engine
            run_shards = [name for name in self._engines if name != INDEX_SHARD_NAME]
            for stale in run_shards[:-OPEN_RUN_SHARDS]:
                self._engines.pop(stale).dispose()
        else:
            self._engines.move_to_end(shard)
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            with self._engine(shard).connect() as conn, conn.begin():
                yield conn

    def store_event(self, event: dg.EventLogEntry) -> None:
        super().store_event(event)
        if event.run_id:
            os.utime(self.path_for_shard(event.run_id))  # wake the run's watchers (see the module docstring)

    def _close_all(self) -> None:
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()

    def wipe(self) -> None:
        self._close_all()  # wipe deletes the run databases: nothing may keep them open
        super().wipe()

    def upgrade(self) -> None:
        self._close_all()
        super().upgrade()

    def dispose(self) -> None:
        super().dispose()
        self._close_all()
