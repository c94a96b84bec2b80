"""Static KPI report from the published warehouse: one self-contained HTML file with inline SVG charts.

The report only reads marts (and meta.publicaties); every KPI comes from dbt, nothing is recomputed here.
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date
from html import escape
from pathlib import Path

import duckdb

from report.charts import bar_chart, line_chart

AREA_ORDER = {"jeugdzorgregio": 0, "subregio": 1, "samenwerkingsverband": 2, "gemeente": 3}

MONTHLY_SQL = """
select k.gemeentecode, k.gemeentenaam, k.gebiedtype, k.periode_start, k.clienten_in_zorg, k.instroom, k.uitstroom,
       k.kosten_per_client_per_maand_eur, w.wachtenden, w.mediaan_wachttijd_dagen
from marts.kpi_gemeente_segment k
left join marts.wachtlijst w
  on w.gemeentecode = k.gemeentecode and w.periode_start = k.periode_start and w.segment = 'TOTAAL'
where k.periode_type = 'maand' and k.segment = 'TOTAAL'
order by k.gemeentecode, k.periode_start"""
BUDGET_SQL = """
select gemeentecode, jaar, budget_per_clientmaand_eur, lumpsum_eur, realisatie_eur
from marts.budget_realisatie order by gemeentecode, jaar"""
CBS_SQL = """
select gemeentecode, jaar, pct_jeugdhulp_lokaal, pct_jeugdhulp_cbs, pct_jeugdhulp_cbs_jeugdzorgregio,
       pct_jeugdhulp_cbs_nederland
from marts.cbs_benchmark order by gemeentecode, jaar"""

STYLE = """
body{font-family:system-ui,Arial,sans-serif;margin:1.5rem;color:#222;background:#fafafa}
h1{font-size:1.4rem;margin:0 0 .3rem} .meta{color:#555;margin-bottom:1rem}
select{font-size:1rem;padding:.2rem} .area{display:none} .area.show{display:block}
.grid-charts{display:flex;flex-wrap:wrap;gap:12px} .chart{background:#fff;border:1px solid #ddd}
.ct{font-size:13px;font-weight:600} .yl{font-size:10px;text-anchor:end;fill:#555}
.xl{font-size:10px;text-anchor:middle;fill:#555} .lg{font-size:11px} .grid{stroke:#eee}
.nodata{width:560px;color:#888;font-style:italic}
"""
SCRIPT = """
const pick=document.getElementById('gebied');
function show(code){document.querySelectorAll('.area').forEach(s=>s.classList.toggle('show',s.id===code));
  pick.value=code;}
pick.addEventListener('change',()=>{location.hash=pick.value;show(pick.value);});
const wanted=location.hash.slice(1);
show(wanted&&document.getElementById(wanted)?wanted:pick.options[0].value);
window.scrollTo(0,0);
"""


def _num(value) -> float | None:
    return None if value is None else float(value)


def _has_table(conn: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return conn.execute("select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                        [schema, table]).fetchone()[0] > 0


def _rows_by_area(conn: duckdb.DuckDBPyConnection, sql: str) -> dict[str, list[tuple]]:
    grouped: dict[str, list[tuple]] = defaultdict(list)
    for row in conn.execute(sql).fetchall():
        grouped[row[0]].append(row)
    return grouped


def _area_section(code: str, name: str, kind: str, months: list[date], monthly: list[tuple],
                  budget: list[tuple], cbs: list[tuple]) -> str:
    by_month = {row[3]: row for row in monthly}

    def col(i: int) -> list[float | None]:
        return [_num(by_month[m][i]) if m in by_month else None for m in months]

    budget_per_year = {row[1]: _num(row[2]) for row in budget}
    charts = [
        line_chart("Cliënten in zorg per maand", months, {"clienten_in_zorg": col(4)}),
        line_chart("Instroom en uitstroom per maand", months, {"instroom": col(5), "uitstroom": col(6)}),
        line_chart("Wachtenden (eind van de maand)", months, {"wachtenden": col(8)}),
        line_chart("Mediaan wachttijd (dagen)", months, {"mediaan_wachttijd_dagen": col(9)}),
        line_chart("Kosten per cliënt per maand (EUR) tegen budget", months, {
            "kosten per cliënt per maand": col(7),
            "budget per cliëntmaand": [budget_per_year.get(m.year) for m in months],
        }),
    ]
    if budget:
        charts.append(bar_chart("Budget en realisatie per jaar (EUR)", [str(r[1]) for r in budget], {
            "lumpsum": [_num(r[3]) for r in budget], "realisatie": [_num(r[4]) for r in budget]}))
    if cbs:
        charts.append(bar_chart("CBS-benchmark: % jongeren met jeugdhulp", [str(r[1]) for r in cbs], {
            "lokaal": [_num(r[2]) for r in cbs], "CBS gemeente": [_num(r[3]) for r in cbs],
            "CBS regio": [_num(r[4]) for r in cbs], "CBS Nederland": [_num(r[5]) for r in cbs]}))
    return (f'<section class="area" id="{escape(code)}" data-gebiedtype="{escape(kind)}">'
            f'<h2>{escape(name)} <small>({escape(code)}, {escape(kind)})</small></h2>'
            f'<div class="grid-charts">{"".join(charts)}</div></section>')


def build_html(conn: duckdb.DuckDBPyConnection) -> str:
    """The report as one HTML string, read from an open connection on a published warehouse."""
    monthly = _rows_by_area(conn, MONTHLY_SQL)
    budget = _rows_by_area(conn, BUDGET_SQL) if _has_table(conn, "marts", "budget_realisatie") else {}
    cbs = _rows_by_area(conn, CBS_SQL) if _has_table(conn, "marts", "cbs_benchmark") else {}
    months = sorted({row[3] for rows in monthly.values() for row in rows})
    areas = sorted(((rows[0][0], rows[0][1], rows[0][2]) for rows in monthly.values()),
                   key=lambda a: (AREA_ORDER.get(a[2], 9), a[1]))
    publication = None
    if _has_table(conn, "meta", "publicaties"):
        publication = conn.execute("select gepubliceerd_op, data_datum from meta.publicaties "
                                   "order by gepubliceerd_op desc limit 1").fetchone()
    subtitle = (f"Gepubliceerd {publication[0]:%Y-%m-%d %H:%M} UTC, gegevens tot en met {publication[1]}"
                if publication else "")
    options = "".join(f'<option value="{escape(c)}">{escape(n)} ({escape(k)})</option>' for c, n, k in areas)
    sections = "".join(_area_section(c, n, k, months, monthly[c], budget.get(c, []), cbs.get(c, []))
                       for c, n, k in areas)
    return (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Jeugdzorg KPI-rapport</title>'
            f'<style>{STYLE}</style></head><body><h1>Jeugdzorg KPI-rapport</h1>'
            f'<div class="meta">{escape(subtitle)}; alle segmenten (TOTAAL), bron: marts van de publicatie.</div>'
            f'<label>Gebied: <select id="gebied">{options}</select></label>{sections}'
            f'<script>{SCRIPT}</script></body></html>')


def render_report(published_db: Path, out_html: Path) -> Path:
    """Write the report for a published DuckDB file (opened read-only) to out_html via a temporary file."""
    conn = duckdb.connect(str(published_db), read_only=True)
    try:
        html = build_html(conn)
    finally:
        conn.close()
    tmp = out_html.with_name(out_html.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, out_html)
    return out_html
