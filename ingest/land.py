"""Land provider deliveries: archive, lineage, validation, pseudonymisation, raw tables, quarantine.

Entry points: `land_all` (every kind, plus reference files) and `land_kind` (one delivery kind, for one asset each).
New files are handled in chunks (at most CHUNK_FILES files / CHUNK_BYTES bytes, in processing order): read and
validated per kind in one batch (by READ_PROCESSES worker processes when a run has more than one chunk), then decided
file by file in memory and written in one transaction per chunk, in order.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
from collections import defaultdict, deque
from collections.abc import Collection, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from ingest.filenames import DeliveryName, parse_delivery_name
from ingest.pseudonymise import BSN, RECORD_KEYS, pseudonymised_select
from ingest.readers import read_cells_many
from ingest.reasons import DUPLICATE_CONTENT, EMPTY_FILE, NO_DATA_ROWS, NO_VALID_ROWS, DeliveryFileError
from ingest.referentie import land_referentie
from ingest.schemas import SOORTEN, BatchValidation, check_columns, expected_columns, validate_batch
from ingest.schemas.rules import DELIVERY
from ingest.settings import Settings, pseudo_key
from ingest.storage import archive, quarantine, sha256_of
from ingest.warehouse import append, ensure_raw_schema, first_row, registered

log = logging.getLogger(__name__)

ACCEPTED, CORRECTED, REJECTED, QUARANTINED = "accepted", "corrected", "rejected", "quarantined"
REJECTED_CODES = (DUPLICATE_CONTENT, NO_VALID_ROWS)  # read, but unusable -> rejected; other codes -> quarantined
CHUNK_FILES, CHUNK_BYTES = 2000, 64 << 20  # files read, validated and recorded together
READ_PROCESSES = 2  # chunks read and validated at the same time while the previous one is written
IN_MEMORY_BYTES = 8 << 20  # a file up to this size is read once as bytes (hash, archive, cells); larger ones stream
# DuckDB keeps the blocks it writes in its buffer pool up to its memory limit (by default 80 % of RAM): unbounded, the
# landing process grew with the warehouse, to 2.9 GB in a national full rebuild, next to the two reader processes.
LANDING_MEMORY_LIMIT = "1GB"

DeliveryKey = tuple[str, date, str]  # (agb, leveringsmaand, soort)


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
    skipped: int = 0  # files already landed: the same (path, size, mtime), or the same (path, sha256)
    referentie: dict[str, int] = field(default_factory=dict)

    def by_status(self, status: str) -> list[FileOutcome]:
        return [outcome for outcome in self.files if outcome.status == status]


@dataclass(frozen=True)
class _Candidate:
    location: str  # the file's path as listed (a Path is built only for files that are read)
    relative: str
    name: DeliveryName | None
    name_error: DeliveryFileError | None
    size: int
    mtime: float

    @cached_property
    def path(self) -> Path:
        return Path(self.location)


@dataclass
class _Read:
    """A new file after the read phase: archived, and either its cells or the reason it has none; after validation
    its place in the batch of its kind (`levering_nr` = `index`)."""
    candidate: _Candidate
    sha256: str
    archive_path: Path
    content: bytes | None = None  # the bytes of a small file until its cells are read
    frame: pl.DataFrame | None = None
    error: DeliveryFileError | None = None
    batch: BatchValidation | None = None
    index: int = -1


@dataclass
class _Current:
    """Per (agb, leveringsmaand, soort) of a chunk: the accepted delivery and the contents of the accepted/corrected
    ones, as in raw.leveringen before the chunk and kept up to date while its files are decided."""
    accepted: dict[DeliveryKey, int] = field(default_factory=dict)
    contents: dict[tuple[DeliveryKey, str], str] = field(default_factory=dict)  # (key, sha256) -> first bestandsnaam

    def add_content(self, key: DeliveryKey, sha256: str, bestandsnaam: str) -> None:
        earlier = self.contents.get((key, sha256))
        self.contents[(key, sha256)] = bestandsnaam if earlier is None else min(earlier, bestandsnaam)


@dataclass
class _Writes:
    """Everything one chunk writes, inserted at its end (one insert per table). Rows and rejects are named by the
    file's place in its batch: (levering_nr, levering_id, agb, leveringsmaand) per kind."""
    leveringen: list[dict] = field(default_factory=list)
    rows: dict[str, list[tuple[int, int, str, date]]] = field(default_factory=lambda: defaultdict(list))
    rejects: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    corrections: list[tuple[int, int]] = field(default_factory=list)  # (replaced, replacing) levering_id
    batches: dict[str, BatchValidation] = field(default_factory=dict)


