from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
import xlsxwriter

from ingest.readers import read_cells, read_cells_many, read_delivery
from ingest.readers.csv import sniff_separator
from ingest.readers.stacked import read_stacked
from ingest.reasons import EMPTY_FILE, ENCODING, UNREADABLE, UNSUPPORTED_FORMAT, DeliveryFileError

EXPECTED = ["traject_id", "bsn", "datum_aanvang"]


def read(path):
    return read_delivery(path, EXPECTED)


@pytest.mark.parametrize("sep", [";", ","])
def test_csv_separator_is_sniffed_and_headers_normalised(tmp_path, sep):
    path = tmp_path / "x.csv"
    path.write_text(f" Traject_ID {sep}BSN{sep}Datum_Aanvang\nT1{sep} 111222333 {sep}20240301\nT2{sep}{sep}\n")
    df = read(path)
    assert df.columns == ["rij_nr", "traject_id", "bsn", "datum_aanvang"]
    assert df.rows() == [(1, "T1", "111222333", "20240301"), (2, "T2", None, None)]


def test_sniff_prefers_semicolon_on_a_tie():
    assert sniff_separator("a;b,c\n") == ";"
    assert sniff_separator("a,b,c;d\n") == ","


def test_utf8_bom_and_blank_rows_keep_file_row_numbers(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("\ufefftraject_id;omschrijving\nT1;café\n;\nT3;x\n".encode("utf-8"))
    df = read(path)
    assert df.columns == ["rij_nr", "traject_id", "omschrijving"]
    assert df.rows() == [(1, "T1", "café"), (3, "T3", "x")]


def test_windows_1252_is_transcoded(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("traject_id;naam\nT1;Zoë en José – €\n".encode("cp1252"))
    assert read(path)["naam"].to_list() == ["Zoë en José – €"]


def test_field_longer_than_10000_chars_is_read(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("traject_id;bsn\n" + "A" * 20_000 + ";111222333\n")
    assert read(path)["traject_id"].str.len_chars().to_list() == [20_000]


def test_xlsx_with_title_rows_dates_and_numbers(tmp_path):
    path = tmp_path / "x.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Levering")
    sheet.write(0, 0, "Levering trajecten maart 2024")
    sheet.write_row(2, 0, ["Traject_ID", "BSN", "Datum_aanvang", "Hulpvorm"])
    sheet.write_row(3, 0, ["T1", 111222333, "20240301", 1])
    sheet.write_row(4, 0, ["T2", "123456782"])
    sheet.write_datetime(4, 2, dt.datetime(2024, 3, 5), workbook.add_format({"num_format": "dd-mm-yyyy"}))
    sheet.write(4, 3, "11")
    workbook.close()
    df = read(path)
    assert df.columns == ["rij_nr", "traject_id", "bsn", "datum_aanvang", "hulpvorm"]
    assert df.rows() == [(1, "T1", "111222333", "20240301", "1"), (2, "T2", "123456782", "2024-03-05 00:00:00", "11")]


@pytest.mark.parametrize(("name", "content", "code"), [
    ("leeg.csv", b"", EMPTY_FILE),
    ("bom.csv", b"\xef\xbb\xbf\n", EMPTY_FILE),
    ("kop.csv", b"traject_id;bsn\n", EMPTY_FILE),
    ("quote.csv", b'traject_id;bsn\n"T1;111222333\n', UNREADABLE),
    ("ragged.csv", b"traject_id;bsn\nT1;111222333;extra\n", UNREADABLE),
    ("binair.csv", b"traject_id;bsn\nT1;\x81\x8d\n", ENCODING),
    ("utf16.csv", "traject_id;bsn\n".encode("utf-16"), ENCODING),
    ("kapot.xlsx", b"PK\x03\x04 afgebroken", UNREADABLE),
    ("x.xls", b"traject_id\n", UNSUPPORTED_FORMAT),
])
def test_file_level_errors_carry_reason_code(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DeliveryFileError) as raised:
        read(path)
    assert raised.value.reden_code == code
    assert raised.value.__cause__ is None  # reader messages can quote cells: never chained


def test_cells_are_strings_and_empty_is_null(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a;b\n  ;0917\n")
    df = read(path)
    assert df.schema == pl.Schema({"rij_nr": pl.Int32, "a": pl.String, "b": pl.String})
    assert df.row(0) == (1, None, "0917")


# (name, bytes, stacked): files of one chunk; `stacked` says whether read_cells_many may parse it together with the
# others of its header line. Their cells must equal a read of each file on its own.
CHUNK = [
    ("plain.csv", b"traject_id;bsn;datum_aanvang\nT1;111222333;20240301\nT2;;20240302\n", True),
    ("crlf_blank_short.csv", b"traject_id;bsn;datum_aanvang\r\nT3;111222333;20240301\r\n\r\nT4;999\r\n", True),
    ("no_final_newline.csv", b"\xef\xbb\xbftraject_id;bsn;datum_aanvang\nT5;1;2", True),
    ("header_only.csv", b"traject_id;bsn;datum_aanvang\n", True),
    ("trailing_blank_lines.csv", b"traject_id;bsn;datum_aanvang\nT6;1;2\n\n\n", True),
    ("comma.csv", b"traject_id,bsn,datum_aanvang\nT7,1,2\n", True),
    ("quoted.csv", b'traject_id;bsn;datum_aanvang\n"T8\nT9";1;2\n', False),
    ("cp1252.csv", "traject_id;bsn;datum_aanvang\nT10;caf\u00e9;2\n".encode("cp1252"), False),
    ("repeated_column.csv", b"traject_id;traject_id;bsn\nT11;1;2\n", False),
    ("empty.csv", b"", False),
]


def test_files_read_together_equal_files_read_alone(tmp_path):
    files = []
    for name, content, _ in CHUNK:
        (tmp_path / name).write_bytes(content)
        files.append((tmp_path / name, content))
    together = read_cells_many(files, EXPECTED)
    for (path, content), result in zip(files, together):
        try:
            alone = read_cells(path, EXPECTED)
        except DeliveryFileError as error:
            assert isinstance(result, DeliveryFileError) and result.reden_code == error.reden_code, path.name
        else:
            assert isinstance(result, pl.DataFrame), path.name
            assert (result.columns, result.rows()) == (alone.columns, alone.rows()), path.name
    assert sorted(read_stacked([content for _, content, _ in CHUNK])) == [
        i for i, (_, _, stacked) in enumerate(CHUNK) if stacked]
    crlf = together[1]
    assert crlf.rows() == [("T3", "111222333", "20240301"), (None, None, None), ("T4", "999", None)]


def test_a_stack_polars_refuses_is_read_file_by_file(tmp_path):
    good = b"traject_id;bsn;datum_aanvang\nT1;1;2\n"
    too_many = b"traject_id;bsn;datum_aanvang\nT2;1;2;3;4\n"
    files = [(tmp_path / "good.csv", good), (tmp_path / "bad.csv", too_many)]
    good_cells, bad = read_cells_many(files, EXPECTED)
    assert good_cells.rows() == [("T1", "1", "2")]
    assert isinstance(bad, DeliveryFileError) and bad.reden_code == UNREADABLE
