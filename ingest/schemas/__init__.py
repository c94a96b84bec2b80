"""Row validation of a provider delivery: pandera schemas per kind, failures turned into row rejects."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandera.polars as pa
import polars as pl

from ingest.readers import ROW_NUMBER
from ingest.reasons import MISSING_COLUMNS, ROW_MESSAGES, DeliveryFileError
from ingest.schemas import declaraties, trajecten, wachtlijst

SOORTEN = ("trajecten", "declaraties", "wachtlijst")
MAX_WAARDE_LENGTH = 200
REJECT_SCHEMA = {ROW_NUMBER: pl.Int32, "kolom": pl.String, "reden_code": pl.String, "melding": pl.String,
                 "waarde": pl.String}


@dataclass(frozen=True)
class Kind:
    schema: Callable[[date], pa.DataFrameSchema]
    to_typed: Callable[[pl.DataFrame], pl.DataFrame]


KINDS = {
    "trajecten": Kind(trajecten.schema, trajecten.to_typed),
    "declaraties": Kind(declaraties.schema, declaraties.to_typed),
    "wachtlijst": Kind(wachtlijst.schema, wachtlijst.to_typed),
}


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
    return [name for name in KINDS[soort].schema(date.today()).columns if name != ROW_NUMBER]


def _conform_columns(df: pl.DataFrame, schema: pa.DataFrameSchema) -> pl.DataFrame:
    """Keep the schema's columns; a missing optional column becomes empty, a missing required one fails the file."""
    missing = [name for name in schema.columns if name not in df.columns]
    required = [name for name in missing if not schema.columns[name].nullable]
    if required:
        raise DeliveryFileError(MISSING_COLUMNS, "Verplichte kolommen ontbreken in de kopregel: " + ", ".join(required))
    return df.with_columns(pl.lit(None, pl.String).alias(name) for name in missing).select(
        ROW_NUMBER, *(pl.col(name).cast(pl.String) for name in schema.columns if name != ROW_NUMBER)
    )


def _rejects(failures: pl.DataFrame, rows: pl.Series) -> pl.DataFrame:
    failures = failures.with_columns(
        pl.col("check").replace("not_nullable", "REQUIRED_MISSING").alias("reden_code")
    )
    unknown = set(failures["reden_code"].unique()) - set(ROW_MESSAGES)
    if unknown:
        raise RuntimeError(f"Pandera check without a reason code: {sorted(unknown)}")
    return (
        failures.select(
            rows.gather(failures["index"]).alias(ROW_NUMBER),
            pl.col("column").alias("kolom"),
            "reden_code",
            pl.when(pl.col("column") != "bsn").then(pl.col("failure_case").str.slice(0, MAX_WAARDE_LENGTH))
            .alias("waarde"),
        )
        .unique([ROW_NUMBER, "kolom", "reden_code"])
        .with_columns(
            pl.col("reden_code").replace_strict(ROW_MESSAGES, return_dtype=pl.String)
            .str.replace_all("{kolom}", pl.col("kolom"), literal=True).alias("melding")
        )
        .select(list(REJECT_SCHEMA))
        .sort(ROW_NUMBER, "kolom", "reden_code")
    )


def validate_delivery(soort: str, df: pl.DataFrame, leveringsmaand: date) -> ValidationResult:
    """Validate a frame from `read_delivery`; raises DeliveryFileError(MISSING_COLUMNS)."""
    kind = KINDS[soort]
    schema = kind.schema(month_end(leveringsmaand))
    df = _conform_columns(df, schema)
    failures = None
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as errors:  # never logged or chained: its text holds cell values (bsn)
        failures = errors.failure_cases
    rejects = pl.DataFrame(schema=REJECT_SCHEMA) if failures is None else _rejects(failures, df[ROW_NUMBER])
    accepted = df.filter(~pl.col(ROW_NUMBER).is_in(rejects[ROW_NUMBER].implode()))
    return ValidationResult(accepted=kind.to_typed(accepted), rejects=rejects, rows_read=df.height)