def land_all(settings: Settings, run_id: str, today: date | None = None, *, soorten: Collection[str] = SOORTEN,
             month: str | None = None, referentie: bool = True) -> LandingResult:
    """Land every new provider file of the given kinds (and, with `month` 'YYYYMM', of that delivery month only).

    Files with an unparseable name are landed (quarantined) by any call without a month filter. A chunk that fails
    with an unexpected error is rolled back as a whole (its files are not recorded) and the error is raised.
    """
    key = pseudo_key()
    today = today or date.today()
    settings.ensure_dirs()
    result = LandingResult(run_id=run_id)
    with duckdb.connect(str(settings.warehouse_path), config={"memory_limit": LANDING_MEMORY_LIMIT}) as conn:
        ensure_raw_schema(conn)
        if referentie:
            result.referentie = land_referentie(conn, settings)
        ids = itertools.count(first_row(conn, "SELECT coalesce(max(levering_id), 0) + 1 FROM raw.leveringen")[0])
        new, result.skipped = _candidates(conn, settings, today, soorten, month)
        chunks = list(_chunks(new))
        with _readers(len(chunks)) as pool:
            for chunk, reading in _read_ahead(conn, settings, pool, chunks):
                files = reading.result()
                result.skipped += len(chunk) - len(files)
                result.files += _land_chunk(conn, settings, key, files, run_id, ids)
    return result


def land_kind(settings: Settings, soort: str, run_id: str, month: str | None = None,
              today: date | None = None) -> LandingResult:
    """Land one delivery kind (no reference files)."""
    return land_all(settings, run_id, today, soorten=(soort,), month=month, referentie=False)


def _files(folder: str) -> Iterator[os.DirEntry]:
    """Every file below `folder` except hidden ones (editor or sync leftovers), by os.scandir: the landing of a
    national history holds 100,000+ files, and pathlib costs about ten times as much per file."""
    folders = [folder]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir():
                    folders.append(entry.path)
                elif entry.is_file() and not entry.name.startswith("."):
                    yield entry


def _candidates(conn: duckdb.DuckDBPyConnection, settings: Settings, today: date, soorten: Collection[str],
                month: str | None) -> tuple[list[_Candidate], int]:
    """The landed files this call reads, in processing order, and the number it skips: the files of the given kinds
    (and month; files with an unparseable name only without a month filter) that raw.leveringen records with the same
    path, size and modification time (the quick check rsync makes). Those are skipped before their name is parsed, by
    the kind and month recorded for them, so a monthly run parses and reads the new files, not the whole landing
    history. Any other file is hashed and skipped only if its (path, sha256) landed."""
    def wanted(soort: str | None, leveringsmaand: date | None) -> bool:
        if soort is None:
            return month is None
        return soort in soorten and (month is None or leveringsmaand.strftime("%Y%m") == month)

    recorded = {(bestandsnaam, size, received): (soort, leveringsmaand) for bestandsnaam, size, received, soort,
                leveringsmaand in conn.execute("SELECT bestandsnaam, grootte_bytes, ontvangen_op, soort, "
                                               "leveringsmaand FROM raw.leveringen").fetchall()}
    root = settings.landing_dir / "aanleveringen"
    prefix = len(str(settings.landing_dir)) + 1
    candidates, skipped = [], 0
    for entry in _files(str(root)) if root.is_dir() else ():
        stat = entry.stat()
        relative = entry.path[prefix:].replace(os.sep, "/")
        known = recorded.get((relative, stat.st_size, _received_at(stat.st_mtime)))
        if known is not None:
            skipped += wanted(*known)
            continue
        try:
            name, error = parse_delivery_name(entry.name, today), None
        except DeliveryFileError as exc:
            name, error = None, exc
        if wanted(name and name.soort, name and name.leveringsmaand):
            candidates.append(_Candidate(entry.path, relative, name, error, stat.st_size, stat.st_mtime))
    candidates.sort(key=lambda c: (c.mtime, c.relative))
    return candidates, skipped


