"""Shared post-processing of a freshly read provider table: header names, cell values, row numbers."""

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


def normalise_frame(df: pl.DataFrame) -> pl.DataFrame:
    """Lower-case stripped headers, stripped string cells ('' -> null), a 1-based `rij_nr`; blank rows dropped."""
    names = unique_header(df.columns)
    cells = [pl.col(name).cast(pl.String).str.strip_chars().replace("", None).alias(name) for name in names]
    return (
        df.rename(dict(zip(df.columns, names)))
        .select(pl.int_range(1, pl.len() + 1, dtype=pl.Int32).alias(ROW_NUMBER), *cells)
        .filter(~pl.all_horizontal(pl.col(names).is_null()))
    )
