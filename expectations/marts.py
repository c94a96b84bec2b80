"""GX suites on the KPI marts (kpis.md, data-quality rules): value ranges, shares 0-100, stock-flow identity and
segment cost shares summing to 100. Each function takes a pandas frame of one mart and returns a SuiteOutcome."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from expectations.gx_runner import SuiteOutcome, run_suite

COUNT_COLUMNS = ("clienten_in_zorg", "clienten_begin", "clienten_eind", "instroom", "uitstroom",
                 "trajecten_gestart", "trajecten_beeindigd", "wachtenden")
TOTAAL = "TOTAAL"
# Shares are rounded to 1 decimal, so a sum over up to 7 segments can be off by 7 x 0.05.
SHARE_SUM_TOLERANCE = 0.4


def _present(frame: pd.DataFrame, names) -> list[str]:
    return [name for name in names if name in frame.columns]


def _shares(columns: Sequence[str]) -> list[str]:
    """Percentage columns (pct_*), which must lie within 0-100."""
    return [c for c in columns if c.startswith("pct_")]


def kpi_mart_columns(available: Sequence[str]) -> list[str]:
    """The columns check_kpi_mart reads (counts and shares): reading only these keeps a national mart small."""
    shares = _shares(available)
    return [c for c in available if c in COUNT_COLUMNS or c in shares]


def segment_share_columns(group_columns: Sequence[str]) -> list[str]:
    """The columns check_segment_shares reads."""
    return ["periode_type", "periode_start", *group_columns, "segment", "pct_kosten_segment"]


def check_kpi_mart(name: str, frame: pd.DataFrame) -> SuiteOutcome:
    """Counts >= 0, every pct_* within 0-100, and clienten_eind = clienten_begin + instroom - uitstroom per row."""
    frame = frame.copy()
    counts = _present(frame, COUNT_COLUMNS)
    shares = _shares(frame.columns)
    stock_flow = _present(frame, ("clienten_begin", "instroom", "uitstroom", "clienten_eind")) == [
        "clienten_begin", "instroom", "uitstroom", "clienten_eind"]
    if stock_flow:
        frame["voorraad_stroom_verschil"] = (frame["clienten_begin"] + frame["instroom"] - frame["uitstroom"]
                                             - frame["clienten_eind"]).astype("float64")

    def expectations(gxe):
        yield gxe.ExpectTableRowCountToBeBetween(min_value=1)
        for column in counts:
            yield gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0)
        for column in shares:
            yield gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0, max_value=100)
        if stock_flow:
            yield gxe.ExpectColumnValuesToBeBetween(column="voorraad_stroom_verschil", min_value=0, max_value=0)

    return run_suite(name, frame, expectations)


def check_segment_shares(name: str, frame: pd.DataFrame, group_columns: list[str]) -> SuiteOutcome:
    """pct_kosten_segment of the segments (not TOTAAL) of one group and period sums to 100 when there are costs."""
    segments = frame[(frame["segment"] != TOTAAL) & frame["pct_kosten_segment"].notna()]
    sums = (segments.groupby(["periode_type", "periode_start", *group_columns], dropna=False)["pct_kosten_segment"]
            .sum().astype("float64").reset_index(name="som_pct_kosten_segment"))

    def expectations(gxe):
        yield gxe.ExpectColumnValuesToBeBetween(column="som_pct_kosten_segment",
                                                min_value=100 - SHARE_SUM_TOLERANCE,
                                                max_value=100 + SHARE_SUM_TOLERANCE)

    return run_suite(name, sums, expectations)
