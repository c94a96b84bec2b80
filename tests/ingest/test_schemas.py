from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandera.polars as pa
import polars as pl
import pytest

from ingest.readers.frames import normalise_frame
from ingest.reasons import MISSING_COLUMNS, DeliveryFileError
from ingest.schemas import KINDS, validate_batch, validate_delivery
from ingest.schemas.rules import DELIVERY, LAST_DAY, elfproef, rows_passing
from tests.ingest.conftest import DECLARATIE, TRAJECT, WACHTENDE

MARCH = date(2024, 3, 1)
TEMPLATES = {"trajecten": TRAJECT, "declaraties": DECLARATIE, "wachtlijst": WACHTENDE}


def validate(soort: str, rows: list[dict[str, str]]):
    template = TEMPLATES[soort]
    frame = pl.DataFrame([{**template, **row} for row in rows], schema={c: pl.String for c in template})
    return validate_delivery(soort, frame, MARCH)


def reasons(result) -> list[tuple[int, str, str]]:
    return result.rejects.select("rij_nr", "kolom", "reden_code").rows()


@pytest.mark.parametrize(("bsn", "valid"), [
    ("111222333", True), ("123456782", True), ("123456789", False), ("111222334", False), ("000000000", False),
])
def test_elfproef(bsn, valid):
    assert pl.select(elfproef(pl.lit(bsn))).item() is valid


ROW_CASES = [
    ("trajecten", {"bsn": ""}, [("bsn", "REQUIRED_MISSING")]),
    ("trajecten", {"bsn": "12345678"}, [("bsn", "BSN_FORMAT")]),
    ("trajecten", {"bsn": "123456789"}, [("bsn", "BSN_ELFPROEF")]),
    ("trajecten", {"datum_aanvang": "20240230"}, [("datum_aanvang", "DATE_INVALID")]),
    ("trajecten", {"geboortedatum": "2010-13-01"}, [("geboortedatum", "DATE_INVALID")]),
    ("trajecten", {"datum_aanvang": "20240401"}, [("datum_aanvang", "DATE_FUTURE")]),
    ("trajecten", {"datum_einde": "2024-04-01", "reden_beeindiging": "01"}, [("datum_einde", "DATE_FUTURE")]),
    ("trajecten", {"datum_einde": "20240229", "reden_beeindiging": "01"}, [("datum_einde", "DATE_ORDER")]),
    ("trajecten", {"datum_einde": "20240315"}, [("reden_beeindiging", "REDEN_IFF_EINDE")]),
    ("trajecten", {"reden_beeindiging": "01"}, [("reden_beeindiging", "REDEN_IFF_EINDE")]),
    ("trajecten", {"geslacht": "X"}, [("geslacht", "CODE_UNKNOWN")]),
    ("trajecten", {"hulpvorm": "05"}, [("hulpvorm", "CODE_UNKNOWN")]),
    ("trajecten", {"verwijzer": "07"}, [("verwijzer", "CODE_UNKNOWN")]),
    ("trajecten", {"gestart_met_crisis": "03"}, [("gestart_met_crisis", "CODE_UNKNOWN")]),
    ("trajecten", {"datum_einde": "20240320", "reden_beeindiging": "06"}, [("reden_beeindiging", "CODE_UNKNOWN")]),
    ("trajecten", {"gemeentecode": "GM917"}, [("gemeentecode", "GEMEENTECODE_FORMAT")]),
    ("trajecten", {"productcode": "45A0"}, [("productcode", "PRODUCTCODE_FORMAT")]),
    ("trajecten", {"traject_id": "=HYPERLINK(1)"}, [("traject_id", "FORMULA_INJECTION")]),
    ("trajecten", {"traject_id": "@SUM(A1)"}, [("traject_id", "FORMULA_INJECTION")]),
    ("trajecten", {"traject_id": "A" * 20_000}, [("traject_id", "TEXT_TOO_LONG")]),
    ("declaraties", {"volume": "1.000,5"}, [("volume", "NUMBER_INVALID")]),
    ("declaraties", {"tarief": "abc"}, [("tarief", "NUMBER_INVALID")]),
    ("declaraties", {"bedrag": "855,02"}, [("bedrag", "BEDRAG_MISMATCH")]),
    ("declaraties", {"periode": "202413"}, [("periode", "PERIODE_INVALID")]),
    ("declaraties", {"periode": "2024-03"}, [("periode", "PERIODE_INVALID")]),
    ("declaraties", {"periode": "202404"}, [("periode", "DATE_FUTURE")]),
    ("declaraties", {"eenheid": "02"}, [("eenheid", "CODE_UNKNOWN")]),
    ("declaraties", {"productcode": "+A1B2"}, [("productcode", "FORMULA_INJECTION"),
                                                ("productcode", "PRODUCTCODE_FORMAT")]),
    ("wachtlijst", {"overbrugging": "X"}, [("overbrugging", "CODE_UNKNOWN")]),
    ("wachtlijst", {"aanmelddatum": "20240401"}, [("aanmelddatum", "DATE_FUTURE")]),
    ("wachtlijst", {"bsn": "111222334"}, [("bsn", "BSN_ELFPROEF")]),
    ("wachtlijst", {"gemeentecode": ""}, [("gemeentecode", "REQUIRED_MISSING")]),
]


