"""The raw schema of the working warehouse (docs/design.md "Raw tables"): DDL and arrow-based appends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb
import polars as pl

REFERENTIE_COLUMNS = {
    "gemeenten": ("gemeentecode", "gemeentenaam", "jeugdzorgregio", "subregio", "geldig_van", "geldig_tot",
                  "opvolger_code"),
    "aanbieders": ("agb", "naam", "type", "klein", "jaar"),
    "productcodes": ("productcode", "omschrijving", "segment", "kwadrant", "hulpvorm", "productcategorie",
                     "geldig_van", "geldig_tot"),
    "budgetten": ("gemeentecode", "jaar", "segment", "lumpsum_eur", "begrote_clienten_per_maand"),
}

_DELIVERY = "levering_id INTEGER, rij_nr INTEGER, agb VARCHAR, leveringsmaand DATE"
TABLES = {
    "leveringen": """levering_id INTEGER, run_id VARCHAR, bestandsnaam VARCHAR, soort VARCHAR,
        agb VARCHAR, leveringsmaand DATE, sha256 VARCHAR, grootte_bytes BIGINT, archief_pad VARCHAR,
        ontvangen_op TIMESTAMP, verwerkt_op TIMESTAMP, status VARCHAR, vervangt_levering_id INTEGER,
        vervangen_door_levering_id INTEGER, rijen_gelezen BIGINT, rijen_geaccepteerd BIGINT,
        rijen_afgewezen BIGINT, reden_code VARCHAR, melding VARCHAR""",
    "trajecten": f"""{_DELIVERY}, traject_id VARCHAR, client_id VARCHAR, geboortedatum DATE, geslacht VARCHAR,
        gemeentecode VARCHAR, productcode VARCHAR, hulpvorm VARCHAR, verwijzer VARCHAR,
        gestart_met_crisis VARCHAR, aanmelddatum DATE, datum_aanvang DATE, datum_einde DATE,
        reden_beeindiging VARCHAR""",
    "declaraties": f"""{_DELIVERY}, traject_id VARCHAR, productcode VARCHAR, periode DATE, volume DOUBLE,
        eenheid VARCHAR, tarief DECIMAL(18,4), bedrag DECIMAL(18,2)""",
    "wachtlijst": f"""{_DELIVERY}, client_id VARCHAR, gemeentecode VARCHAR, productcode VARCHAR,
        aanmelddatum DATE, overbrugging BOOLEAN""",
    "afgewezen_rijen": """levering_id INTEGER, rij_nr INTEGER, kolom VARCHAR, reden_code VARCHAR, melding VARCHAR,
        waarde VARCHAR""",
    "cbs_waarden": """levering_id INTEGER, tabel_id VARCHAR, release TIMESTAMP, onderwerp_key VARCHAR,
        onderwerp_titel VARCHAR, eenheid VARCHAR, regio_key VARCHAR, regio_titel VARCHAR, perioden_key VARCHAR,
        perioden_titel VARCHAR, perioden_type VARCHAR, jaar INTEGER, periode_nummer INTEGER, dimensies JSON,
        dimensie_titels JSON, waarde DOUBLE, status VARCHAR, geladen_op TIMESTAMP""",
    **{f"referentie_{name}": ", ".join(f"{column} VARCHAR" for column in columns)
       for name, columns in REFERENTIE_COLUMNS.items()},
}


def ensure_raw_schema(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("CREATE SCHEMA IF NOT EXISTS raw")
    for table, columns in TABLES.items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS raw.{table} ({columns})")


def first_row(conn: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """The first result row; the result is fetched completely (DuckDB 2.0 refuses other work on an open result)."""
    rows = conn.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


@contextmanager
def registered(conn: duckdb.DuckDBPyConnection, df: pl.DataFrame) -> Iterator[str]:
    """A polars frame visible to SQL (via arrow) under the yielded name while the block runs."""
    conn.register("_ingest_frame", df.to_arrow())
    try:
        yield "_ingest_frame"
    finally:
        conn.unregister("_ingest_frame")


def append(conn: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame,
           select: Callable[[str], tuple[str, dict]] | None = None) -> None:
    """Insert a polars frame by column name via arrow (missing columns become NULL); `select` maps the name of the
    registered frame to the SELECT (and parameters) whose rows are inserted instead of the frame's own."""
    if df.height == 0:
        return
    with registered(conn, df) as frame:
        sql, params = select(frame) if select else (f"SELECT * FROM {frame}", {})
        conn.execute(f"INSERT INTO raw.{table} BY NAME {sql}", params)


def replace_contents(conn: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> None:
    conn.execute(f"DELETE FROM raw.{table}")
    append(conn, table, df)
