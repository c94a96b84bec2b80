"""A tiny hand-made working warehouse: the marts columns the report reads, plus what publish() needs
(raw.leveringen, the meta schema)."""

from __future__ import annotations

from pathlib import Path

import duckdb

MONTHS = ("2024-01-01", "2024-02-01", "2024-03-01")
# gemeentecode -> clienten_in_zorg per month (instroom, uitstroom, kosten per client per maand derived below)
IN_ZORG = {"GM0917": (10, 12, 15), "HLV": (20, 25, 30)}


def write_tiny_warehouse(path: Path, with_cbs: bool) -> None:
    """Marts with the columns the report reads, plus what publish() needs (raw.leveringen, meta)."""
    conn = duckdb.connect(str(path))
    conn.execute("create schema marts; create schema raw; create schema meta")
    conn.execute("""create table marts.kpi_gemeente_segment (rij_sleutel varchar, periode_type varchar,
        periode_start date, periode_eind date, gemeentecode varchar, gemeentenaam varchar, gebiedtype varchar,
        segment varchar, clienten_in_zorg bigint, instroom bigint, uitstroom bigint,
        kosten_per_client_per_maand_eur decimal(18,2))""")
    for code, values in IN_ZORG.items():
        name, kind = ("Heerlen", "gemeente") if code == "GM0917" else ("HLV (JENS)", "samenwerkingsverband")
        for month, n in zip(MONTHS, values):
            for segment, factor in (("TOTAAL", 1), ("K2", 0.5)):
                conn.execute("insert into marts.kpi_gemeente_segment values (?, 'maand', ?, last_day(?::date), ?, ?,"
                             " ?, ?, ?, 2, 1, 1000)", [f"{code}|{month}|{segment}", month, month, code, name, kind,
                                                       segment, int(n * factor)])
    conn.execute("""create table marts.wachtlijst as select gemeentecode, periode_start, 'TOTAAL' as segment,
        clienten_in_zorg // 5 as wachtenden, 40.0 as mediaan_wachttijd_dagen
        from marts.kpi_gemeente_segment where segment = 'TOTAAL'""")
    conn.execute("""create table marts.budget_realisatie as select 'GM0917' as gemeentecode, 2024 as jaar,
        900.00::decimal(18,2) as budget_per_clientmaand_eur, 40000.00::decimal(18,2) as lumpsum_eur,
        37000.00::decimal(18,2) as realisatie_eur""")
    if with_cbs:
        conn.execute("""create table marts.cbs_benchmark as select 'GM0917' as gemeentecode, 2024 as jaar,
            18.7 as pct_jeugdhulp_lokaal, 16.6 as pct_jeugdhulp_cbs, 16.1 as pct_jeugdhulp_cbs_jeugdzorgregio,
            13.4 as pct_jeugdhulp_cbs_nederland""")
    conn.execute("""create table raw.leveringen as select 1 as levering_id, 'a.csv' as bestandsnaam,
        'abc' as sha256, 'accepted' as status, 'archive/a.csv' as archief_pad""")
    conn.close()
