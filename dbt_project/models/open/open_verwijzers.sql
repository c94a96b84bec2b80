{{ open_incrementeel_config(alias='verwijzers') }}
-- depends_on: {{ ref('int_perioden_herberekening') }}
{{ open_copy('kpi_verwijzers', counts=['trajecten_gestart'], ratios={'pct_van_gestart': ['trajecten_gestart', false]}) }}
