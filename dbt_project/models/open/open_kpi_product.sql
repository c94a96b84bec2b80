{{ config(schema='open', alias='kpi_product', materialized='table') }}
{#- Volumes and amounts per productcode; no counts of persons, so nothing to suppress. -#}
{{ open_copy('kpi_product', counts=[], ratios={}) }}
