"""Write one delivery file the way a provider's system would: its own separator, encoding, date and number style."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import polars as pl


@dataclass(frozen=True)
class Style:
    separator: str = ";"
    encoding: str = "utf-8"
    bom: bool = False
    xlsx: bool = False
    date_format: str = "%Y%m%d"
    decimal_comma: bool = False
    short_gemeentecode: bool = False  # iJw style '0917' instead of 'GM0917'
    ijw_geslacht: bool = False  # iJw 1/2/0 instead of M/V/O


def provider_styles(rng: np.random.Generator, agbs: list[str]) -> dict[str, Style]:
    """A fixed style per provider: mostly ';' UTF-8, some ',', some Windows-1252, a few XLSX."""
    styles = {}
    for agb in sorted(agbs):
        kind = rng.random()
        base = dict(
            date_format="%Y-%m-%d" if rng.random() < 0.2 else "%Y%m%d",
            short_gemeentecode=rng.random() < 0.15,
            ijw_geslacht=rng.random() < 0.08,
        )
        if kind < 0.06:
            styles[agb] = Style(xlsx=True, **base)
        elif kind < 0.20:
            styles[agb] = Style(separator=",", **base)
        elif kind < 0.32:
            styles[agb] = Style(encoding="cp1252", decimal_comma=True, **base)
        else:
            styles[agb] = Style(bom=rng.random() < 0.3, decimal_comma=rng.random() < 0.5, **base)
    return styles


def render(frame: pl.DataFrame, style: Style) -> pl.DataFrame:
    """All columns as text in the provider's conventions."""
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if dtype == pl.Date:
            col = col.dt.strftime(style.date_format)
        elif dtype.is_numeric():
            col = col.cast(pl.String)
            if style.decimal_comma:
                col = col.str.replace(".", ",", literal=True)
        elif name == "gemeentecode" and style.short_gemeentecode:
            col = col.str.replace("^GM", "")
        elif name == "geslacht" and style.ijw_geslacht:
            col = col.replace_strict({"M": "1", "V": "2", "O": "0"}, default=col)
        exprs.append(col.alias(name))
    return frame.select(exprs)


def write_delivery(path: Path, frame: pl.DataFrame, style: Style, delivered: datetime) -> int:
    """Write the file, set its mtime to the delivery moment, return its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render(frame, style)
    if style.xlsx:
        text.write_excel(path, autofit=False)
    else:
        body = text.write_csv(separator=style.separator, null_value="")
        path.write_bytes(("\ufeff" if style.bom else "").encode("utf-8") + body.encode(style.encoding))
    stamp = delivered.timestamp()
    os.utime(path, (stamp, stamp))
    return path.stat().st_size
