"""The generic CBS loader on exports in the real file shapes: long format, quirks, lineage, releases."""

from __future__ import annotations

import json
import os

from ingest.cbs.land import land_cbs
from ingest.storage import sha256_of
from tests.cbs.fixtures import OPEN_DATA_CSV, rows, write_83454ned, write_85098ned


def test_odata_export_lands_long_with_nulls_statuses_and_lineage(settings):
    folder = write_85098ned(settings.landing_dir)
    [outcome] = land_cbs(settings, "run-1")
    assert (outcome.tabel_id, outcome.status, outcome.rows) == ("85098NED", "accepted", 15)  # 3 rows x 5 topics
    values = rows(settings, """select regio_key, regio_titel, perioden_type, jaar, periode_nummer, waarde, status,
        release, dimensies from raw.cbs_waarden where onderwerp_key = ? order by perioden_key, regio_key""",
                  ["JongerenMetJeugdhMetVerblInNat_2"])
    assert [v[:7] for v in values] == [
        ("GM0014", "Groningen (gemeente)", "jaar", 2022, 0, 9.5, "nader voorlopig"),
        ("GM0060", "Ameland", "jaar", 2022, 0, None, "nader voorlopig"),  # suppressed: NULL, never 0
        ("GM0014", "Groningen (gemeente)", "jaar", 2023, 0, 9.1, "voorlopig"),
    ]
    assert str(values[0][7]) == "2023-10-31 02:00:00" and json.loads(values[0][8]) == {}
    assert rows(settings, "select waarde from raw.cbs_waarden where regio_key = 'GM0060' and onderwerp_key = ?",
                ["JongerenMetJeugdhulpInNatura_1"]) == [(7.9,)]
    lineage = rows(settings, """select bestandsnaam, soort, agb, status, sha256, archief_pad, rijen_gelezen
        from raw.leveringen order by bestandsnaam""")
    assert [r[0] for r in lineage] == [f"cbs/85098NED/{n}.json" for n in
                                       ("DataProperties", "Perioden", "RegioS", "TableInfos", "TypedDataSet")]
    for name, soort, agb, status, sha, archief, gelezen in lineage:
        assert (soort, agb, status) == ("cbs", None, "accepted")
        assert sha == sha256_of(settings.landing_dir / name)
        assert (settings.data_dir / archief).read_bytes() == (settings.landing_dir / name).read_bytes()
        assert gelezen == (15 if name.endswith("TypedDataSet.json") else 0)
    assert land_cbs(settings, "run-2") == []  # unchanged folder: nothing new
    assert folder.is_dir()


def test_new_release_is_appended_and_supersedes_the_files(settings):
    write_85098ned(settings.landing_dir)
    land_cbs(settings, "run-1")
    write_85098ned(settings.landing_dir, pct_groningen=15.6, modified="2024-04-30T02:00:00")
    [outcome] = land_cbs(settings, "run-2")
    assert rows(settings, """select release, waarde from raw.cbs_waarden where regio_key = 'GM0014'
        and perioden_key = '2022JJ00' and onderwerp_key = 'JongerenMetJeugdhulpInNatura_1' order by release""") == [
        (rows(settings, "select timestamp '2023-10-31 02:00:00'")[0][0], 15.4),
        (rows(settings, "select timestamp '2024-04-30 02:00:00'")[0][0], 15.6)]
    assert rows(settings, """select status, count(*) from raw.leveringen where bestandsnaam like '%TypedDataSet%'
        group by status order by status""") == [("accepted", 1), ("corrected", 1)]
    assert outcome.levering_id == rows(settings, "select max(levering_id) from raw.cbs_waarden")[0][0]


def test_open_data_csv_with_padding_suppression_and_period_codes(settings):
    folder = settings.landing_dir / "cbs" / "85099NED"
    folder.mkdir(parents=True)
    (folder / "85099NED.csv").write_text(OPEN_DATA_CSV, encoding="utf-8")
    [outcome] = land_cbs(settings, "run-1")
    assert (outcome.status, outcome.rows) == ("accepted", 8)
    got = rows(settings, """select regio_key, perioden_key, perioden_type, jaar, periode_nummer, onderwerp_key, waarde,
        status from raw.cbs_waarden order by perioden_key, onderwerp_key desc""")
    assert got == [
        ("GM0917", "2023HJ02", "halfjaar", 2023, 2, "JongerenMetJeugdzorg_1", 2840.0, "definitief"),
        ("GM0917", "2023HJ02", "halfjaar", 2023, 2, "Jeugdzorgtrajecten_3", None, "definitief"),
        ("NL01", "2023JJ00", "jaar", 2023, 0, "JongerenMetJeugdzorg_1", 382590.0, "definitief"),
        ("NL01", "2023JJ00", "jaar", 2023, 0, "Jeugdzorgtrajecten_3", None, "definitief"),
        ("GM0917", "2023KW03", "kwartaal", 2023, 3, "JongerenMetJeugdzorg_1", 1975.0, "definitief"),
        ("GM0917", "2023KW03", "kwartaal", 2023, 3, "Jeugdzorgtrajecten_3", 2410.0, "definitief"),
        ("NL01", "2023MM10", "maand", 2023, 10, "JongerenMetJeugdzorg_1", None, "definitief"),
        ("NL01", "2023MM10", "maand", 2023, 10, "Jeugdzorgtrajecten_3", 380125.0, "definitief"),
    ]


def test_other_dimensions_land_as_json_keys_and_titles(settings):
    write_83454ned(settings.landing_dir)
    land_cbs(settings, "run-1")
    [(keys, titles, eenheid)] = rows(settings, """select dimensies, dimensie_titels, eenheid from raw.cbs_waarden
        where regio_key = 'GM0917' and onderwerp_key = 'GerealiseerdeKosten_2'""")
    assert json.loads(keys) == {"VormenVanJeugdzorg": "A045561"}
    assert json.loads(titles) == {"VormenVanJeugdzorg": "JZ Totaal jeugdzorg"}
    assert eenheid == "1 000 euro"


def test_unreadable_export_is_quarantined_with_its_reason(settings):
    folder = write_85098ned(settings.landing_dir)
    (folder / "TypedDataSet.json").write_text('{"value": [{"RegioS": "GM0014", ', encoding="utf-8")
    os.utime(folder / "TypedDataSet.json")
    [outcome] = land_cbs(settings, "run-1")
    assert (outcome.status, outcome.reden_code, outcome.rows) == ("quarantined", "UNREADABLE", 0)
    assert rows(settings, "select count(*) from raw.cbs_waarden") == [(0,)]
    reden = json.loads((settings.data_dir / "quarantine" / f"{outcome.levering_id}__TypedDataSet.json.reden.json")
                       .read_text(encoding="utf-8"))
    assert reden["reden_code"] == "UNREADABLE"
