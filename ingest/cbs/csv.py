"""Read the CBS open-data CSV of a table (`;`-separated, optional BOM, space-padded keys, `.` for suppressed).

Titles and topic metadata come from DataProperties.json / <Dimension>.json next to the CSV when present; without
them RegioS / WijkenEnBuurten is the region, Perioden the period, any other column with a non-numeric value a
dimension, and every remaining column (except ID) a topic titled by its key.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ingest.cbs.export import GEO, TIME, CbsExport, Onderwerp, parse_waarde
from ingest.cbs.odata import read_categories, read_properties, read_release
from ingest.reasons import EMPTY_FILE, ENCODING, UNREADABLE, DeliveryFileError

GEO_COLUMNS, TIME_COLUMNS = ("RegioS", "WijkenEnBuurten"), ("Perioden",)


def _read_text_frame(path: Path) -> pl.DataFrame:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DeliveryFileError(ENCODING, f"{path.name} is geen UTF-8.") from exc
    if not text.strip():
        raise DeliveryFileError(EMPTY_FILE, f"{path.name} is leeg.")
    try:
        return pl.read_csv(text.encode("utf-8"), separator=";", infer_schema=False, quote_char='"')
    except pl.exceptions.PolarsError as exc:
        raise DeliveryFileError(UNREADABLE, f"{path.name} is geen leesbare CSV ({type(exc).__name__}).") from exc


def _guess_properties(frame: pl.DataFrame) -> tuple[dict[str, str], list[Onderwerp]]:
    dimensies, onderwerpen = {}, []
    for column in frame.columns:
        if column == "ID":
            continue
        filled = pl.col(column).str.strip_chars().is_in([".", ""]).not_() & pl.col(column).is_not_null()
        numeric = frame.select((filled & parse_waarde(pl.col(column), strict=False).is_null()).sum() == 0).item()
        if column in GEO_COLUMNS:
            dimensies[column] = GEO
        elif column in TIME_COLUMNS:
            dimensies[column] = TIME
        elif not numeric:
            dimensies[column] = "Dimension"
        else:
            onderwerpen.append(Onderwerp(column, column))
    return dimensies, onderwerpen


def read_csv(path: Path, tabel_id: str) -> CbsExport:
    frame = _read_text_frame(path)
    if frame.height == 0:
        raise DeliveryFileError(EMPTY_FILE, f"{path.name} heeft geen gegevensrijen.")
    folder = path.parent
    if (folder / "DataProperties.json").is_file():
        dimensies, onderwerpen = read_properties(folder)
    else:
        dimensies, onderwerpen = _guess_properties(frame)
    return CbsExport(tabel_id, dimensies, onderwerpen, frame, read_categories(folder, dimensies),
                     read_release(folder))

