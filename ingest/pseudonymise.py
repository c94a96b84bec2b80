"""Keyed pseudonymisation of BSN (docs/design.md): the only module that turns a `bsn` column into `client_id`.

client_id = hex(HMAC-SHA256(key, bsn)), computed by DuckDB while the rows are inserted (vectorised, on every core):
the BSN reaches DuckDB only as a column of the registered in-memory frame being inserted, never a table.
HMAC(K, m) = SHA256((K' xor opad) || SHA256((K' xor ipad) || m)), K' = the key padded to the 64-byte block (RFC 2104).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


from ingest.readers import ROW_NUMBER
from ingest.schemas.rules import UNKNOWN_BSN

BSN = "bsn"
AGB = "agb"
CLIENT_ID = "client_id"
RECORD_KEYS = {"trajecten": "traject_id", "wachtlijst": ROW_NUMBER}  # per-record id for the unknown BSN
BLOCK_BYTES = 64


def _pads(key: bytes) -> tuple[bytes, bytes]:
    """(K' xor ipad, K' xor opad) for HMAC-SHA256."""
    block = (hashlib.sha256(key).digest() if len(key) > BLOCK_BYTES else key).ljust(BLOCK_BYTES, b"\0")
    return bytes(b ^ 0x36 for b in block), bytes(b ^ 0x5C for b in block)


def pseudonymised_select(frame: str, columns: Sequence[str], key: bytes, record_key: str) -> tuple[str, dict]:
    """A SELECT (and its parameters) of the rows of the registered `frame` with `bsn` replaced by `client_id` in its
    place; the frame may hold deliveries of several providers.

    The unknown BSN 999999999 gets a per-record id HMAC(key, "onbekend|<agb>|<record_key value>") from the row's
    `agb` column, with record_key `traject_id` (trajecten) or `rij_nr` (wachtlijst).
    """
    inner, outer = _pads(key)
    message = (f"CASE WHEN {BSN} = '{UNKNOWN_BSN}' THEN concat('onbekend|', {AGB}, '|', CAST({record_key} AS VARCHAR)) "
               f"ELSE {BSN} END")
    digest = f"sha256($outer::BLOB || unhex(sha256($inner::BLOB || encode({message}))))"
    select = ", ".join(f"{digest} AS {CLIENT_ID}" if name == BSN else f'"{name}"' for name in columns)
    return f"SELECT {select} FROM {frame}", {"inner": inner, "outer": outer}
