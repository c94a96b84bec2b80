{#- Runs of care per client and group (kpis.md client counts without a per-client aggregate): the client's trajectories
    in the group merged where they overlap or touch (a trajectory starting the day after another ends continues the
    care). Runs of one client never overlap, so a day lies in at most one of them, and a period counts a client once
    by counting only the client's first run overlapping it: the run whose previous run (`vorig_einde`) ended before
    the period starts. The end of a run is the day the client's care in the group ends (kpi_nieuwe_start).
    soort 'zorg' merges all trajectories, 'verblijf' only those with residential care. An open end is 9999-12-31.
    A run from the trajectories overlapping a date range is, within that range, the run from all trajectories. -#}
{% macro zorgreeksen(trajecten, group_cols) %}
{%- set per_client = (group_cols + ['client_sleutel', 'soort']) | join(', ') -%}
with intervallen as (
    select {{ kolommen('t', group_cols) }}, t.client_sleutel, soort.soort, t.datum_aanvang,
        coalesce(t.datum_einde, date '9999-12-31') as einde
    from {{ trajecten }} as t
    inner join (values ('zorg'), ('verblijf')) as soort (soort)
        on soort.soort = 'zorg' or t.met_verblijf
),

met_eerder_einde as (
    select
        *,
        max(einde) over (partition by {{ per_client }} order by datum_aanvang, einde
                         rows between unbounded preceding and 1 preceding) as eerder_einde
    from intervallen
),

genummerd as (
    select
        *,
        eerder_einde is null or eerder_einde < datum_aanvang - 1 as begint_reeks,
        sum(case when eerder_einde is null or eerder_einde < datum_aanvang - 1 then 1 else 0 end)
            over (partition by {{ per_client }} order by datum_aanvang, einde rows unbounded preceding) as reeks
    from met_eerder_einde
)

-- the latest end before the first trajectory of a run is the end of the client's previous run
select {{ per_client }}, reeks, min(datum_aanvang) as reeks_start, max(einde) as reeks_einde,
    max(eerder_einde) filter (where begint_reeks) as vorig_einde
from genummerd
group by all
{% endmacro %}
