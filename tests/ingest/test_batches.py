from __future__ import annotations

import polars as pl

from ingest.batches import stack


def test_stack_tags_rows_with_their_frames_value_and_skips_empty_frames():
    two, one = pl.DataFrame({"x": [1, 2]}), pl.DataFrame({"x": [3]})
    empty = one.clear()
    out = stack([empty, two, empty, one, empty], {"id": pl.Series([10, 11, 12, 13, 14], dtype=pl.Int32)})
    assert out.rows() == [(1, 11), (2, 11), (3, 13)]
    assert out.schema == pl.Schema({"x": pl.Int64, "id": pl.Int32})
    assert stack([empty], {"id": pl.Series([10])}).height == 0
