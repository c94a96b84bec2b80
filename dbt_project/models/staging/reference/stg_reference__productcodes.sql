{{ reference_with_overrides('productcodes', 'referentie_productcodes', ['productcode'], {
    'productcode': 'varchar', 'omschrijving': 'varchar', 'segment': 'varchar', 'kwadrant': 'varchar',
    'hulpvorm': 'varchar', 'productcategorie': 'varchar', 'geldig_van': 'date', 'geldig_tot': 'date'}) }}
