-- Complete calendar periods (maand, kwartaal, halfjaar, jaar) from the first delivery month up to the data date.
with grenzen as (
    select eerste_leveringsmaand, peildatum from {{ ref('int_peildatum') }}
),

maanden as (
    select cast(unnest(generate_series(eerste_leveringsmaand, peildatum, interval 1 month)) as date) as maand
    from grenzen
),

perioden as (
    select distinct
        t.periode_type,
        t.periode_start,
        cast(t.periode_start + t.lengte - interval 1 day as date) as periode_eind
    from maanden
    cross join lateral (values
        ('maand', maand, interval 1 month),
        ('kwartaal', cast(date_trunc('quarter', maand) as date), interval 3 month),
        ('halfjaar', make_date(year(maand), case when month(maand) <= 6 then 1 else 7 end, 1), interval 6 month),
        ('jaar', make_date(year(maand), 1, 1), interval 12 month)
    ) as t (periode_type, periode_start, lengte)
)

select p.periode_type, p.periode_start, p.periode_eind
from perioden as p
cross join grenzen as g
where p.periode_start >= g.eerste_leveringsmaand and p.periode_eind <= g.peildatum
