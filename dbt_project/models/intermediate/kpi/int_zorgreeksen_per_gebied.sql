-- depends_on: {{ ref('int_perioden') }}, {{ ref('int_perioden_herberekening') }}
{{ kpi_deel('zorgreeksen', 'gebied') }}
