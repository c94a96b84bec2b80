"""Land provider deliveries: archive, lineage, validation, pseudonymisation, raw tables, quarantine.

Entry points: `land_all` (every kind, plus reference files) and `land_kind` (one delivery kind, for one asset each).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from ingest.filenames import DeliveryName, parse_delivery_name
from ingest.pseudonymise import BSN, RECORD_KEYS, pseudonymise
from ingest.readers import read_delivery
from ingest.reasons import DUPLICATE_CONTENT, NO_VALID_ROWS, DeliveryFileError
from ingest.referentie import land_referentie
from ingest.schemas import SOORTEN, ValidationResult, conform, expected_columns, validate_batch
from ingest.settings import Settings, pseudo_key
from ingest.storage import archive, quarantine, sha256_of
from ingest.warehouse import append, ensure_raw_schema, first_row

log = logging.getLogger(__name__)

ACCEPTED, CORRECTED, REJECTED, QUARANTINED = "accepted", "corrected", "rejected", "quarantined"
REJECTED_CODES = (DUPLICATE_CONTENT, NO_VALID_ROWS)  # read, but unusable -> rejected; other codes -> quarantined
CHUNK_FILES, CHUNK_BYTES = 500, 64 << 20  # files validated together per batch


@dataclass(frozen=True)
class FileOutcome:
    path: str  # relative to the landing folder
    levering_id: int
    status: str
    reason_code: str | None
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    replaced_levering_id: int | None = None


@dataclass
class LandingResult:
    run_id: str
    files: list[FileOutcome] = field(default_factory=list)
    skipped: int = 0  # files already landed with the same (path, sha256)
    referentie: dict[str, int] = field(default_factory=dict)

    def by_status(self, status: str) -> list[FileOutcome]:
        return [outcome for outcome in self.files if outcome.status == status]


@dataclass(frozen=True)
class _Candidate:
    path: Path
    relative: str
    name: DeliveryName | None
    name_error: DeliveryFileError | None


@dataclass
class _Read:
    """A new file after the read phase: archived, and either a conformed frame or the reason it has none."""
    candidate: _Candidate
    sha256: str
    archive_path: Path
    frame: pl.DataFrame | None = None
    error: DeliveryFileError | None = None
    validation: ValidationResult | None = None


def land_all(settings: Settings, run_id: str, today: date | None = None, *, soorten: Collection[str] = SOORTEN,
             month: str | None = None, referentie: bool = True) -> LandingResult:
    """Land every new provider file of the given kinds (and, with `month` 'YYYYMM', of that delivery month only).

    Files with an unparseable name are landed (quarantined) by any call without a month filter.
    """
    key = pseudo_key()
    today = today or date.today()
    settings.ensure_dirs()
    result = LandingResult(run_id=run_id)
    with duckdb.connect(str(settings.warehouse_path)) as conn:
        ensure_raw_schema(conn)
        if referentie:
            result.referentie = land_referentie(conn, settings)
        for chunk in _chunks(_candidates(settings, today, soorten, month)):
            files = [read for read in (_read(conn, settings, c) for c in chunk) if read is not None]
            result.skipped += len(chunk) - len(files)
            _validate(files)
            result.files += [_land_file(conn, settings, key, read, run_id) for read in files]
    return result


def land_kind(settings: Settings, soort: str, run_id: str, month: str | None = None,
              today: date | None = None) -> LandingResult:
    """Land one delivery kind (no reference files)."""
    return land_all(settings, run_id, today, soorten=(soort,), month=month, referentie=False)


def _candidates(settings: Settings, today: date, soorten: Collection[str], month: str | None) -> list[_Candidate]:
    root = settings.landing_dir / "aanleveringen"
    paths = [p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")] if root.is_dir() else []
    paths.sort(key=lambda p: (p.stat().st_mtime, p.relative_to(settings.landing_dir).as_posix()))
    candidates = []
    for path in paths:
        relative = path.relative_to(settings.landing_dir).as_posix()
        try:
            name, error = parse_delivery_name(path.name, today), None
        except DeliveryFileError as exc:
            name, error = None, exc
        wanted = (month is None if name is None else
                  name.soort in soorten and (month is None or name.leveringsmaand.strftime("%Y%m") == month))
        if wanted:
            candidates.append(_Candidate(path, relative, name, error))
    return candidates


def _chunks(candidates: list[_Candidate]) -> Iterator[list[_Candidate]]:
    """Consecutive groups of files validated together, bounded in count and bytes (memory)."""
    chunk: list[_Candidate] = []
    size = 0
    for candidate in candidates:
        chunk.append(candidate)
        size += candidate.path.stat().st_size
        if len(chunk) >= CHUNK_FILES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _read(conn: duckdb.DuckDBPyConnection, settings: Settings, candidate: _Candidate) -> _Read | None:
    """Skip a landed (path, sha256); otherwise archive the file, then read it (a failure is kept, not raised)."""
    sha256 = sha256_of(candidate.path)
    if first_row(conn, "SELECT 1 FROM raw.leveringen WHERE bestandsnaam = ? AND sha256 = ?",
                 [candidate.relative, sha256]):
        return None
    read = _Read(candidate, sha256, archive(settings, candidate.path, sha256))
    try:
        if candidate.name is None:
            raise candidate.name_error
        soort = candidate.name.soort
        read.frame = conform(soort, read_delivery(candidate.path, expected_columns(soort)))
    except DeliveryFileError as error:
        read.error = error
    return read


def _validate(files: list[_Read]) -> None:
    """Validate the frames of each kind in one batch."""
    for soort in SOORTEN:
        batch = [read for read in files if read.frame is not None and read.candidate.name.soort == soort]
        if batch:
            results = validate_batch(soort, [(read.frame, read.candidate.name.leveringsmaand) for read in batch])
            for read, validation in zip(batch, results):
                read.validation, read.frame = validation, None


def _land_file(conn: duckdb.DuckDBPyConnection, settings: Settings, key: bytes, read: _Read,
               run_id: str) -> FileOutcome:
    """Record one file in its own transaction: rows and lineage, or its refusal."""
    candidate = read.candidate
    stat = candidate.path.stat()
    conn.begin()
    try:
        levering_id = first_row(conn, "SELECT coalesce(max(levering_id), 0) + 1 FROM raw.leveringen")[0]
        record = {
            "levering_id": levering_id, "run_id": run_id, "bestandsnaam": candidate.relative,
            "soort": candidate.name and candidate.name.soort, "agb": candidate.name and candidate.name.agb,
            "leveringsmaand": candidate.name and candidate.name.leveringsmaand, "sha256": read.sha256,
            "grootte_bytes": stat.st_size, "archief_pad": read.archive_path.relative_to(settings.data_dir).as_posix(),
            "ontvangen_op": datetime.fromtimestamp(stat.st_mtime, UTC).replace(tzinfo=None),
            "verwerkt_op": datetime.now(UTC).replace(tzinfo=None),
            "rijen_gelezen": 0, "rijen_geaccepteerd": 0, "rijen_afgewezen": 0,
        }
        try:
            if candidate.name is None:
                raise candidate.name_error
            _check_new_content(conn, read.sha256, candidate.name)
            if read.error is not None:
                raise read.error
            _store_rows(conn, key, candidate.name, levering_id, read.validation, record)
        except DeliveryFileError as error:
            _refuse(settings, candidate, read.sha256, levering_id, error, record)
        append(conn, "leveringen", pl.DataFrame([record], schema_overrides={"leveringsmaand": pl.Date}))
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    log.info("landed %s as levering %s: %s%s (read %s, accepted %s, rejected %s)", candidate.relative,
             levering_id, record["status"], f" {record['reden_code']}" if record.get("reden_code") else "",
             record["rijen_gelezen"], record["rijen_geaccepteerd"], record["rijen_afgewezen"])
    return FileOutcome(candidate.relative, levering_id, record["status"], record.get("reden_code"),
                       record["rijen_gelezen"], record["rijen_geaccepteerd"], record["rijen_afgewezen"],
                       record.get("vervangt_levering_id"))


def _check_new_content(conn: duckdb.DuckDBPyConnection, sha256: str, name: DeliveryName) -> None:
    """The same bytes already landed for the same (agb, month, soort) under another path: a re-sent copy.

    Equal content for another month is a delivery of its own (an unchanged snapshot) and lands normally.
    """
    earlier = first_row(
        conn, "SELECT min(bestandsnaam) FROM raw.leveringen WHERE sha256 = ? AND agb = ? AND leveringsmaand = ? "
              "AND soort = ? AND status IN (?, ?)",
        [sha256, name.agb, name.leveringsmaand, name.soort, ACCEPTED, CORRECTED])[0]
    if earlier is not None:
        raise DeliveryFileError(DUPLICATE_CONTENT,
                                f"Dit bestand is inhoudelijk gelijk aan het al verwerkte '{earlier}'.")


def _store_rows(conn: duckdb.DuckDBPyConnection, key: bytes, name: DeliveryName, levering_id: int,
                validation: ValidationResult, record: dict) -> None:
    """Append accepted rows and rejects; make this delivery the current one for its (agb, month, soort)."""
    record.update(rijen_gelezen=validation.rows_read, rijen_geaccepteerd=validation.accepted.height,
                  rijen_afgewezen=validation.rows_rejected)
    append(conn, "afgewezen_rijen", validation.rejects.with_columns(pl.lit(levering_id).alias("levering_id")))
    if validation.accepted.height == 0:
        raise DeliveryFileError(NO_VALID_ROWS, "Geen enkele rij is geaccepteerd; zie de afgewezen rijen.")
    rows = validation.accepted
    if BSN in rows.columns:
        rows = pseudonymise(rows, key, name.agb, RECORD_KEYS[name.soort])
    append(conn, name.soort, rows.with_columns(
        pl.lit(levering_id).alias("levering_id"), pl.lit(name.agb).alias("agb"),
        pl.lit(name.leveringsmaand).alias("leveringsmaand"),
    ))
    previous = first_row(
        conn, "SELECT levering_id FROM raw.leveringen "
              "WHERE agb = ? AND leveringsmaand = ? AND soort = ? AND status = ?",
        [name.agb, name.leveringsmaand, name.soort, ACCEPTED])
    if previous:
        conn.execute("UPDATE raw.leveringen SET status = ?, vervangen_door_levering_id = ? WHERE levering_id = ?",
                     [CORRECTED, levering_id, previous[0]])
        record["vervangt_levering_id"] = previous[0]
    record["status"] = ACCEPTED


def _refuse(settings: Settings, candidate: _Candidate, sha256: str, levering_id: int, error: DeliveryFileError,
            record: dict) -> None:
    """Record a rejected / quarantined file and copy it to quarantine with its reason."""
    record.update(status=REJECTED if error.reden_code in REJECTED_CODES else QUARANTINED,
                  reden_code=error.reden_code, melding=error.melding)
    quarantine(settings, candidate.path, levering_id, {
        "levering_id": levering_id, "bestandsnaam": candidate.relative, "sha256": sha256,
        "status": record["status"], "reden_code": error.reden_code, "melding": error.melding,
    })
