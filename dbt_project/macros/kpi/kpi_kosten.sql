{#- kosten_eur per period x group: sum of declaraties.bedrag for periode months in the period, and the part of it at
    providers flagged klein for the year of the declaratie (kosten_kleine_aanbieders_eur). Amounts are summed per
    month first (additive), so only the monthly totals meet the periods. -#}
{% macro kpi_kosten(declaraties, group_cols, perioden) %}
with per_maand as (
    select
        d.periode,
        {{ kolommen('d', group_cols) }},
        sum(d.bedrag) as kosten_eur,
        sum(d.bedrag) filter (where a.klein) as kosten_kleine_aanbieders_eur
    from {{ declaraties }} as d
    left join {{ ref('stg_reference__aanbieders') }} as a
        on a.agb = d.agb and a.jaar = year(d.periode)
    group by all
)

select
    p.periode_type,
    p.periode_start,
    p.periode_eind,
    {{ kolommen('m', group_cols) }},
    sum(m.kosten_eur) as kosten_eur,
    sum(m.kosten_kleine_aanbieders_eur) as kosten_kleine_aanbieders_eur
from per_maand as m
inner join {{ perioden }} as p
    on m.periode between p.periode_start and p.periode_eind
group by all
{% endmacro %}
