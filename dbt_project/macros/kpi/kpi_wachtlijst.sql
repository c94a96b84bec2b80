{#- Waiting-list KPIs per period x group: the snapshot of the last month in the period (snapshot date = periode_eind).
    Medians and shares are over waiting-list rows; wachtenden are distinct clients. -#}
{% macro kpi_wachtlijst(wachtlijst, group_cols, perioden) %}
select
    p.periode_type,
    p.periode_start,
    p.periode_eind,
    {{ kolommen('w', group_cols) }},
    count(distinct w.client_id) as wachtenden,
    count(distinct w.client_id) filter (where w.overbrugging) as wachtenden_met_overbrugging,
    median(w.wachttijd_dagen) as mediaan_wachttijd_dagen,
    {{ pct("count(*) filter (where w.wachttijd_dagen > " ~ var('wachttijd_norm_dagen') ~ ")", "count(*)") }}
        as pct_wachttijd_boven_norm
from {{ wachtlijst }} as w
inner join {{ perioden }} as p
    on w.snapshotdatum = p.periode_eind
group by all
{% endmacro %}
