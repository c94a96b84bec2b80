-- Every CBS value in its latest release: a newer release restates older periods (release time, then load time).
-- regio_code is the region key mapped to the current gemeentecode (Nuth, Onderbanken, Schinnen -> Beekdaelen);
-- regio_code_bron keeps the key as published.
with laatste as (
    select *
    from {{ source('raw_cbs', 'cbs_waarden') }}
    qualify row_number() over (
        partition by tabel_id, onderwerp_key, regio_key, perioden_key, cast(dimensies as varchar)
        order by release desc, geladen_op desc, levering_id desc
    ) = 1
)

select
    w.tabel_id,
    w.onderwerp_key,
    w.onderwerp_titel,
    w.eenheid,
    trim(w.regio_key) as regio_code_bron,
    coalesce(m.gemeentecode, trim(w.regio_key)) as regio_code,
    trim(w.regio_titel) as regio_titel,
    w.perioden_key,
    w.perioden_type,
    w.jaar,
    w.periode_nummer,
    w.dimensies,
    w.dimensie_titels,
    w.waarde,
    w.status,
    w.release,
    w.levering_id
from laatste as w
left join {{ ref('int_gemeentecodes') }} as m
    on m.gemeentecode_bron = trim(w.regio_key)
