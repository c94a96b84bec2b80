{#- Care KPIs per period x group from group-expanded trajectories (kpis.md): stock and flow of clients, started and
    ended trajectories, duration, reason of ending, crisis, residential care and waiting time until start.

    Client counts come from the runs of care of the group (`reeksen`, macro zorgreeksen) without joining runs to
    periods (a run of two years would meet some forty periods). Every period starts on the first of a month and ends
    on the last day of one, so per group the number of runs covering each such boundary day is a running sum of +1
    where a run starts to cover boundary days and -1 where it stops: clienten_begin and clienten_eind are that number
    on the period's first and last day. A client in care during P is either in care on its first day or starts a run
    in P that is the client's first in P (the previous run ended before P): clienten_in_zorg is clienten_begin plus
    those runs (each meets only the periods containing its start). pct_verblijf counts the runs of residential care
    the same way. Started and ended trajectories meet only the periods containing their date. -#}
{% macro kpi_zorg(trajecten, reeksen, group_cols, perioden) %}
{%- set wachttijd = "t.datum_aanvang - t.aanmelddatum" -%}
{%- set duur = "t.datum_einde - t.datum_aanvang + 1" -%}
{%- set groep = kolommen('r', group_cols) -%}
{%- set sleutel = "p.periode_type, p.periode_start, p.periode_eind, " ~ kolommen('t', group_cols) -%}
{%- set groep_kolommen = ['periode_type', 'periode_start', 'periode_eind'] + group_cols -%}
{%- set groep_sleutel = groep_kolommen | join(', ') -%}
with
-- +1 on the first boundary day a run covers, -1 on the first boundary day after it; boundary days are the firsts
-- ('begin') and the lasts ('eind') of months
gebeurtenissen as (
    select {{ kolommen('e', group_cols) }}, e.soort, e.grens, e.dag, sum(e.delta) as delta
    from (
        select {{ groep }}, r.soort, 'begin' as grens, {{ eerste_maandbegin('r.reeks_start') }} as dag, 1 as delta
        from {{ reeksen }} as r
        union all
        select {{ groep }}, r.soort, 'begin', {{ eerste_maandbegin('r.reeks_einde + 1') }}, -1
        from {{ reeksen }} as r
        union all
        select {{ groep }}, r.soort, 'eind', last_day(r.reeks_start), 1
        from {{ reeksen }} as r
        union all
        select {{ groep }}, r.soort, 'eind', last_day(r.reeks_einde + 1), -1
        from {{ reeksen }} as r
    ) as e
    group by all
),

grensdagen as (
    select distinct 'begin' as grens, periode_start as dag from {{ perioden }}
    union
    select distinct 'eind', periode_eind from {{ perioden }}
),

-- every group on every boundary day of the computed periods, between its own changes
tijdlijn as (
    select *, false as is_grensdag from gebeurtenissen
    union all
    select {{ kolommen('k', group_cols) }}, k.soort, b.grens, b.dag, 0, true
    from (select distinct {{ group_cols | join(', ') }}, soort from gebeurtenissen) as k
    cross join grensdagen as b
),

op_grensdag as (
    select {{ group_cols | join(', ') }}, dag,
        sum(actief) filter (where soort = 'zorg') as zorg,
        coalesce(sum(actief) filter (where soort = 'verblijf'), 0) as verblijf
    from (
        select *, sum(delta) over (partition by {{ group_cols | join(', ') }}, soort, grens
                                   order by dag, is_grensdag rows unbounded preceding) as actief
        from tijdlijn
    )
    where is_grensdag
    group by all
),

-- runs starting after the first day of a period that are the client's first in it
eerste_reeksen as (
    select {{ sleutel }},
        count(*) filter (where t.soort = 'zorg') as zorg,
        count(*) filter (where t.soort = 'verblijf') as verblijf
    from {{ reeksen }} as t
    inner join {{ perioden }} as p
        on t.reeks_start > p.periode_start and t.reeks_start <= p.periode_eind
    where t.vorig_einde is null or t.vorig_einde < p.periode_start
    group by all
),

clienten as (
    select
        p.periode_type, p.periode_start, p.periode_eind, {{ kolommen('b', group_cols) }},
        b.zorg + coalesce(n.zorg, 0) as clienten_in_zorg,
        b.zorg as clienten_begin,
        e.zorg as clienten_eind,
        {{ pct('b.verblijf + coalesce(n.verblijf, 0)', 'b.zorg + coalesce(n.zorg, 0)') }} as pct_verblijf
    from {{ perioden }} as p
    inner join op_grensdag as b
        on b.dag = p.periode_start
    inner join op_grensdag as e
        on e.dag = p.periode_eind and {{ gelijk('e', 'b', group_cols) }}
    left join eerste_reeksen as n
        on n.periode_type = p.periode_type and n.periode_start = p.periode_start and {{ gelijk('n', 'b', group_cols) }}
    where b.zorg + coalesce(n.zorg, 0) > 0
),

-- started and ended trajectories counted per month, group and value first, each month's counts given to its periods
-- (macro per_waarde_per_periode): medians from these counts, because DuckDB's median keeps every value of every group
-- in memory it cannot spill (out of memory at national scale)
gestart_per_waarde as (
    {{ per_waarde_per_periode(trajecten, 't.datum_aanvang', wachttijd, {'n_crisis': 't.gestart_met_crisis'},
                              group_cols, perioden) }}
),

gestart as (
    select
        g.*,
        m.mediaan as mediaan_wachttijd_gestart_dagen
    from (
        select
            {{ groep_sleutel }},
            sum(n) as trajecten_gestart,
            {{ pct("sum(n_crisis)", "sum(n)") }} as pct_gestart_met_crisis,
            {{ pct("coalesce(sum(n) filter (where waarde <= " ~ var('wachttijd_norm_dagen') ~ "), 0)",
                   "sum(n) filter (where waarde is not null)") }} as pct_binnen_norm
        from gestart_per_waarde
        group by all
    ) as g
    left join ({{ mediaan_uit_aantallen('gestart_per_waarde', groep_kolommen) }}) as m
        using ({{ groep_sleutel }})
),

beeindigd_per_waarde as (
    {{ per_waarde_per_periode(trajecten, 't.datum_einde', duur,
                              {'n_volgens_plan': "t.reden_beeindiging = '01'",
                               'n_uitval': "t.reden_beeindiging in ('03', '04')"}, group_cols, perioden) }}
),

beeindigd as (
    select
        b.*,
        m.mediaan as mediaan_duur_dagen
    from (
        select
            {{ groep_sleutel }},
            sum(n) as trajecten_beeindigd,
            round(sum(waarde * n) / sum(n), 1) as gem_duur_dagen,
            {{ pct("sum(n_volgens_plan)", "sum(n)") }} as pct_volgens_plan,
            {{ pct("sum(n_uitval)", "sum(n)") }} as pct_uitval
        from beeindigd_per_waarde
        group by all
    ) as b
    left join ({{ mediaan_uit_aantallen('beeindigd_per_waarde', groep_kolommen) }}) as m
        using ({{ groep_sleutel }})
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

{#- Trajectories counted per period x group x `waarde` by the month of `datum`: `n` and, per name in `tellingen`,
    those matching its condition. Counted per month, and each month's rows given to the periods containing it (an
    equi-join on the month; every period is whole months), instead of joining every trajectory to each of the four
    periods around its date. A value has one row per month of the period: the aggregates and mediaan_uit_aantallen add
    counts, so the rows are not summed per period first (that aggregation cost more than the extra rows). -#}
{% macro per_waarde_per_periode(trajecten, datum, waarde, tellingen, group_cols, perioden) %}
select p.periode_type, p.periode_start, p.periode_eind, {{ kolommen('m', group_cols) }}, m.waarde, m.n
    {%- for naam in tellingen %}, m.{{ naam }}{% endfor %}
from (
    select cast(date_trunc('month', {{ datum }}) as date) as maand, {{ kolommen('t', group_cols) }},
        {{ waarde }} as waarde, count(*) as n
        {%- for naam, conditie in tellingen.items() %}, count(*) filter (where {{ conditie }}) as {{ naam }}{% endfor %}
    from {{ trajecten }} as t
    where {{ datum }} is not null
    group by all
) as m
inner join ({{ maanden_van(perioden) }}) as p
    on p.maand = m.maand
{% endmacro %}
