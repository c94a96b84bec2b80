"""CSV provider files: ';' or ',' separated, UTF-8 (with or without BOM) or Windows-1252."""

from __future__ import annotations

import csv
import io

import polars as pl

from ingest.readers.encoding import Source, as_utf8
from ingest.readers.frames import with_header
from ingest.reasons import EMPTY_FILE, UNREADABLE, DeliveryFileError

HEADER_PROBE_BYTES = 1 << 16


def sniff_separator(header_line: str) -> str:
    return "," if header_line.count(",") > header_line.count(";") else ";"


def parse_header(header_line: str) -> tuple[str, list[str]]:
    """The separator and the column names as written (polars renames a repeated column: 'bsn' -> 'bsn_duplicated_0',
    so the header is checked as written)."""
    separator = sniff_separator(header_line)
    return separator, next(csv.reader([header_line], delimiter=separator))


def _header_line(utf8: Source) -> str:
    binary = io.BytesIO(utf8) if isinstance(utf8, bytes) else utf8.open("rb")
    with io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="") as handle:
        return handle.readline(HEADER_PROBE_BYTES)


def read_csv_cells(source: Source) -> pl.DataFrame:
    """The cells of a file (or of its bytes) as text under its normalised header (see `frames.normalise_frame` for
    the cells)."""
    with as_utf8(source) as utf8:
        header = _header_line(utf8)
        if not header.strip():
            raise DeliveryFileError(EMPTY_FILE, "Het bestand is leeg.")
        separator, names = parse_header(header)
        try:
            df = pl.read_csv(utf8, separator=separator, infer_schema=False, quote_char='"')
        except pl.exceptions.PolarsError:
            # The polars message can quote cell values (a BSN), so it is never passed on.
            raise DeliveryFileError(
                UNREADABLE,
                "Het CSV-bestand is niet te lezen: controleer op niet-afgesloten aanhalingstekens, rijen met meer "
                "velden dan de kopregel of een afgebroken bestand.",
            ) from None
    return with_header(df, names)
