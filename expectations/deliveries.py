"""Warn-level checks on the deliveries (kpis.md): the ingest (Pandera) results per kind, files that could not be
used, providers that stopped delivering, and large month-on-month changes per provider.

Each function takes a DuckDB connection to the working warehouse and returns (passed, metadata)."""

from __future__ import annotations

from typing import Any

import duckdb

CheckOutcome = tuple[bool, dict[str, Any]]
MAX_MONTHLY_CHANGE = 0.30


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def rejected_rows(conn: duckdb.DuckDBPyConnection, soort: str) -> CheckOutcome:
    """Rows the ingest schema rejected in the current (accepted) deliveries of one kind, with reason codes."""
    totals = _rows(conn, """
        select count(*) as leveringen, coalesce(sum(rijen_gelezen), 0) as gelezen,
               coalesce(sum(rijen_afgewezen), 0) as afgewezen
        from raw.leveringen where status = 'accepted' and soort = ?""", [soort])[0]
    reasons = _rows(conn, """
        select a.reden_code, count(distinct (a.levering_id, a.rij_nr)) as rijen
        from raw.afgewezen_rijen a join raw.leveringen l using (levering_id)
        where l.status = 'accepted' and l.soort = ?
        group by all order by rijen desc, reden_code""", [soort])
    metadata = {**{k: int(v) for k, v in totals.items()}, "redenen": {r["reden_code"]: r["rijen"] for r in reasons}}
    return totals["afgewezen"] == 0, metadata


def unusable_files(conn: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Files that were quarantined or rejected, with the reason a provider can act on."""
    files = _rows(conn, """
        select bestandsnaam, status, reden_code, melding from raw.leveringen
        where status in ('quarantined', 'rejected') order by levering_id""")
    return not files, {"aantal": len(files), "bestanden": files[:50]}


def providers_missing(conn: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Providers that delivered trajecten for the month before the latest delivery month but not for that month."""
    missing = _rows(conn, """
        with maanden as (
            select distinct agb, leveringsmaand from raw.leveringen
            where status in ('accepted', 'corrected') and soort = 'trajecten'),
        laatste as (select max(leveringsmaand) as maand from maanden)
        select m.agb from maanden m, laatste
        where m.leveringsmaand = laatste.maand - interval 1 month
          and m.agb not in (select agb from maanden, laatste l2 where maanden.leveringsmaand = l2.maand)
        order by m.agb""")
    latest = conn.execute(
        "select max(leveringsmaand) from raw.leveringen where status = 'accepted' and soort = 'trajecten'").fetchall()[0][0]
    return not missing, {"leveringsmaand": str(latest), "ontbrekende_agb": [r["agb"] for r in missing]}


def monthly_change(conn: duckdb.DuckDBPyConnection) -> CheckOutcome:
    """Providers whose clienten_in_zorg (segment TOTAAL) changed more than 30% from the previous month
    in the latest month of marts.kpi_aanbieder."""
    changes = _rows(conn, f"""
        with maand as (
            select agb, periode_start, clienten_in_zorg from marts.kpi_aanbieder
            where periode_type = 'maand' and segment = 'TOTAAL'),
        laatste as (select max(periode_start) as maand from maand)
        select vorig.agb, vorig.clienten_in_zorg as vorige_maand, coalesce(nu.clienten_in_zorg, 0) as deze_maand
        from maand vorig
        join laatste on vorig.periode_start = laatste.maand - interval 1 month
        left join maand nu on nu.agb = vorig.agb and nu.periode_start = laatste.maand
        where vorig.clienten_in_zorg > 0
          and abs(coalesce(nu.clienten_in_zorg, 0) - vorig.clienten_in_zorg) > {MAX_MONTHLY_CHANGE} * vorig.clienten_in_zorg
        order by vorig.agb""")
    return not changes, {"drempel_pct": int(MAX_MONTHLY_CHANGE * 100), "aanbieders": changes[:50]}
