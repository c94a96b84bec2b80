"""One CBS table export in memory and its conversion to the long format of raw.cbs_waarden.

Both readers (OData v3 JSON and the open-data CSV) produce a `CbsExport`; `to_long` handles the CBS quirks:
space-padded keys and titles, period codes JJ00 / HJ0n / KWnn / MMnn, `.` or null as unknown (NULL, never 0) and
the release status voorlopig / nader voorlopig / definitief.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import polars as pl

GEO, TIME = "GeoDimension", "TimeDimension"
DIMENSION_TYPES = ("Dimension", TIME, GEO)
PERIOD_TYPES = {"JJ": "jaar", "HJ": "halfjaar", "KW": "kwartaal", "MM": "maand"}
STATUS_BY_NAME = {"voorlopig": "voorlopig", "nader voorlopig": "nader voorlopig", "definitief": "definitief"}

LONG_SCHEMA = {
    "tabel_id": pl.String, "onderwerp_key": pl.String, "onderwerp_titel": pl.String, "eenheid": pl.String,
    "regio_key": pl.String, "regio_titel": pl.String, "perioden_key": pl.String, "perioden_titel": pl.String,
    "perioden_type": pl.String, "jaar": pl.Int32, "periode_nummer": pl.Int32, "dimensies": pl.String,
    "dimensie_titels": pl.String, "waarde": pl.Float64, "status": pl.String,
}


@dataclass(frozen=True)
class Onderwerp:
    key: str
    titel: str
    eenheid: str | None = None


@dataclass
class CbsExport:
    """rows: one column per dimension (keys) and per topic (values, any type); categories: dimension -> key ->
    its entity (Title, Status, ...)."""
    tabel_id: str
    dimensies: dict[str, str]  # dimension name -> DataProperties Type
    onderwerpen: list[Onderwerp]
    rows: pl.DataFrame
    categories: dict[str, dict[str, dict]] = field(default_factory=dict)
    release: datetime | None = None


def clean_key(value: object) -> str | None:
    text = None if value is None else str(value).strip()
    return text or None


def parse_waarde(column: pl.Expr, strict: bool = True) -> pl.Expr:
    """CBS cell -> Float64: '.' (secret / unknown), blank and null stay NULL, never 0."""
    text = column.cast(pl.String).str.strip_chars()
    return (pl.when(text.is_in([".", ""]) | text.is_null()).then(None)
            .otherwise(text.str.replace(",", ".", literal=True)).cast(pl.Float64, strict=strict))


def period_status(entity: dict | None, titel: str | None) -> str:
    """Status from the Perioden entity ('Voorlopig', 'Nader voorlopig', 'Definitief') or the title suffix * / **."""
    status = str((entity or {}).get("Status") or "").strip().lower()
    if status in STATUS_BY_NAME:
        return STATUS_BY_NAME[status]
    titel = (titel or "").strip()
    if titel.endswith("**"):
        return "nader voorlopig"
    return "voorlopig" if titel.endswith("*") else "definitief"


def _titles(export: CbsExport, dimension: str) -> dict[str, str]:
    return {key: clean_key(entity.get("Title")) or key
            for key, entity in export.categories.get(dimension, {}).items()}


def _title_of(export: CbsExport, dimension: str) -> pl.Expr:
    return pl.col(dimension).replace_strict(_titles(export, dimension), default=pl.col(dimension),
                                            return_dtype=pl.String)


def _json_object(export: CbsExport, names: list[str], titles: bool) -> pl.Expr:
    if not names:
        return pl.lit("{}")
    return pl.struct([(_title_of(export, n) if titles else pl.col(n)).alias(n) for n in names]).struct.json_encode()


def to_long(export: CbsExport) -> pl.DataFrame:
    """One row per (topic, dimension keys): the LONG_SCHEMA columns of raw.cbs_waarden."""
    dims = list(export.dimensies)
    geo = next((d for d, kind in export.dimensies.items() if kind == GEO), None)
    time = next((d for d, kind in export.dimensies.items() if kind == TIME), None)
    others = [d for d in dims if d not in (geo, time)]
    topics = [t.key for t in export.onderwerpen]
    rows = export.rows.select(
        *[pl.col(d).cast(pl.String).str.strip_chars().alias(d) for d in dims],
        *[parse_waarde(pl.col(t)).alias(t) for t in topics],
    )
    long = rows.unpivot(on=topics, index=dims, variable_name="onderwerp_key", value_name="waarde")
    meta = pl.DataFrame({"onderwerp_key": topics, "onderwerp_titel": [t.titel for t in export.onderwerpen],
                         "eenheid": [t.eenheid for t in export.onderwerpen]}, schema_overrides={"eenheid": pl.String})
    period = pl.col(time).str.extract_groups(r"^(\d{4})([A-Z]{2})(\d{2})$") if time else None
    periods = export.categories.get(time, {}) if time else {}
    statuses = {key: period_status(periods.get(key), (periods.get(key) or {}).get("Title"))
                for key in rows[time].unique().drop_nulls().to_list()} if time else {}
    frame = long.join(meta, on="onderwerp_key", how="left").with_columns(
        pl.lit(export.tabel_id).alias("tabel_id"),
        (pl.col(geo) if geo else pl.lit(None, pl.String)).alias("regio_key"),
        (_title_of(export, geo) if geo else pl.lit(None, pl.String)).alias("regio_titel"),
        (pl.col(time) if time else pl.lit(None, pl.String)).alias("perioden_key"),
        (_title_of(export, time) if time else pl.lit(None, pl.String)).alias("perioden_titel"),
        (period.struct.field("2").replace_strict(PERIOD_TYPES, default="overig") if time
         else pl.lit(None, pl.String)).alias("perioden_type"),
        (pl.col(time).str.slice(0, 4).cast(pl.Int32, strict=False) if time else pl.lit(None, pl.Int32)).alias("jaar"),
        (period.struct.field("3").cast(pl.Int32, strict=False) if time else pl.lit(None, pl.Int32))
        .alias("periode_nummer"),
        _json_object(export, others, titles=False).alias("dimensies"),
        _json_object(export, others, titles=True).alias("dimensie_titels"),
        (pl.col(time).replace_strict(statuses, default="definitief", return_dtype=pl.String) if time
         else pl.lit("definitief")).alias("status"),
    )
    return frame.select([pl.col(c).cast(t) for c, t in LONG_SCHEMA.items()])
