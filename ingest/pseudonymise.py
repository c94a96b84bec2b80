"""Keyed pseudonymisation of BSN (docs/design.md): the only module that turns a `bsn` column into `client_id`."""

from __future__ import annotations

import hashlib
import hmac

import polars as pl

from ingest.readers import ROW_NUMBER
from ingest.schemas.rules import UNKNOWN_BSN

BSN = "bsn"
AGB = "agb"
CLIENT_ID = "client_id"
RECORD_KEYS = {"trajecten": "traject_id", "wachtlijst": ROW_NUMBER}  # per-record id for the unknown BSN


def hmac_hex(key: bytes, values: pl.Series) -> pl.Series:
    """hex(HMAC-SHA256(key, value)) per value, computed once per distinct value."""
    keyed = hmac.new(key, digestmod=hashlib.sha256)  # the key schedule once; a copy per value

    def digest(value: str) -> str:
        mac = keyed.copy()
        mac.update(value.encode("utf-8"))
        return mac.hexdigest()

    distinct = values.unique().drop_nulls().to_list()
    return values.replace_strict({v: digest(v) for v in distinct}, default=None, return_dtype=pl.String)


def pseudonymise(df: pl.DataFrame, key: bytes, record_key: str) -> pl.DataFrame:
    """Replace `bsn` by `client_id`, in place of the column; `df` may hold deliveries of several providers.

    The unknown BSN 999999999 gets a per-record id HMAC(key, "onbekend|<agb>|<record_key value>") from the row's
    `agb` column, with record_key `traject_id` (trajecten) or `rij_nr` (wachtlijst).
    """
    message = (
        pl.when(pl.col(BSN) == UNKNOWN_BSN)
        .then(pl.format("onbekend|{}|{}", pl.col(AGB), pl.col(record_key).cast(pl.String)))
        .otherwise(pl.col(BSN))
    )
    messages = df.select(message.alias(CLIENT_ID)).to_series()
    position = df.columns.index(BSN)
    return df.drop(BSN).insert_column(position, hmac_hex(key, messages))
