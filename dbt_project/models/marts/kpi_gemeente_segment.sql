{{ kpi_incrementeel_config() }}
-- depends_on: {{ ref('int_perioden_herberekening') }}
-- Every KPI of kpis.md per period x area (gemeente or regio) x segment, with TOTAAL rows as distinct counts.
-- The expanded facts are read by several KPI parts: `not materialized` makes each part re-read the int_* table
-- instead of DuckDB storing every expanded row with all its columns (90 million declaraties nationally).
with trajecten as not materialized (
    {{ per_gebied(ref('int_trajecten')) }}
),

declaraties as not materialized (
    {{ per_gebied(ref('int_declaraties')) }}
),

wachtlijst as not materialized (
    {{ per_gebied(ref('int_wachtlijst')) }}
),

kpi as (
    {{ kpi_per_groep('trajecten', 'declaraties', 'wachtlijst', ['gebiedcode', 'segment'], te_berekenen_perioden()) }}
),

gebieden as (
    select distinct gebiedcode, gebiednaam, gebiedtype from {{ ref('int_gebied_gemeenten') }}
),

-- kosten at providers flagged klein for the year of the declaratie
kosten_kleine_aanbieders as (
    select d.gebiedcode, year(d.periode) as jaar, sum(d.bedrag) as kosten_eur
    from declaraties as d
    inner join {{ ref('stg_reference__aanbieders') }} as a
        on a.agb = d.agb and a.jaar = year(d.periode) and a.klein
    where d.segment = 'TOTAAL'
    group by all
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
        then {{ pct('coalesce(kl.kosten_eur, 0)', 'l.lumpsum_eur') }}
    end as pct_kosten_kleine_aanbieders
from kpi as k
inner join gebieden as g
    on g.gebiedcode = k.gebiedcode
left join {{ ref('int_budget_gebied') }} as l
    on l.gebiedcode = k.gebiedcode and l.jaar = year(k.periode_start)
left join kosten_kleine_aanbieders as kl
    on kl.gebiedcode = k.gebiedcode and kl.jaar = year(k.periode_start)
