{#- Every KPI of kpis.md per period x group, typed for the marts (counts bigint, days double, amounts decimal(18,2),
    percentages decimal(5,1)). `trajecten`, `declaraties`, `wachtlijst` are group-expanded relations (per_gebied /
    per_aanbieder); `group_cols` ends with 'segment'. A row exists when anything happened (care, waiting, costs);
    missing counts are 0. pct_kosten_kleine_aanbieders depends on the group (lumpsum) and is added by the mart. -#}
{% macro kpi_per_groep(trajecten, declaraties, wachtlijst, group_cols, perioden) %}
{%- set sleutel = ['periode_type', 'periode_start', 'periode_eind'] + group_cols -%}
{%- set groep_zonder_segment = group_cols | reject('equalto', 'segment') | list -%}
with zorg as (
    {{ kpi_zorg(trajecten, group_cols, perioden) }}
),

nieuwe_starts as (
    {{ kpi_nieuwe_start(trajecten, group_cols, perioden) }}
),

wacht as (
    {{ kpi_wachtlijst(wachtlijst, group_cols, perioden) }}
),

kosten as (
    {{ kpi_kosten(declaraties, group_cols, perioden) }}
),

sleutels as (
    select {{ sleutel | join(', ') }} from zorg
    union
    select {{ sleutel | join(', ') }} from wacht
    union
    select {{ sleutel | join(', ') }} from kosten
),

-- sum over the months m in the period of clienten_in_zorg(m): the denominator of kosten per client per maand
clientmaanden as (
    select p.periode_type, p.periode_start, {{ kolommen('m', group_cols) }}, sum(m.clienten_in_zorg) as clientmaanden
    from zorg as m
    inner join {{ perioden }} as p
        on m.periode_type = 'maand' and m.periode_start between p.periode_start and p.periode_eind
    group by all
),

samen as (
    select
        {{ kolommen('s', sleutel) }},
        coalesce(z.clienten_in_zorg, 0) as clienten_in_zorg,
        coalesce(z.clienten_begin, 0) as clienten_begin,
        coalesce(z.clienten_eind, 0) as clienten_eind,
        coalesce(z.trajecten_gestart, 0) as trajecten_gestart,
        coalesce(z.trajecten_beeindigd, 0) as trajecten_beeindigd,
        z.gem_duur_dagen,
        z.mediaan_duur_dagen,
        z.pct_volgens_plan,
        z.pct_uitval,
        n.pct_nieuwe_start_6mnd,
        z.pct_gestart_met_crisis,
        z.pct_verblijf,
        coalesce(w.wachtenden, 0) as wachtenden,
        w.mediaan_wachttijd_dagen,
        z.mediaan_wachttijd_gestart_dagen,
        z.pct_binnen_norm,
        coalesce(k.kosten_eur, 0) as kosten_eur,
        c.clientmaanden
    from sleutels as s
    {%- for rel, alias in [('zorg', 'z'), ('nieuwe_starts', 'n'), ('wacht', 'w'), ('kosten', 'k'), ('clientmaanden', 'c')] %}
    left join {{ rel }} as {{ alias }}
        on {{ gelijk(alias, 's', ['periode_type', 'periode_start'] + group_cols) }}
    {%- endfor %}
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
