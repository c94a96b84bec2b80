{#- Waiting-list KPIs per period x group: the snapshot of the last month in the period (snapshot date = periode_eind),
    computed once per snapshot month and given to every period ending on it. Medians and shares are over waiting-list
    rows; wachtenden are distinct clients. -#}
{% macro kpi_wachtlijst(wachtlijst, group_cols, perioden) %}
with per_snapshot as (
    select
        w.snapshotdatum,
        {{ kolommen('w', group_cols) }},
        count(distinct w.client_sleutel) as wachtenden,
        count(distinct w.client_sleutel) filter (where w.overbrugging) as wachtenden_met_overbrugging,
        median(w.wachttijd_dagen) as mediaan_wachttijd_dagen,
        {{ pct("count(*) filter (where w.wachttijd_dagen > " ~ var('wachttijd_norm_dagen') ~ ")", "count(*)") }}
            as pct_wachttijd_boven_norm
    from {{ wachtlijst }} as w
    group by all
)

select p.periode_type, p.periode_start, p.periode_eind, s.* exclude (snapshotdatum)
from per_snapshot as s
inner join {{ perioden }} as p
    on p.periode_eind = s.snapshotdatum
{% endmacro %}
