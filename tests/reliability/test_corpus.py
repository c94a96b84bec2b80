"""A corpus of malformed provider deliveries and CBS exports, landed in one run next to good files.

Every bad file is quarantined or has its rows rejected with a precise reason; the good files land; for every file
rows read = rows accepted + rows rejected, and those counts match the raw tables; no BSN leaks into the warehouse,
the quarantine reasons or the log.
"""

from __future__ import annotations

import io
import json
import logging
import shutil
from dataclasses import dataclass
from datetime import date

import duckdb
import pytest
import xlsxwriter

from ingest.cbs.land import land_cbs
from ingest.land import land_all
from tests.cbs.fixtures import write_85098ned
from tests.ingest.conftest import DECLARATIE, TRAJECT, WACHTENDE, csv_text
from tests.reliability.conftest import bsns_in_duckdb, bsns_in_files, input_bsns

TODAY = date(2024, 4, 15)
MONTH = "202403"
BAD_BSN = "123456789"  # fails the elfproef
BIG = "X" * (10 * 1024 * 1024)  # a 10 MB cell


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    for index, row in enumerate(rows):
        sheet.write_row(index, 0, row)
    workbook.close()
    return buffer.getvalue()


def traject(*rows: dict, sep: str = ";", template: dict = TRAJECT) -> str:
    return csv_text(template, [{"traject_id": f"T{i}", **row} for i, row in enumerate(rows, 1)], sep)


XLSX_NAME = "{agb}_{month}_wachtlijst.xlsx"
GOOD_XLSX = xlsx_bytes([["Wachtlijst maart 2024"], ["Aanbieder 10000000"], [], list(WACHTENDE),
                        list(WACHTENDE.values()), ["999999999", "0917", "45A01", "20240301", "J"]])


@dataclass(frozen=True)
class Case:
    fault: str
    soort: str
    content: str | bytes
    expected: tuple  # (status, file reason, rows read, accepted, rejected)
    row_codes: frozenset = frozenset()
    name: str | None = None  # file name when not <agb>_<month>_<soort>.csv
    encoding: str = "utf-8"


def case(fault, soort, content, status, reason=None, counts=(0, 0, 0), codes=(), **kwargs) -> Case:
    return Case(fault, soort, content, (status, reason, *counts), frozenset(codes), **kwargs)


