{#- Care KPIs per period x group from group-expanded trajectories (kpis.md): stock and flow of clients, started and
    ended trajectories, duration, reason of ending, crisis, residential care and waiting time until start.
    Client counts are aggregated per client first (one flag per client instead of several distinct counts), started
    and ended trajectories are joined to their period only; this keeps the overlap join cheap at regional scale. -#}
{% macro kpi_zorg(trajecten, group_cols, perioden) %}
{%- set wachttijd = "t.datum_aanvang - t.aanmelddatum" -%}
{%- set duur = "t.datum_einde - t.datum_aanvang + 1" -%}
{%- set sleutel = "p.periode_type, p.periode_start, p.periode_eind, " ~ kolommen('t', group_cols) -%}
with per_client as (
    select
        {{ sleutel }},
        t.client_id,
        bool_or({{ actief_op('t', 'p.periode_start') }}) as actief_begin,
        bool_or({{ actief_op('t', 'p.periode_eind') }}) as actief_eind,
        bool_or(t.met_verblijf) as met_verblijf
    from {{ trajecten }} as t
    inner join {{ perioden }} as p
        on {{ actief_in_periode('t', 'p') }}
    group by all
),

clienten as (
    select
        periode_type, periode_start, periode_eind, {{ group_cols | join(', ') }},
        count(*) as clienten_in_zorg,
        count(*) filter (where actief_begin) as clienten_begin,
        count(*) filter (where actief_eind) as clienten_eind,
        {{ pct("count(*) filter (where met_verblijf)", "count(*)") }} as pct_verblijf
    from per_client
    group by all
),

gestart as (
    select
        {{ sleutel }},
        count(*) as trajecten_gestart,
        {{ pct("count(*) filter (where t.gestart_met_crisis)", "count(*)") }} as pct_gestart_met_crisis,
        median({{ wachttijd }}) as mediaan_wachttijd_gestart_dagen,
        {{ pct("count(*) filter (where " ~ wachttijd ~ " <= " ~ var('wachttijd_norm_dagen') ~ ")",
               "count(t.aanmelddatum)") }} as pct_binnen_norm
    from {{ trajecten }} as t
    inner join {{ perioden }} as p
        on {{ gestart_in_periode('t', 'p') }}
    group by all
),

beeindigd as (
    select
        {{ sleutel }},
        count(*) as trajecten_beeindigd,
        round(avg({{ duur }}), 1) as gem_duur_dagen,
        median({{ duur }}) as mediaan_duur_dagen,
        {{ pct("count(*) filter (where t.reden_beeindiging = '01')", "count(*)") }} as pct_volgens_plan,
        {{ pct("count(*) filter (where t.reden_beeindiging in ('03', '04'))", "count(*)") }} as pct_uitval
    from {{ trajecten }} as t
    inner join {{ perioden }} as p
        on {{ beeindigd_in_periode('t', 'p') }}
    group by all
)

select
    c.*,
    coalesce(g.trajecten_gestart, 0) as trajecten_gestart,
    coalesce(b.trajecten_beeindigd, 0) as trajecten_beeindigd,
    b.gem_duur_dagen,
    b.mediaan_duur_dagen,
    b.pct_volgens_plan,
    b.pct_uitval,
    g.pct_gestart_met_crisis,
    g.mediaan_wachttijd_gestart_dagen,
    g.pct_binnen_norm
from clienten as c
{%- for rel, alias in [('gestart', 'g'), ('beeindigd', 'b')] %}
left join {{ rel }} as {{ alias }}
    on {{ gelijk(alias, 'c', ['periode_type', 'periode_start'] + group_cols) }}
{%- endfor %}
{% endmacro %}
