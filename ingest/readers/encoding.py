"""Detect UTF-8 (with or without BOM) versus Windows-1252 without loading a whole file, and transcode to UTF-8."""

from __future__ import annotations

import codecs
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest.reasons import ENCODING, DeliveryFileError

CHUNK_BYTES = 1 << 20
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _transcode_cp1252(source: Path, target: Path) -> None:
    decoder = codecs.getincrementaldecoder("cp1252")()
    try:
        with source.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
            while chunk := src.read(CHUNK_BYTES):
                dst.write(decoder.decode(chunk))
            dst.write(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        raise DeliveryFileError(
            ENCODING, "Het bestand is geen UTF-8 en geen Windows-1252; sla het op als UTF-8 (CSV UTF-8)."
        ) from None


@contextmanager
def as_utf8(path: Path) -> Iterator[Path]:
    """Yield a UTF-8 version of `path`: the file itself, or a temporary cp1252->UTF-8 copy removed afterwards."""
    with path.open("rb") as handle:
        if handle.read(2) in UTF16_BOMS:
            raise DeliveryFileError(ENCODING, "UTF-16 wordt niet ondersteund; sla het bestand op als CSV UTF-8.")
    if is_utf8(path):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="jeugdkpi_utf8_") as tmp:
        target = Path(tmp) / path.name
        _transcode_cp1252(path, target)
        yield target
