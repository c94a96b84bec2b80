{{ config(alias="verwijzers") }}
{{ kpi_incrementeel_config() }}
-- depends_on: {{ ref('int_perioden_herberekening') }}
-- Model name kpi_verwijzers: the seed `verwijzers` (code list) owns the node name; the table is marts.verwijzers.
-- Trajectories started per period x area x segment (incl. TOTAAL) x verwijzer, with their share of all started;
-- an incremental build computes the recomputed periods from the trajectories started in them.
with perioden as (
    select * from {{ te_berekenen_perioden() }}
),

gestart_in_perioden as (
    {{ feiten_in_bereik(ref('int_trajecten'), 'perioden', 'f.datum_aanvang between w.start and w.eind') }}
),

trajecten as (
    {{ per_gebied('gestart_in_perioden') }}
),

-- counts are additive: started trajectories per month first, then per period
gestart_per_maand as (
    select cast(date_trunc('month', datum_aanvang) as date) as maand, gebiedcode, segment, verwijzer,
        count(*) as trajecten_gestart
    from trajecten
    group by all
),

gestart as (
    select p.periode_type, p.periode_start, p.periode_eind, m.gebiedcode, m.segment, m.verwijzer,
        sum(m.trajecten_gestart) as trajecten_gestart
    from gestart_per_maand as m
    inner join perioden as p
        on m.maand between p.periode_start and p.periode_eind
    group by all
),

gebieden as (
    select distinct gebiedcode, gebiednaam, gebiedtype from {{ ref('int_gebied_gemeenten') }}
)

select
    concat_ws('|', s.periode_type, s.periode_start, s.gebiedcode, s.segment, s.verwijzer) as rij_sleutel,
    s.periode_type,
    s.periode_start,
    s.periode_eind,
    s.gebiedcode as gemeentecode,
    g.gebiednaam as gemeentenaam,
    g.gebiedtype,
    s.segment,
    s.verwijzer,
    v.omschrijving as verwijzer_omschrijving,
    cast(s.trajecten_gestart as bigint) as trajecten_gestart,
    {{ pct('s.trajecten_gestart',
           'sum(s.trajecten_gestart) over (partition by s.periode_type, s.periode_start, s.gebiedcode, s.segment)') }}
        as pct_van_gestart
from gestart as s
inner join gebieden as g
    on g.gebiedcode = s.gebiedcode
left join {{ ref('verwijzers') }} as v
    on v.code = s.verwijzer
