from __future__ import annotations

import hashlib
import hmac
import json
import logging
import shutil
from datetime import date

import duckdb
import pytest
import xlsxwriter

import ingest.land
from ingest.land import land_all, land_kind
from ingest.settings import MissingPseudoKeyError, Settings
from tests.ingest.conftest import DECLARATIE, KEY, TRAJECT, WACHTENDE, Landing, csv_text

TODAY = date(2024, 4, 15)
BSNS = ("111222333", "123456782", "123456789")


def query(settings, sql, params=None):
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


def hmac_hex(message):
    return hmac.new(KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


def outcomes(result):
    return {o.path.removeprefix("aanleveringen/"): (o.status, o.reason_code, o.rows_read, o.rows_accepted,
                                                    o.rows_rejected) for o in result.files}


def write_wachtlijst_xlsx(path):
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    sheet.write(0, 0, "Wachtlijst per 31-03-2024")
    sheet.write_row(1, 0, list(WACHTENDE))
    sheet.write_row(2, 0, list(WACHTENDE.values()))
    sheet.write_row(3, 0, ["999999999", "GM0917", "45A01", "20240301", "J"])
    workbook.close()


def test_good_and_bad_files_in_one_run(settings, landing, caplog):
    caplog.set_level(logging.DEBUG)
    good = csv_text(TRAJECT, [{}, {"traject_id": "T2", "bsn": "123456789"}, {"traject_id": "T3", "bsn": "123456782"}])
    landing.write("2024-03/12345678_202403_trajecten.csv", good)
    landing.write("12345678_202403_declaraties.csv", csv_text(DECLARATIE, [{"tarief": "85.50", "bedrag": "855.00"}],
                                                             sep=","), encoding="cp1252")
    write_wachtlijst_xlsx(landing.write("12345678_202403_wachtlijst.xlsx", b""))
    landing.write("trajecten_maart.csv", good + "\n")
    landing.write("87654321_202403_trajecten.txt", good + "\n\n")
    landing.write("22222222_202403_trajecten.csv", b"")
    landing.write("33333333_202403_trajecten.csv", b"traject_id;bsn\nT1;\x81\n")
    landing.write("44444444_202403_trajecten.csv", good.replace("T1;", '"T1;'))
    without_bsn = {k: v for k, v in TRAJECT.items() if k != "bsn"}
    landing.write("55555555_202403_trajecten.csv", csv_text(without_bsn, [{}]))
    landing.write("66666666_202403_trajecten.csv",
                  csv_text(TRAJECT, [{"bsn": "123456789"}, {"traject_id": "T2", "geslacht": "X"}]))
    landing.write("kopie/12345678_202403_trajecten.csv", good)
    landing.write("88888888_202405_trajecten.csv", good + "\n\n\n")

    result = land_all(settings, "run-1", TODAY)

    assert "landed aanleveringen/2024-03/12345678_202403_trajecten.csv" in caplog.text
    assert not any(bsn in caplog.text for bsn in BSNS)
    assert outcomes(result) == {
        "2024-03/12345678_202403_trajecten.csv": ("accepted", None, 3, 2, 1),
        "12345678_202403_declaraties.csv": ("accepted", None, 1, 1, 0),
        "12345678_202403_wachtlijst.xlsx": ("accepted", None, 2, 2, 0),
        "trajecten_maart.csv": ("quarantined", "BAD_FILENAME", 0, 0, 0),
        "87654321_202403_trajecten.txt": ("quarantined", "UNSUPPORTED_FORMAT", 0, 0, 0),
        "22222222_202403_trajecten.csv": ("quarantined", "EMPTY_FILE", 0, 0, 0),
        "33333333_202403_trajecten.csv": ("quarantined", "ENCODING", 0, 0, 0),
        "44444444_202403_trajecten.csv": ("quarantined", "UNREADABLE", 0, 0, 0),
        "55555555_202403_trajecten.csv": ("quarantined", "MISSING_COLUMNS", 0, 0, 0),
        "66666666_202403_trajecten.csv": ("rejected", "NO_VALID_ROWS", 2, 0, 2),
        "kopie/12345678_202403_trajecten.csv": ("rejected", "DUPLICATE_CONTENT", 0, 0, 0),
        "88888888_202405_trajecten.csv": ("quarantined", "BAD_FILENAME", 0, 0, 0),
    }
    ids = {o.path.removeprefix("aanleveringen/"): o.levering_id for o in result.files}
    trajecten_id = ids["2024-03/12345678_202403_trajecten.csv"]

    assert query(settings, "SELECT traject_id, agb, leveringsmaand, gemeentecode FROM raw.trajecten "
                           "WHERE levering_id = ? ORDER BY rij_nr", [trajecten_id]) == [
        ("T1", "12345678", date(2024, 3, 1), "GM0917"), ("T3", "12345678", date(2024, 3, 1), "GM0917")]
    assert query(settings, "SELECT levering_id, rij_nr, kolom, reden_code, waarde FROM raw.afgewezen_rijen "
                           "ORDER BY levering_id, rij_nr") == [
        (trajecten_id, 2, "bsn", "BSN_ELFPROEF", None),
        (ids["66666666_202403_trajecten.csv"], 1, "bsn", "BSN_ELFPROEF", None),
        (ids["66666666_202403_trajecten.csv"], 2, "geslacht", "CODE_UNKNOWN", "X")]
    assert query(settings, "SELECT count(*), sum(overbrugging::INT) FROM raw.wachtlijst") == [(2, 1)]
    assert query(settings, "SELECT bedrag, tarief FROM raw.declaraties")[0][0] == pytest.approx(855)

    # lineage: every file archived before parsing; refused files quarantined with their reason
    rows = query(settings, "SELECT bestandsnaam, status, reden_code, archief_pad, rijen_gelezen, rijen_geaccepteerd, "
                           "rijen_afgewezen, melding FROM raw.leveringen ORDER BY levering_id")
    assert len(rows) == 12
    for name, status, reden, archief, read, accepted, rejected, melding in rows:
        assert (settings.data_dir / archief).is_file()
        assert read == accepted + rejected
        levering_id = ids[name.removeprefix("aanleveringen/")]
        reden_file = settings.quarantine_dir / f"{levering_id}__{name.rsplit('/', 1)[-1]}.reden.json"
        if status == "accepted":
            assert reden is None and not reden_file.exists()
        else:
            assert json.loads(reden_file.read_text(encoding="utf-8"))["reden_code"] == reden
            assert reden_file.with_name(reden_file.name.removesuffix(".reden.json")).is_file()
            assert melding and "123456789" not in melding

    # the BSN is in no VARCHAR column of any raw table
    columns = query(settings, "SELECT table_name, column_name FROM information_schema.columns "
                              "WHERE table_schema = 'raw' AND data_type = 'VARCHAR'")
    for table, column in columns:
        for bsn in BSNS:
            assert query(settings, f'SELECT count(*) FROM raw.{table} WHERE "{column}" LIKE ?',
                         [f"%{bsn}%"]) == [(0,)], (table, column)


def test_correction_replaces_and_rerun_is_idempotent(settings, landing):
    landing.write("12345678_202403_trajecten.csv", csv_text(TRAJECT, [{}, {"traject_id": "T2"}]))
    first = land_all(settings, "run-1", TODAY)
    again = land_all(settings, "run-2", TODAY)
    assert (again.files, again.skipped) == ([], 1)
    assert query(settings, "SELECT count(*) FROM raw.leveringen") == [(1,)]

    landing.write("correctie/12345678_202403_trajecten.csv", csv_text(TRAJECT, [{"datum_einde": "20240320",
                                                                                   "reden_beeindiging": "01"}]))
    second = land_all(settings, "run-3", TODAY)
    old, new = first.files[0].levering_id, second.files[0].levering_id
    assert second.files[0].replaced_levering_id == old
    assert query(settings, "SELECT levering_id, status, vervangt_levering_id, vervangen_door_levering_id "
                           "FROM raw.leveringen ORDER BY levering_id") == [
        (old, "corrected", None, new), (new, "accepted", old, None)]
    assert query(settings, "SELECT levering_id, count(*) FROM raw.trajecten GROUP BY ALL ORDER BY 1") == [
        (old, 2), (new, 1)]
    assert query(settings, "SELECT t.traject_id, t.datum_einde FROM raw.trajecten t JOIN raw.leveringen l "
                           "USING (levering_id) WHERE l.status = 'accepted'") == [("T1", date(2024, 3, 20))]
    assert query(settings, "SELECT count(DISTINCT client_id) FROM raw.trajecten") == [(1,)]


def test_kind_and_month_filters(settings, landing):
    landing.write("12345678_202402_trajecten.csv", csv_text(TRAJECT, [{"datum_aanvang": "20240201"}]))
    landing.write("12345678_202403_trajecten.csv", csv_text(TRAJECT, [{}]))
    landing.write("12345678_202403_declaraties.csv", csv_text(DECLARATIE, [{}]))
    landing.write("slecht.csv", "x")

    declaraties = land_kind(settings, "declaraties", "run-1", today=TODAY)  # a bad name goes with any kind
    assert list(outcomes(declaraties)) == ["12345678_202403_declaraties.csv", "slecht.csv"]
    february = land_all(settings, "run-2", TODAY, soorten=("trajecten",), month="202402", referentie=False)
    assert list(outcomes(february)) == ["12345678_202402_trajecten.csv"]
    rest = land_all(settings, "run-3", TODAY)
    assert list(outcomes(rest)) == ["12345678_202403_trajecten.csv"]
    assert rest.skipped == 3


def test_a_rerun_parses_only_the_names_of_new_files(settings, landing, monkeypatch):
    # A national landing folder holds the whole history (134,000+ files): a recorded file with the same path, size
    # and modification time is skipped before its name is parsed.
    landing.write("12345678_202403_trajecten.csv", csv_text(TRAJECT, [{}]))
    landing.write("slecht.csv", "x")
    land_all(settings, "run-1", TODAY)
    landing.write("12345678_202403_declaraties.csv", csv_text(DECLARATIE, [{}]))
    parsed, parse = [], ingest.land.parse_delivery_name
    monkeypatch.setattr("ingest.land.parse_delivery_name", lambda name, day: parsed.append(name) or parse(name, day))
    again = land_all(settings, "run-2", TODAY)
    assert (parsed, again.skipped) == (["12345678_202403_declaraties.csv"], 2)
    assert list(outcomes(again)) == ["12345678_202403_declaraties.csv"]


def test_equal_content_for_another_month_is_its_own_delivery(settings, landing):
    snapshot = csv_text(TRAJECT, [{"datum_aanvang": "20240201"}])
    landing.write("12345678_202402_trajecten.csv", snapshot)
    landing.write("12345678_202403_trajecten.csv", snapshot)
    result = land_all(settings, "run-1", TODAY)
    assert [(o.status, o.rows_accepted) for o in result.files] == [("accepted", 1), ("accepted", 1)]


def test_unknown_bsn_counts_as_a_client_per_trajectory(settings, landing):
    landing.write("12345678_202403_trajecten.csv", csv_text(TRAJECT, [
        {"bsn": "999999999"}, {"traject_id": "T2", "bsn": "999999999"}, {"traject_id": "T3"}]))
    land_all(settings, "run-1", TODAY)
    assert query(settings, "SELECT count(DISTINCT client_id) FROM raw.trajecten") == [(3,)]


def test_referentie_files_replace_table_contents(settings, landing):
    referentie = settings.landing_dir / "referentie"
    referentie.mkdir()
    (referentie / "gemeenten.csv").write_text(
        "gemeentecode;gemeentenaam;jeugdzorgregio;subregio;geldig_van;geldig_tot;opvolger_code\n"
        "GM0917;Heerlen;JZR_ZUID_LIMBURG;SR_PARKSTAD;2000-01-01;;\n", encoding="utf-8")
    (referentie / "budgetten.csv").write_text("gemeentecode;jaar\nGM0917;2024\n", encoding="utf-8")
    result = land_all(settings, "run-1", TODAY)
    assert result.referentie == {"gemeenten": 1, "aanbieders": 0, "productcodes": 0, "budgetten": -1}
    assert query(settings, "SELECT gemeentecode, gemeentenaam, geldig_tot FROM raw.referentie_gemeenten") == [
        ("GM0917", "Heerlen", None)]
    (referentie / "gemeenten.csv").unlink()
    land_all(settings, "run-2", TODAY)
    assert query(settings, "SELECT count(*) FROM raw.referentie_gemeenten") == [(0,)]


def test_run_refuses_without_pseudonymisation_key(settings, landing, monkeypatch):
    monkeypatch.setenv("JEUGDKPI_PSEUDO_KEY", "kort")
    landing.write("12345678_202403_trajecten.csv", csv_text(TRAJECT, [{}]))
    with pytest.raises(MissingPseudoKeyError):
        land_all(settings, "run-1", TODAY)
    assert not settings.warehouse_path.exists()


CORRECTION_FILES = [  # in processing order: (relative name, content)
    ("12345678_202403_trajecten.csv", csv_text(TRAJECT, [{}, {"traject_id": "T2"}])),
    ("correctie/12345678_202403_trajecten.csv", csv_text(TRAJECT, [{"datum_einde": "20240320",
                                                                    "reden_beeindiging": "01"}])),
    ("kopie/12345678_202403_trajecten.csv", csv_text(TRAJECT, [{}, {"traject_id": "T2"}])),
    ("correctie2/12345678_202403_trajecten.csv", csv_text(TRAJECT, [{}, {"traject_id": "T3", "bsn": "999999999"}])),
    ("87654321_202403_trajecten.csv", csv_text(TRAJECT, [{}, {"traject_id": "T2"}])),
]


@pytest.mark.parametrize("chunk_files", [None, 500, 2, 1])  # None: one land_all per file
def test_corrections_and_duplicates_within_a_run_match_separate_runs(tmp_path, monkeypatch, chunk_files):
    monkeypatch.setenv("JEUGDKPI_PSEUDO_KEY", KEY)
    settings = Settings(data_dir=tmp_path / "data", landing_dir=tmp_path / "landing")
    landing = Landing(settings)
    if chunk_files is None:
        for name, content in CORRECTION_FILES:
            landing.write(name, content)
            land_all(settings, "run", TODAY)
    else:
        monkeypatch.setattr("ingest.land.CHUNK_FILES", chunk_files)
        for name, content in CORRECTION_FILES:
            landing.write(name, content)
        result = land_all(settings, "run", TODAY)
        assert [(o.levering_id, o.status, o.replaced_levering_id) for o in result.files] == [
            (1, "accepted", None), (2, "accepted", 1), (3, "rejected", None), (4, "accepted", 2), (5, "accepted", None)]

    assert query(settings, "SELECT levering_id, bestandsnaam, status, reden_code, vervangt_levering_id, "
                           "vervangen_door_levering_id FROM raw.leveringen ORDER BY levering_id") == [
        (1, "aanleveringen/12345678_202403_trajecten.csv", "corrected", None, None, 2),
        (2, "aanleveringen/correctie/12345678_202403_trajecten.csv", "corrected", None, 1, 4),
        (3, "aanleveringen/kopie/12345678_202403_trajecten.csv", "rejected", "DUPLICATE_CONTENT", None, None),
        (4, "aanleveringen/correctie2/12345678_202403_trajecten.csv", "accepted", None, 2, None),
        (5, "aanleveringen/87654321_202403_trajecten.csv", "accepted", None, None, None)]
    assert "'aanleveringen/12345678_202403_trajecten.csv'" in query(
        settings, "SELECT melding FROM raw.leveringen WHERE levering_id = 3")[0][0]
    clients = dict(query(settings, "SELECT levering_id || '/' || traject_id, client_id FROM raw.trajecten"))
    assert sorted(clients) == ["1/T1", "1/T2", "2/T1", "4/T1", "4/T3", "5/T1", "5/T2"]
    assert clients["1/T1"] == clients["2/T1"] == clients["5/T1"] == hmac_hex(TRAJECT["bsn"])
    assert clients["4/T3"] == hmac_hex("onbekend|12345678|T3")


def test_levering_ids_stay_consecutive_across_chunks_and_runs(settings, landing, monkeypatch):
    january = {"aanmelddatum": "20240101", "datum_aanvang": "20240101"}
    landing.write("12345678_202401_trajecten.csv", csv_text(TRAJECT, [january]))
    assert [(o.levering_id, o.status) for o in land_all(settings, "run-1", TODAY).files] == [(1, "accepted")]
    monkeypatch.setattr("ingest.land.CHUNK_FILES", 2)
    landing.write("12345678_202402_trajecten.csv", csv_text(TRAJECT, [{"datum_aanvang": "20240201"}]))
    landing.write("slecht.csv", "x")
    landing.write("12345678_202403_trajecten.csv", csv_text(TRAJECT, [{"geslacht": "X"}]))
    landing.write("12345678_202403_declaraties.csv", csv_text(DECLARATIE, [{}]))
    landing.write("12345678_202403_wachtlijst.csv", csv_text(WACHTENDE, [{}]))
    result = land_all(settings, "run-2", TODAY)
    assert (result.skipped, [(o.levering_id, o.status) for o in result.files]) == (1, [
        (2, "accepted"), (3, "quarantined"), (4, "rejected"), (5, "accepted"), (6, "accepted")])
    assert query(settings, "SELECT list(levering_id ORDER BY levering_id), count(DISTINCT levering_id) "
                           "FROM raw.leveringen") == [([1, 2, 3, 4, 5, 6], 6)]
    assert query(settings, "SELECT 'trajecten', levering_id FROM raw.trajecten UNION ALL "
                           "SELECT 'declaraties', levering_id FROM raw.declaraties UNION ALL "
                           "SELECT 'wachtlijst', levering_id FROM raw.wachtlijst UNION ALL "
                           "SELECT 'afgewezen', levering_id FROM raw.afgewezen_rijen ORDER BY 2") == [
        ("trajecten", 1), ("trajecten", 2), ("afgewezen", 4), ("declaraties", 5), ("wachtlijst", 6)]


def test_a_failing_chunk_is_rolled_back_and_lands_on_rerun(settings, landing, monkeypatch):
    monkeypatch.setattr("ingest.land.CHUNK_FILES", 2)
    for month in ("01", "02", "03"):
        landing.write(f"12345678_2024{month}_trajecten.csv", csv_text(TRAJECT, [{"aanmelddatum": f"2024{month}01",
                                                                             "datum_aanvang": f"2024{month}01"}]))
    landing.write("slecht.csv", "x")
    blocker = settings.quarantine_dir / "4__slecht.csv"  # a folder where the quarantine copy of file 4 must go
    (blocker / "bezet").mkdir(parents=True)
    with pytest.raises(OSError):
        land_all(settings, "run-1", TODAY)
    assert query(settings, "SELECT levering_id, status FROM raw.leveringen ORDER BY 1") == [
        (1, "accepted"), (2, "accepted")]
    assert query(settings, "SELECT DISTINCT levering_id FROM raw.trajecten ORDER BY 1") == [(1,), (2,)]

    shutil.rmtree(blocker)
    rerun = land_all(settings, "run-2", TODAY)
    assert (rerun.skipped, [(o.levering_id, o.status) for o in rerun.files]) == (2, [
        (3, "accepted"), (4, "quarantined")])
    assert query(settings, "SELECT DISTINCT levering_id FROM raw.trajecten ORDER BY 1") == [(1,), (2,), (3,)]
