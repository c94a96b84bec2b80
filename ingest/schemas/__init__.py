"""Row validation of provider deliveries: pandera schemas per kind, failures turned into row rejects.

Deliveries of one kind are validated together in one batch (one pandera run instead of one per file); the batch
carries `levering_nr` and `laatste_dag` so per-delivery rules (duplicates, future dates) stay per delivery.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

import pandera.polars as pa
import polars as pl

from ingest.batches import stack
from ingest.readers import ROW_NUMBER
from ingest.readers.frames import normalise_frame
from ingest.reasons import MISSING_COLUMNS, ROW_MESSAGES, DeliveryFileError
from ingest.schemas import declaraties, trajecten, wachtlijst
from ingest.schemas.rules import DELIVERY, LAST_DAY, rows_passing

MAX_WAARDE_LENGTH = 200
PASSES = "__voldoet__"  # helper column of a batch: the row breaks no rule
REJECT_SCHEMA = {ROW_NUMBER: pl.Int32, "kolom": pl.String, "reden_code": pl.String, "melding": pl.String,
                 "waarde": pl.String}


@dataclass(frozen=True)
class Kind:
    schema: pa.DataFrameSchema
    typed: Sequence[pl.Expr]  # the raw table's columns from the validated text (row-wise expressions)

    @property
    def columns(self) -> list[str]:
        """The contract's columns of this kind (without row number and batch helpers)."""
        return [name for name in self.schema.columns if name not in (ROW_NUMBER, DELIVERY, LAST_DAY)]


KINDS = {
    "trajecten": Kind(trajecten.SCHEMA, trajecten.TYPED),
    "declaraties": Kind(declaraties.SCHEMA, declaraties.TYPED),
    "wachtlijst": Kind(wachtlijst.SCHEMA, wachtlijst.TYPED),
}
SOORTEN = tuple(KINDS)


@dataclass(frozen=True)
class ValidationResult:
    """One delivery's rows after validation."""
    accepted: pl.DataFrame  # typed columns of the accepted rows, incl. `bsn` for kinds that carry one
    rejects: pl.DataFrame   # rij_nr, kolom, reden_code, melding, waarde (NULL for bsn)
    rows_read: int

    @property
    def rows_rejected(self) -> int:
        return self.rejects[ROW_NUMBER].n_unique()


@dataclass(frozen=True)
class BatchValidation:
    """The deliveries of one kind validated together; delivery i of the batch has `levering_nr` i."""
    accepted: pl.DataFrame  # levering_nr + the typed columns of the accepted rows (incl. `bsn`), in file order
    rejects: pl.DataFrame   # levering_nr + REJECT_SCHEMA
    rows_read: list[int]    # non-blank data rows per delivery (0: the file has a header only)
    rows_rejected: list[int]  # distinct rejected rows per delivery

    def result(self, i: int) -> ValidationResult:
        """Delivery i on its own."""
        mine = pl.col(DELIVERY) == i
        return ValidationResult(self.accepted.filter(mine).drop(DELIVERY), self.rejects.filter(mine).drop(DELIVERY),
                                self.rows_read[i])


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def expected_columns(soort: str) -> list[str]:
    return KINDS[soort].columns


def check_columns(soort: str, columns: Collection[str]) -> None:
    """A file missing a required column of its kind fails with MISSING_COLUMNS (optional ones may be absent)."""
    schema = KINDS[soort].schema
    required = [name for name in expected_columns(soort) if name not in columns and not schema.columns[name].nullable]
    if required:
        raise DeliveryFileError(MISSING_COLUMNS, "Verplichte kolommen ontbreken in de kopregel: " + ", ".join(required))


def _per_delivery(counts: pl.DataFrame, n: int) -> list[int]:
    """A (levering_nr, count) frame as a list of n counts (0 where absent)."""
    totals = [0] * n
    for i, count in counts.iter_rows():
        totals[i] = count
    return totals


