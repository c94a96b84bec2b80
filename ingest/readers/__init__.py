"""Read a provider file into a polars frame of strings (lower-case headers, stripped cells, `rij_nr`)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import polars as pl

from ingest.readers.csv import read_csv_strings
from ingest.readers.frames import ROW_NUMBER
from ingest.readers.xlsx import read_xlsx_strings
from ingest.reasons import EMPTY_FILE, UNSUPPORTED_FORMAT, DeliveryFileError

__all__ = ["ROW_NUMBER", "read_delivery"]


def read_delivery(path: Path, expected_columns: Collection[str]) -> pl.DataFrame:
    """Read a .csv or .xlsx file; raises DeliveryFileError (EMPTY_FILE, ENCODING, UNREADABLE, UNSUPPORTED_FORMAT)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise DeliveryFileError(UNSUPPORTED_FORMAT, "Alleen .csv- en .xlsx-bestanden worden verwerkt.")
    if path.stat().st_size == 0:
        raise DeliveryFileError(EMPTY_FILE, "Het bestand is leeg.")
    df = read_csv_strings(path) if suffix == ".csv" else read_xlsx_strings(path, expected_columns)
    if df.height == 0:
        raise DeliveryFileError(EMPTY_FILE, "Het bestand bevat een kopregel maar geen gegevensrijen.")
    return df
