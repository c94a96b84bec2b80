{{ kpi_incrementeel_config() }}
-- depends_on: {{ ref('int_perioden_herberekening') }}
-- Every KPI of kpis.md per period x provider (agb) x segment, with TOTAAL rows as distinct counts. Declaraties
-- without a known trajectory count here (they have no gemeente).
with kpi as (
    {{ kpi_per_groep('aanbieder', te_berekenen_perioden(nieuwe_start=true)) }}
)

select
    concat_ws('|', k.periode_type, k.periode_start, k.agb, k.segment) as rij_sleutel,
    k.periode_type,
    k.periode_start,
    k.periode_eind,
    k.agb,
    a.naam as aanbieder_naam,
    a.type as aanbieder_type,
    a.klein as aanbieder_klein,
    k.* exclude (periode_type, periode_start, periode_eind, agb),
    -- the small-provider share is measured against a gemeente's lumpsum, so it has no meaning per provider
    cast(null as decimal(5,1)) as pct_kosten_kleine_aanbieders
from kpi as k
left join {{ ref('stg_reference__aanbieders') }} as a
    on a.agb = k.agb and a.jaar = year(k.periode_start)