def _received_at(mtime: float) -> datetime:
    """A file's modification time as recorded in raw.leveringen.ontvangen_op (UTC, naive)."""
    return datetime.fromtimestamp(mtime, UTC).replace(tzinfo=None)


def _chunks(candidates: list[_Candidate]) -> Iterator[list[_Candidate]]:
    """Consecutive groups of files handled together, bounded in count and bytes (memory)."""
    chunk: list[_Candidate] = []
    size = 0
    for candidate in candidates:
        chunk.append(candidate)
        size += candidate.size
        if len(chunk) >= CHUNK_FILES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _readers(chunks: int) -> Executor:
    """Worker processes for a run of several chunks (spawned, not forked: this process holds a DuckDB connection);
    one thread for a single chunk, which would not win back the start of a process."""
    if chunks > 1:
        return ProcessPoolExecutor(READ_PROCESSES, mp_context=multiprocessing.get_context("spawn"))
    return ThreadPoolExecutor(1)


def _read_ahead(conn: duckdb.DuckDBPyConnection, settings: Settings, pool: Executor,
                chunks: list[list[_Candidate]]) -> Iterator[tuple[list[_Candidate], Future[list[_Read]]]]:
    """Each chunk with the reading of its files, in processing order; READ_PROCESSES chunks are being read while the
    caller lands the previous one (at most READ_PROCESSES + 1 chunks in memory)."""
    pending: deque = deque()
    for chunk in chunks:
        landed = set(conn.execute("SELECT bestandsnaam, sha256 FROM raw.leveringen WHERE bestandsnaam IN "
                                  "(SELECT unnest(?::VARCHAR[]))", [[c.relative for c in chunk]]).fetchall())
        pending.append((chunk, pool.submit(_read_chunk, settings, landed, chunk)))
        if len(pending) > READ_PROCESSES:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


def _read_chunk(settings: Settings, landed: set[tuple[str, str]], chunk: list[_Candidate]) -> list[_Read]:
    """The new files of a chunk archived, read and validated per kind; files already landed with the same path and
    sha256 are left out."""
    files = [read for read in (_archived(settings, landed, candidate) for candidate in chunk) if read is not None]
    for read in files:
        read.error = read.candidate.name_error
    for soort in SOORTEN:
        mine = [read for read in files if read.candidate.name is not None and read.candidate.name.soort == soort]
        _read_cells(soort, mine)
        _validate(soort, [read for read in mine if read.frame is not None])
    return files


def _archived(settings: Settings, landed: set[tuple[str, str]], candidate: _Candidate) -> _Read | None:
    """Skip a landed (path, sha256); otherwise archive the file (a small one is read once: its bytes are kept)."""
    content = candidate.path.read_bytes() if candidate.size <= IN_MEMORY_BYTES else None
    sha256 = sha256_of(candidate.path, content)
    if (candidate.relative, sha256) in landed:
        return None
    return _Read(candidate, sha256, archive(settings, candidate.path, sha256, content), content=content)


def _read_cells(soort: str, files: list[_Read]) -> None:
    """The cells of each file with its columns checked, or the reason it has none (kept, not raised)."""
    cells = read_cells_many([(read.candidate.path, read.content) for read in files], expected_columns(soort))
    for read, frame in zip(files, cells):
        read.content = None
        if isinstance(frame, DeliveryFileError):
            read.error = frame
            continue
        try:
            check_columns(soort, frame.columns)
            read.frame = frame
        except DeliveryFileError as error:
            read.error = error


