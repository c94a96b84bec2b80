-- datum_einde >= datum_aanvang for every trajectory (ingest rejects DATE_ORDER rows; this guards the model).
select traject_sleutel, datum_aanvang, datum_einde
from {{ ref('int_trajecten') }}
where datum_einde < datum_aanvang
