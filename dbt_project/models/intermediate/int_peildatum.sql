-- The data date: last day of the latest accepted trajecten delivery month; also the first delivery month.
select
    last_day(max(leveringsmaand)) as peildatum,
    min(leveringsmaand) as eerste_leveringsmaand
from {{ ref('stg_provider__leveringen') }}
where soort = 'trajecten' and status = 'accepted'
