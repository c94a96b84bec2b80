{#- Care KPIs per period x group from group-expanded trajectories (kpis.md): stock and flow of clients, started and
    ended trajectories, duration, reason of ending, crisis, residential care and waiting time until start.
    Client counts come from runs of care (macro zorgreeksen): one row per run and period, counted without a
    per-client aggregate, so memory stays small at national scale. Started and ended trajectories are joined to
    their period only. -#}
{% macro kpi_zorg(trajecten, group_cols, perioden) %}
{%- set wachttijd = "t.datum_aanvang - t.aanmelddatum" -%}
{%- set duur = "t.datum_einde - t.datum_aanvang + 1" -%}
{%- set sleutel = "p.periode_type, p.periode_start, p.periode_eind, " ~ kolommen('t', group_cols) -%}
{%- set eerste_reeks = "(r.vorig_einde is null or r.vorig_einde < p.periode_start)" -%}
with reeksen as (
    {{ zorgreeksen(trajecten, group_cols) }}
),

-- one row per run of care overlapping the period; a client counts once through its first run in the period
clienten as (
    select
        p.periode_type, p.periode_start, p.periode_eind, {{ kolommen('r', group_cols) }},
        count(*) filter (where r.soort = 'zorg' and {{ eerste_reeks }}) as clienten_in_zorg,
        count(*) filter (where r.soort = 'zorg' and r.reeks_start <= p.periode_start) as clienten_begin,
        count(*) filter (where r.soort = 'zorg' and r.reeks_einde >= p.periode_eind) as clienten_eind,
        {{ pct("count(*) filter (where r.soort = 'verblijf' and " ~ eerste_reeks ~ ")",
               "count(*) filter (where r.soort = 'zorg' and " ~ eerste_reeks ~ ")") }} as pct_verblijf
    from reeksen as r
    inner join {{ perioden }} as p
        on r.reeks_start <= p.periode_eind and r.reeks_einde >= p.periode_start
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
