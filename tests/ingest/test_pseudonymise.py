from __future__ import annotations

import hashlib
import hmac

import duckdb
import polars as pl

from ingest.pseudonymise import pseudonymised_select

KEY = b"sleutel-van-16-tekens"


def expected(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def frame() -> pl.DataFrame:
    return pl.DataFrame({"rij_nr": [1, 2, 3, 4], "traject_id": ["T1", "T2", "T3", "T4"],
                         "bsn": ["111222333", "111222333", "999999999", "999999999"], "agb": ["12345678"] * 4},
                        schema_overrides={"rij_nr": pl.Int32})


def pseudonymise(df: pl.DataFrame, key: bytes, record_key: str) -> pl.DataFrame:
    """The rows as DuckDB selects them for the insert into raw.*."""
    with duckdb.connect() as conn:
        conn.register("rows", df.to_arrow())
        sql, params = pseudonymised_select("rows", df.columns, key, record_key)
        cursor = conn.execute(sql, params)
        return pl.DataFrame(cursor.fetchall(), schema=[column[0] for column in cursor.description], orient="row")


def test_same_bsn_same_id_and_bsn_column_replaced():
    out = pseudonymise(frame(), KEY, "traject_id")
    assert out.columns == ["rij_nr", "traject_id", "client_id", "agb"]
    ids = out["client_id"].to_list()
    assert ids[0] == ids[1] == expected(KEY, "111222333")
    assert len(ids[0]) == 64


def test_unknown_bsn_gets_a_per_record_id():
    by_traject = pseudonymise(frame(), KEY, "traject_id")["client_id"].to_list()
    assert by_traject[2:] == [expected(KEY, "onbekend|12345678|T3"), expected(KEY, "onbekend|12345678|T4")]
    by_row = pseudonymise(frame(), KEY, "rij_nr")["client_id"].to_list()
    assert by_row[2:] == [expected(KEY, "onbekend|12345678|3"), expected(KEY, "onbekend|12345678|4")]


def test_different_key_gives_different_id():
    first = pseudonymise(frame(), KEY, "traject_id")["client_id"][0]
    second = pseudonymise(frame(), b"een-andere-sleutel-123", "traject_id")["client_id"][0]
    assert first != second


def test_keys_longer_than_a_block_are_hashed_first():
    long_key = b"k" * 100  # RFC 2104: a key longer than the 64-byte block is replaced by its SHA-256
    assert pseudonymise(frame(), long_key, "traject_id")["client_id"][0] == expected(long_key, "111222333")


def test_unknown_bsn_uses_each_rows_provider():
    rows = frame().with_columns(agb=pl.Series(["12345678", "87654321", "12345678", "87654321"]))
    ids = pseudonymise(rows, KEY, "traject_id")["client_id"].to_list()
    assert ids[0] == ids[1] == expected(KEY, "111222333")  # a known BSN is the same client at any provider
    assert ids[2:] == [expected(KEY, "onbekend|12345678|T3"), expected(KEY, "onbekend|87654321|T4")]
