"""The GX suites on the KPI marts (expectations/marts.py), run for real on small frames: what passes, what fails and
what a failure reports."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from expectations import marts
from tests.conftest import ROOT

MART_COLUMNS = ["rij_sleutel", "periode_type", "periode_start", "gemeentecode", "segment", "clienten_in_zorg",
                "clienten_begin", "clienten_eind", "instroom", "uitstroom", "gem_duur_dagen", "pct_uitval",
                "pct_kosten_segment", "kosten_eur"]


def _mart(**changes) -> pd.DataFrame:
    """Two gemeente rows for January 2024 whose stock and flow add up (10 + 3 - 2 = 11 and 5 + 0 - 1 = 4)."""
    frame = pd.DataFrame({
        "periode_type": ["maand", "maand"], "periode_start": pd.to_datetime(["2024-01-01"] * 2),
        "gemeentecode": ["GM0917", "GM0917"], "segment": ["JEUGDHULP_AMBULANT", "JEUGDHULP_VERBLIJF"],
        "clienten_in_zorg": [12, 5], "clienten_begin": [10, 5], "clienten_eind": [11, 4], "instroom": [3, 0],
        "uitstroom": [2, 1], "pct_uitval": [50.0, 0.0], "pct_kosten_segment": [60.0, 40.0]})
    for column, values in changes.items():
        frame[column] = values
    return frame


def test_kpi_mart_reads_only_counts_and_shares():
    assert marts.kpi_mart_columns(MART_COLUMNS) == [
        "clienten_in_zorg", "clienten_begin", "clienten_eind", "instroom", "uitstroom", "pct_uitval",
        "pct_kosten_segment"]
    assert marts.segment_share_columns(["gemeentecode"]) == [
        "periode_type", "periode_start", "gemeentecode", "segment", "pct_kosten_segment"]


def test_kpi_mart_suite_passes_a_consistent_mart():
    outcome = marts.check_kpi_mart("goed", _mart())
    # row count, 5 counts >= 0, 2 shares within 0-100, the stock-flow identity
    assert (outcome.success, outcome.evaluated, outcome.failures) == (True, 9, [])


def test_kpi_mart_suite_reports_broken_identity_and_share_above_100():
    outcome = marts.check_kpi_mart("fout", _mart(clienten_eind=[13, 4], pct_uitval=[50.0, 120.0]))
    assert not outcome.success
    failed = {f["kwargs"]["column"]: (f["unexpected_count"], f["voorbeelden"]) for f in outcome.failures}
    # 10 + 3 - 2 - 13 = -2 on the first row; 120 % on the second
    assert failed == {"voorraad_stroom_verschil": (1, [-2.0]), "pct_uitval": (1, [120.0])}


def test_segment_shares_must_sum_to_100_per_gemeente_and_period():
    assert marts.check_segment_shares("som", _mart(), ["gemeentecode"]).success
    outcome = marts.check_segment_shares("som", _mart(pct_kosten_segment=[60.0, 30.0]), ["gemeentecode"])
    assert not outcome.success
    assert [(f["unexpected_count"], f["voorbeelden"]) for f in outcome.failures] == [(1, [90.0])]


def test_preload_leaves_gx_imported_in_a_fresh_process():
    """`preload` imports GX in a daemon thread: a fresh interpreter has no GX before it and has it after the thread."""
    code = ("import sys; from expectations import gx_runner; before = 'great_expectations' in sys.modules; "
            "thread = gx_runner.preload(); thread.join(); "
            "print(before, thread.daemon, 'great_expectations.expectations' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True"]
