{#- pct_nieuwe_start_6mnd per period x group (docs/design.md). A client's care in a group ends on day e when one of
    its trajectories in the group ends on e and none of them is active on e + 1; per period the client's last such day
    in the period counts. New start = any trajectory of the client (any provider, any segment) starting 1-182 days
    after e. NULL while the data date is before the end of the period + 182 days. -#}
{% macro kpi_nieuwe_start(trajecten, group_cols, perioden) %}
with einddagen as (
    select {{ kolommen('t', group_cols) }}, t.client_id, t.datum_einde as einddag
    from {{ trajecten }} as t
    where t.datum_einde is not null
        and not exists (
            select 1
            from {{ trajecten }} as o
            where {{ gelijk('o', 't', ['client_id'] + group_cols) }}
                and {{ actief_op('o', 't.datum_einde + 1') }}
        )
),

laatste_einde as (
    select p.periode_type, p.periode_start, p.periode_eind, {{ kolommen('e', group_cols) }}, e.client_id,
        max(e.einddag) as einddag
    from einddagen as e
    inner join {{ perioden }} as p
        on e.einddag between p.periode_start and p.periode_eind
    group by all
),

met_nieuwe_start as (
    select
        l.*,
        exists (
            select 1 from {{ ref('int_trajecten') }} as n
            where n.client_id = l.client_id and n.datum_aanvang between l.einddag + 1 and l.einddag + 182
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
