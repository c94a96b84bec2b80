"""Detect UTF-8 (with or without BOM) versus Windows-1252 and transcode to UTF-8: in memory for a file read as bytes,
in 1 MiB chunks (never a whole file) for a large one."""

from __future__ import annotations

import codecs
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest.reasons import ENCODING, DeliveryFileError

CHUNK_BYTES = 1 << 20
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
NOT_CP1252 = "Het bestand is geen UTF-8 en geen Windows-1252; sla het op als UTF-8 (CSV UTF-8)."

Source = Path | bytes  # a file, or the bytes of a (small) file already read


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
        raise DeliveryFileError(ENCODING, NOT_CP1252) from None


def _utf8_bytes(content: bytes) -> bytes:
    """`content` itself when it is UTF-8, else its cp1252 text as UTF-8."""
    try:
        content.decode("utf-8")
        return content
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError:
        raise DeliveryFileError(ENCODING, NOT_CP1252) from None


def _first_bytes(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source[:2]
    with source.open("rb") as handle:
        return handle.read(2)


@contextmanager
def as_utf8(source: Source) -> Iterator[Source]:
    """Yield a UTF-8 version of `source`: bytes (the same or transcoded) for bytes; for a file the file itself, or a
    temporary cp1252->UTF-8 copy removed afterwards."""
    if _first_bytes(source) in UTF16_BOMS:
        raise DeliveryFileError(ENCODING, "UTF-16 wordt niet ondersteund; sla het bestand op als CSV UTF-8.")
    if isinstance(source, bytes):
        yield _utf8_bytes(source)
    elif is_utf8(source):
        yield source
    else:
        with tempfile.TemporaryDirectory(prefix="jeugdkpi_utf8_") as tmp:
            target = Path(tmp) / source.name
            _transcode_cp1252(source, target)
            yield target
