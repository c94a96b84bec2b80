"""Stacking many small per-delivery frames into one batch without a polars operation per frame."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import polars as pl


def stack(frames: Sequence[pl.DataFrame], per_frame: dict[str, pl.Series],
          how: Literal["vertical", "diagonal_relaxed"] = "vertical") -> pl.DataFrame:
    """Concatenate `frames` (at least one; `diagonal_relaxed`: columns may differ, absent ones are null) and add
    columns with one value per frame: row r of frames[i] gets per_frame[name][i]."""
    heights = pl.Series([frame.height for frame in frames], dtype=pl.UInt32)
    owner = pl.select(pl.int_range(len(frames)).repeat_by(heights)).to_series().explode().drop_nulls()  # [] -> null
    return pl.concat(frames, how=how).with_columns(values.gather(owner).alias(name) for name, values in per_frame.items())