Q, R, A = "quarantined", "rejected", "accepted"
CASES = [
    # good files (must land next to the bad ones)
    case("good trajecten", "trajecten", traject({}, {"bsn": "123456782"}), A, counts=(2, 2, 0)),
    case("good cp1252 declaraties", "declaraties", csv_text(DECLARATIE, [{"traject_id": "Të1"}]), A,
         counts=(1, 1, 0), encoding="cp1252"),
    case("xlsx with extra title rows", "wachtlijst", GOOD_XLSX, A, counts=(2, 2, 0), name=XLSX_NAME),
    case("extra column", "wachtlijst", csv_text({**WACHTENDE, "opmerking": "x"}, [{}]), A, counts=(1, 1, 0)),
    case("optional columns absent", "trajecten",
         traject({}, template={k: v for k, v in TRAJECT.items()
                               if k not in ("aanmelddatum", "datum_einde", "reden_beeindiging")}), A, counts=(1, 1, 0)),
    # file level
    case("tab delimiter", "trajecten", traject({}, sep="\t"), Q, "MISSING_COLUMNS"),
    case("pipe delimiter", "declaraties", csv_text(DECLARATIE, [{}], sep="|"), Q, "MISSING_COLUMNS"),
    case("utf-16 encoding", "trajecten", traject({}).encode("utf-16"), Q, "ENCODING"),
    case("bytes in neither utf-8 nor cp1252", "trajecten", traject({}).encode() + b"T9;\x81\n", Q, "ENCODING"),
    case("missing bsn column", "trajecten", traject({}, template={k: v for k, v in TRAJECT.items() if k != "bsn"}),
         Q, "MISSING_COLUMNS"),
    case("row with more fields than the header", "trajecten", traject({}) + "T9;" + ";".join(TRAJECT.values()) + ";x\n",
         Q, "UNREADABLE"),
    case("column name twice in the header", "wachtlijst", "bsn;bsn;gemeentecode;productcode;aanmelddatum;overbrugging\n"
         "111222333;111222333;0917;45A01;20240115;N\n", Q, "UNREADABLE"),
    case("column name twice in an xlsx header", "wachtlijst", xlsx_bytes([["bsn", *WACHTENDE],
         ["111222333", *WACHTENDE.values()]]), Q, "UNREADABLE", name=XLSX_NAME),
    case("truncated inside a quoted field", "trajecten", traject({}, {}).replace("T2;", '"T2;')[:-20], Q, "UNREADABLE"),
    case("truncated xlsx", "wachtlijst", GOOD_XLSX[: len(GOOD_XLSX) // 2], Q, "UNREADABLE",
         name=XLSX_NAME),
    case("csv saved as .xlsx", "wachtlijst", csv_text(WACHTENDE, [{}]), Q, "UNREADABLE", name=XLSX_NAME),
    case("empty file", "trajecten", b"", Q, "EMPTY_FILE"),
    case("header only", "declaraties", csv_text(DECLARATIE, []), Q, "EMPTY_FILE"),
    case("blank lines only", "wachtlijst", "\n\n\n", Q, "EMPTY_FILE"),
    case("wrong extension", "trajecten", traject({}), Q, "UNSUPPORTED_FORMAT", name="{agb}_{month}_trajecten.txt"),
    case("delivery month in the future", "trajecten", traject({}), Q, "BAD_FILENAME",
         name="{agb}_202405_trajecten.csv"),
    case("shell characters in the name", "trajecten", traject({}), Q, "BAD_FILENAME",
         name="$(touch pwned)_{month}_trajecten.csv"),
    case("shell separator in the name", "trajecten", traject({}), Q, "BAD_FILENAME",
         name="{agb}_{month}_trajecten.csv;rm -rf ~"),
    case("path traversal in the name", "trajecten", traject({}), Q, "BAD_FILENAME",
         name="x\\..\\..\\{agb}_{month}_trajecten.csv"),
    case("backticks in the name", "trajecten", traject({}), Q, "BAD_FILENAME", name="`id`_{month}_trajecten.csv"),
    case("same bytes as the good trajecten file", "trajecten", traject({}, {"bsn": "123456782"}), R,
         "DUPLICATE_CONTENT", name="kopie/10000000_{month}_trajecten.csv"),
    case("every row invalid", "trajecten", traject({"bsn": BAD_BSN}, {"geslacht": "X"}), R, "NO_VALID_ROWS",
         (2, 0, 2), ("BSN_ELFPROEF", "CODE_UNKNOWN")),
    # row level (each file also has one good row)
    case("bsn failing the elfproef", "trajecten", traject({}, {"bsn": BAD_BSN}), A, counts=(2, 1, 1),
         codes=["BSN_ELFPROEF"]),
    case("bsn of 8 digits", "wachtlijst", csv_text(WACHTENDE, [{}, {"bsn": "12345678"}]), A, counts=(2, 1, 1),
         codes=["BSN_FORMAT"]),
    case("end before start", "trajecten", traject({}, {"datum_einde": "20240201", "reden_beeindiging": "01"}), A,
         counts=(2, 1, 1), codes=["DATE_ORDER"]),
    case("unknown geslacht and hulpvorm", "trajecten", traject({}, {"geslacht": "Q"}, {"hulpvorm": "99"}), A,
         counts=(3, 1, 2), codes=["CODE_UNKNOWN"]),
    case("unknown eenheid", "declaraties", csv_text(DECLARATIE, [{}, {"eenheid": "77"}]), A, counts=(2, 1, 1),
         codes=["CODE_UNKNOWN"]),
    case("unknown overbrugging", "wachtlijst", csv_text(WACHTENDE, [{}, {"overbrugging": "misschien"}]), A,
         counts=(2, 1, 1), codes=["CODE_UNKNOWN"]),
    case("duplicate traject_id", "trajecten", traject({}, {"traject_id": "T1"}, {}), A, counts=(3, 1, 2),
         codes=["DUPLICATE_TRAJECT_ID"]),
    case("truncated in the middle of the last row", "trajecten",
         traject({}) + "T9;111222333;20100315;V;GM09\n", A, counts=(2, 1, 1),
         codes=["GEMEENTECODE_FORMAT", "REQUIRED_MISSING"]),
    case("10 MB single field", "trajecten", traject({}, {"traject_id": BIG}), A, counts=(2, 1, 1),
         codes=["TEXT_TOO_LONG"]),
    case("thousands separator", "declaraties", csv_text(DECLARATIE, [{}, {"bedrag": "1.234,56"}]), A,
         counts=(2, 1, 1), codes=["NUMBER_INVALID"]),
    case("decimal comma in a comma separated file", "declaraties", csv_text(DECLARATIE, [{}], sep=","), Q,
         "UNREADABLE"),
    case("decimal comma read as thousands", "declaraties", csv_text(DECLARATIE, [{}, {"volume": "10,5"}]), A,
         counts=(2, 1, 1), codes=["BEDRAG_MISMATCH"]),
    case("start after the delivery month", "trajecten", traject({}, {"datum_aanvang": "20240415"}), A,
         counts=(2, 1, 1), codes=["DATE_FUTURE"]),
    case("birth date in the future", "trajecten", traject({}, {"geboortedatum": "20300101"}), A, counts=(2, 1, 1),
         codes=["DATE_FUTURE"]),
    case("impossible date", "trajecten", traject({}, {"datum_aanvang": "20230230"}), A, counts=(2, 1, 1),
         codes=["DATE_INVALID"]),
    case("einde without reden", "trajecten", traject({}, {"datum_einde": "20240310"}), A, counts=(2, 1, 1),
         codes=["REDEN_IFF_EINDE"]),
    case("periode month 13", "declaraties", csv_text(DECLARATIE, [{}, {"periode": "202413"}]), A, counts=(2, 1, 1),
         codes=["PERIODE_INVALID"]),
    case("formula injection", "trajecten", traject({}, {"traject_id": '"=HYPERLINK(""http://x.nl"";""klik"")"'}), A,
         counts=(2, 1, 1), codes=["FORMULA_INJECTION"]),
    case("formula in a code column", "wachtlijst", csv_text(WACHTENDE, [{}, {"gemeentecode": "@SUM(A1)"}]), A,
         counts=(2, 1, 1), codes=["FORMULA_INJECTION", "GEMEENTECODE_FORMAT"]),
    case("required value missing", "trajecten", traject({}, {"datum_aanvang": ""}), A, counts=(2, 1, 1),
         codes=["REQUIRED_MISSING"]),
]


def file_name(index: int, item: Case) -> str:
    agb, template = f"{10000000 + index}", item.name or "{agb}_{month}_{soort}.csv"
    return template.format(agb=agb, month=MONTH, soort=item.soort)


def rows(settings, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


@pytest.fixture
def landed(settings, landing, caplog):
    caplog.set_level(logging.DEBUG)
    names = [file_name(i, item) for i, item in enumerate(CASES)]
    for name, item in zip(names, CASES):
        landing.write(name, item.content, item.encoding)
    result = land_all(settings, "corpus", TODAY)
    return {outcome.path.removeprefix("aanleveringen/"): outcome for outcome in result.files}, names


def test_corpus_has_at_least_30_malformed_files():
    assert sum(1 for item in CASES if item.expected[1] or item.row_codes) >= 30


def test_every_file_gets_its_reason_and_rows_add_up(settings, landed):
    outcomes, names = landed
    assert len(outcomes) == len(CASES)
    for name, item in zip(names, CASES):
        outcome = outcomes[name]
        got = (outcome.status, outcome.reason_code, outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected)
        assert got == item.expected, item.fault
        assert outcome.rows_read == outcome.rows_accepted + outcome.rows_rejected, item.fault
        lineage = rows(settings, "select status, reden_code, rijen_gelezen, rijen_geaccepteerd, rijen_afgewezen "
                                 "from raw.leveringen where levering_id = ?", [outcome.levering_id])
        assert lineage == [got], item.fault
        stored = rows(settings, f"select count(*) from raw.{item.soort} where levering_id = ?", [outcome.levering_id])
        rejected = rows(settings, "select count(distinct rij_nr), coalesce(list(distinct reden_code order by "
                                  "reden_code), []) from raw.afgewezen_rijen where levering_id = ?",
                        [outcome.levering_id])
        assert stored == [(outcome.rows_accepted if outcome.status == A else 0,)], item.fault
        assert rejected == [(outcome.rows_rejected, sorted(item.row_codes))], item.fault
        if outcome.status in (Q, R):
            reden = json.loads((settings.quarantine_dir / f"{outcome.levering_id}__{name.rsplit('/', 1)[-1]}"
                                ".reden.json").read_text(encoding="utf-8"))
            assert (reden["status"], reden["reden_code"]) == (outcome.status, outcome.reason_code), item.fault
            assert reden["melding"], item.fault


def test_hostile_names_stay_inside_quarantine_and_run_nothing(settings, landed):
    outcomes, names = landed
    quarantined = {p.name for p in settings.quarantine_dir.iterdir()}
    for name in names:
        if "$(" in name or "`" in name or ";rm" in name or "\\" in name:
            assert f"{outcomes[name].levering_id}__{name}" in quarantined
    assert not list(settings.data_dir.rglob("pwned")) and not (settings.data_dir.parent / "pwned").exists()


def test_huge_and_formula_values_are_stored_cut_and_inert(settings, landed):
    outcomes, names = landed
    by_fault = {item.fault: outcomes[name].levering_id for name, item in zip(names, CASES)}
    [(length,)] = rows(settings, "select length(waarde) from raw.afgewezen_rijen where levering_id = ?",
                       [by_fault["10 MB single field"]])
    assert length == 200
    assert rows(settings, "select waarde from raw.afgewezen_rijen where levering_id = ?",
                [by_fault["formula injection"]]) == [('=HYPERLINK("http://x.nl";"klik")',)]
    # Nothing starting with a formula character reached the accepted rows.
    assert rows(settings, "select count(*) from raw.trajecten where regexp_matches(traject_id, '^[=+@-]')") == [(0,)]


def test_no_bsn_in_warehouse_quarantine_reasons_or_log(settings, landed, caplog):
    bsns = input_bsns(settings.landing_dir) | {BAD_BSN, "12345678"}
    assert {"111222333", "123456782", BAD_BSN} <= bsns
    assert bsns_in_duckdb(settings.warehouse_path, bsns) == []
    # Only the quarantined copies of the provider's own files (like the archive) hold BSNs; their reasons do not.
    assert all(not hit.endswith(".reden.json") for hit in bsns_in_files(settings.quarantine_dir, bsns))
    assert len(list(settings.quarantine_dir.glob("*.reden.json"))) == sum(
        1 for item in CASES if item.expected[0] != A)
    assert not any(b in caplog.text for b in bsns)


def test_malformed_cbs_exports_are_quarantined_and_good_ones_land(settings):
    good = write_85098ned(settings.landing_dir)
    typed = json.loads((good / "TypedDataSet.json").read_text(encoding="utf-8"))
    broken = {
        "85099NED": ("TypedDataSet.json", b'{"value": [{"RegioS": "GM0014", ', "UNREADABLE"),
        "85097NED": ("85097NED_UntypedDataSet.csv", b"", "EMPTY_FILE"),
        "83454NED": ("83454NED_UntypedDataSet.csv", "RegioS;Perioden;Kosten\nGM0917;2021JJ00;\u20ac 5\n"
                     .encode("cp1252"), "ENCODING"),
        "03759NED": ("TypedDataSet.json", json.dumps({"value": [
            {k: v for k, v in row.items() if k != "JongerenMetJeugdhulpInNatura_1"} for row in typed["value"]]})
            .encode(), "MISSING_COLUMNS"),
    }
    for table, (name, content, _) in broken.items():
        folder = settings.landing_dir / "cbs" / table
        if name == "TypedDataSet.json":
            shutil.copytree(good, folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    outcomes = {o.tabel_id: (o.status, o.reden_code, o.rows) for o in land_cbs(settings, "corpus-cbs")}
    assert outcomes.pop(good.name)[:2] == ("accepted", None)
    assert outcomes == {table: ("quarantined", code, 0) for table, (_, _, code) in broken.items()}
    assert {row[0] for row in rows(settings, "select tabel_id from raw.cbs_waarden")} == {good.name}
