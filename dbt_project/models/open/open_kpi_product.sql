{{ open_incrementeel_config(alias='kpi_product') }}
{#- Volumes and amounts per productcode; no counts of persons, so nothing to suppress. -#}

-- depends_on: {{ ref('int_perioden_herberekening') }}
{{ open_copy('kpi_product', counts=[], ratios={}) }}
