{#-
  Seed rows overridden by the rows of the matching raw.referentie_* table (inputs.md §3): a row from landing/referentie/
  replaces the seed row with the same key, or adds one. `columns` maps column name -> DuckDB type; both sides are cast
  through text so an override delivered as text (empty = NULL) types the same as the seed.
-#}
{% macro reference_with_overrides(seed_name, source_table, key_columns, columns) %}
{%- set typed -%}
    {%- for name, type in columns.items() %}
        cast(nullif(trim(cast({{ name }} as varchar)), '') as {{ type }}) as {{ name }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endset -%}
with overrides as (
    select {{ typed }}
    from {{ source('raw', source_table) }}
),

seed as (
    select {{ typed }}
    from {{ ref(seed_name) }}
)

select * from overrides
union all
select * from seed as s
where not exists (
    select 1 from overrides as o
    where {% for key in key_columns %}o.{{ key }} = s.{{ key }}{{ " and " if not loop.last }}{% endfor %}
)
{% endmacro %}