def _validate(soort: str, files: list[_Read]) -> None:
    """Clean and validate the cells of one kind in one batch."""
    if files:
        batch = validate_batch(soort, [(read.frame, read.candidate.name.leveringsmaand) for read in files])
        for index, read in enumerate(files):
            read.batch, read.index, read.frame = batch, index, None


def _land_chunk(conn: duckdb.DuckDBPyConnection, settings: Settings, key: bytes, files: list[_Read], run_id: str,
                ids: Iterator[int]) -> list[FileOutcome]:
    """Decide every file in processing order, then record the chunk in one transaction."""
    if not files:
        return []
    current = _load_current(conn, files)
    writes = _Writes()
    conn.begin()
    try:
        for read in files:
            _land_file(settings, read, next(ids), run_id, current, writes)
        _write(conn, key, writes)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    for record in writes.leveringen:
        log.info("landed %s as levering %s: %s%s (read %s, accepted %s, rejected %s)", record["bestandsnaam"],
                 record["levering_id"], record["status"], f" {record['reden_code']}" if record["reden_code"] else "",
                 record["rijen_gelezen"], record["rijen_geaccepteerd"], record["rijen_afgewezen"])
    return [FileOutcome(r["bestandsnaam"], r["levering_id"], r["status"], r["reden_code"], r["rijen_gelezen"],
                        r["rijen_geaccepteerd"], r["rijen_afgewezen"], r["vervangt_levering_id"])
            for r in writes.leveringen]


def _load_current(conn: duckdb.DuckDBPyConnection, files: list[_Read]) -> _Current:
    """The accepted/corrected deliveries already recorded for the (agb, month, soort) of the chunk's files."""
    current = _Current()
    names = [read.candidate.name for read in files if read.candidate.name is not None]
    if not names:
        return current
    keys = pl.DataFrame({"agb": [n.agb for n in names], "leveringsmaand": [n.leveringsmaand for n in names],
                         "soort": [n.soort for n in names]}).unique()
    with registered(conn, keys) as frame:
        rows = conn.execute(
            f"SELECT agb, leveringsmaand, soort, sha256, bestandsnaam, levering_id, status FROM raw.leveringen "
            f"JOIN {frame} USING (agb, leveringsmaand, soort) WHERE status IN (?, ?)", [ACCEPTED, CORRECTED]).fetchall()
    for agb, leveringsmaand, soort, sha256, bestandsnaam, levering_id, status in rows:
        current.add_content((agb, leveringsmaand, soort), sha256, bestandsnaam)
        if status == ACCEPTED:
            current.accepted[(agb, leveringsmaand, soort)] = levering_id
    return current


def _land_file(settings: Settings, read: _Read, levering_id: int, run_id: str, current: _Current,
               writes: _Writes) -> None:
    """Decide one file: its rows and lineage, or its refusal (quarantine copy and reason written now)."""
    candidate = read.candidate
    record = {
        "levering_id": levering_id, "run_id": run_id, "bestandsnaam": candidate.relative,
        "soort": candidate.name and candidate.name.soort, "agb": candidate.name and candidate.name.agb,
        "leveringsmaand": candidate.name and candidate.name.leveringsmaand, "sha256": read.sha256,
        "grootte_bytes": candidate.size, "archief_pad": read.archive_path.relative_to(settings.data_dir).as_posix(),
        "ontvangen_op": _received_at(candidate.mtime),
        "verwerkt_op": datetime.now(UTC).replace(tzinfo=None), "status": None, "vervangt_levering_id": None,
        "rijen_gelezen": 0, "rijen_geaccepteerd": 0, "rijen_afgewezen": 0, "reden_code": None, "melding": None,
    }
    try:
        if candidate.name is None:
            raise candidate.name_error
        _check_new_content(current, read.sha256, candidate.name)
        if read.error is not None:
            raise read.error
        _store_rows(current, writes, read, levering_id, record)
    except DeliveryFileError as error:
        _refuse(settings, candidate, read.sha256, levering_id, error, record)
    writes.leveringen.append(record)


