{#- Care KPIs per period x group from group-expanded trajectories (kpis.md): stock and flow of clients, started and
    ended trajectories, duration, reason of ending, crisis, residential care and waiting time until start. -#}
{% macro kpi_zorg(trajecten, group_cols) %}
{%- set wachttijd = "t.datum_aanvang - t.aanmelddatum" -%}
{%- set gestart = gestart_in_periode('t', 'p') -%}
{%- set beeindigd = beeindigd_in_periode('t', 'p') -%}
{%- set duur = "t.datum_einde - t.datum_aanvang + 1" -%}
select
    p.periode_type,
    p.periode_start,
    p.periode_eind,
    {{ kolommen('t', group_cols) }},
    count(distinct t.client_id) as clienten_in_zorg,
    count(distinct t.client_id) filter (where {{ actief_op('t', 'p.periode_start') }}) as clienten_begin,
    count(distinct t.client_id) filter (where {{ actief_op('t', 'p.periode_eind') }}) as clienten_eind,
    count(*) filter (where {{ gestart }}) as trajecten_gestart,
    count(*) filter (where {{ beeindigd }}) as trajecten_beeindigd,
    round(avg({{ duur }}) filter (where {{ beeindigd }}), 1) as gem_duur_dagen,
    median({{ duur }}) filter (where {{ beeindigd }}) as mediaan_duur_dagen,
    {{ pct("count(*) filter (where " ~ beeindigd ~ " and t.reden_beeindiging = '01')",
           "count(*) filter (where " ~ beeindigd ~ ")") }} as pct_volgens_plan,
    {{ pct("count(*) filter (where " ~ beeindigd ~ " and t.reden_beeindiging in ('03', '04'))",
           "count(*) filter (where " ~ beeindigd ~ ")") }} as pct_uitval,
    {{ pct("count(*) filter (where " ~ gestart ~ " and t.gestart_met_crisis)",
           "count(*) filter (where " ~ gestart ~ ")") }} as pct_gestart_met_crisis,
    {{ pct("count(distinct t.client_id) filter (where t.met_verblijf)", "count(distinct t.client_id)") }} as pct_verblijf,
    median({{ wachttijd }}) filter (where {{ gestart }} and t.aanmelddatum is not null) as mediaan_wachttijd_gestart_dagen,
    {{ pct("count(*) filter (where " ~ gestart ~ " and " ~ wachttijd ~ " <= " ~ var('wachttijd_norm_dagen') ~ ")",
           "count(*) filter (where " ~ gestart ~ " and t.aanmelddatum is not null)") }} as pct_binnen_norm
from {{ trajecten }} as t
inner join {{ ref('int_perioden') }} as p
    on {{ actief_in_periode('t', 'p') }}
group by all
{% endmacro %}
