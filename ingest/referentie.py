"""Optional reference overrides from `landing/referentie/*.csv` into raw.referentie_* (contents replaced each run)."""

from __future__ import annotations

import logging

import duckdb
import polars as pl

from ingest.readers.csv import read_csv_cells
from ingest.readers.frames import normalise_frame
from ingest.reasons import MISSING_COLUMNS, DeliveryFileError
from ingest.settings import Settings
from ingest.storage import archive, sha256_of
from ingest.warehouse import REFERENTIE_COLUMNS, replace_contents

log = logging.getLogger(__name__)


def _read(path, columns: tuple[str, ...]) -> pl.DataFrame:
    df = normalise_frame(read_csv_cells(path))
    missing = [column for column in columns if column not in df.columns]
    if missing:
        raise DeliveryFileError(MISSING_COLUMNS, "Verplichte kolommen ontbreken in de kopregel: " + ", ".join(missing))
    return df.select(columns)


def land_referentie(conn: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, int]:
    """Load each present referentie file (archived first); returns rows loaded per table, -1 for an unusable file.

    An unusable file leaves its table empty (the seeds then apply unchanged) and is logged as an error.
    """
    loaded: dict[str, int] = {}
    for name, columns in REFERENTIE_COLUMNS.items():
        path = settings.landing_dir / "referentie" / f"{name}.csv"
        df = pl.DataFrame(schema={column: pl.String for column in columns})
        if path.is_file():
            archive(settings, path, sha256_of(path))
            try:
                df = _read(path, columns)
            except DeliveryFileError as error:
                log.error("referentie/%s.csv not loaded: %s", name, error.reden_code)
                loaded[name] = -1
        replace_contents(conn, f"referentie_{name}", df)
        loaded.setdefault(name, df.height)
    return loaded
