{#- The delete+insert strategy (the incremental KPI tables, macro kpi_incrementeel_config) with the rows to replace
    found by a semi join on the key columns. dbt-duckdb's own version deletes `using` the new rows: a join of every
    target row of a period to every new row of that period, quadratic in the rows per period. The national verwijzers
    mart spent 11.7 s of a December build in it; the new rows themselves took 0.6 s (docs/design.md "Incremental
    marts"). -#}
{% macro duckdb__get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates) -%}
    {%- set keys = unique_key if unique_key is sequence and unique_key is not string else [unique_key] -%}
    {%- set dest_cols_csv = get_quoted_csv(dest_columns | map(attribute="name")) -%}
    {%- if unique_key %}
    delete from {{ target }}
    where ({{ keys | join(', ') }}) in (select {{ keys | join(', ') }} from {{ source }})
        {%- for predicate in incremental_predicates or [] %}
        and {{ predicate }}
        {%- endfor %};
    {%- endif %}

    insert into {{ target }} ({{ dest_cols_csv }})
    (
        select {{ dest_cols_csv }}
        from {{ source }}
    )
{%- endmacro %}
