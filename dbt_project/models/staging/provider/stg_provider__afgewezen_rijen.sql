select
    levering_id,
    rij_nr,
    kolom,
    reden_code,
    melding,
    waarde
from {{ source('raw', 'afgewezen_rijen') }}
