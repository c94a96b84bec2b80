{#- Building blocks shared by every KPI macro and mart (kpis.md): one definition of each condition. -#}

{#- Percentage 0-100 with one decimal; NULL when the denominator is 0 or NULL. -#}
{% macro pct(teller, noemer) -%}
    cast(round(100.0 * ({{ teller }}) / nullif({{ noemer }}, 0), 1) as decimal(5,1))
{%- endmacro %}

{#- "alias.col1, alias.col2" for a list of group columns. -#}
{% macro kolommen(alias, cols) -%}
    {%- for c in cols %}{{ alias }}.{{ c }}{{ ", " if not loop.last }}{% endfor -%}
{%- endmacro %}

{#- Facts expanded to their reporting groups: every area (int_gebied_gemeenten) of the fact's gemeente, and both the
    fact's own segment and 'TOTAAL', so TOTAAL rows are distinct counts over the whole group, never sums of rows. -#}
{% macro per_gebied(relation) -%}
    select
        g.gebiedcode,
        unnest(list_distinct([f.segment, 'TOTAAL'])) as segment,
        f.* exclude (segment)
    from {{ relation }} as f
    inner join {{ ref('int_gebied_gemeenten') }} as g
        on g.gemeentecode = f.gemeentecode
{%- endmacro %}

{#- Facts expanded to their provider (agb) with own segment and 'TOTAAL'. -#}
{% macro per_aanbieder(relation) -%}
    select
        unnest(list_distinct([f.segment, 'TOTAAL'])) as segment,
        f.* exclude (segment)
    from {{ relation }} as f
{%- endmacro %}

{#- "a.c1 = b.c1 and a.c2 = b.c2": equality on a list of key columns. -#}
{% macro gelijk(a, b, cols) -%}
    {%- for c in cols %}{{ a }}.{{ c }} = {{ b }}.{{ c }}{{ " and " if not loop.last }}{% endfor -%}
{%- endmacro %}

{#- A client as a fixed-width key for grouping and joining: the 128-bit md5 of the pseudonym (client_id, 64 hex
    characters). Two of n clients share a key with probability about n^2 / 2^129 (6e-27 for 2 million clients). -#}
{% macro client_sleutel(t) -%}
    md5_number({{ t }}.client_id)
{%- endmacro %}

{#- Every period of `perioden` once per month it contains (`maand`, the first of the month): months join periods on
    equality instead of a range. -#}
{% macro maanden_van(perioden) -%}
    select p.*, cast(unnest(generate_series(p.periode_start, p.periode_eind, interval 1 month)) as date) as maand
    from {{ perioden }} as p
{%- endmacro %}

{#- The first day of a month on or after `dag`. -#}
{% macro eerste_maandbegin(dag) -%}
    (case when day({{ dag }}) = 1 then {{ dag }}
          else cast(date_trunc('month', {{ dag }}) + interval 1 month as date) end)
{%- endmacro %}

{#- The median of `waarde` per `sleutel` (a list of columns) from a relation of counts (rows of sleutel, `waarde`
    and `n`, the rows of that value; a value may have several rows, whose counts add up): as DuckDB's median (the mean
    of the two middle values for an even count), but from counts sorted per group, which spill to disk, instead of
    every value of every group kept in memory. Sorted by value, each row covers the positions (onder, boven] of the
    sorted values, so the row covering a middle position holds the middle value, however a value's count is split. -#}
{% macro mediaan_uit_aantallen(per_waarde, sleutel) %}
{%- set s = sleutel | join(', ') -%}
with groepen as materialized (  -- materialized: both uses must see the same numbers
    select *, row_number() over () as groep_nr
    from (select distinct {{ s }} from {{ per_waarde }} where waarde is not null)
)

select g.* exclude (groep_nr), m.mediaan
from (
    select groep_nr,
        (max(waarde) filter (where onder < m1 and m1 <= boven) + max(waarde) filter (where onder < m2 and m2 <= boven))
            / 2 as mediaan
    from (
        select *, boven - n as onder, (totaal + 1) // 2 as m1, totaal // 2 + 1 as m2
        from (
            select g.groep_nr, v.waarde, v.n,
                sum(v.n) over (partition by g.groep_nr order by v.waarde rows unbounded preceding) as boven,
                sum(v.n) over (partition by g.groep_nr) as totaal
            from {{ per_waarde }} as v
            inner join groepen as g
                using ({{ s }})
            where v.waarde is not null
        )
    )
    group by all
) as m
inner join groepen as g
    using (groep_nr)
{% endmacro %}
