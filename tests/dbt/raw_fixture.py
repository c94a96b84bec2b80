"""A tiny raw warehouse (docs/design.md "Raw tables") with hand-checkable KPI values for the dbt build test."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.warehouse import TABLES

RAW_DDL = """
create schema raw;
create table raw.leveringen(levering_id integer, run_id varchar, bestandsnaam varchar, soort varchar, agb varchar,
  leveringsmaand date, sha256 varchar, grootte_bytes bigint, archief_pad varchar, ontvangen_op timestamp,
  verwerkt_op timestamp, status varchar, vervangt_levering_id integer, vervangen_door_levering_id integer,
  rijen_gelezen bigint, rijen_geaccepteerd bigint, rijen_afgewezen bigint, reden_code varchar, melding varchar);
create table raw.trajecten(levering_id integer, rij_nr integer, agb varchar, leveringsmaand date, traject_id varchar,
  client_id varchar, geboortedatum date, geslacht varchar, gemeentecode varchar, productcode varchar,
  hulpvorm varchar, verwijzer varchar, gestart_met_crisis varchar, aanmelddatum date, datum_aanvang date,
  datum_einde date, reden_beeindiging varchar);
create table raw.declaraties(levering_id integer, rij_nr integer, agb varchar, leveringsmaand date,
  traject_id varchar, productcode varchar, periode date, volume double, eenheid varchar, tarief decimal(18,4),
  bedrag decimal(18,2));
create table raw.wachtlijst(levering_id integer, rij_nr integer, agb varchar, leveringsmaand date, client_id varchar,
  gemeentecode varchar, productcode varchar, aanmelddatum date, overbrugging boolean);
create table raw.afgewezen_rijen(levering_id integer, rij_nr integer, kolom varchar, reden_code varchar,
  melding varchar, waarde varchar);
create table raw.referentie_gemeenten(gemeentecode varchar, gemeentenaam varchar, jeugdzorgregio varchar,
  subregio varchar, geldig_van date, geldig_tot date, opvolger_code varchar);
create table raw.referentie_aanbieders(agb varchar, naam varchar, type varchar, klein varchar, jaar integer);
create table raw.referentie_productcodes(productcode varchar, omschrijving varchar, segment varchar,
  kwadrant varchar, hulpvorm varchar, productcategorie varchar, geldig_van date, geldig_tot date);
create table raw.referentie_budgetten(gemeentecode varchar, jaar integer, segment varchar,
  lumpsum_eur decimal(18,2), begrote_clienten_per_maand double);
"""

# Provider 99100001 (Xonar, lid) and 99400001 (AHMW, klein). Delivery 3 was corrected by delivery 4: its rows
# (T1 ended 2024-03-15 with reden 03) must not count.
RAW_ROWS = """
insert into raw.leveringen (levering_id, soort, agb, leveringsmaand, status, vervangen_door_levering_id,
  vervangt_levering_id) values
  (1, 'trajecten', '99100002', '2024-01-01', 'accepted', null, null),
  (2, 'trajecten', '99100002', '2024-02-01', 'accepted', null, null),
  (3, 'trajecten', '99100002', '2024-03-01', 'corrected', 4, null),
  (4, 'trajecten', '99100002', '2024-03-01', 'accepted', null, 3),
  (5, 'declaraties', '99100002', '2024-03-01', 'accepted', null, null),
  (6, 'wachtlijst', '99100002', '2024-03-01', 'accepted', null, null),
  (7, 'declaraties', '99400001', '2024-02-01', 'accepted', null, null),
  (8, 'trajecten', '99400001', '2024-02-01', 'accepted', null, null);
insert into raw.trajecten (levering_id, rij_nr, agb, leveringsmaand, traject_id, client_id, gemeentecode,
  productcode, hulpvorm, verwijzer, gestart_met_crisis, aanmelddatum, datum_aanvang, datum_einde,
  reden_beeindiging) values
  (1, 1, '99100002', '2024-01-01', 'T1', 'c1', 'GM0917', '45K21', '01', '01', '02', null, '2023-11-01', null, null),
  (1, 2, '99100002', '2024-01-01', 'T3', 'c2', 'GM0951', '45A01', '04', '02', '02', '2023-12-01', '2024-01-15', null, null),
  (2, 1, '99100002', '2024-02-01', 'T1', 'c1', 'GM0917', '45K21', '01', '01', '02', null, '2023-11-01', null, null),
  (2, 2, '99100002', '2024-02-01', 'T2', 'c1', 'GM0917', '44K36', '11', '04', '02', null, '2024-02-10', null, null),
  (2, 3, '99100002', '2024-02-01', 'T3', 'c2', 'GM0951', '45A01', '04', '02', '02', '2023-12-01', '2024-01-15', '2024-02-29', '04'),
  (3, 1, '99100002', '2024-03-01', 'T1', 'c1', 'GM0917', '45K21', '01', '01', '02', null, '2023-11-01', '2024-03-15', '03'),
  (4, 1, '99100002', '2024-03-01', 'T1', 'c1', 'GM0917', '45K21', '01', '01', '02', null, '2023-11-01', '2024-03-31', '01'),
  (4, 2, '99100002', '2024-03-01', 'T2', 'c1', 'GM0917', '44K36', '11', '04', '02', null, '2024-02-10', null, null),
  (4, 3, '99100002', '2024-03-01', 'T4', 'c3', 'GM0882', '45K31', '02', '01', '01', '2023-11-01', '2024-03-01', null, null),
  (8, 1, '99400001', '2024-02-01', 'T9', 'c4', 'GM0917', '45K12', '01', '06', '02', null, '2024-02-01', '2024-02-29', '01');
insert into raw.declaraties (levering_id, rij_nr, agb, leveringsmaand, traject_id, productcode, periode, volume,
  eenheid, tarief, bedrag) values
  (5, 1, '99100002', '2024-03-01', 'T1', '45K21', '2024-03-01', 10, '04', 100, 1000.00),
  (5, 2, '99100002', '2024-03-01', 'T2', '44K36', '2024-03-01', 21, '14', 200, 4200.00),
  (5, 3, '99100002', '2024-03-01', 'TX', '45K21', '2024-03-01', 1, '04', 100, 100.00),
  (7, 1, '99400001', '2024-02-01', 'T9', '45K12', '2024-02-01', 4, '04', 50, 200.00);
insert into raw.wachtlijst (levering_id, rij_nr, agb, leveringsmaand, client_id, gemeentecode, productcode,
  aanmelddatum, overbrugging) values
  (6, 1, '99100002', '2024-03-01', 'c5', 'GM0917', '45K31', '2024-01-31', false),
  (6, 2, '99100002', '2024-03-01', 'c5', 'GM0917', '45K21', '2024-02-01', true),
  (6, 3, '99100002', '2024-03-01', 'c6', 'GM0962', '45A01', '2024-03-01', false);
insert into raw.afgewezen_rijen values (1, 3, 'bsn', 'BSN_ELFPROEF', 'BSN voldoet niet aan de elfproef', null);
"""


def create_raw_warehouse(path: Path) -> None:
    """Create the raw schema of docs/design.md with the fixture rows in a new DuckDB file."""
    with duckdb.connect(str(path)) as conn:
        conn.execute(RAW_DDL)
        conn.execute(f"create table raw.cbs_waarden ({TABLES['cbs_waarden']})")  # no CBS rows: an empty benchmark
        conn.execute(RAW_ROWS)
