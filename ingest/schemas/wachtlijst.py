"""wachtlijst: everyone registered and not yet started at the last day of the delivery month."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from ingest.readers import ROW_NUMBER
from ingest.schemas import codes
from ingest.schemas.rules import (
    batch_columns, bsn_checks, code, gemeentecode, normalise_gemeentecode, not_after, parse_date, productcode, text, uppercase,
    valid_date,
)


SCHEMA = pa.DataFrameSchema({
    **batch_columns(),
    "bsn": text(*bsn_checks()),
    "gemeentecode": text(gemeentecode()),
    "productcode": text(productcode()),
    "aanmelddatum": text(valid_date(), not_after()),
    "overbrugging": text(code(codes.OVERBRUGGING, uppercase)),
})


# Validated text -> raw.wachtlijst columns (bsn still present; pseudonymise replaces it).
TYPED = (
    pl.col(ROW_NUMBER),
    pl.col("bsn"),
    normalise_gemeentecode(pl.col("gemeentecode")).alias("gemeentecode"),
    pl.col("productcode").str.to_uppercase(),
    parse_date(pl.col("aanmelddatum")).alias("aanmelddatum"),
    (pl.col("overbrugging").str.to_uppercase() == "J").alias("overbrugging"),
)
