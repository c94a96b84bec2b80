-- klein: 'J' (fewer than 10 employees on 1 January of jaar) -> true, 'N' -> false.
with aanbieders as (
    {{ reference_with_overrides('aanbieders', 'referentie_aanbieders', ['agb', 'jaar'], {
        'agb': 'varchar', 'naam': 'varchar', 'type': 'varchar', 'klein': 'varchar', 'jaar': 'integer'}) }}
)

select
    agb,
    jaar,
    naam,
    type,
    upper(klein) in ('J', 'TRUE') as klein
from aanbieders
