{#- Incremental KPI marts (docs/design.md "Incremental marts"): rows are replaced per period. An incremental build
    computes only the periods of int_perioden_herberekening; a first or --full-refresh build computes every period. -#}
{% macro kpi_incrementeel_config() -%}
    {{ config(materialized='incremental', incremental_strategy='delete+insert',
              unique_key=['periode_type', 'periode_start'], on_schema_change='fail') }}
{%- endmacro %}

{#- The periods this build computes: for a model of pct_nieuwe_start_6mnd (`nieuwe_start`: the nieuwe_start part and
    the marts) every recomputed period, for the others those whose other KPIs may have changed. The depends_on comment
    keeps both relations in the DAG, whichever is used. -#}
{% macro te_berekenen_perioden(nieuwe_start=false) -%}
    {%- if is_incremental() and nieuwe_start -%}
        {{ ref('int_perioden_herberekening') }}
    {%- elif is_incremental() -%}
        (select * from {{ ref('int_perioden_herberekening') }} where not alleen_nieuwe_start)
    {%- else -%}
        {{ ref('int_perioden') }}
    {%- endif -%}
{%- endmacro %}

{#- For a table model that feeds incremental KPI parts: the periods those parts compute in this build, the
    recomputed periods when every one of them (`afnemers`, in this model's schema) is built incrementally, otherwise
    every period (a part that does not exist yet or a --full-refresh computes all of them). -#}
{% macro perioden_van_afnemers(afnemers) -%}
    {%- set ontbrekend = [] if this is not none else afnemers -%}  {#- no `this` in a unit test: every period -#}
    {%- for afnemer in afnemers
            if this is not none
            and adapter.get_relation(database=this.database, schema=this.schema, identifier=afnemer) is none -%}
        {%- do ontbrekend.append(afnemer) -%}
    {%- endfor -%}
    {{ ref('int_perioden') if flags.FULL_REFRESH or ontbrekend else ref('int_perioden_herberekening') }}
{%- endmacro %}
