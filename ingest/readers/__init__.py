"""Read a provider file into a polars frame of strings (lower-case headers, stripped cells, `rij_nr`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

import polars as pl

from ingest.readers.csv import read_csv_cells
from ingest.readers.frames import ROW_NUMBER, normalise_frame
from ingest.readers.stacked import read_stacked
from ingest.readers.xlsx import read_xlsx_cells
from ingest.reasons import EMPTY_FILE, NO_DATA_ROWS, UNSUPPORTED_FORMAT, DeliveryFileError

__all__ = ["ROW_NUMBER", "read_cells", "read_cells_many", "read_delivery"]


def read_cells(path: Path, expected_columns: Collection[str], content: bytes | None = None) -> pl.DataFrame:
    """The cells of a .csv or .xlsx file as text under the normalised header, not yet cleaned (`normalise_frame`);
    raises DeliveryFileError (EMPTY_FILE, ENCODING, UNREADABLE, UNSUPPORTED_FORMAT). `content`: the file's bytes
    when the caller already read them (a small file), so it is not opened again."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise DeliveryFileError(UNSUPPORTED_FORMAT, "Alleen .csv- en .xlsx-bestanden worden verwerkt.")
    source = path if content is None else content
    if (path.stat().st_size if content is None else len(content)) == 0:
        raise DeliveryFileError(EMPTY_FILE, "Het bestand is leeg.")
    return read_csv_cells(source) if suffix == ".csv" else read_xlsx_cells(source, expected_columns)


def read_cells_many(files: Sequence[tuple[Path, bytes | None]],
                    expected_columns: Collection[str]) -> list[pl.DataFrame | DeliveryFileError]:
    """`read_cells` of each (path, content) of one kind: its cells, or the error it raised. Small CSV files with the
    same header line are parsed together (`stacked`), giving the same cells."""
    csv = [i for i, (path, content) in enumerate(files) if content is not None and path.suffix.lower() == ".csv"]
    stacked = {csv[i]: frame for i, frame in read_stacked([files[i][1] for i in csv]).items()}
    results: list[pl.DataFrame | DeliveryFileError] = []
    for i, (path, content) in enumerate(files):
        try:
            results.append(stacked[i] if i in stacked else read_cells(path, expected_columns, content))
        except DeliveryFileError as error:
            results.append(error)
    return results


def read_delivery(path: Path, expected_columns: Collection[str]) -> pl.DataFrame:
    """One file read and cleaned on its own (the landing cleans many files at once, see ingest.schemas)."""
    df = normalise_frame(read_cells(path, expected_columns))
    if df.height == 0:
        raise DeliveryFileError(EMPTY_FILE, NO_DATA_ROWS)
    return df
