{#- Waiting-list KPIs per period x group: the snapshot of the last month in the period (snapshot date = periode_eind). -#}
{% macro kpi_wachtlijst(wachtlijst, group_cols) %}
select
    p.periode_type,
    p.periode_start,
    p.periode_eind,
    {{ kolommen('w', group_cols) }},
    count(distinct w.client_id) as wachtenden,
    median(w.wachttijd_dagen) as mediaan_wachttijd_dagen
from {{ wachtlijst }} as w
inner join {{ ref('int_perioden') }} as p
    on w.snapshotdatum = p.periode_eind
group by all
{% endmacro %}
