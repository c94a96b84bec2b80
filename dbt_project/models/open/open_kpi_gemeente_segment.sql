{{ config(schema='open', alias='kpi_gemeente_segment', materialized='table') }}
{{ open_kpi_copy('kpi_gemeente_segment') }}
