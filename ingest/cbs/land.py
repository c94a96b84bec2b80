"""Land CBS table exports from landing/cbs/<TABLEID>/ into raw.cbs_waarden with lineage in raw.leveringen.

A table folder is one unit: when any of its files is new (relative path + sha256), every file is archived and
recorded (soort 'cbs', agb NULL) and all values are appended as a new release; earlier releases stay (history,
staging takes the latest release per value). A folder that cannot be read is quarantined with its reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from ingest.cbs.csv import read_csv
from ingest.cbs.export import CbsExport, to_long
from ingest.cbs.odata import DATA_FILE, read_odata
from ingest.reasons import UNREADABLE, DeliveryFileError
from ingest.settings import Settings
from ingest.storage import archive, quarantine, sha256_of
from ingest.warehouse import append, ensure_raw_schema, first_row

log = logging.getLogger(__name__)

SOORT = "cbs"


@dataclass(frozen=True)
class CbsOutcome:
    tabel_id: str
    levering_id: int  # the lineage row of the data file
    status: str
    rows: int
    reden_code: str | None = None


def land_cbs(settings: Settings, run_id: str) -> list[CbsOutcome]:
    """Land every new or changed table folder below landing/cbs/ (tables in name order)."""
    root = settings.landing_dir / "cbs"
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) if root.is_dir() else []
    settings.ensure_dirs()
    outcomes = []
    with duckdb.connect(str(settings.warehouse_path)) as conn:
        ensure_raw_schema(conn)
        for folder in folders:
            outcome = _land_folder(conn, settings, folder, run_id)
            if outcome is not None:
                outcomes.append(outcome)
    return outcomes


def _data_file(folder: Path) -> Path | None:
    if (folder / DATA_FILE).is_file():
        return folder / DATA_FILE
    return next(iter(sorted(folder.glob("*.csv"))), None)


def _read(folder: Path, data_file: Path) -> CbsExport:
    return read_odata(folder) if data_file.name == DATA_FILE else read_csv(data_file, folder.name)


def _land_folder(conn: duckdb.DuckDBPyConnection, settings: Settings, folder: Path,
                 run_id: str) -> CbsOutcome | None:
    data_file = _data_file(folder)
    if data_file is None:
        log.warning("CBS folder %s has no %s or CSV; skipped", folder.name, DATA_FILE)
        return None
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    relative = {p: p.relative_to(settings.landing_dir).as_posix() for p in files}
    hashes = {p: sha256_of(p) for p in files}
    known = first_row(conn, "SELECT count(DISTINCT bestandsnaam || '|' || sha256) FROM raw.leveringen "
                            "WHERE soort = ? AND list_contains(?, bestandsnaam || '|' || sha256)",
                      [SOORT, [f"{relative[p]}|{hashes[p]}" for p in files]])[0]
    if known == len(files):
        return None
    archived = {p: archive(settings, p, hashes[p]) for p in files}
    error, long = None, None
    try:
        export = _read(folder, data_file)
        long = to_long(export)
    except DeliveryFileError as exc:
        error = exc
    except pl.exceptions.PolarsError as exc:
        error = DeliveryFileError(UNREADABLE, f"{data_file.name} bevat een waarde die geen getal is "
                                              f"({type(exc).__name__}).")
    now = datetime.now(UTC).replace(tzinfo=None)
    mtime = max(datetime.fromtimestamp(p.stat().st_mtime, UTC).replace(tzinfo=None) for p in files)
    conn.begin()
    try:
        first_id = first_row(conn, "SELECT coalesce(max(levering_id), 0) + 1 FROM raw.leveringen")[0]
        ids = {p: first_id + i for i, p in enumerate(files)}
        records = [_record(settings, p, relative[p], hashes[p], archived[p], ids[p], run_id, now) for p in files]
        if error is None:
            release = export.release or mtime
            rows = long.height
            for record in records:
                record.update(status="accepted")
                if record["bestandsnaam"] == relative[data_file]:
                    record.update(rijen_gelezen=rows, rijen_geaccepteerd=rows)
                _supersede(conn, record)
            append(conn, "cbs_waarden", long.with_columns(
                pl.lit(ids[data_file]).alias("levering_id"), pl.lit(release).alias("release"),
                pl.lit(now).alias("geladen_op")))
        else:
            for p, record in zip(files, records):
                record.update(status="quarantined", reden_code=error.reden_code, melding=error.melding)
                quarantine(settings, p, record["levering_id"], {
                    "levering_id": record["levering_id"], "bestandsnaam": record["bestandsnaam"],
                    "sha256": record["sha256"], "status": "quarantined", "reden_code": error.reden_code,
                    "melding": error.melding})
        append(conn, "leveringen", pl.DataFrame(records, infer_schema_length=None))
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    status = "accepted" if error is None else "quarantined"
    log.info("landed CBS table %s as levering %s: %s (%s values)", folder.name, ids[data_file], status,
             0 if long is None else long.height)
    return CbsOutcome(folder.name, ids[data_file], status, 0 if error else long.height,
                      None if error is None else error.reden_code)


def _record(settings: Settings, path: Path, relative: str, sha256: str, archived: Path, levering_id: int,
            run_id: str, now: datetime) -> dict:
    return {
        "levering_id": levering_id, "run_id": run_id, "bestandsnaam": relative, "soort": SOORT, "agb": None,
        "leveringsmaand": None, "sha256": sha256, "grootte_bytes": path.stat().st_size,
        "archief_pad": archived.relative_to(settings.data_dir).as_posix(),
        "ontvangen_op": datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None),
        "verwerkt_op": now, "status": None, "vervangt_levering_id": None, "vervangen_door_levering_id": None,
        "rijen_gelezen": 0, "rijen_geaccepteerd": 0, "rijen_afgewezen": 0, "reden_code": None, "melding": None,
    }


def _supersede(conn: duckdb.DuckDBPyConnection, record: dict) -> None:
    """The earlier accepted copy of the same file becomes `corrected` (its values stay as an older release)."""
    previous = first_row(conn, "SELECT levering_id FROM raw.leveringen WHERE soort = ? AND bestandsnaam = ? "
                               "AND status = 'accepted'", [SOORT, record["bestandsnaam"]])
    if previous:
        conn.execute("UPDATE raw.leveringen SET status = 'corrected', vervangen_door_levering_id = ? "
                     "WHERE levering_id = ?", [record["levering_id"], previous[0]])
        record["vervangt_levering_id"] = previous[0]
