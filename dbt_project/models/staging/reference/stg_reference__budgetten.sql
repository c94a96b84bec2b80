{{ reference_with_overrides('budgetten', 'referentie_budgetten', ['gemeentecode', 'jaar', 'segment'], {
    'gemeentecode': 'varchar', 'jaar': 'integer', 'segment': 'varchar', 'lumpsum_eur': 'decimal(18,2)',
    'begrote_clienten_per_maand': 'double'}) }}
