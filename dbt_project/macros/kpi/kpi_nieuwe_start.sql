{#- pct_nieuwe_start_6mnd per period x group (docs/design.md). A client's care in a group ends on day e when one of
    its trajectories in the group ends on e and none of them is active on e + 1: the end of a run of care
    (`reeksen` of the group, macro zorgreeksen). Per period the client's last such day in the period counts. New
    start = any trajectory of the client (any provider, any segment) starting 1-182 days after e. NULL while the data
    date is before the end of the period + 182 days. -#}
{% macro kpi_nieuwe_start(reeksen, group_cols, perioden) %}
with laatste_einde as (
    select p.periode_type, p.periode_start, p.periode_eind, {{ kolommen('r', group_cols) }}, r.client_sleutel,
        max(r.reeks_einde) as einddag
    from {{ reeksen }} as r
    inner join {{ perioden }} as p
        on r.reeks_einde between p.periode_start and p.periode_eind
    where r.soort = 'zorg'
    group by all
),

met_nieuwe_start as (
    select
        l.*,
        exists (
            select 1 from {{ ref('int_trajecten') }} as n
            where n.client_sleutel = l.client_sleutel and n.datum_aanvang between l.einddag + 1 and l.einddag + 182
        ) as nieuwe_start,
        d.peildatum >= l.periode_eind + 182 as horizon_bereikt
    from laatste_einde as l
    cross join {{ ref('int_peildatum') }} as d
)

select
    m.periode_type,
    m.periode_start,
    m.periode_eind,
    {{ kolommen('m', group_cols) }},
    case when bool_and(m.horizon_bereikt)
        then {{ pct("count(*) filter (where m.nieuwe_start)", "count(*)") }}
    end as pct_nieuwe_start_6mnd
from met_nieuwe_start as m
group by all
{% endmacro %}
