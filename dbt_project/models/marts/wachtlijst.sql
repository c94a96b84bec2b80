-- Monthly waiting-list snapshot per gemeente or region x segment (incl. TOTAAL, distinct clients): the month rows of
-- the waiting-list KPI part.
with gebieden as (
    select distinct gebiedcode, gebiednaam, gebiedtype from {{ ref('int_gebied_gemeenten') }}
)

select
    concat_ws('|', k.periode_start, k.gebiedcode, k.segment) as rij_sleutel,
    k.periode_start,
    k.periode_eind as snapshotdatum,
    k.gebiedcode as gemeentecode,
    g.gebiednaam as gemeentenaam,
    g.gebiedtype,
    k.segment,
    cast(k.wachtenden as bigint) as wachtenden,
    cast(k.wachtenden_met_overbrugging as bigint) as wachtenden_met_overbrugging,
    cast(k.mediaan_wachttijd_dagen as double) as mediaan_wachttijd_dagen,
    k.pct_wachttijd_boven_norm
from {{ ref('int_kpi_wachtlijst_per_gebied') }} as k
inner join gebieden as g
    on g.gebiedcode = k.gebiedcode
where k.periode_type = 'maand'
