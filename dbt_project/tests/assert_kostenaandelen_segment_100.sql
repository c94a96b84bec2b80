-- Segment cost shares sum to 100 per gemeente/region and period wherever TOTAAL costs are positive. Each share is
-- rounded to 1 decimal, so the sum may differ from 100 by at most 0.05 per segment.
select gemeentecode, periode_type, periode_start, sum(pct_kosten_segment) as som, count(*) as segmenten
from {{ ref('kpi_gemeente_segment') }}
where segment <> 'TOTAAL'
    and (gemeentecode, periode_type, periode_start) in (
        select (gemeentecode, periode_type, periode_start)
        from {{ ref('kpi_gemeente_segment') }}
        where segment = 'TOTAAL' and kosten_eur > 0
    )
group by all
having abs(sum(pct_kosten_segment) - 100) > 0.05 * count(*) + 0.0001
