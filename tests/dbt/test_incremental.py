"""Incremental KPI marts: a build recomputes only the periods touched since the previous build, and the marts after a
series of incremental builds equal a full build of the same deliveries (docs/design.md "Incremental marts").

The deliveries of tests/kpi/fixture_landing.py and a few more land in ten steps; data date after each step in
brackets (step 11 rebuilds a copy of the result on a state of an older version of the models):
  1. January and February of provider A (2024-02-29): first build, every period.
  2. March, B's files and A's February correction (2024-03-31): March, Q1, February, and January for
     pct_nieuwe_start_6mnd only.
  3. April of A and B, where B's T6 ends on 2024-04-15 (2024-04-30): only maand April.
  4. B re-sends its March declaraties with one more line and A its March wachtlijst without its second row
     (correction deliveries): the periods overlapping March (maand March, Q1), never April.
  5. A re-sends its April trajecten with T2 in Landgraaf instead of Heerlen: T2's declaraties, from deliveries that
     did not change, move to Landgraaf (int_gewijzigde_koppelingen).
  6. A's August trajecten (2024-08-31): May to August become complete, and January and February reach the 182-day
     horizon of pct_nieuwe_start_6mnd, which so far was NULL everywhere; they are recomputed for it only, and their
     open copies show it where the disclosure rules let it through.
  7. A's September trajecten move T2 back to Heerlen, built with `--select +int_declaraties` only (as a build that
     failed before the state tables would leave it): T2's declaraties follow, the state does not (2024-09-30).
  8. A's October trajecten move T2 to Landgraaf again, a whole build (2024-10-31): int_gewijzigde_koppelingen
     compares the declaraties themselves, since int_stand_trajecten still holds T2 in Landgraaf from step 6.
  9. A's December trajecten (2024-12-31): 2024 becomes the first complete year, of int_cbs_clienten_per_jaar too.
 10. A re-sends its December trajecten with C3's birth date corrected from 2008 to 2005 (T4): the year 2024 is
     recomputed, and Beekdaelen has no client younger than 18 left in it.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.conftest import TEST_KEY, query, run_ingest_and_dbt
from tests.kpi.fixture_landing import (HEADER_DECLARATIES, HEADER_TRAJECTEN, HEADER_WACHTLIJST, T2, T4, T5, _write,
                                      build_landing)

T6_ENDED = "T6;100174218;20150101;1;GM0917;TK201;01;02;01;;20240331;20240415;01"
T2_MOVED = T2.replace("GM0917", "GM0882")
T4_BORN_2005 = T4.replace("2008-01-20", "2005-01-20")
# the incremental marts, their open copies and the intermediate tables that replace only their changed rows, with
# their least row count
INCREMENTAL = {"marts.kpi_gemeente_segment": 19, "marts.kpi_aanbieder": 18, "marts.verwijzers": 10,
               "marts.kpi_product": 1, "open.kpi_gemeente_segment": 19, "open.kpi_aanbieder": 18,
               "open.verwijzers": 10, "open.kpi_product": 1, "intermediate.int_trajecten": 6,
               "intermediate.int_declaraties": 6, "intermediate.int_wachtlijst": 1,
               "intermediate.int_stand_trajecten": 6, "intermediate.int_zorgreeksen_per_gebied": 49,
               "intermediate.int_zorgreeksen_per_aanbieder": 13, "intermediate.int_cbs_clienten_per_jaar": 3,
               "marts.cbs_benchmark": 3}
JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG = (date(2024, m, 1) for m in range(1, 9))


# models and seeds only: the data tests run in tests/kpi and tests/dbt/test_dbt_build.py
MODELS_AND_SEEDS = ("build", "--exclude-resource-type", "test", "unit_test")
PARTIAL_STEP = 7  # built with --select +int_declaraties
KOPPELINGEN_SQL = Path("run", "jeugdkpi", "models", "intermediate", "stand", "int_gewijzigde_koppelingen.sql")


def _step_files(source: Path, step: int) -> list[Path]:
    """The fixture files of a step, by their modification-time offset (fixture_landing.build_landing)."""
    t = 1_710_000_000
    bounds = {1: (0, 11), 2: (20, 40), 3: (50, 59), 4: (60, 69), 5: (70, 79), 6: (80, 89), 7: (90, 99),
              8: (100, 109), 9: (110, 119), 10: (120, 129)}[step]
    return [p for p in source.rglob("*") if p.is_file() and p.parts[-2] != "referentie"
            and bounds[0] <= int(p.stat().st_mtime) - t <= bounds[1]]


def _write_later_steps(source: Path) -> None:
    lev, t = source / "aanleveringen", 1_710_000_000
    _write(lev / "11111111_202404_trajecten.csv", [HEADER_TRAJECTEN, T2, T4], t + 50)
    _write(lev / "22222222_202404_trajecten.csv", [HEADER_TRAJECTEN, T5, T6_ENDED], t + 51)
    _write(lev / "herlevering" / "22222222_202403_declaraties.csv", [
        HEADER_DECLARATIES.replace(";", ","),
        "T6,TK201,202403,1.5,04,85.50,128.25",
        "T5,TK201,202403,2,04,85.50,171.00",
    ], t + 60)
    _write(lev / "herlevering" / "11111111_202403_wachtlijst.csv", [
        HEADER_WACHTLIJST, "100419707;GM0917;TK302;20240201;N"], t + 61)
    _write(lev / "herlevering" / "11111111_202404_trajecten.csv", [HEADER_TRAJECTEN, T2_MOVED, T4], t + 70)
    _write(lev / "11111111_202408_trajecten.csv", [HEADER_TRAJECTEN, T2_MOVED, T4], t + 80)
    _write(lev / "11111111_202409_trajecten.csv", [HEADER_TRAJECTEN, T2, T4], t + 90)
    _write(lev / "11111111_202410_trajecten.csv", [HEADER_TRAJECTEN, T2_MOVED, T4], t + 100)
    _write(lev / "11111111_202412_trajecten.csv", [HEADER_TRAJECTEN, T2_MOVED, T4], t + 110)
    _write(lev / "herlevering" / "11111111_202412_trajecten.csv", [HEADER_TRAJECTEN, T2_MOVED, T4_BORN_2005],
           t + 120)


def _copy(files: list[Path], source: Path, landing: Path) -> None:
    for path in files:
        target = landing / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)


def _recomputed(warehouse: Path) -> dict[tuple[str, date], bool]:
    """The recomputed periods, each with whether only pct_nieuwe_start_6mnd is recomputed for it."""
    rows = query(warehouse, "select periode_type, periode_start, alleen_nieuwe_start "
                            "from intermediate.int_perioden_herberekening")
    return {(r["periode_type"], r["periode_start"]): r["alleen_nieuwe_start"] for r in rows}


def _contents(warehouse: Path, table: str) -> list[tuple]:
    return [tuple(r.values()) for r in query(warehouse, f"select * from {table} order by all")]


def _gewijzigde_clienten(warehouse: Path) -> int:
    sql = "select count(distinct client_sleutel) as n from intermediate.int_gewijzigde_clienten"
    return query(warehouse, sql)[0]["n"]


def _rebuild_on_an_old_state(root: Path, landing: Path) -> dict:
    """Step 11, on a copy of the warehouse after step 10: int_stand_build without stand_versie, as the models before
    version 2 (runs of care over one build's periods) left it, then a build with nothing new."""
    data, target = root / "old_state_data", root / "old_state_target"
    shutil.copytree(root / "data", data)
    shutil.copytree(root / "target", target)
    with duckdb.connect(str(data / "warehouse" / "warehouse.duckdb")) as conn:
        conn.execute("alter table intermediate.int_stand_build drop column stand_versie")
    warehouse = run_ingest_and_dbt(data, landing, target, MODELS_AND_SEEDS)
    periods = {(r["periode_type"], r["periode_start"]) for r in query(
        warehouse, "select periode_type, periode_start from intermediate.int_perioden")}
    return {"bruikbaar": query(warehouse, "select bruikbaar from intermediate.int_vorige_stand")[0]["bruikbaar"],
            "every_period": set(_recomputed(warehouse)) == periods,
            "clienten": _gewijzigde_clienten(warehouse),
            "kpi_gemeente_segment": _contents(warehouse, "marts.kpi_gemeente_segment")}


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict:
    mp = pytest.MonkeyPatch()
    mp.setenv("JEUGDKPI_PSEUDO_KEY", TEST_KEY)
    root = tmp_path_factory.mktemp("incremental")
    source, landing = root / "source", root / "landing"
    build_landing(source)
    _write_later_steps(source)
    shutil.copytree(source / "referentie", landing / "referentie")
    result: dict = {"recomputed": {}, "koppelingen_via_stand": {}, "t2_gemeenten": {}, "clienten": {},
                    "cbs_clienten": {}}
    try:
        for step in range(1, 11):
            _copy(_step_files(source, step), source, landing)
            partial = ("--select", "+int_declaraties") if step == PARTIAL_STEP else ()
            warehouse = run_ingest_and_dbt(root / "data", landing, root / "target", (*MODELS_AND_SEEDS, *partial))
            if step != PARTIAL_STEP:
                result["recomputed"][step] = _recomputed(warehouse)
                result["clienten"][step] = _gewijzigde_clienten(warehouse)
            compiled = (root / "target" / KOPPELINGEN_SQL).read_text()
            result["koppelingen_via_stand"][step] = '"int_stand_trajecten" as s' in compiled
            result["t2_gemeenten"][step] = {r["gemeentecode"] for r in query(
                warehouse, "select gemeentecode from intermediate.int_declaraties where traject_id = 'T2'")}
            result["cbs_clienten"][step] = {(r["jaar"], r["gebiedcode"]): r["clienten"] for r in query(
                warehouse, """select year(periode_start) as jaar, gebiedcode, clienten
                from intermediate.int_cbs_clienten_per_jaar where gebiedcode in ('GM0917', 'GM1954')""")}
        result["incremental"], result["last_step_target"] = warehouse, root / "target"
        result["old_state"] = _rebuild_on_an_old_state(root, landing)
        result["full"] = run_ingest_and_dbt(root / "full_data", source, root / "full_target", MODELS_AND_SEEDS)
        yield result
    finally:
        mp.undo()


def test_first_build_computes_every_period(steps: dict) -> None:
    assert steps["recomputed"][1] == {("maand", JAN): False, ("maand", FEB): False}


def test_new_month_and_correction_recompute_the_periods_they_touch(steps: dict) -> None:
    # Step 2: March completes Q1; the February correction touches February (T3 ends, T7 is gone); the 182 days before
    # the starts of T7 (gone) and of B's new T5 and T6 reach into January, for pct_nieuwe_start_6mnd only.
    assert steps["recomputed"][2] == {("maand", JAN): True, ("maand", FEB): False, ("maand", MAR): False,
                                      ("kwartaal", JAN): False}


def test_a_new_month_recomputes_only_that_month(steps: dict) -> None:
    # Step 3: T6 only gained its end date (in April); T2, T4 and T5 are unchanged.
    assert steps["recomputed"][3] == {("maand", APR): False}


def test_runs_of_care_are_rebuilt_for_the_clients_of_changed_trajectories_only(steps: dict) -> None:
    # the first build builds the runs of all 4 clients; step 3 only those of T6's client (T6 gained its end), step 4
    # none (its corrections are declaraties and a waiting list); step 5 T2's client (T2 moved to Landgraaf)
    assert {step: steps["clienten"][step] for step in (1, 3, 4, 5)} == {1: 4, 3: 1, 4: 0, 5: 1}


def test_a_state_left_by_an_older_version_of_the_models_is_rebuilt_once(steps: dict) -> None:
    old_state = steps["old_state"]
    assert (old_state["bruikbaar"], old_state["every_period"], old_state["clienten"]) == (False, True, 4)
    assert old_state["kpi_gemeente_segment"] == _contents(steps["full"], "marts.kpi_gemeente_segment")


def test_a_correction_of_an_old_month_recomputes_its_periods_only(steps: dict) -> None:
    assert steps["recomputed"][4] == {("maand", MAR): False, ("kwartaal", JAN): False}
    # the correction added EUR 171.00 to Heerlen's March costs (T5 is Landgraaf's: C2 lives in GM0882)
    march = query(steps["incremental"], """select kosten_eur from marts.kpi_gemeente_segment
        where gemeentecode = 'GM0882' and segment = 'TOTAAL' and periode_type = 'maand' and periode_start = ?""", [MAR])
    assert [r["kosten_eur"] for r in march] == [171]
    # A's corrected March waiting list keeps one of its two rows
    assert [r["n"] for r in query(steps["incremental"], "select count(*) as n from intermediate.int_wachtlijst")] == [1]


def test_a_moved_trajectory_takes_its_earlier_declaraties_along(steps: dict) -> None:
    rows = query(steps["incremental"], """select periode, gemeentecode, bedrag from intermediate.int_declaraties
        where traject_id = 'T2' order by periode""")
    assert [tuple(r.values()) for r in rows] == [(JAN, "GM0882", 400), (FEB, "GM0882", 800)]
    assert steps["recomputed"][5][("maand", JAN)] is False  # T2's months from its start, January, are recomputed


def test_reaching_the_horizon_recomputes_pct_nieuwe_start_only(steps: dict) -> None:
    # Step 6: the data date moves from 2024-04-30 to 2024-08-31. January (ends 01-31) and February (02-29) reach
    # end + 182 days; March (+182 = 09-29) and Q1 do not yet. May to August, Q2 and H1 became complete.
    assert steps["recomputed"][6] == {
        ("maand", JAN): True, ("maand", FEB): True, ("maand", MAY): False, ("maand", JUN): False,
        ("maand", JUL): False, ("maand", AUG): False, ("kwartaal", APR): False, ("halfjaar", JAN): False}
    # C1's care in Heerlen K2 (T1) ends on 2024-01-31 with no new start within 182 days: 0 of 1. Nobody left that
    # group in January (uitstroom 0), so the open copy shows the share; before step 6 it was NULL.
    for table in ("marts.kpi_gemeente_segment", "open.kpi_gemeente_segment"):
        rows = query(steps["incremental"], f"""select pct_nieuwe_start_6mnd as pct, uitstroom from {table}
            where gemeentecode = 'GM0917' and segment = 'K2' and periode_type = 'maand' and periode_start = ?""", [JAN])
        assert [(r["pct"], r["uitstroom"]) for r in rows] == [(0, 0)], table


def test_declaraties_links_are_compared_with_the_state_only_after_a_complete_build(steps: dict) -> None:
    # Nothing to compare in the first build; after a complete build, int_stand_trajecten (one row per trajectory);
    # after the partial step 7, which changed int_declaraties but not the state, the declaraties themselves.
    assert steps["koppelingen_via_stand"] == {1: False, 2: True, 3: True, 4: True, 5: True, 6: True, 7: True, 8: False,
                                              9: True, 10: True}
    # T2 moved to Landgraaf (step 5), back to Heerlen in the partial build (step 7) and to Landgraaf again (step 8),
    # where the state still held Landgraaf: compared with it, the declaraties would have stayed in Heerlen.
    assert [steps["t2_gemeenten"][step] for step in (4, 5, 7, 8)] == [
        {"GM0917"}, {"GM0882"}, {"GM0917"}, {"GM0882"}]


def test_replaced_periods_are_found_by_a_semi_join(steps: dict) -> None:
    # macros/delete_insert.sql: dbt-duckdb's own `delete ... using` joins every old row of a period to every new one
    run_sql = steps["last_step_target"] / "run" / "jeugdkpi" / "models" / "marts" / "kpi_verwijzers.sql"
    statement = " ".join(run_sql.read_text().split())
    assert ('where (periode_type, periode_start) in (select periode_type, periode_start from "verwijzers__dbt_tmp'
            in statement)
    assert " using " not in statement


def test_the_clients_of_a_year_follow_a_correction_of_that_year(steps: dict) -> None:
    # Step 9 completes 2024: Heerlen has C1 (T1, born 2010) and C4 (T6, born 2015), Beekdaelen C3 (T4, born 2008;
    # T7's C5 was deleted). Step 10 makes C3 18 on 1 January 2024: Beekdaelen's year has no row left.
    assert steps["recomputed"][10][("jaar", date(2024, 1, 1))] is False
    assert [steps["cbs_clienten"][step] for step in (8, 9, 10)] == [
        {}, {(2024, "GM0917"): 2, (2024, "GM1954"): 1}, {(2024, "GM0917"): 2}]


@pytest.mark.parametrize("table", sorted(INCREMENTAL))
def test_incremental_builds_equal_a_full_build(steps: dict, table: str) -> None:
    incremental, full = _contents(steps["incremental"], table), _contents(steps["full"], table)
    assert len(incremental) >= INCREMENTAL[table]
    assert incremental == full
