{{ config(schema='open', alias='verwijzers', materialized='table') }}
{{ open_copy('kpi_verwijzers', counts=['trajecten_gestart'], ratios={'pct_van_gestart': ['trajecten_gestart', false]}) }}
