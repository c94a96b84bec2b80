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
    {%- if not is_incremental() -%}
        {{ ref('int_perioden') }}
    {%- elif nieuwe_start -%}
        {{ ref('int_perioden_herberekening') }}
    {%- else -%}
        (select * from {{ ref('int_perioden_herberekening') }} where not alleen_nieuwe_start)
    {%- endif -%}
{%- endmacro %}

{#- The rows of `relatie` (alias f) that can count in the date range of `perioden` (alias w: start, eind), by
    `conditie`: an incremental build so reads the facts of the recomputed periods only. -#}
{% macro feiten_in_bereik(relatie, perioden, conditie) -%}
    select f.*
    from {{ relatie }} as f
    cross join (select min(periode_start) as start, max(periode_eind) as eind from {{ perioden }}) as w
    where {{ conditie }}
{%- endmacro %}

{#- The relation `naam` in this model's schema, or none when it does not exist (yet). -#}
{% macro eigen_relatie(naam) -%}
    {{ return(adapter.get_relation(database=this.database, schema=this.schema, identifier=naam)) }}
{%- endmacro %}

{#- Whether the relation `relatie` (none: no) has the column `kolom`; false while parsing. -#}
{% macro heeft_kolom(relatie, kolom) -%}
    {{ return(execute and relatie is not none
              and kolom in adapter.get_columns_in_relation(relatie) | map(attribute='name') | list) }}
{%- endmacro %}
