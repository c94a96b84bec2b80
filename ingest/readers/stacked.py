"""Many small CSV files with the same header line parsed in one polars call.

A polars parse has a fixed cost of about 0.7 ms, more than the rows of a typical delivery (200 rows, 18 KB) cost; a
chunk of 2000 files so pays it once per header instead of once per file. Every data line of a file is prefixed with
the file's number, so the stacked frame splits back into exactly the frames `read_csv_cells` gives per file (blank
lines, short rows and a missing final newline included). Only files that cannot differ are stacked: UTF-8, no quote
characters (a quoted cell may hold a line break) and no bare carriage returns; any other file, and every file of a
stack that polars refuses (a row with more cells than the header) or whose header `with_header` refuses, is read on
its own (and so gets the same error as before).
"""

from __future__ import annotations

import codecs
from collections import defaultdict
from collections.abc import Sequence

import polars as pl

from ingest.readers.csv import parse_header
from ingest.readers.frames import with_header
from ingest.reasons import DeliveryFileError

FILE_NUMBER = "__bestand_nr__"


def _stackable_header(content: bytes) -> bytes | None:
    """The header line of `content` (without BOM and line end) when the file can be stacked, else None."""
    if b'"' in content or content.count(b"\r") != content.count(b"\r\n"):
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    header = content.split(b"\n", 1)[0].removeprefix(codecs.BOM_UTF8).removesuffix(b"\r")
    return header if header.strip() else None


def _data_lines(content: bytes, prefix: bytes) -> bytes:
    """The lines after the header, each prefixed, newline-terminated."""
    body = content.split(b"\n", 1)[1] if b"\n" in content else b""
    if not body:
        return b""
    body = body.removesuffix(b"\n")
    return prefix + body.replace(b"\n", b"\n" + prefix) + b"\n"


def _read_stack(header: bytes, contents: Sequence[bytes]) -> list[pl.DataFrame] | None:
    """The frames of files with this header line, or None when polars or `with_header` refuses the stack."""
    separator, names = parse_header(header.decode("utf-8"))
    sep = separator.encode()
    buffer = b"".join([FILE_NUMBER.encode() + sep + header + b"\n",
                       *(_data_lines(content, str(i).encode() + sep) for i, content in enumerate(contents))])
    try:
        stacked = pl.read_csv(buffer, separator=separator, infer_schema=False, quote_char='"')
    except pl.exceptions.PolarsError:
        return None
    empty = stacked.drop(FILE_NUMBER).clear()
    try:
        with_header(empty, names)
    except DeliveryFileError:
        return None
    parts = stacked.partition_by(FILE_NUMBER, maintain_order=True, include_key=False, as_dict=True)
    return [with_header(parts.get((str(i),), empty), names) for i in range(len(contents))]


def read_stacked(contents: Sequence[bytes]) -> dict[int, pl.DataFrame]:
    """For the stackable files among `contents` (by position): their cells as `read_csv_cells` gives them; the
    others are left out."""
    groups: dict[bytes, list[int]] = defaultdict(list)
    for i, content in enumerate(contents):
        header = _stackable_header(content)
        if header is not None:
            groups[header].append(i)
    results: dict[int, pl.DataFrame] = {}
    for header, members in groups.items():
        frames = _read_stack(header, [contents[i] for i in members])
        if frames is not None:
            results.update(zip(members, frames))
    return results
