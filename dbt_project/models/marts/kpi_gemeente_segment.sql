{{ kpi_incrementeel_config() }}
-- depends_on: {{ ref('int_perioden_herberekening') }}
-- Every KPI of kpis.md per period x area (gemeente or regio) x segment, with TOTAAL rows as distinct counts.
with kpi as (
    {{ kpi_per_groep('gebied', te_berekenen_perioden(nieuwe_start=true)) }}
),

gebieden as (
    select distinct gebiedcode, gebiednaam, gebiedtype from {{ ref('int_gebied_gemeenten') }}
)

select
    concat_ws('|', k.periode_type, k.periode_start, k.gebiedcode, k.segment) as rij_sleutel,
    k.periode_type,
    k.periode_start,
    k.periode_eind,
    k.gebiedcode as gemeentecode,
    g.gebiednaam as gemeentenaam,
    g.gebiedtype,
    k.* exclude (periode_type, periode_start, periode_eind, gebiedcode),
    case when k.periode_type = 'jaar' and k.segment = 'TOTAAL'
        then {{ pct('coalesce(kl.kosten_kleine_aanbieders_eur, 0)', 'l.lumpsum_eur') }}
    end as pct_kosten_kleine_aanbieders
from kpi as k
inner join gebieden as g
    on g.gebiedcode = k.gebiedcode
left join {{ ref('int_budget_gebied') }} as l
    on l.gebiedcode = k.gebiedcode and l.jaar = year(k.periode_start)
left join {{ ref('int_kpi_kosten_per_gebied') }} as kl
    on kl.periode_type = k.periode_type and kl.periode_start = k.periode_start
    and kl.gebiedcode = k.gebiedcode and kl.segment = k.segment
