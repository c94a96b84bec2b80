"""declaraties: what was delivered and charged per trajectory in the delivery month."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from ingest.readers import ROW_NUMBER
from ingest.schemas import codes
from ingest.schemas.rules import (
    LAST_DAY, batch_columns, code, max_length, padded_code, parse_number, parse_periode, productcode, rule, text,
    valid_number,
)

CENT_TOLERANCE = 0.01 + 1e-9


def _bedrag_matches(bedrag: pl.Expr) -> pl.Expr:
    product = parse_number(pl.col("volume")) * parse_number(pl.col("tarief"))
    euro = padded_code(pl.col("eenheid")) == codes.EENHEID_EURO
    return euro | ((product - parse_number(bedrag)).abs() <= CENT_TOLERANCE)


SCHEMA = pa.DataFrameSchema({
    **batch_columns(),
    "traject_id": text(max_length()),
    "productcode": text(productcode()),
    "periode": text(
        rule("PERIODE_INVALID", lambda v: parse_periode(v).is_not_null()),
        rule("DATE_FUTURE", lambda v: parse_periode(v) <= pl.col(LAST_DAY)),
    ),
    "volume": text(valid_number()),
    "eenheid": text(code(codes.EENHEID)),
    "tarief": text(valid_number()),
    "bedrag": text(valid_number(), rule("BEDRAG_MISMATCH", _bedrag_matches)),
})


# Validated text -> raw.declaraties columns.
TYPED = (
    pl.col(ROW_NUMBER),
    pl.col("traject_id"),
    pl.col("productcode").str.to_uppercase(),
    parse_periode(pl.col("periode")).alias("periode"),
    parse_number(pl.col("volume")).alias("volume"),
    padded_code(pl.col("eenheid")).alias("eenheid"),
    parse_number(pl.col("tarief"), pl.Decimal(18, 4)).alias("tarief"),
    parse_number(pl.col("bedrag"), pl.Decimal(18, 2)).alias("bedrag"),
)
