"""Row validation of provider deliveries: pandera schemas per kind, failures turned into row rejects.

Deliveries of one kind are validated together in one batch (one pandera run instead of one per file); the batch
carries `levering_nr` and `laatste_dag` so per-delivery rules (duplicates, future dates) stay per delivery.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pandera.polars as pa
import polars as pl

from ingest.batches import stack
from ingest.readers import ROW_NUMBER
from ingest.reasons import MISSING_COLUMNS, ROW_MESSAGES, DeliveryFileError
from ingest.schemas import declaraties, trajecten, wachtlijst
from ingest.schemas.rules import DELIVERY, LAST_DAY

MAX_WAARDE_LENGTH = 200
REJECT_SCHEMA = {ROW_NUMBER: pl.Int32, "kolom": pl.String, "reden_code": pl.String, "melding": pl.String,
                 "waarde": pl.String}


@dataclass(frozen=True)
class Kind:
    schema: pa.DataFrameSchema
    to_typed: Callable[[pl.DataFrame], pl.DataFrame]

    @property
    def columns(self) -> list[str]:
        """The contract's columns of this kind (without row number and batch helpers)."""
        return [name for name in self.schema.columns if name not in (ROW_NUMBER, DELIVERY, LAST_DAY)]


KINDS = {
    "trajecten": Kind(trajecten.SCHEMA, trajecten.to_typed),
    "declaraties": Kind(declaraties.SCHEMA, declaraties.to_typed),
    "wachtlijst": Kind(wachtlijst.SCHEMA, wachtlijst.to_typed),
}
SOORTEN = tuple(KINDS)


@dataclass(frozen=True)
class ValidationResult:
    accepted: pl.DataFrame  # typed columns of the accepted rows, incl. `bsn` for kinds that carry one
    rejects: pl.DataFrame   # rij_nr, kolom, reden_code, melding, waarde (NULL for bsn)
    rows_read: int

    @property
    def rows_rejected(self) -> int:
        return self.rejects[ROW_NUMBER].n_unique()


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def expected_columns(soort: str) -> list[str]:
    return KINDS[soort].columns


def conform(soort: str, df: pl.DataFrame) -> pl.DataFrame:
    """Keep the contract's columns as text; a missing optional column becomes empty, a missing required one fails
    the file with MISSING_COLUMNS."""
    schema = KINDS[soort].schema
    missing = [name for name in expected_columns(soort) if name not in df.columns]
    required = [name for name in missing if not schema.columns[name].nullable]
    if required:
        raise DeliveryFileError(MISSING_COLUMNS, "Verplichte kolommen ontbreken in de kopregel: " + ", ".join(required))
    return df.with_columns(pl.lit(None, pl.String).alias(name) for name in missing).select(
        ROW_NUMBER, *(pl.col(name).cast(pl.String) for name in expected_columns(soort))
    )


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


def validate_batch(soort: str, deliveries: Sequence[tuple[pl.DataFrame, date]]) -> list[ValidationResult]:
    """Validate conformed frames (see `conform`) with their delivery months; one result per delivery, in order."""
    kind = KINDS[soort]
    batch = stack([df for df, _ in deliveries], {
        DELIVERY: pl.Series(range(len(deliveries)), dtype=pl.Int32),
        LAST_DAY: pl.Series([month_end(month) for _, month in deliveries], dtype=pl.Date),
    }).select(list(kind.schema.columns))
    failures = None
    try:
        kind.schema.validate(batch, lazy=True)
    except pa.errors.SchemaErrors as errors:  # never logged or chained: its text holds cell values (bsn)
        failures = errors.failure_cases
    rejects = (pl.DataFrame(schema={DELIVERY: pl.Int32, **REJECT_SCHEMA}) if failures is None
               else _rejects(failures, batch.select(DELIVERY, ROW_NUMBER)))
    accepted = batch.join(rejects.select(DELIVERY, ROW_NUMBER).unique(), on=[DELIVERY, ROW_NUMBER], how="anti",
                          maintain_order="left")
    typed = kind.to_typed(accepted).with_columns(accepted[DELIVERY])  # typed once per batch, then split
    accepted_by = typed.partition_by(DELIVERY, as_dict=True, include_key=False)
    rejects_by = rejects.partition_by(DELIVERY, as_dict=True, include_key=False)
    no_rows, no_rejects = typed.drop(DELIVERY).clear(), rejects.drop(DELIVERY).clear()
    return [
        ValidationResult(
            accepted=accepted_by.get((i,), no_rows),
            rejects=rejects_by.get((i,), no_rejects),
            rows_read=df.height,
        )
        for i, (df, _) in enumerate(deliveries)
    ]


def validate_delivery(soort: str, df: pl.DataFrame, leveringsmaand: date) -> ValidationResult:
    """Validate one frame from `read_delivery`; raises DeliveryFileError(MISSING_COLUMNS)."""
    return validate_batch(soort, [(conform(soort, df), leveringsmaand)])[0]
