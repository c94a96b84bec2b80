"""End-to-end KPI values on the hand-made fixture of fixture_landing.py, every expected number worked out by hand.

Data date: 2024-03-31 (latest trajecten month), so the complete periods are the months 2024-01..03 and Q1 2024.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import TEST_KEY, query, run_ingest_and_dbt
from tests.kpi.fixture_landing import build_landing

JAN, FEB, MAR = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)
Q1 = date(2024, 1, 1)
HEERLEN, LANDGRAAF, BEEKDAELEN = "GM0917", "GM0882", "GM1954"
FLOW = ("clienten_in_zorg", "clienten_begin", "clienten_eind", "instroom", "uitstroom")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("JEUGDKPI_PSEUDO_KEY", TEST_KEY)
    root = tmp_path_factory.mktemp("kpi")
    build_landing(root / "landing")
    try:
        yield run_ingest_and_dbt(root / "data", root / "landing", root / "target")
    finally:
        mp.undo()


def kpi(warehouse: Path, code: str, segment: str, periode_type: str, start: date) -> dict:
    rows = query(warehouse, """
        select * from marts.kpi_gemeente_segment
        where gemeentecode = ? and segment = ? and periode_type = ? and periode_start = ?""",
                 [code, segment, periode_type, start])
    assert len(rows) == 1, f"expected one row for {code} {segment} {periode_type} {start}, got {len(rows)}"
    return rows[0]


def flow(row: dict) -> tuple:
    return tuple(row[c] for c in FLOW)


def test_client_in_two_segments_counts_once_in_totaal(warehouse: Path) -> None:
    # January, Heerlen: C1 has T1 (K2, ends 31 Jan) and T2 (K3, from 15 Jan).
    assert flow(kpi(warehouse, HEERLEN, "K2", "maand", JAN)) == (1, 1, 1, 0, 0)
    assert flow(kpi(warehouse, HEERLEN, "K3", "maand", JAN)) == (1, 0, 1, 1, 0)
    assert flow(kpi(warehouse, HEERLEN, "TOTAAL", "maand", JAN)) == (1, 1, 1, 0, 0)


def test_trajectory_ending_on_last_day_of_month(warehouse: Path) -> None:
    # T1 ends 2024-01-31: active on January's last day, so it is in clienten_eind and not in uitstroom of January;
    # duration 2023-11-01..2024-01-31 = 92 days; it counts as ended in January with reden 01.
    row = kpi(warehouse, HEERLEN, "K2", "maand", JAN)
    assert (row["trajecten_beeindigd"], row["uitstroom"], row["clienten_eind"]) == (1, 0, 1)
    assert float(row["gem_duur_dagen"]) == 92.0 and float(row["mediaan_duur_dagen"]) == 92.0
    assert float(row["pct_volgens_plan"]) == 100.0 and float(row["pct_uitval"]) == 0.0
    # Over the quarter the same client leaves K2: in care during Q1 but not on 31 March.
    assert flow(kpi(warehouse, HEERLEN, "K2", "kwartaal", Q1)) == (2, 1, 1, 1, 1)


def test_correction_replaces_earlier_delivery(warehouse: Path) -> None:
    # T7 (C5) was only in the original February file; the correction removed it, so Heerlen has no K2 care in February
    # and February TOTAAL is C1 alone.
    rows = query(warehouse, """select count(*) as n from marts.kpi_gemeente_segment where gemeentecode = ?
                               and segment = 'K2' and periode_type = 'maand' and periode_start = ?""", [HEERLEN, FEB])
    assert rows[0]["n"] == 0
    assert flow(kpi(warehouse, HEERLEN, "TOTAAL", "maand", FEB)) == (1, 1, 1, 0, 0)
    statuses = query(warehouse, """select bestandsnaam, status, vervangen_door_levering_id is not null as vervangen
                                   from raw.leveringen where bestandsnaam like '%11111111_202402_trajecten.csv'
                                   order by levering_id""")
    assert [(r["status"], r["vervangen"]) for r in statuses] == [("corrected", True), ("accepted", False)]


def test_quarter_is_its_own_date_range(warehouse: Path) -> None:
    # Q1 Heerlen TOTAAL: C1 all quarter, C4 from 31 March. Not a sum of the months (1 + 1 + 2).
    row = kpi(warehouse, HEERLEN, "TOTAAL", "kwartaal", Q1)
    assert flow(row) == (2, 1, 2, 1, 0)
    assert (row["trajecten_gestart"], row["trajecten_beeindigd"]) == (2, 1)


def test_merged_gemeente_code_lands_on_beekdaelen(warehouse: Path) -> None:
    row = kpi(warehouse, BEEKDAELEN, "K3", "maand", JAN)
    assert flow(row) == (1, 1, 1, 0, 0)
    assert float(row["pct_verblijf"]) == 100.0
    assert row["kosten_eur"] == Decimal("4650.00")
    assert query(warehouse, "select count(*) as n from marts.kpi_gemeente_segment where gemeentecode = 'GM0951'")[0]["n"] == 0


def test_ended_early_by_client_and_waiting_time_to_start(warehouse: Path) -> None:
    # T3 Landgraaf: 2024-02-01..02-20 = 20 days, reden 03 (uitval), aangemeld 2024-01-02 = 30 days before the start.
    # T3 starts on February's first day, so it is in clienten_begin; it ends before the last day: uitstroom 1.
    row = kpi(warehouse, LANDGRAAF, "K3", "maand", FEB)
    assert flow(row) == (1, 1, 0, 0, 1)
    assert float(row["gem_duur_dagen"]) == 20.0
    assert float(row["pct_uitval"]) == 100.0 and float(row["pct_volgens_plan"]) == 0.0
    assert float(row["mediaan_wachttijd_gestart_dagen"]) == 30.0 and float(row["pct_binnen_norm"]) == 100.0
    # The 182-day horizon after February is not yet reached on the data date 2024-03-31.
    assert row["pct_nieuwe_start_6mnd"] is None
    # Q1: starts T3 (30 days) and T5 (2024-03-10, 68 days): median 49.
    quarter = kpi(warehouse, LANDGRAAF, "TOTAAL", "kwartaal", Q1)
    assert flow(quarter) == (1, 0, 1, 1, 0)
    assert float(quarter["mediaan_wachttijd_gestart_dagen"]) == 49.0


def test_crisis_start_on_last_day(warehouse: Path) -> None:
    row = kpi(warehouse, HEERLEN, "K2", "maand", MAR)
    assert flow(row) == (1, 0, 1, 1, 0)
    assert row["trajecten_gestart"] == 1 and float(row["pct_gestart_met_crisis"]) == 100.0


def test_costs_credit_and_cost_per_client_month(warehouse: Path) -> None:
    # January Heerlen: K2 855.00 - 171.00 credit (delivered in February for January) = 684.00; K3 400.00.
    k2, k3 = kpi(warehouse, HEERLEN, "K2", "maand", JAN), kpi(warehouse, HEERLEN, "K3", "maand", JAN)
    total = kpi(warehouse, HEERLEN, "TOTAAL", "maand", JAN)
    assert (k2["kosten_eur"], k3["kosten_eur"], total["kosten_eur"]) == (
        Decimal("684.00"), Decimal("400.00"), Decimal("1084.00"))
    assert total["kosten_per_client_per_maand_eur"] == Decimal("1084.00")
    assert (float(k2["pct_kosten_segment"]), float(k3["pct_kosten_segment"])) == (63.1, 36.9)
    # Q1 Heerlen: 1084.00 + 800.00 + 128.25 = 2012.25 over client-months 1 + 1 + 2 = 4 -> 503.06.
    quarter = kpi(warehouse, HEERLEN, "TOTAAL", "kwartaal", Q1)
    assert quarter["kosten_eur"] == Decimal("2012.25")
    assert quarter["kosten_per_client_per_maand_eur"] == Decimal("503.06")


def test_waiting_list_snapshot(warehouse: Path) -> None:
    # March snapshot (31 March): C6 since 2024-02-01 (59 days, K3), C7 since 2024-03-01 (30 days, K2).
    total = kpi(warehouse, HEERLEN, "TOTAAL", "maand", MAR)
    assert total["wachtenden"] == 2 and float(total["mediaan_wachttijd_dagen"]) == 44.5
    assert kpi(warehouse, HEERLEN, "K3", "maand", MAR)["wachtenden"] == 1
    assert kpi(warehouse, HEERLEN, "TOTAAL", "kwartaal", Q1)["wachtenden"] == 2


def test_region_totals_are_distinct_counts(warehouse: Path) -> None:
    # HLV Q1: C1, C4 (Heerlen) and C2 (Landgraaf); begin only C1.
    assert flow(kpi(warehouse, "HLV", "TOTAAL", "kwartaal", Q1)) == (3, 1, 3, 2, 0)
    # HLV K2 Q1: C1 (T1), C2 (T5), C4 (T6); on 31 March C2 and C4.
    assert flow(kpi(warehouse, "HLV", "K2", "kwartaal", Q1)) == (3, 1, 2, 2, 1)
    # Parkstad adds Beekdaelen (C3); the client of two providers (C2) counts once.
    assert flow(kpi(warehouse, "SR_PARKSTAD", "TOTAAL", "kwartaal", Q1)) == (4, 2, 4, 2, 0)


def test_only_complete_periods(warehouse: Path) -> None:
    rows = query(warehouse, """select periode_type, count(distinct periode_start) as n
                               from marts.kpi_gemeente_segment group by 1 order by 1""")
    assert {r["periode_type"]: r["n"] for r in rows} == {"kwartaal": 1, "maand": 3}


def test_stock_flow_identity_holds_everywhere(warehouse: Path) -> None:
    bad = query(warehouse, """select count(*) as n from marts.kpi_gemeente_segment
                              where clienten_eind <> clienten_begin + instroom - uitstroom""")
    assert bad[0]["n"] == 0


def test_kpi_aanbieder(warehouse: Path) -> None:
    rows = query(warehouse, """select agb, clienten_in_zorg, clienten_begin, clienten_eind, kosten_eur
                               from marts.kpi_aanbieder where segment = 'TOTAAL' and periode_type = 'kwartaal'
                               order by agb""")
    # A: T1..T4 -> C1, C2, C3; begin C1 (T1), C3 (T4); end C1 (T2), C3 (T4); costs 11 184.00. B: C2, C4; 128.25.
    assert [(r["agb"], r["clienten_in_zorg"], r["clienten_begin"], r["clienten_eind"], r["kosten_eur"]) for r in rows] == [
        ("11111111", 3, 2, 2, Decimal("11184.00")), ("22222222", 2, 0, 2, Decimal("128.25"))]


def test_price_per_unit_is_sum_over_sum(warehouse: Path) -> None:
    # TK201 in Q1: volume 10 - 2 + 1.5 = 9.5, amount 855.00 - 171.00 + 128.25 = 812.25 -> 85.50 per hour.
    rows = query(warehouse, """select prijs_per_eenheid_eur from marts.kpi_product
                               where productcode = 'TK201' and periode_type = 'kwartaal'""")
    assert [float(r["prijs_per_eenheid_eur"]) for r in rows] == [85.5]


def test_rejected_row_is_kept_without_bsn(warehouse: Path) -> None:
    lev = query(warehouse, """select levering_id, rijen_gelezen, rijen_geaccepteerd, rijen_afgewezen from raw.leveringen
                              where bestandsnaam like '%22222222_202403_trajecten.csv'""")[0]
    assert (lev["rijen_gelezen"], lev["rijen_geaccepteerd"], lev["rijen_afgewezen"]) == (3, 2, 1)
    rejects = query(warehouse, "select distinct rij_nr, reden_code from raw.afgewezen_rijen where levering_id = ?",
                    [lev["levering_id"]])
    assert [(r["rij_nr"], r["reden_code"]) for r in rejects] == [(3, "BSN_ELFPROEF")]


def test_no_bsn_in_any_table(warehouse: Path) -> None:
    bsns = ["100023757", "100039595", "100126704", "100174218", "100372193", "100419707", "100475140", "123456789"]
    columns = query(warehouse, """select table_schema, table_name, column_name from information_schema.columns
                                  where data_type = 'VARCHAR'""")
    assert columns, "no text columns found"
    for c in columns:
        sql = (f'select count(*) as n from "{c["table_schema"]}"."{c["table_name"]}" '
               f'where ' + " or ".join(f'contains("{c["column_name"]}", ?)' for _ in bsns))
        assert query(warehouse, sql, bsns)[0]["n"] == 0, f"BSN found in {c}"
