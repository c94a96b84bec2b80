{#- kosten_eur per period x group: sum of declaraties.bedrag for periode months in the period. Amounts are summed per
    month first (additive), so only the monthly totals meet the periods. -#}
{% macro kpi_kosten(declaraties, group_cols, perioden) %}
with per_maand as (
    select d.periode, {{ kolommen('d', group_cols) }}, sum(d.bedrag) as kosten_eur
    from {{ declaraties }} as d
    group by all
)

select
    p.periode_type,
    p.periode_start,
    p.periode_eind,
    {{ kolommen('m', group_cols) }},
    sum(m.kosten_eur) as kosten_eur
from per_maand as m
inner join {{ perioden }} as p
    on m.periode between p.periode_start and p.periode_eind
group by all
{% endmacro %}
