"""XLSX provider files: first sheet, all cells as text, header row found among the first rows."""

from __future__ import annotations

from collections.abc import Collection
import fastexcel
import polars as pl

from ingest.readers.encoding import Source
from ingest.readers.frames import normalise_header, with_header
from ingest.reasons import EMPTY_FILE, UNREADABLE, DeliveryFileError

HEADER_SEARCH_ROWS = 10


def find_header_row(grid: pl.DataFrame, expected_columns: Collection[str]) -> int:
    """Index of the row (among the first rows) holding most expected column names; 0 if none holds any."""
    expected = set(expected_columns)
    best_row, best_hits = 0, 0
    for index, row in enumerate(grid.head(HEADER_SEARCH_ROWS).iter_rows()):
        hits = sum(normalise_header(cell) in expected for cell in row)
        if hits > best_hits:
            best_row, best_hits = index, hits
    return best_row


def read_xlsx_cells(source: Source, expected_columns: Collection[str]) -> pl.DataFrame:
    """The first sheet's cells (of a file or its bytes) below the header row as text under the normalised header."""
    try:
        grid = fastexcel.read_excel(source).load_sheet(0, header_row=None, dtypes="string").to_polars()
    except Exception:  # fastexcel raises its own error classes for every kind of broken workbook
        raise DeliveryFileError(
            UNREADABLE, "Het Excel-bestand is niet te openen (beschadigd, afgebroken of geen .xlsx-werkmap)."
        ) from None
    if grid.height == 0:
        raise DeliveryFileError(EMPTY_FILE, "Het eerste werkblad is leeg.")
    header_row = find_header_row(grid, expected_columns)
    return with_header(grid.slice(header_row + 1),
                       (cell if cell is not None else f"kolom_{i + 1}" for i, cell in enumerate(grid.row(header_row))))