@pytest.mark.parametrize(("soort", "row", "expected"), ROW_CASES)
def test_row_reason_codes(soort, row, expected):
    result = validate(soort, [{}, row, {}] if soort != "trajecten" else [{}, {"traject_id": "T2", **row},
                                                                         {"traject_id": "T3"}])
    assert reasons(result) == [(2, kolom, code) for kolom, code in expected]
    assert result.accepted["rij_nr"].to_list() == [1, 3]
    assert (result.rows_read, result.rows_rejected) == (3, 1)


def test_rejects_carry_value_and_dutch_message_but_never_the_bsn():
    result = validate("trajecten", [{"bsn": "123456789", "geslacht": "X", "traject_id": "A" * 300}])
    rejects = {r["reden_code"]: r for r in result.rejects.iter_rows(named=True)}
    assert rejects["BSN_ELFPROEF"]["waarde"] is None
    assert rejects["CODE_UNKNOWN"] == {"rij_nr": 1, "kolom": "geslacht", "reden_code": "CODE_UNKNOWN",
                                       "melding": "Kolom 'geslacht' bevat een onbekende code.", "waarde": "X"}
    assert rejects["TEXT_TOO_LONG"]["waarde"] == "A" * 200
    assert result.rows_rejected == 1  # three reasons, one rejected row
    assert "123456789" not in str(result.rejects.rows())


def test_duplicate_traject_id_rejects_every_copy():
    result = validate("trajecten", [{"traject_id": "T1"}, {"traject_id": "T2"}, {"traject_id": "T1"}])
    assert reasons(result) == [(1, "traject_id", "DUPLICATE_TRAJECT_ID"), (3, "traject_id", "DUPLICATE_TRAJECT_ID")]
    assert result.accepted["traject_id"].to_list() == ["T2"]


def test_trajecten_are_typed_and_normalised():
    result = validate("trajecten", [{"geslacht": "2", "gemeentecode": "0917", "geboortedatum": "20100000",
                                     "hulpvorm": "1", "productcode": "45a01", "datum_einde": "2024-03-31",
                                     "reden_beeindiging": "1", "traject_id": "-12"}])
    assert result.rejects.height == 0
    row = result.accepted.row(0, named=True)
    assert row == {"rij_nr": 1, "traject_id": "-12", "bsn": "111222333", "geboortedatum": date(2010, 1, 1),
                   "geslacht": "V", "gemeentecode": "GM0917", "productcode": "45A01", "hulpvorm": "01",
                   "verwijzer": "02", "gestart_met_crisis": "02", "aanmelddatum": date(2024, 2, 10),
                   "datum_aanvang": date(2024, 3, 1), "datum_einde": date(2024, 3, 31), "reden_beeindiging": "01"}