def _delivery_key(name: DeliveryName) -> DeliveryKey:
    return name.agb, name.leveringsmaand, name.soort


def _check_new_content(current: _Current, sha256: str, name: DeliveryName) -> None:
    """The same bytes already landed for the same (agb, month, soort) under another path: a re-sent copy.

    Equal content for another month is a delivery of its own (an unchanged snapshot) and lands normally.
    """
    earlier = current.contents.get((_delivery_key(name), sha256))
    if earlier is not None:
        raise DeliveryFileError(DUPLICATE_CONTENT,
                                f"Dit bestand is inhoudelijk gelijk aan het al verwerkte '{earlier}'.")


def _store_rows(current: _Current, writes: _Writes, read: _Read, levering_id: int, record: dict) -> None:
    """Queue accepted rows and rejects; make this delivery the current one for its (agb, month, soort)."""
    name, batch, index = read.candidate.name, read.batch, read.index
    rows_read, rows_rejected = batch.rows_read[index], batch.rows_rejected[index]
    if rows_read == 0:
        raise DeliveryFileError(EMPTY_FILE, NO_DATA_ROWS)
    record.update(rijen_gelezen=rows_read, rijen_geaccepteerd=rows_read - rows_rejected,
                  rijen_afgewezen=rows_rejected)
    writes.batches[name.soort] = batch
    writes.rejects[name.soort].append((index, levering_id))
    if rows_rejected == rows_read:
        raise DeliveryFileError(NO_VALID_ROWS, "Geen enkele rij is geaccepteerd; zie de afgewezen rijen.")
    writes.rows[name.soort].append((index, levering_id, name.agb, name.leveringsmaand))
    key = _delivery_key(name)
    previous = current.accepted.get(key)
    if previous is not None:
        writes.corrections.append((previous, levering_id))
        record["vervangt_levering_id"] = previous
    current.accepted[key] = levering_id
    current.add_content(key, read.sha256, read.candidate.relative)
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


def _of_files(batch_rows: pl.DataFrame, files: list[tuple], columns: dict[str, pl.DataType]) -> pl.DataFrame:
    """The rows of a batch that belong to `files` (tuples whose first item is the levering_nr), with the other
    items of each tuple as `columns`, in batch order."""
    names = pl.DataFrame(files, schema={DELIVERY: pl.Int32, **columns}, orient="row")
    return batch_rows.join(names, on=DELIVERY, maintain_order="left").drop(DELIVERY)


def _write(conn: duckdb.DuckDBPyConnection, key: bytes, writes: _Writes) -> None:
    """One insert per table (rows pseudonymised per kind over the whole chunk); replaced deliveries marked."""
    delivery = {"levering_id": pl.Int32, "agb": pl.String, "leveringsmaand": pl.Date}
    for soort, files in writes.rows.items():
        rows = _of_files(writes.batches[soort].accepted, files, delivery)
        append(conn, soort, rows, select=None if BSN not in rows.columns else
               lambda frame: pseudonymised_select(frame, rows.columns, key, RECORD_KEYS[soort]))
    for soort, files in writes.rejects.items():
        append(conn, "afgewezen_rijen", _of_files(writes.batches[soort].rejects, files, {"levering_id": pl.Int32}))
    append(conn, "leveringen", pl.DataFrame(writes.leveringen, infer_schema_length=None,
                                            schema_overrides={"leveringsmaand": pl.Date}))
    if writes.corrections:
        with registered(conn, pl.DataFrame(writes.corrections, schema=["oud", "nieuw"], orient="row")) as frame:
            conn.execute(f"UPDATE raw.leveringen SET status = ?, vervangen_door_levering_id = c.nieuw "
                         f"FROM {frame} AS c WHERE levering_id = c.oud", [CORRECTED])
