{#- Every KPI of kpis.md per period x group, typed for the marts (counts bigint, days double, amounts decimal(18,2),
    percentages decimal(5,1)), from the KPI parts of the grouping (`gebied` or `aanbieder`, models/intermediate/kpi/)
    for the periods this build computes. A row exists when anything happened (care, waiting, costs); missing counts
    are 0. pct_kosten_kleine_aanbieders depends on the group (lumpsum) and is added by the mart. -#}
{% macro kpi_per_groep(groep, perioden) %}
{%- set group_cols = kpi_groep_kolommen(groep) -%}
{%- set sleutel = ['periode_type', 'periode_start', 'periode_eind'] + group_cols -%}
{%- set groep_zonder_segment = group_cols | reject('equalto', 'segment') | list -%}
with
{%- for deel in ['zorg', 'nieuwe_start', 'wachtlijst', 'kosten'] %}
{{ deel }} as (
    select d.*
    from {{ ref('int_kpi_' ~ deel ~ '_per_' ~ groep) }} as d
    semi join {{ perioden }} as p
        on p.periode_type = d.periode_type and p.periode_start = d.periode_start
),
{% endfor %}
-- sum over the months m in the period of clienten_in_zorg(m): the denominator of kosten per client per maand (the
-- months of a period are in the zorg part, recomputed or not)
clientmaanden as (
    select p.periode_type, p.periode_start, p.periode_eind, {{ kolommen('m', group_cols) }},
        sum(m.clienten_in_zorg) as clientmaanden
    from {{ ref('int_kpi_zorg_per_' ~ groep) }} as m
    inner join {{ perioden }} as p
        on m.periode_type = 'maand' and m.periode_start between p.periode_start and p.periode_eind
    group by all
),

-- The parts side by side: stacked by column name and collapsed per key (each part has at most one row per key), so
-- no part is joined to another. A key exists when there is care, waiting or costs.
samen as (
    select
        {{ sleutel | join(', ') }},
        coalesce(max(clienten_in_zorg), 0) as clienten_in_zorg,
        coalesce(max(clienten_begin), 0) as clienten_begin,
        coalesce(max(clienten_eind), 0) as clienten_eind,
        coalesce(max(trajecten_gestart), 0) as trajecten_gestart,
        coalesce(max(trajecten_beeindigd), 0) as trajecten_beeindigd,
        max(gem_duur_dagen) as gem_duur_dagen,
        max(mediaan_duur_dagen) as mediaan_duur_dagen,
        max(pct_volgens_plan) as pct_volgens_plan,
        max(pct_uitval) as pct_uitval,
        max(pct_nieuwe_start_6mnd) as pct_nieuwe_start_6mnd,
        max(pct_gestart_met_crisis) as pct_gestart_met_crisis,
        max(pct_verblijf) as pct_verblijf,
        coalesce(max(wachtenden), 0) as wachtenden,
        max(mediaan_wachttijd_dagen) as mediaan_wachttijd_dagen,
        max(mediaan_wachttijd_gestart_dagen) as mediaan_wachttijd_gestart_dagen,
        max(pct_binnen_norm) as pct_binnen_norm,
        coalesce(max(kosten_eur), 0) as kosten_eur,
        max(clientmaanden) as clientmaanden
    from (
        select * from zorg
        union all by name
        select * from nieuwe_start
        union all by name
        select {{ sleutel | join(', ') }}, wachtenden, mediaan_wachttijd_dagen from wachtlijst
        union all by name
        select {{ sleutel | join(', ') }}, kosten_eur from kosten
        union all by name
        select * from clientmaanden
    )
    group by {{ sleutel | join(', ') }}
)

select
    {{ sleutel | join(', ') }},
    cast(clienten_in_zorg as bigint) as clienten_in_zorg,
    cast(clienten_begin as bigint) as clienten_begin,
    cast(clienten_eind as bigint) as clienten_eind,
    cast(clienten_in_zorg - clienten_begin as bigint) as instroom,
    cast(clienten_in_zorg - clienten_eind as bigint) as uitstroom,
    cast(trajecten_gestart as bigint) as trajecten_gestart,
    cast(trajecten_beeindigd as bigint) as trajecten_beeindigd,
    cast(gem_duur_dagen as double) as gem_duur_dagen,
    cast(mediaan_duur_dagen as double) as mediaan_duur_dagen,
    pct_volgens_plan,
    pct_uitval,
    pct_nieuwe_start_6mnd,
    pct_gestart_met_crisis,
    pct_verblijf,
    cast(wachtenden as bigint) as wachtenden,
    cast(mediaan_wachttijd_dagen as double) as mediaan_wachttijd_dagen,
    cast(mediaan_wachttijd_gestart_dagen as double) as mediaan_wachttijd_gestart_dagen,
    pct_binnen_norm,
    cast(kosten_eur as decimal(18,2)) as kosten_eur,
    cast(round(kosten_eur / nullif(clientmaanden, 0), 2) as decimal(18,2)) as kosten_per_client_per_maand_eur,
    {{ pct("kosten_eur",
           "max(case when segment = 'TOTAAL' and kosten_eur > 0 then kosten_eur end) over (partition by periode_type, periode_start"
           ~ (", " ~ groep_zonder_segment | join(', ') if groep_zonder_segment else "") ~ ")") }} as pct_kosten_segment
from samen
{% endmacro %}
