{#- kosten_eur per period x group: sum of declaraties.bedrag for periode months in the period. -#}
{% macro kpi_kosten(declaraties, group_cols) %}
select
    p.periode_type,
    p.periode_start,
    p.periode_eind,
    {{ kolommen('d', group_cols) }},
    sum(d.bedrag) as kosten_eur
from {{ declaraties }} as d
inner join {{ ref('int_perioden') }} as p
    on d.periode between p.periode_start and p.periode_eind
group by all
{% endmacro %}
