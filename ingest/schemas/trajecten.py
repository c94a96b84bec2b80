"""trajecten: every trajectory that ran, started or ended in the delivery month."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from ingest.readers import ROW_NUMBER
from ingest.schemas import codes
from ingest.schemas.rules import (
    batch_columns, bsn_checks, code, gemeentecode, max_length, normalise_gemeentecode, not_after, padded_code,
    parse_date, productcode, rule, text, unique_in_delivery, uppercase, valid_date,
)

SCHEMA = pa.DataFrameSchema({
    **batch_columns(),
    "traject_id": text(max_length(), unique_in_delivery("DUPLICATE_TRAJECT_ID")),
    "bsn": text(*bsn_checks()),
    "geboortedatum": text(valid_date(True), not_after(True)),
    "geslacht": text(code(codes.GESLACHT, uppercase)),
    "gemeentecode": text(gemeentecode()),
    "productcode": text(productcode()),
    "hulpvorm": text(code(codes.HULPVORM)),
    "verwijzer": text(code(codes.VERWIJZER)),
    "gestart_met_crisis": text(code(codes.CRISIS)),
    "aanmelddatum": text(valid_date(), not_after(), required=False),
    "datum_aanvang": text(valid_date(), not_after()),
    "datum_einde": text(
        valid_date(), not_after(),
        rule("DATE_ORDER", lambda v: parse_date(v) >= parse_date(pl.col("datum_aanvang"))),
        required=False,
    ),
    "reden_beeindiging": text(
        code(codes.REDEN_BEEINDIGING),
        rule("REDEN_IFF_EINDE", lambda v: v.is_null() == pl.col("datum_einde").is_null()),
        required=False,
    ),
})


# Validated text -> raw.trajecten columns (bsn still present; pseudonymise replaces it).
TYPED = (
    pl.col(ROW_NUMBER),
    pl.col("traject_id"),
    pl.col("bsn"),
    parse_date(pl.col("geboortedatum"), True).alias("geboortedatum"),
    pl.col("geslacht").str.to_uppercase().replace(codes.GESLACHT_IJW).alias("geslacht"),
    normalise_gemeentecode(pl.col("gemeentecode")).alias("gemeentecode"),
    pl.col("productcode").str.to_uppercase(),
    *(padded_code(pl.col(c)).alias(c) for c in ("hulpvorm", "verwijzer", "gestart_met_crisis")),
    *(parse_date(pl.col(c)).alias(c) for c in ("aanmelddatum", "datum_aanvang", "datum_einde")),
    padded_code(pl.col("reden_beeindiging")).alias("reden_beeindiging"),
)