def test_declaraties_decimals_credit_and_euro_unit():
    result = validate("declaraties", [{}, {"volume": "-10", "bedrag": "-855.01"},
                                      {"eenheid": "83", "volume": "1", "tarief": "1", "bedrag": "250"}])
    assert result.rejects.height == 0
    assert result.accepted.select("periode", "volume", "tarief", "bedrag").rows() == [
        (date(2024, 3, 1), 10.0, Decimal("85.5000"), Decimal("855.00")),
        (date(2024, 3, 1), -10.0, Decimal("85.5000"), Decimal("-855.01")),
        (date(2024, 3, 1), 1.0, Decimal("1.0000"), Decimal("250.00")),
    ]


def test_wachtlijst_typed():
    result = validate("wachtlijst", [{"overbrugging": "j"}, {"bsn": "999999999"}])
    assert result.accepted.select("bsn", "gemeentecode", "aanmelddatum", "overbrugging").rows() == [
        ("123456782", "GM0917", date(2024, 1, 15), True), ("999999999", "GM0917", date(2024, 1, 15), False)]


def test_missing_required_column_fails_the_file_and_optional_column_may_be_absent():
    frame = pl.DataFrame([{k: v for k, v in TRAJECT.items() if k not in ("bsn", "aanmelddatum")}])
    with pytest.raises(DeliveryFileError) as raised:
        validate_delivery("trajecten", frame, MARCH)
    assert raised.value.reden_code == MISSING_COLUMNS
    assert raised.value.melding.endswith(": bsn")
    frame = pl.DataFrame([{k: v for k, v in TRAJECT.items() if k != "aanmelddatum"}])
    assert validate_delivery("trajecten", frame, MARCH).accepted["aanmelddatum"].to_list() == [None]


def test_batch_keeps_rules_per_delivery():
    template = {c: pl.String for c in TRAJECT}
    february = pl.DataFrame([{**TRAJECT, "datum_aanvang": "20240201"}, {**TRAJECT, "traject_id": "T2"}],
                            schema=template)
    march = pl.DataFrame([{**TRAJECT, "datum_aanvang": "20240201"}, {**TRAJECT, "traject_id": "T2"}], schema=template)
    batch = validate_batch("trajecten", [(february, date(2024, 2, 1)), (march, MARCH)])
    first, second = batch.result(0), batch.result(1)
    assert reasons(first) == [(2, "datum_aanvang", "DATE_FUTURE")]  # 2024-03-01 is after February
    assert first.accepted["traject_id"].to_list() == ["T1"]
    assert second.rejects.height == 0  # T1 in both deliveries is no duplicate
    assert second.accepted["rij_nr"].to_list() == [1, 2]


@pytest.mark.parametrize("soort", sorted(KINDS))
def test_one_pass_rule_test_flags_exactly_the_rows_pandera_fails(soort):
    """validate_batch hands pandera only the rows `rows_passing` flags: on a batch with every reason code (and a
    duplicate traject_id, and good rows) pandera over all rows fails exactly those rows."""
    template = TEMPLATES[soort]
    rows = [{}, {}] + [row for kind, row, _ in ROW_CASES if kind == soort]
    if soort == "trajecten":
        rows = [{"traject_id": f"T{i}", **row} for i, row in enumerate(rows)] + [{"traject_id": "T0"}]
    cells = pl.DataFrame([{**template, **row} for row in rows], schema={c: pl.String for c in template})
    batch = normalise_frame(cells.with_columns(pl.lit(0, pl.Int32).alias(DELIVERY)), by=DELIVERY).with_columns(
        pl.lit(date(2024, 3, 31)).alias(LAST_DAY)).select(list(KINDS[soort].schema.columns))
    flagged = set(batch.with_row_index().filter(~rows_passing(KINDS[soort].schema))["index"])
    with pytest.raises(pa.errors.SchemaErrors) as raised:
        KINDS[soort].schema.validate(batch, lazy=True)
    assert flagged == set(raised.value.failure_cases["index"])
    good = 1 if soort == "trajecten" else 2  # T0 and its copy fail as duplicates, T1 stays good
    assert len(flagged) == len(rows) - good
