{{ config(schema='open', alias='budget_realisatie', materialized='table') }}
{#- Amounts and averages per gemeente and year; no counts of persons, so nothing to suppress. -#}
{{ open_copy('budget_realisatie', counts=[], ratios={}) }}
