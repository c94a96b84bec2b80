{#- Incremental KPI marts (docs/design.md "Incremental marts"): rows are replaced per period. An incremental build
    computes only the periods of int_perioden_herberekening; a first or --full-refresh build computes every period. -#}
{% macro kpi_incrementeel_config() -%}
    {{ config(materialized='incremental', incremental_strategy='delete+insert',
              unique_key=['periode_type', 'periode_start'], on_schema_change='fail') }}
{%- endmacro %}

{#- The periods this build computes. The depends_on comment keeps both relations in the DAG, whichever is used. -#}
{% macro te_berekenen_perioden() -%}
    {%- if is_incremental() -%}
        {{ ref('int_perioden_herberekening') }}
    {%- else -%}
        {{ ref('int_perioden') }}
    {%- endif -%}
{%- endmacro %}
