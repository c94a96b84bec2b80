{#- One KPI part per period x group, the body of the models in models/intermediate/kpi/: the facts of the part's
    source expanded to the group (`gebied`: per_gebied, `aanbieder`: per_aanbieder), then the part's macro over the
    periods this build computes. Each part is its own incremental model because DuckDB plans two parts over the same
    facts in one query badly enough to run out of memory at national scale (docs/design.md "Memory at national
    scale"); on its own each part stays within the limit. -#}
{% macro kpi_deel(deel, groep) %}
{%- set bron = {'zorg': 'int_trajecten', 'nieuwe_start': 'int_trajecten', 'wachtlijst': 'int_wachtlijst',
                'kosten': 'int_declaraties'}[deel] -%}
{%- set group_cols = kpi_groep_kolommen(groep) -%}
{%- set perioden = te_berekenen_perioden() -%}
with feiten as not materialized (
    {{ per_gebied(ref(bron)) if groep == 'gebied' else per_aanbieder(ref(bron)) }}
),

deel as (
    {%- if deel == 'zorg' %}
    {{ kpi_zorg('feiten', group_cols, perioden) }}
    {%- elif deel == 'nieuwe_start' %}
    {{ kpi_nieuwe_start('feiten', group_cols, perioden) }}
    {%- elif deel == 'wachtlijst' %}
    {{ kpi_wachtlijst('feiten', group_cols, perioden) }}
    {%- else %}
    {{ kpi_kosten('feiten', group_cols, perioden) }}
    {%- endif %}
)

select * from deel
{% endmacro %}

{#- The group columns of a KPI grouping: an area (gebiedcode) or a provider (agb), each with its segment. -#}
{% macro kpi_groep_kolommen(groep) -%}
    {{ return({'gebied': ['gebiedcode', 'segment'], 'aanbieder': ['agb', 'segment']}[groep]) }}
{%- endmacro %}