def _rejects(failures: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """Pandera failure cases -> one reject per (delivery, row, column, reason); `keys` maps frame index to both."""
    failures = failures.with_columns(pl.col("check").replace("not_nullable", "REQUIRED_MISSING").alias("reden_code"))
    unknown = set(failures["reden_code"].unique()) - set(ROW_MESSAGES)
    if unknown:
        raise RuntimeError(f"Pandera check without a reason code: {sorted(unknown)}")
    return (
        pl.concat([keys[failures["index"]], failures], how="horizontal")
        .select(
            DELIVERY, ROW_NUMBER,
            pl.col("column").alias("kolom"),
            "reden_code",
            pl.when(pl.col("column") != "bsn").then(pl.col("failure_case").str.slice(0, MAX_WAARDE_LENGTH))
            .alias("waarde"),
        )
        .unique([DELIVERY, ROW_NUMBER, "kolom", "reden_code"])
        .with_columns(
            pl.col("reden_code").replace_strict(ROW_MESSAGES, return_dtype=pl.String)
            .str.replace_all("{kolom}", pl.col("kolom"), literal=True).alias("melding")
        )
        .select(DELIVERY, *REJECT_SCHEMA)
        .sort(DELIVERY, ROW_NUMBER, "kolom", "reden_code")
    )


def validate_batch(soort: str, deliveries: Sequence[tuple[pl.DataFrame, date]]) -> BatchValidation:
    """Clean and validate the cells of several files of one kind (`readers.read_cells`, columns checked with
    `check_columns`) with their delivery months, in one pass: the files are stacked first."""
    kind = KINDS[soort]
    cells = normalise_frame(stack([df for df, _ in deliveries], {
        DELIVERY: pl.Series(range(len(deliveries)), dtype=pl.Int32)}, how="diagonal_relaxed"), by=DELIVERY)
    last_days = pl.DataFrame({DELIVERY: range(len(deliveries)), LAST_DAY: [month_end(m) for _, m in deliveries]},
                             schema={DELIVERY: pl.Int32, LAST_DAY: pl.Date})
    cells = cells.join(last_days, on=DELIVERY, how="left", maintain_order="left")
    batch = cells.select(  # an optional column absent from every file is empty
        pl.col(name) if name in cells.columns else pl.lit(None, pl.String).alias(name) for name in kind.schema.columns)
    # Pandera validates the rows that break a rule (a rule's failure cases are the same in any set of rows that holds
    # the failing ones: the only rule across rows, a duplicate traject_id, fails every row of the duplicate). The
    # one-pass test of the same rules leaves pandera a fraction of the rows: a pandera run costs per rule and row.
    # The typed columns are computed in the same lazy pass (for every row, kept for the accepted ones), so the
    # parsing the rules and the typed columns share (dates, numbers) runs once (common subexpressions).
    checked = batch.lazy().select(DELIVERY, rows_passing(kind.schema).alias(PASSES), *kind.typed).collect()
    suspect = batch.filter(~checked[PASSES])
    failures = None
    try:
        kind.schema.validate(suspect, lazy=True)
    except pa.errors.SchemaErrors as errors:  # never logged or chained: its text holds cell values (bsn)
        failures = errors.failure_cases
    rejects = (pl.DataFrame(schema={DELIVERY: pl.Int32, **REJECT_SCHEMA}) if failures is None
               else _rejects(failures, suspect.select(DELIVERY, ROW_NUMBER)))
    rejected_rows = rejects.select(DELIVERY, ROW_NUMBER).unique()
    accepted = checked.join(rejected_rows, on=[DELIVERY, ROW_NUMBER], how="anti", maintain_order="left")
    return BatchValidation(
        accepted=accepted.drop(PASSES),
        rejects=rejects,
        rows_read=_per_delivery(batch.group_by(DELIVERY).len(), len(deliveries)),
        rows_rejected=_per_delivery(rejected_rows.group_by(DELIVERY).len(), len(deliveries)),
    )


def validate_delivery(soort: str, df: pl.DataFrame, leveringsmaand: date) -> ValidationResult:
    """Validate one frame of cells (`readers.read_cells`); raises DeliveryFileError(MISSING_COLUMNS)."""
    check_columns(soort, df.columns)
    return validate_batch(soort, [(df, leveringsmaand)]).result(0)
