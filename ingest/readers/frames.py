"""Shared post-processing of freshly read provider tables: header names, cell values, row numbers."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from ingest.reasons import UNREADABLE, DeliveryFileError

ROW_NUMBER = "rij_nr"


def normalise_header(name: object) -> str:
    return str(name or "").replace("\ufeff", "").strip().lower()


def unique_header(names: Iterable[object]) -> list[str]:
    """Normalised header names; raises DeliveryFileError(UNREADABLE) when a name occurs twice."""
    normalised = [normalise_header(name) for name in names]
    if len(set(normalised)) != len(normalised):
        raise DeliveryFileError(UNREADABLE, "De kopregel bevat een kolomnaam meer dan eens.")
    return normalised


def with_header(df: pl.DataFrame, names: Iterable[object]) -> pl.DataFrame:
    """The cells of `df` under the normalised (and checked) header `names`; no cell is touched (and no polars query
    runs: `rename` would cost one per file)."""
    header = unique_header(names)
    if len(header) != df.width:
        raise DeliveryFileError(UNREADABLE, "De kopregel en de kolommen van het bestand komen niet overeen.")
    named = df.clone()
    named.columns = header
    return named


def normalise_frame(df: pl.DataFrame, by: str | None = None) -> pl.DataFrame:
    """Lower-case stripped headers, stripped string cells ('' -> null), a 1-based `rij_nr`; blank rows dropped.

    With `by`, `df` is a stack of files whose headers are already normalised (`with_header`) and `by` numbers the
    files: row numbers restart per file and `by` is kept in front. Done once per stack, not per file: every polars
    operation has a fixed cost.
    """
    if by is None:
        df = with_header(df, df.columns)
    names = [name for name in df.columns if name != by]
    cells = [pl.col(name).cast(pl.String).str.strip_chars().replace("", None).alias(name) for name in names]
    row_number = pl.int_range(1, pl.len() + 1, dtype=pl.Int32)
    return (
        df.select(*([by] if by else []), (row_number.over(by) if by else row_number).alias(ROW_NUMBER), *cells)
        .filter(~pl.all_horizontal(pl.col(names).is_null()))
    )
