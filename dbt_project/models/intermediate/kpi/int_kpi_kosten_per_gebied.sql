{{ kpi_incrementeel_config() }}
-- depends_on: {{ ref('int_perioden_herberekening') }}
{{ kpi_deel('kosten', 'gebied') }}
