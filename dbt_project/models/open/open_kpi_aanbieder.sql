{{ open_incrementeel_config(alias='kpi_aanbieder') }}
-- depends_on: {{ ref('int_perioden_herberekening') }}
{{ open_kpi_copy('kpi_aanbieder') }}
