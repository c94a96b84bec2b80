{{ kpi_incrementeel_config() }}
-- Own clients younger than 18 on 1 January who were in care during the year, per complete calendar year x area
-- (gemeente, jeugdzorgregio): the numerator of cbs_benchmark.pct_jeugdhulp_lokaal. Every trajectory x year is the
-- costly part of that mart, so it is incremental like the KPI parts: a build computes the years among the periods
-- of int_perioden_herberekening (not those recomputed for pct_nieuwe_start_6mnd only), and a month that completes
-- or changes no year reads no trajectory.
-- depends_on: {{ ref('int_perioden_herberekening') }}
with jaren as (
    select periode_type, periode_start, year(periode_start) as jaar
    from {{ te_berekenen_perioden() }}
    where periode_type = 'jaar'
),

gebieden as (
    {{ cbs_gebieden() }}
),

-- each trajectory once per year it is active in from the first to the last year computed, met by an equi-join
-- instead of a range join of every trajectory to every year (national: 3.3-3.9 s before, 1.9 s after); no rows
-- without a year to compute (an open end would otherwise run to 9999: least() ignores NULL)
jaren_van_trajecten as (
    select t.gemeentecode, t.client_sleutel, t.geboortedatum,
        unnest(generate_series(greatest(year(t.datum_aanvang), j.eerste),
                               least(year(coalesce(t.datum_einde, date '9999-12-31')), j.laatste))) as jaar
    from {{ ref('int_trajecten') }} as t
    cross join (select min(jaar) as eerste, max(jaar) as laatste from jaren having count(*) > 0) as j
)

select p.periode_type, p.periode_start, a.gebiedcode, count(distinct t.client_sleutel) as clienten
from jaren_van_trajecten as t
inner join jaren as p
    on p.jaar = t.jaar
inner join gebieden as a on a.gemeentecode = t.gemeentecode
where t.geboortedatum > p.periode_start - interval 18 year
group by all
