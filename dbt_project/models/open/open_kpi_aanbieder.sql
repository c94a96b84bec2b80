{{ config(schema='open', alias='kpi_aanbieder', materialized='table') }}
{{ open_kpi_copy('kpi_aanbieder') }}
