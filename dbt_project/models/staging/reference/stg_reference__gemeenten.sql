{{ reference_with_overrides('gemeenten', 'referentie_gemeenten', ['gemeentecode'], {
    'gemeentecode': 'varchar', 'gemeentenaam': 'varchar', 'jeugdzorgregio': 'varchar', 'subregio': 'varchar',
    'geldig_van': 'date', 'geldig_tot': 'date', 'opvolger_code': 'varchar'}) }}
